/**
 * Validation of each kind of seed item (network, OIDC settings, credentials, role, authorization code).
 * Used for whole seeds and for items added to a running emulator, so both get the same checks.
 */
import { INTEGER_RANGE } from "./api-model";
import {
  type JsonObject,
  join,
  readInteger,
  readObject,
  readString,
  readStringArray,
  readTimestamp,
  requireString,
} from "./seed-fields";
import {
  NETWORK_ID_PATTERN,
  OIDC_FIELDS,
  OIDC_STRING_FIELDS,
  type OpenidConnectInfo,
  type SeedAuthorizationCode,
  type SeedCredentials,
  type SeedNetwork,
  type SeedRole,
} from "./seed";

const NETWORK_ID = { pattern: NETWORK_ID_PATTERN, expected: "exactly 8 digits" };
const ARN = { pattern: /^arn:aws[a-z-]*:/, expected: "an ARN (arn:aws:...)" };
/** Members of a network item. */
export const NETWORK_KEYS = ["networkId", "openidConnectInfo"];
/** Members of a role item. */
export const ROLE_KEYS = ["arn", "externalId", "allow", "durationSeconds"];
/** Members of a credentials item. */
export const CREDENTIAL_KEYS = [
  "accessKeyId",
  "secretAccessKey",
  "sessionToken",
  "expiresAt",
  "arn",
  "account",
  "userId",
  "allow",
];
/** Members of an authorization code item. */
export const CODE_KEYS = ["networkId", "code", "clientId", "redirectUri", "codeChallenge", "tokens"];
const BASE64URL_SHA256 = {
  pattern: /^[A-Za-z0-9_-]{43}$/,
  expected: "a base64url SHA-256 digest (43 chars)",
};

/** Drop `undefined` members so that copies compare and serialize cleanly. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Validate an {@link OpenidConnectInfo} object found at `path`. */
export function readOidcInfo(value: unknown, path: string): OpenidConnectInfo {
  const obj = readObject(value, path, OIDC_FIELDS);
  const info: Record<string, unknown> = {};
  for (const key of OIDC_STRING_FIELDS) info[key] = readString(obj, key, path);
  for (const key of ["companyId", "scopes", "issuer"]) requireString(obj, key, path);
  info.applicationId = readInteger(obj, "applicationId", path, 1, 10);
  info.ssoTokenBufferMinutes = readInteger(obj, "ssoTokenBufferMinutes", path, 0, INTEGER_RANGE.max);
  return defined(info) as unknown as OpenidConnectInfo;
}

/** Validate a network item at `path`. */
export function readNetwork(obj: JsonObject, path: string): SeedNetwork {
  return {
    networkId: requireString(obj, "networkId", path, NETWORK_ID),
    openidConnectInfo: readOidcInfo(obj.openidConnectInfo, join(path, "openidConnectInfo")),
  };
}

/** Validate a credentials item at `path`. */
export function readCredentials(obj: JsonObject, path: string): SeedCredentials {
  return defined({
    accessKeyId: requireString(obj, "accessKeyId", path, {
      pattern: /^[A-Z0-9]{16,128}$/,
      expected: "an access key id",
    }),
    secretAccessKey: requireString(obj, "secretAccessKey", path),
    sessionToken: readString(obj, "sessionToken", path),
    expiresAt: readTimestamp(obj, "expiresAt", path),
    arn: requireString(obj, "arn", path, ARN),
    account: requireString(obj, "account", path, {
      pattern: /^[0-9]{12}$/,
      expected: "a 12-digit account id",
    }),
    userId: requireString(obj, "userId", path),
    allow: readStringArray(obj, "allow", path),
  });
}

/** Validate a role item at `path`. */
export function readRole(obj: JsonObject, path: string): SeedRole {
  return defined({
    arn: requireString(obj, "arn", path, {
      pattern: /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/.+/,
      expected: "a role ARN",
    }),
    externalId: readString(obj, "externalId", path),
    allow: readStringArray(obj, "allow", path),
    durationSeconds: readInteger(obj, "durationSeconds", path, 900, 43200),
  });
}

/** Validate an authorization code item at `path`. */
export function readCode(obj: JsonObject, path: string): SeedAuthorizationCode {
  const tokensPath = join(path, "tokens");
  const tokens =
    obj.tokens === undefined
      ? undefined
      : readObject(obj.tokens, tokensPath, ["accessToken", "idToken", "refreshToken"]);
  return defined({
    networkId: requireString(obj, "networkId", path, NETWORK_ID),
    code: requireString(obj, "code", path),
    clientId: requireString(obj, "clientId", path),
    redirectUri: readString(obj, "redirectUri", path),
    codeChallenge: readString(obj, "codeChallenge", path, BASE64URL_SHA256),
    tokens:
      tokens &&
      defined({
        accessToken: readString(tokens, "accessToken", tokensPath),
        idToken: readString(tokens, "idToken", tokensPath),
        refreshToken: readString(tokens, "refreshToken", tokensPath),
      }),
  });
}

/** Validate one network (for `Emulator.addNetwork`). */
export function validateNetwork(value: unknown): SeedNetwork {
  return readNetwork(readObject(value, "network", NETWORK_KEYS), "network");
}

/** Validate one set of credentials (for `Emulator.addCredentials`). */
export function validateCredentials(value: unknown): SeedCredentials {
  return readCredentials(readObject(value, "credentials", CREDENTIAL_KEYS), "credentials");
}

/** Validate one authorization code (for `Emulator.addAuthorizationCode`). */
export function validateAuthorizationCode(value: unknown): SeedAuthorizationCode {
  return readCode(readObject(value, "authorizationCode", CODE_KEYS), "authorizationCode");
}
