/**
 * `POST /networks/{networkId}/oidc/save` (RegisterOidcConfig) and `.../oidc/test` (RegisterOidcConfigTest):
 * how a network's OIDC settings change outside a Pulumi program, i.e. what drift looks like.
 */
import type { OpenidConnectInfo } from "./seed";
import type { EmulatorState } from "./state";
import { presentOidcInfo, requireNetwork, requireValidNetworkId } from "./oidc";
import { type ValidationReason, badRequest, validationError } from "./wire-errors";

type Body = Record<string, unknown>;

/** Parse a JSON object body (an empty body is `{}`). @throws 400 `BadRequestError`. */
export function parseJsonBody(body: Buffer): Body {
  if (body.length === 0) return {};
  let json: unknown;
  try {
    json = JSON.parse(body.toString("utf8"));
  } catch {
    throw badRequest("Request body is not valid JSON");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw badRequest("Request body must be a JSON object");
  }
  return json as Body;
}

/** Check member types; collects every problem so one 422 lists them all. */
function check(
  body: Body,
  required: string[],
  optional: string[],
  integers: string[] = [],
): ValidationReason[] {
  const reasons: ValidationReason[] = [];
  for (const field of required) {
    if (body[field] === undefined || body[field] === null) reasons.push({ field, reason: "is required" });
  }
  for (const field of [...required, ...optional]) {
    const value = body[field];
    if (value !== undefined && value !== null && typeof value !== "string") {
      reasons.push({ field, reason: "must be a string" });
    }
  }
  for (const field of integers) {
    const value = body[field];
    if (value !== undefined && value !== null && !Number.isInteger(value)) {
      reasons.push({ field, reason: "must be an integer" });
    }
  }
  return reasons;
}

const SAVE_OPTIONAL = ["customUsername", "extraAuthParams", "secret", "userId"];

/**
 * Serve RegisterOidcConfig: merge the sent members into the stored settings (members not sent keep
 * their value; members the operation does not take, like `clientSecret`, are ignored as the service
 * ignores unknown members) and answer the resulting settings.
 *
 * @throws 422 `ValidationError` with `reasons`, 400 on a non-JSON body, 404 for an unknown network.
 */
export function registerOidcConfig(
  state: EmulatorState,
  networkIdLabel: string | undefined,
  raw: Buffer,
): Body {
  const networkId = requireValidNetworkId(networkIdLabel);
  const body = parseJsonBody(raw);
  const reasons = check(body, ["companyId", "issuer", "scopes"], SAVE_OPTIONAL, ["ssoTokenBufferMinutes"]);
  if (reasons.length > 0) throw validationError(reasons);
  requireNetwork(state, networkId);
  const update: Partial<OpenidConnectInfo> = {};
  for (const key of ["companyId", "issuer", "scopes", ...SAVE_OPTIONAL, "ssoTokenBufferMinutes"] as const) {
    const value = body[key];
    if (value !== undefined && value !== null) Object.assign(update, { [key]: value });
  }
  return presentOidcInfo(state.registerOidcConfig(networkId, update));
}

/**
 * Serve RegisterOidcConfigTest: pretend to fetch the IdP's discovery document and answer the endpoints
 * it would list. Nothing is stored.
 */
export function registerOidcConfigTest(
  state: EmulatorState,
  networkIdLabel: string | undefined,
  raw: Buffer,
): Body {
  const networkId = requireValidNetworkId(networkIdLabel);
  const body = parseJsonBody(raw);
  const reasons = check(body, ["issuer", "scopes"], ["extraAuthParams", "certificate"]);
  if (reasons.length > 0) throw validationError(reasons);
  requireNetwork(state, networkId);
  const issuer = String(body.issuer).replace(/\/+$/, "");
  if (!URL.canParse(issuer) || !issuer.startsWith("https://")) {
    throw badRequest("Unable to discover the identity provider: issuer must be an https URL");
  }
  const scopes = new Set(["openid", ...String(body.scopes).split(/\s+/).filter(Boolean)]);
  return {
    issuer,
    authorizationEndpoint: `${issuer}/protocol/openid-connect/auth`,
    tokenEndpoint: `${issuer}/protocol/openid-connect/token`,
    userinfoEndpoint: `${issuer}/protocol/openid-connect/userinfo`,
    endSessionEndpoint: `${issuer}/protocol/openid-connect/logout`,
    logoutEndpoint: `${issuer}/protocol/openid-connect/logout`,
    revocationEndpoint: `${issuer}/protocol/openid-connect/revoke`,
    scopesSupported: [...scopes],
    responseTypesSupported: ["code"],
    grantTypesSupported: ["authorization_code", "refresh_token"],
    tokenEndpointAuthMethodsSupported: ["client_secret_basic", "client_secret_post"],
    microsoftMultiRefreshToken: false,
  };
}
