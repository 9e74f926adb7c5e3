/**
 * The emulator's data model: what a seed file holds and what the emulator keeps in memory.
 *
 * Field names follow the Wickr Admin API contract (Smithy model `com.amazonaws.wickr#WickrAdminApi`) so that a seed
 * reads like a `GetOidcInfo` response, not like an internal structure.
 */

/** A network's OpenID Connect settings, as `GetOidcInfo` returns them in `openidConnectInfo`. */
export interface OpenidConnectInfo {
  applicationName?: string;
  clientId?: string;
  /** Required by the model, but may be `""` (a network without OIDC). */
  companyId: string;
  /** Required by the model, but may be `""`. */
  scopes: string;
  /** Required by the model, but may be `""`. */
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
  /** Integer. */
  ssoTokenBufferMinutes?: number;
  extraAuthParams?: string;
}

/** String members of {@link OpenidConnectInfo}, in contract order. */
export const OIDC_STRING_FIELDS = [
  "applicationName",
  "clientId",
  "companyId",
  "scopes",
  "issuer",
  "clientSecret",
  "secret",
  "redirectUrl",
  "userId",
  "customUsername",
  "caCertificate",
  "extraAuthParams",
] as const;

/** Integer members of {@link OpenidConnectInfo}. */
export const OIDC_INTEGER_FIELDS = ["applicationId", "ssoTokenBufferMinutes"] as const;

/** Every member of {@link OpenidConnectInfo}. */
export const OIDC_FIELDS: readonly (keyof OpenidConnectInfo)[] = [
  ...OIDC_STRING_FIELDS,
  ...OIDC_INTEGER_FIELDS,
];

/** What `GetOidcInfo` answers for a network that has no OIDC configured. */
export const EMPTY_OIDC_INFO: OpenidConnectInfo = { companyId: "", issuer: "", scopes: "" };

/** One Wickr network. */
export interface SeedNetwork {
  /** Exactly 8 digits. */
  networkId: string;
  openidConnectInfo: OpenidConnectInfo;
}

/** AWS credentials the emulator accepts, and who they belong to. */
export interface SeedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests must carry it in `x-amz-security-token`. */
  sessionToken?: string;
  /** ISO 8601; after it, requests fail with `ExpiredTokenException`. */
  expiresAt?: string;
  /** Principal ARN, used by `GetCallerIdentity` and in `ForbiddenError` messages. */
  arn: string;
  account: string;
  userId: string;
  /** Actions allowed, `*` wildcards allowed. Default `["wickr:*"]`. STS calls are never checked. */
  allow?: string[];
}

/** A role that `AssumeRole` can hand out credentials for. Any known caller may assume it. */
export interface SeedRole {
  arn: string;
  /** When set, `AssumeRole` must send the same `ExternalId`. */
  externalId?: string;
  /** Actions allowed to the assumed-role credentials. Default `["wickr:*"]`. */
  allow?: string[];
  /** Lifetime of issued credentials when the caller asks for none. Default 3600. */
  durationSeconds?: number;
}

/** Tokens a test can plant in a token exchange's answer (canaries). */
export interface SeedTokens {
  accessToken: string;
  idToken: string;
  refreshToken: string;
}

/** An OAuth authorization code that `GetOidcInfo` can exchange once. */
export interface SeedAuthorizationCode {
  networkId: string;
  code: string;
  clientId: string;
  /** When set, the exchange must send the same `redirectUri`. */
  redirectUri?: string;
  /** PKCE S256 challenge (base64url of the SHA-256 of the verifier). */
  codeChallenge?: string;
  /** Override the minted tokens. */
  tokens?: Partial<SeedTokens>;
}

/** The whole initial state of an emulator (also the JSON shape of a seed file). */
export interface Seed {
  credentials: SeedCredentials[];
  roles?: SeedRole[];
  networks: SeedNetwork[];
  authorizationCodes?: SeedAuthorizationCode[];
}

/** Actions allowed when a credential or role declares none. */
export const DEFAULT_ALLOW: readonly string[] = ["wickr:*"];

/** `GetOidcInfo`'s path label rule. */
export const NETWORK_ID_PATTERN = /^[0-9]{8}$/;
