import * as pulumi from "@pulumi/pulumi";

/** The outputs the consumer takes from the producer stack. Secret ones arrive secret. */
export const CONSUMED_OUTPUTS = [
  "networkId",
  "issuer",
  "clientId",
  "scopes",
  "redirectUrl",
  "clientSecret",
  "secret",
] as const;

/**
 * Reads another stack's WickrOidcInfo outputs through a StackReference, as a team that owns an
 * application would consume the platform team's SSO settings.
 *
 * Config: `producerStack` — the fully qualified name of the basic stack, e.g. `organization/wickr-oidc-basic/dev`.
 */
export function consumerProgram(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const producer = new pulumi.StackReference(config.require("producerStack"));
  const outputs: Record<string, pulumi.Output<unknown>> = {};
  for (const name of CONSUMED_OUTPUTS) outputs[name] = producer.getOutput(name);
  // Something an application would build from them: the issuer's discovery document URL.
  outputs["discoveryUrl"] =
    pulumi.interpolate`${producer.getOutput("issuer")}/.well-known/openid-configuration`;
  return outputs;
}
