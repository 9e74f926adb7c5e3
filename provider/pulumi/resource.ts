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

  /** The ID of the Wickr network whose OIDC configuration was read: exactly 8 digits. */
  declare readonly networkId: pulumi.Output<string>;
  /**
   * The AWS region the network was read in: the `region` argument, else its fallbacks (stack config, AWS
   * environment, profile).
   */
  declare readonly region: pulumi.Output<string>;
  /**
   * The issuer URL of the identity provider, which serves as the base URL for OIDC endpoints and
   * configuration discovery. Always present; an empty string when the network has no OIDC configuration.
   */
  declare readonly issuer: pulumi.Output<string>;
  /**
   * The OAuth client ID assigned by the identity provider for authentication requests. Absent when not
   * configured.
   */
  declare readonly clientId: pulumi.Output<string | undefined>;
  /**
   * Custom identifier your end users will use to sign in with SSO. Always present; an empty string when the
   * network has no OIDC configuration.
   */
  declare readonly companyId: pulumi.Output<string>;
  /**
   * The OAuth scopes requested from the identity provider, which determine what user information is
   * accessible (e.g., 'openid profile email'). Always present; an empty string when the network has no OIDC
   * configuration.
   */
  declare readonly scopes: pulumi.Output<string>;
  /**
   * The name of the OIDC application as registered with the identity provider. Absent when not configured.
   */
  declare readonly applicationName: pulumi.Output<string | undefined>;
  /**
   * The OAuth client secret used to authenticate the application with the identity provider. Absent when not
   * configured. Secret: stored encrypted in Pulumi state and redacted from every message and log.
   */
  declare readonly clientSecret: pulumi.Output<string | undefined>;
  /**
   * An additional secret credential used by the identity provider for authentication. Absent when not
   * configured. Secret: stored encrypted in Pulumi state and redacted from every message and log.
   */
  declare readonly secret: pulumi.Output<string | undefined>;
  /**
   * The callback URL where the identity provider redirects users after successful authentication; it must be
   * registered with the identity provider. Absent when not configured.
   */
  declare readonly redirectUrl: pulumi.Output<string | undefined>;
  /**
   * The claim field from the OIDC token to use as the unique user identifier (e.g., 'email', 'sub', or a
   * custom claim). Absent when not configured.
   */
  declare readonly userId: pulumi.Output<string | undefined>;
  /**
   * A custom field mapping to extract the username from the OIDC token when the standard username claim is
   * insufficient. Absent when not configured.
   */
  declare readonly customUsername: pulumi.Output<string | undefined>;
  /**
   * The X.509 CA certificate for validating SSL/TLS connections to the identity provider when using
   * self-signed or enterprise certificates. Absent when not configured.
   */
  declare readonly caCertificate: pulumi.Output<string | undefined>;
  /**
   * The unique identifier for the registered OIDC application: an integer from 1 to 10. Absent when not
   * configured.
   */
  declare readonly applicationId: pulumi.Output<number | undefined>;
  /**
   * The grace period in minutes (an integer) before the SSO token expires when the system should proactively
   * refresh the token to maintain seamless user access. Absent when not configured.
   */
  declare readonly ssoTokenBufferMinutes: pulumi.Output<number | undefined>;
  /**
   * Additional authentication parameters to include in the OIDC authorization request as a query string, for
   * provider-specific extensions. Absent when not configured.
   */
  declare readonly extraAuthParams: pulumi.Output<string | undefined>;
  /**
   * The OAuth access token that can be used to access protected resources on behalf of the authenticated
   * user. Present only after a token exchange (a request with token parameters). Secret: stored encrypted in
   * Pulumi state and redacted from every message and log.
   */
  declare readonly accessToken: pulumi.Output<string | undefined>;
  /**
   * The OpenID Connect ID token containing user identity information and authentication context as a signed
   * JWT. Present only after a token exchange (a request with token parameters). Secret: stored encrypted in
   * Pulumi state and redacted from every message and log.
   */
  declare readonly idToken: pulumi.Output<string | undefined>;
  /**
   * The OAuth refresh token that can be used to obtain new access tokens without requiring the user to
   * re-authenticate. Present only after a token exchange (a request with token parameters). Secret: stored
   * encrypted in Pulumi state and redacted from every message and log.
   */
  declare readonly refreshToken: pulumi.Output<string | undefined>;
  /**
   * The type of access token issued, typically 'Bearer', which indicates how the token should be used in API
   * requests. Present only after a token exchange (a request with token parameters).
   */
  declare readonly tokenType: pulumi.Output<string | undefined>;
  /**
   * The lifetime of the access token in seconds (an integer), indicating when the token will expire and need
   * to be refreshed. Present only after a token exchange (a request with token parameters).
   */
  declare readonly expiresIn: pulumi.Output<number | undefined>;
  /**
   * The PKCE (Proof Key for Code Exchange) code verifier, a cryptographically random string used to enhance
   * security in the OAuth flow. Present only after a token exchange (a request with token parameters).
   * Secret: stored encrypted in Pulumi state and redacted from every message and log.
   */
  declare readonly codeVerifier: pulumi.Output<string | undefined>;
  /**
   * The PKCE code challenge, a transformed version of the code verifier sent during the authorization request
   * for verification. Present only after a token exchange (a request with token parameters).
   */
  declare readonly codeChallenge: pulumi.Output<string | undefined>;
  /**
   * The names of the OIDC settings that the last `pulumi refresh` found changed outside Pulumi and that no
   * update has recorded yet; empty after every create and update.
   */
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
    // Its own URN, so the provider's progress and drift messages land on this resource's row.
    props["__urn"] = pulumi.createUrn(name, WickrOidcInfo.__pulumiType, opts?.parent);
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
