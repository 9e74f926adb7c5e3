/**
 * THE description of every field the client and the resource expose: the `GetOidcInfo` request and
 * response members, the resource's own outputs, and the connection settings. A schema for a provider
 * plugin is meant to be generated from this table; the doc comments of the TypeScript types repeat it
 * (TSDoc cannot import), and `tests/unit/field-docs.test.ts` checks that each doc comment starts with
 * its field's description here, that the table covers exactly the fields of those types, and that the
 * descriptions of secret fields — and only those — say so ("Secret: …").
 *
 * The API members' descriptions are the official model's own documentation, kept word for word where
 * it is clear, with what it leaves out added: units, integer ranges, when a member is absent:
 * aws/aws-sdk-js-v3 `codegen/sdk-codegen/aws-models/wickr.json`, commit
 * 568cfb25942ccc319f02d03acabd34e399a1e75a (Smithy model `com.amazonaws.wickr#WickrAdminApi`, version
 * 2024-02-01), shapes `GetOidcInfoRequest` (and `NetworkId`'s pattern), `GetOidcInfoResponse`,
 * `OidcConfigInfo` and `OidcTokenInfo` — the same text as the TSDoc of the generated client,
 * `clients/client-wickr/src/models/models_0.ts` at commit d105e0efbabeebec5ce8383f79a2b0b696b47920.
 *
 * Which fields are secret is decided by `sensitive-fields.ts` alone: `SENSITIVE_REQUEST_FIELDS` for
 * the request members, `SECRET_OUTPUT_FIELDS` for the response members (the resource's outputs).
 */
import type { GetOidcInfoRequest, GetOidcInfoResponse, OidcTokenInfo, OpenidConnectInfo } from "./api-types";
import type { ConnectionSettings } from "./connection-settings";

/** The outputs the resource adds to the response's members. */
export type ResourceOutputField = "networkId" | "region" | "driftedFields";

/** Descriptions by where the field lives; the same name may appear in several groups. */
export interface FieldDocs {
  /** `GetOidcInfoRequest`: the network id (path) and the token-exchange members (query). */
  readonly request: Readonly<Record<keyof GetOidcInfoRequest, string>>;
  /** `GetOidcInfoResponse`: its two structures. */
  readonly response: Readonly<Record<keyof GetOidcInfoResponse, string>>;
  /** `OidcConfigInfo` (the response's `openidConnectInfo`): the resource's settings outputs. */
  readonly openidConnectInfo: Readonly<Record<keyof OpenidConnectInfo, string>>;
  /** `OidcTokenInfo` (the response's `tokenInfo`): the resource's token outputs. */
  readonly tokenInfo: Readonly<Record<keyof OidcTokenInfo, string>>;
  /** The resource's outputs that are not response members. */
  readonly resource: Readonly<Record<ResourceOutputField, string>>;
  /** `ConnectionSettings`: where and how the API is called (client options, resource arguments). */
  readonly connection: Readonly<Record<keyof ConnectionSettings, string>>;
}

/** The sentence that ends the description of a secret request member. */
const SECRET_REQUEST =
  "Secret: redacted from every message and log (it travels in the URL), and stored encrypted in Pulumi state as part of `tokenRequest`.";
/** The sentence that ends the description of a secret response member (output). */
const SECRET_OUTPUT = "Secret: stored encrypted in Pulumi state and redacted from every message and log.";
/** When an optional `OidcConfigInfo` member is absent. */
const OPTIONAL_SETTING = "Absent when not configured.";
/** When a required `OidcConfigInfo` member is empty. */
const REQUIRED_SETTING = "Always present; an empty string when the network has no OIDC configuration.";
/** When the `OidcTokenInfo` members are present. */
const AFTER_EXCHANGE = "Present only after a token exchange (a request with token parameters).";

const request = {
  networkId: "The ID of the Wickr network whose OIDC configuration will be retrieved: exactly 8 digits.",
  clientId: "The OAuth client ID for retrieving access tokens (optional).",
  code: `The authorization code for retrieving access tokens (optional). Single use: a code can be exchanged once. ${SECRET_REQUEST}`,
  grantType: "The OAuth grant type for retrieving access tokens (optional), e.g. `authorization_code`.",
  redirectUri:
    "The redirect URI for the OAuth flow (optional): the one the authorization code was issued for.",
  url: "The URL for the OIDC provider (optional).",
  clientSecret: `The OAuth client secret for retrieving access tokens (optional). ${SECRET_REQUEST}`,
  codeVerifier: `The PKCE code verifier for enhanced security in the OAuth flow (optional). ${SECRET_REQUEST}`,
  certificate: "The CA certificate for secure communication with the OIDC provider (optional).",
} satisfies FieldDocs["request"];

const response = {
  openidConnectInfo:
    "The OpenID Connect configuration information for the network, including issuer, client ID, scopes, and other SSO settings. Always present: a response without it is rejected as malformed.",
  tokenInfo:
    "OAuth token information including access token, refresh token, and expiration details (only present if token parameters were provided in the request).",
} satisfies FieldDocs["response"];

const openidConnectInfo = {
  applicationName: `The name of the OIDC application as registered with the identity provider. ${OPTIONAL_SETTING}`,
  clientId: `The OAuth client ID assigned by the identity provider for authentication requests. ${OPTIONAL_SETTING}`,
  companyId: `Custom identifier your end users will use to sign in with SSO. ${REQUIRED_SETTING}`,
  scopes: `The OAuth scopes requested from the identity provider, which determine what user information is accessible (e.g., 'openid profile email'). ${REQUIRED_SETTING}`,
  issuer: `The issuer URL of the identity provider, which serves as the base URL for OIDC endpoints and configuration discovery. ${REQUIRED_SETTING}`,
  clientSecret: `The OAuth client secret used to authenticate the application with the identity provider. ${OPTIONAL_SETTING} ${SECRET_OUTPUT}`,
  secret: `An additional secret credential used by the identity provider for authentication. ${OPTIONAL_SETTING} ${SECRET_OUTPUT}`,
  redirectUrl: `The callback URL where the identity provider redirects users after successful authentication; it must be registered with the identity provider. ${OPTIONAL_SETTING}`,
  userId: `The claim field from the OIDC token to use as the unique user identifier (e.g., 'email', 'sub', or a custom claim). ${OPTIONAL_SETTING}`,
  customUsername: `A custom field mapping to extract the username from the OIDC token when the standard username claim is insufficient. ${OPTIONAL_SETTING}`,
  caCertificate: `The X.509 CA certificate for validating SSL/TLS connections to the identity provider when using self-signed or enterprise certificates. ${OPTIONAL_SETTING}`,
  applicationId: `The unique identifier for the registered OIDC application: an integer from 1 to 10. ${OPTIONAL_SETTING}`,
  ssoTokenBufferMinutes: `The grace period in minutes (an integer) before the SSO token expires when the system should proactively refresh the token to maintain seamless user access. ${OPTIONAL_SETTING}`,
  extraAuthParams: `Additional authentication parameters to include in the OIDC authorization request as a query string, for provider-specific extensions. ${OPTIONAL_SETTING}`,
} satisfies FieldDocs["openidConnectInfo"];

const tokenInfo = {
  codeVerifier: `The PKCE (Proof Key for Code Exchange) code verifier, a cryptographically random string used to enhance security in the OAuth flow. ${AFTER_EXCHANGE} ${SECRET_OUTPUT}`,
  codeChallenge: `The PKCE code challenge, a transformed version of the code verifier sent during the authorization request for verification. ${AFTER_EXCHANGE}`,
  accessToken: `The OAuth access token that can be used to access protected resources on behalf of the authenticated user. ${AFTER_EXCHANGE} ${SECRET_OUTPUT}`,
  idToken: `The OpenID Connect ID token containing user identity information and authentication context as a signed JWT. ${AFTER_EXCHANGE} ${SECRET_OUTPUT}`,
  refreshToken: `The OAuth refresh token that can be used to obtain new access tokens without requiring the user to re-authenticate. ${AFTER_EXCHANGE} ${SECRET_OUTPUT}`,
  tokenType: `The type of access token issued, typically 'Bearer', which indicates how the token should be used in API requests. ${AFTER_EXCHANGE}`,
  expiresIn: `The lifetime of the access token in seconds (an integer), indicating when the token will expire and need to be refreshed. ${AFTER_EXCHANGE}`,
} satisfies FieldDocs["tokenInfo"];

const resource = {
  networkId: "The ID of the Wickr network whose OIDC configuration was read: exactly 8 digits.",
  region:
    "The AWS region the network was read in: the `region` argument, else its fallbacks (stack config, AWS environment, profile).",
  driftedFields:
    "The names of the OIDC settings that the last `pulumi refresh` found changed outside Pulumi and that no update has recorded yet; empty after every create and update.",
} satisfies FieldDocs["resource"];

const connection = {
  region:
    "The AWS region of the network, e.g. `us-east-1`. Default: for the resource, stack config `wickr:region` or `aws:region`; then `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's region.",
  endpoint:
    "A custom endpoint URL for the Wickr Admin API (VPC endpoint, proxy, local emulator). Default: for the resource, stack config `wickr:endpoint`; then `AWS_ENDPOINT_URL_WICKR`, `AWS_ENDPOINT_URL`, then the regional endpoint.",
  profile:
    "The named profile of the shared AWS config and credentials files. Default: for the resource, stack config `wickr:profile` or `aws:profile`; then `AWS_PROFILE`, then `default`.",
  roleArn:
    "The ARN of an IAM role to assume with STS before calling Wickr. Default: for the resource, stack config `wickr:roleArn`; else no role is assumed.",
  externalId: "The external ID to give STS when assuming `roleArn`.",
  useFipsEndpoint: "Use the FIPS endpoint. Default: `AWS_USE_FIPS_ENDPOINT`, else false.",
  useDualstackEndpoint:
    "Use the dual-stack (IPv6) endpoint. Default: `AWS_USE_DUALSTACK_ENDPOINT`, else false.",
  stsEndpoint:
    "A custom STS endpoint URL for assume-role and the caller-identity hint. Default: `AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, then the SDK's.",
  retry:
    "How a failed call is retried: `maxAttempts` (an integer from 1 to 100, the first attempt included; default 10) and, in milliseconds, `baseDelayMs`, `throttlingBaseDelayMs`, `maxDelayMs` and `totalBudgetMs` (default 120 000; 0 means no budget). Unset members keep their defaults (`DEFAULT_RETRY_SETTINGS`).",
  timeoutMs: "The time limit of one HTTP attempt, in milliseconds (1 to 2 147 483 647). Default: 30 000.",
  throttling:
    "How requests share the service's rate limit: `coordinate` (default true), `maxConcurrency` (an integer of 1 or more; default 16) and the adaptive rate's `minRatePerSecond`, `decreaseFactor` and `increasePerSecond`. Unset members keep their defaults (`DEFAULT_THROTTLING_SETTINGS`).",
} satisfies FieldDocs["connection"];

/** The descriptions. Each is plain text with Markdown code spans, one to three sentences. */
export const FIELD_DOCS: FieldDocs = Object.freeze({
  request: Object.freeze(request),
  response: Object.freeze(response),
  openidConnectInfo: Object.freeze(openidConnectInfo),
  tokenInfo: Object.freeze(tokenInfo),
  resource: Object.freeze(resource),
  connection: Object.freeze(connection),
});
