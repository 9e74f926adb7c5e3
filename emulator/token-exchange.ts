/**
 * The OAuth authorization-code exchange GetOidcInfo performs when given a `code`: the checks an IdP
 * makes (RFC 6749 §4.1.3, PKCE RFC 7636 §4.6) and JWT-shaped tokens a client can decode.
 *
 * Error messages use OAuth's error codes and never repeat a secret, a code or a verifier.
 */
import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import type { SeedNetwork } from "./seed";
import type { EmulatorState } from "./state";
import { badRequest, unauthorized } from "./wire-errors";

/** Lifetime of minted tokens, in seconds. */
export const TOKEN_LIFETIME_SECONDS = 3600;

/** GetOidcInfo's `tokenInfo`. */
export interface TokenInfo {
  codeVerifier?: string;
  codeChallenge?: string;
  accessToken: string;
  idToken: string;
  refreshToken: string;
  tokenType: string;
  expiresIn: number;
}

/** base64url(SHA-256(verifier)): the PKCE S256 transform. */
export function s256(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}

function sameSecret(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

const base64url = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString("base64url");

/** A compact HS256 JWT, signed with `key` so a test can verify it if it wants to. */
export function mintJwt(claims: Record<string, unknown>, key: string): string {
  const signingInput = `${base64url({ alg: "HS256", typ: "JWT", kid: "wickr-emulator" })}.${base64url(claims)}`;
  return `${signingInput}.${createHmac("sha256", key).update(signingInput).digest("base64url")}`;
}

/**
 * Exchange `query.code` for tokens, burning the code on success.
 *
 * @throws 400 `BadRequestError` (unsupported grant, unknown/used code, client id or redirect mismatch,
 *   PKCE failure) or 401 `UnauthorizedError` (wrong client secret).
 */
export function exchangeCode(
  state: EmulatorState,
  network: SeedNetwork,
  query: Record<string, string>,
  now: number,
): TokenInfo {
  if (query.grantType !== undefined && query.grantType !== "authorization_code") {
    throw badRequest("unsupported_grant_type: only authorization_code is supported");
  }
  const code = state.unusedCode(network.networkId, query.code ?? "");
  if (!code)
    throw badRequest("invalid_grant: the authorization code is invalid, expired, or was already used");
  if (query.clientId !== code.clientId) {
    throw badRequest("invalid_grant: the authorization code was issued to another client");
  }
  const info = network.openidConnectInfo;
  if (!sameSecret(query.clientSecret ?? "", info.clientSecret ?? "")) {
    throw unauthorized("invalid_client: client authentication failed");
  }
  if (code.redirectUri !== undefined && query.redirectUri !== code.redirectUri) {
    throw badRequest("invalid_grant: redirectUri does not match the authorization request");
  }
  if (code.codeChallenge !== undefined) {
    if (query.codeVerifier === undefined)
      throw badRequest("invalid_request: codeVerifier is required (PKCE)");
    if (s256(query.codeVerifier) !== code.codeChallenge) {
      throw badRequest("invalid_grant: PKCE verification failed (codeVerifier does not match codeChallenge)");
    }
  }
  state.markCodeUsed(network.networkId, code.code);
  const issuedAt = Math.floor(now / 1000);
  const common = { iss: info.issuer, aud: code.clientId, sub: `emulator-user-${network.networkId}` };
  const times = { iat: issuedAt, exp: issuedAt + TOKEN_LIFETIME_SECONDS, jti: randomUUID() };
  const key = info.clientSecret ?? "wickr-emulator";
  const challenge =
    code.codeChallenge ?? (query.codeVerifier !== undefined ? s256(query.codeVerifier) : undefined);
  return {
    ...(query.codeVerifier !== undefined ? { codeVerifier: query.codeVerifier } : {}),
    ...(challenge !== undefined ? { codeChallenge: challenge } : {}),
    accessToken: code.tokens?.accessToken ?? mintJwt({ ...common, ...times, scope: info.scopes }, key),
    idToken:
      code.tokens?.idToken ??
      mintJwt({ ...common, ...times, email: "demo.user@example.com", preferred_username: "demo.user" }, key),
    refreshToken: code.tokens?.refreshToken ?? `emulator-refresh-${randomBytes(24).toString("base64url")}`,
    tokenType: "Bearer",
    expiresIn: TOKEN_LIFETIME_SECONDS,
  };
}
