import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into state (twice per resource) and sends with every RPC.
 * It holds no state and no captured values: each method loads the implementation by package name in
 * the provider process. That keeps the serialized text to a few hundred bytes, keeps credentials and
 * SDK objects out of state (pulumi/pulumi#8265, #13960), and lets `refresh` and `destroy` run the
 * installed version of the package rather than code frozen into state.
 *
 * The package must therefore be resolvable as `pulumi-wickr-oidc` from the Pulumi project directory,
 * which is what `npm install pulumi-wickr-oidc` gives.
 */
export const wickrOidcInfoProvider: pulumi.dynamic.ResourceProvider = {
  check: (olds, news) => require("pulumi-wickr-oidc/provider-host").check(olds, news),
  diff: (id, olds, news) => require("pulumi-wickr-oidc/provider-host").diff(id, olds, news),
  create: (inputs) => require("pulumi-wickr-oidc/provider-host").create(inputs),
  update: (id, olds, news) => require("pulumi-wickr-oidc/provider-host").update(id, olds, news),
  read: (id, props) => require("pulumi-wickr-oidc/provider-host").read(id, props),
  delete: () => require("pulumi-wickr-oidc/provider-host").remove(),
};
