/**
 * Request and response shapes of the Wickr Admin API `GetOidcInfo` operation (Smithy model
 * `com.amazonaws.wickr#WickrAdminApi`, API version 2024-02-01), with the API's own member names.
 */

/** The token-exchange members of a `GetOidcInfo` request. All are sent as query parameters. */
export interface OidcTokenRequest {
  /** OAuth client id for the token exchange. */
  clientId?: string;
  /** Authorization code. Single use: a code can be exchanged once. Sensitive. */
  code?: string;
  /** OAuth grant type, e.g. `authorization_code`. */
  grantType?: string;
  /** OAuth redirect URI the code was issued for. */
  redirectUri?: string;
  /** OIDC provider URL. */
  url?: string;
  /** OAuth client secret. Sensitive: it travels in the URL, so it is never logged. */
  clientSecret?: string;
  /** PKCE code verifier. Sensitive. */
  codeVerifier?: string;
  /** CA certificate for the identity provider. */
  certificate?: string;
}

/** A complete `GetOidcInfo` request. */
export interface GetOidcInfoRequest extends OidcTokenRequest {
  /** The Wickr network id: exactly 8 digits. */
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
  applicationName?: string;
  clientId?: string;
  companyId: string;
  scopes: string;
  issuer: string;
  /** Sensitive. */
  clientSecret?: string;
  /** Sensitive. */
  secret?: string;
  redirectUrl?: string;
  userId?: string;
  customUsername?: string;
  caCertificate?: string;
  /** Integer, 1–10. */
  applicationId?: number;
  ssoTokenBufferMinutes?: number;
  extraAuthParams?: string;
}

/** Tokens returned by a token exchange. */
export interface OidcTokenInfo {
  /** Sensitive (this project treats it as secret). */
  codeVerifier?: string;
  codeChallenge?: string;
  /** Sensitive. */
  accessToken?: string;
  /** Sensitive. */
  idToken?: string;
  /** Sensitive. */
  refreshToken?: string;
  tokenType?: string;
  /** Seconds. */
  expiresIn?: number;
}

/** The `GetOidcInfo` response. `tokenInfo` is present only when token parameters were sent. */
export interface GetOidcInfoResponse {
  openidConnectInfo?: OpenidConnectInfo;
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
