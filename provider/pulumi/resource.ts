import * as pulumi from "@pulumi/pulumi";
import { definedOnly } from "../util/defined";
import { wickrOidcInfoProvider } from "./dynamic-provider";
import { ALL_OUTPUT_FIELDS } from "./resource-outputs";
import { secretSettingNames, withConfigFallbacks } from "./stack-config";
import type { ConnectionSettingsArgs, WickrOidcInfoArgs } from "./resource-args";
import { SECRET_OUTPUT_FIELDS } from "../wickr/sensitive-fields";

/** Outputs the engine must store encrypted: the sensitive response fields and the token request. */
export const WICKR_OIDC_INFO_SECRET_OUTPUTS: readonly string[] = [...SECRET_OUTPUT_FIELDS, "tokenRequest"];

/**
 * A Wickr network's OpenID Connect (SSO) settings, read with the Wickr Admin API `GetOidcInfo`.
 *
 * It behaves as a data source: nothing is created in AWS. Every `pulumi up` and `pulumi preview` reads
 * the settings once and reports a change when they differ from the stack's outputs (drift);
 * `pulumi refresh` updates the outputs; `pulumi destroy` makes no call. `clientSecret`, `secret`,
 * `accessToken`, `idToken`, `refreshToken` and `codeVerifier` are always secret outputs.
 *
 * Connection settings left unset fall back to stack config (`wickr:region`, `wickr:endpoint`,
 * `wickr:profile`, `wickr:roleArn`, then `aws:region` / `aws:profile`) and then to the AWS
 * environment. Credentials come from the AWS default chain at run time and are never stored.
 *
 * @example
 * const sso = new WickrOidcInfo("sso", { networkId: "12345678", region: "us-east-1" });
 * export const issuer = sso.issuer;
 * export const clientSecret = sso.clientSecret; // shown as [secret]
 */
export class WickrOidcInfo extends pulumi.dynamic.Resource {
  /** The resource's type token, as the engine and the state name it. */
  static readonly __pulumiType = "pulumi-nodejs:dynamic/wickr:WickrOidcInfo";

  /**
   * Reads an existing network's OIDC settings by id, as a resource that Pulumi does not manage: it is
   * read on every `preview` and `up`, never updated, replaced or deleted, and it reports no drift (it
   * has no earlier outputs to compare with). Connection settings left out fall back to stack config
   * and the AWS environment, as for `new WickrOidcInfo`.
   *
   * @param name The unique name of the resulting resource.
   * @param id The 8-digit Wickr network id.
   * @param state Connection settings for the read (`region`, `endpoint`, `profile`, …); optional.
   * @param opts Resource options; `id` is set from the `id` argument.
   * @example
   * const sso = WickrOidcInfo.get("sso", "12345678");
   * export const issuer = sso.issuer;
   */
  static get(
    name: string,
    id: pulumi.Input<string>,
    state?: ConnectionSettingsArgs,
    opts?: pulumi.CustomResourceOptions,
  ): WickrOidcInfo {
    return new WickrOidcInfo(name, { ...state, networkId: id }, { ...opts, id });
  }

  /**
   * Whether `obj` is a `WickrOidcInfo`, also when it was created by another copy of this package
   * (it compares the type token, as Pulumi's generated resources do).
   */
  static override isInstance(obj: unknown): obj is WickrOidcInfo {
    if (obj === undefined || obj === null) return false;
    return (obj as Record<string, unknown>)["__pulumiType"] === WickrOidcInfo.__pulumiType;
  }

  declare readonly networkId: pulumi.Output<string>;
  /** The region the network was read in, after fallbacks. */
  declare readonly region: pulumi.Output<string>;
  declare readonly issuer: pulumi.Output<string>;
  declare readonly clientId: pulumi.Output<string | undefined>;
  declare readonly companyId: pulumi.Output<string>;
  declare readonly scopes: pulumi.Output<string>;
  declare readonly applicationName: pulumi.Output<string | undefined>;
  /** Secret. */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /** Secret. */
  declare readonly secret: pulumi.Output<string | undefined>;
  declare readonly redirectUrl: pulumi.Output<string | undefined>;
  declare readonly userId: pulumi.Output<string | undefined>;
  declare readonly customUsername: pulumi.Output<string | undefined>;
  declare readonly caCertificate: pulumi.Output<string | undefined>;
  declare readonly applicationId: pulumi.Output<number | undefined>;
  declare readonly ssoTokenBufferMinutes: pulumi.Output<number | undefined>;
  declare readonly extraAuthParams: pulumi.Output<string | undefined>;
  /** Secret. Present after a token exchange. */
  declare readonly accessToken: pulumi.Output<string | undefined>;
  /** Secret. Present after a token exchange. */
  declare readonly idToken: pulumi.Output<string | undefined>;
  /** Secret. Present after a token exchange. */
  declare readonly refreshToken: pulumi.Output<string | undefined>;
  declare readonly tokenType: pulumi.Output<string | undefined>;
  declare readonly expiresIn: pulumi.Output<number | undefined>;
  /** Secret. Present after a token exchange. */
  declare readonly codeVerifier: pulumi.Output<string | undefined>;
  declare readonly codeChallenge: pulumi.Output<string | undefined>;
  /** Settings the last `pulumi refresh` found changed outside Pulumi; empty after every update. */
  declare readonly driftedFields: pulumi.Output<string[]>;

  constructor(name: string, args: WickrOidcInfoArgs, opts?: pulumi.CustomResourceOptions) {
    const resolved = withConfigFallbacks(args);
    const props: Record<string, unknown> = {};
    for (const field of ALL_OUTPUT_FIELDS) props[field] = undefined;
    Object.assign(props, definedOnly(resolved));
    // The whole token request is stored encrypted, even when its members were given as plain strings.
    if (resolved.tokenRequest !== undefined) props["tokenRequest"] = pulumi.secret(resolved.tokenRequest);
    // Names only: which settings are secrets, so the provider keeps their values out of its messages.
    props["secretConnectionSettings"] = secretSettingNames(resolved);
    super(
      wickrOidcInfoProvider,
      name,
      props,
      pulumi.mergeOptions(opts, { additionalSecretOutputs: [...WICKR_OIDC_INFO_SECRET_OUTPUTS] }),
      "wickr",
      "WickrOidcInfo",
    );
  }
}
