/**
 * Request and response shapes of the Wickr Admin API `GetOidcInfo` operation (Smithy model
 * `com.amazonaws.wickr#WickrAdminApi`, API version 2024-02-01), with the API's own member names.
 */

/** The token-exchange members of a `GetOidcInfo` request. All are sent as query parameters. */
export interface OidcTokenRequest {
  /** The OAuth client ID for retrieving access tokens (optional). */
  clientId?: string;
  /**
   * The authorization code for retrieving access tokens (optional). Single use: a code can be exchanged once.
   * Secret: redacted from every message and log (it travels in the URL), and stored encrypted in Pulumi state
   * as part of `tokenRequest`.
   */
  code?: string;
  /** The OAuth grant type for retrieving access tokens (optional), e.g. `authorization_code`. */
  grantType?: string;
  /** The redirect URI for the OAuth flow (optional): the one the authorization code was issued for. */
  redirectUri?: string;
  /** The URL for the OIDC provider (optional). */
  url?: string;
  /**
   * The OAuth client secret for retrieving access tokens (optional). Secret: redacted from every message and
   * log (it travels in the URL), and stored encrypted in Pulumi state as part of `tokenRequest`.
   */
  clientSecret?: string;
  /**
   * The PKCE code verifier for enhanced security in the OAuth flow (optional). Secret: redacted from every
   * message and log (it travels in the URL), and stored encrypted in Pulumi state as part of `tokenRequest`.
   */
  codeVerifier?: string;
  /** The CA certificate for secure communication with the OIDC provider (optional). */
  certificate?: string;
}

/** A complete `GetOidcInfo` request. */
export interface GetOidcInfoRequest extends OidcTokenRequest {
  /** The ID of the Wickr network whose OIDC configuration will be retrieved: exactly 8 digits. */
  networkId: string;
}

/** The names of the query members, in the order they are sent. */
export const TOKEN_REQUEST_FIELDS = [
  "clientId",
  "code",
  "grantType",
  "redirectUri",
  "url",
  "clientSecret",
  "codeVerifier",
  "certificate",
] as const satisfies readonly (keyof OidcTokenRequest)[];

/** A network's OpenID Connect settings. "Required" members may still be empty strings. */
export interface OpenidConnectInfo {
  /**
   * The name of the OIDC application as registered with the identity provider. Absent when not configured.
   */
  applicationName?: string;
  /**
   * The OAuth client ID assigned by the identity provider for authentication requests. Absent when not
   * configured.
   */
  clientId?: string;
  /**
   * Custom identifier your end users will use to sign in with SSO. Always present; an empty string when the
   * network has no OIDC configuration.
   */
  companyId: string;
  /**
   * The OAuth scopes requested from the identity provider, which determine what user information is
   * accessible (e.g., 'openid profile email'). Always present; an empty string when the network has no OIDC
   * configuration.
   */
  scopes: string;
  /**
   * The issuer URL of the identity provider, which serves as the base URL for OIDC endpoints and
   * configuration discovery. Always present; an empty string when the network has no OIDC configuration.
   */
  issuer: string;
  /**
   * The OAuth client secret used to authenticate the application with the identity provider. Absent when not
   * configured. Secret: stored encrypted in Pulumi state and redacted from every message and log.
   */
  clientSecret?: string;
  /**
   * An additional secret credential used by the identity provider for authentication. Absent when not
   * configured. Secret: stored encrypted in Pulumi state and redacted from every message and log.
   */
  secret?: string;
  /**
   * The callback URL where the identity provider redirects users after successful authentication; it must be
   * registered with the identity provider. Absent when not configured.
   */
  redirectUrl?: string;
  /**
   * The claim field from the OIDC token to use as the unique user identifier (e.g., 'email', 'sub', or a
   * custom claim). Absent when not configured.
   */
  userId?: string;
  /**
   * A custom field mapping to extract the username from the OIDC token when the standard username claim is
   * insufficient. Absent when not configured.
   */
  customUsername?: string;
  /**
   * The X.509 CA certificate for validating SSL/TLS connections to the identity provider when using
   * self-signed or enterprise certificates. Absent when not configured.
   */
  caCertificate?: string;
  /**
   * The unique identifier for the registered OIDC application: an integer from 1 to 10. Absent when not
   * configured.
   */
  applicationId?: number;
  /**
   * The grace period in minutes (an integer) before the SSO token expires when the system should proactively
   * refresh the token to maintain seamless user access. Absent when not configured.
   */
  ssoTokenBufferMinutes?: number;
  /**
   * Additional authentication parameters to include in the OIDC authorization request as a query string, for
   * provider-specific extensions. Absent when not configured.
   */
  extraAuthParams?: string;
}

/** Tokens returned by a token exchange. */
export interface OidcTokenInfo {
  /**
   * The PKCE (Proof Key for Code Exchange) code verifier, a cryptographically random string used to enhance
   * security in the OAuth flow. Present only after a token exchange (a request with token parameters).
   * Secret: stored encrypted in Pulumi state and redacted from every message and log.
   */
  codeVerifier?: string;
  /**
   * The PKCE code challenge, a transformed version of the code verifier sent during the authorization request
   * for verification. Present only after a token exchange (a request with token parameters).
   */
  codeChallenge?: string;
  /**
   * The OAuth access token that can be used to access protected resources on behalf of the authenticated
   * user. Present only after a token exchange (a request with token parameters). Secret: stored encrypted in
   * Pulumi state and redacted from every message and log.
   */
  accessToken?: string;
  /**
   * The OpenID Connect ID token containing user identity information and authentication context as a signed
   * JWT. Present only after a token exchange (a request with token parameters). Secret: stored encrypted in
   * Pulumi state and redacted from every message and log.
   */
  idToken?: string;
  /**
   * The OAuth refresh token that can be used to obtain new access tokens without requiring the user to
   * re-authenticate. Present only after a token exchange (a request with token parameters). Secret: stored
   * encrypted in Pulumi state and redacted from every message and log.
   */
  refreshToken?: string;
  /**
   * The type of access token issued, typically 'Bearer', which indicates how the token should be used in API
   * requests. Present only after a token exchange (a request with token parameters).
   */
  tokenType?: string;
  /**
   * The lifetime of the access token in seconds (an integer), indicating when the token will expire and need
   * to be refreshed. Present only after a token exchange (a request with token parameters).
   */
  expiresIn?: number;
}

/** The `GetOidcInfo` response. `tokenInfo` is present only when token parameters were sent. */
export interface GetOidcInfoResponse {
  /**
   * The OpenID Connect configuration information for the network, including issuer, client ID, scopes, and
   * other SSO settings. Always present: a response without it is rejected as malformed.
   */
  openidConnectInfo?: OpenidConnectInfo;
  /**
   * OAuth token information including access token, refresh token, and expiration details (only present if
   * token parameters were provided in the request).
   */
  tokenInfo?: OidcTokenInfo;
}

/** The string and integer members of each response structure, used to decode responses strictly. */
export const OPENID_CONNECT_INFO_FIELDS = {
  applicationName: "string",
  clientId: "string",
  companyId: "string",
  scopes: "string",
  issuer: "string",
  clientSecret: "string",
  secret: "string",
  redirectUrl: "string",
  userId: "string",
  customUsername: "string",
  caCertificate: "string",
  applicationId: "integer",
  ssoTokenBufferMinutes: "integer",
  extraAuthParams: "string",
} as const satisfies Record<keyof OpenidConnectInfo, "string" | "integer">;

/** See {@link OPENID_CONNECT_INFO_FIELDS}. */
export const TOKEN_INFO_FIELDS = {
  codeVerifier: "string",
  codeChallenge: "string",
  accessToken: "string",
  idToken: "string",
  refreshToken: "string",
  tokenType: "string",
  expiresIn: "integer",
} as const satisfies Record<keyof OidcTokenInfo, "string" | "integer">;
