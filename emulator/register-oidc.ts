/**
 * `POST /networks/{networkId}/oidc/save` (RegisterOidcConfig) and `.../oidc/test` (RegisterOidcConfigTest):
 * how a network's OIDC settings change outside a Pulumi program, i.e. what drift looks like.
 */
import {
  INTEGER_RANGE,
  type InputMemberModel,
  type OperationModel,
  inputMembers,
  operationModel,
} from "./api-model";
import { presentMembers, requireNetwork, requireValidNetworkId } from "./oidc";
import type { OpenidConnectInfo } from "./seed";
import type { EmulatorState } from "./state";
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

const SAVE = operationModel("RegisterOidcConfig");
const TEST = operationModel("RegisterOidcConfigTest");

/** True when `value` has the wire type of `member` (integers within Smithy's 32-bit range and its own). */
function hasType(member: InputMemberModel, value: unknown): boolean {
  switch (member.type) {
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "integer": {
      const range = member.range ?? INTEGER_RANGE;
      return Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max;
    }
    case "long":
      return Number.isSafeInteger(value);
    default:
      return false; // No operation here takes a list or a structure in its body.
  }
}

function typeReason(member: InputMemberModel, value: unknown): string {
  if (member.type !== "integer" || !Number.isInteger(value)) return `must be ${article(member.type)}`;
  const range = member.range ?? INTEGER_RANGE;
  return `must be an integer from ${range.min} to ${range.max}`;
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

/**
 * The operation's body members, checked against the model: one 422 `ValidationError` lists every missing
 * required member and every member of the wrong type; a required member sent empty is a 400
 * `BadRequestError`, as the model's examples document ("Company ID is required"). Members the
 * operation does not take are dropped, as the service ignores unknown members; `null` counts as absent.
 */
export function readBodyInput(operation: OperationModel, body: Body): Body {
  const members = inputMembers(operation, "body");
  const present = (name: string): boolean => body[name] !== undefined && body[name] !== null;
  const reasons: ValidationReason[] = members
    .filter((member) => member.required && !present(member.name))
    .map(({ name }) => ({ field: name, reason: "is required" }));
  for (const member of members) {
    const value = body[member.name];
    if (present(member.name) && !hasType(member, value)) {
      reasons.push({ field: member.name, reason: typeReason(member, value) });
    }
  }
  if (reasons.length > 0) throw validationError(reasons);
  const blank = members.find((member) => member.required && body[member.name] === "");
  if (blank) throw badRequest(blank.blankMessage ?? `${blank.name} is a required field`);
  return Object.fromEntries(members.filter((m) => present(m.name)).map((m) => [m.name, body[m.name]]));
}

/**
 * Store `update`; a value the emulator's data model refuses (e.g. a negative `ssoTokenBufferMinutes`)
 * is the caller's error, a 422 naming the field, never a 500.
 */
function store(state: EmulatorState, networkId: string, update: Body): OpenidConnectInfo {
  try {
    return state.registerOidcConfig(networkId, update as Partial<OpenidConnectInfo>);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== "SeedError") throw error;
    const field = String((error as Error & { field?: unknown }).field ?? "").replace(/^.*\./, "");
    const reason = error.message.split(`.${field}: `)[1] ?? "is not accepted";
    throw validationError([{ field, reason }]);
  }
}

/**
 * Serve RegisterOidcConfig: merge the sent members into the stored settings (members not sent keep
 * their value; members the operation does not take, like `clientSecret`, are ignored as the service
 * ignores unknown members) and answer the resulting settings (`RegisterOidcConfigResponse`).
 *
 * @throws 422 `ValidationError` with `reasons`, 400 on a non-JSON body or an empty required member,
 *   404 for an unknown network.
 */
export function registerOidcConfig(
  state: EmulatorState,
  networkIdLabel: string | undefined,
  raw: Buffer,
): Body {
  const networkId = requireValidNetworkId(networkIdLabel, SAVE);
  const update = readBodyInput(SAVE, parseJsonBody(raw));
  requireNetwork(state, networkId);
  return presentMembers(SAVE.output, store(state, networkId, update));
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
  const networkId = requireValidNetworkId(networkIdLabel, TEST);
  const body = readBodyInput(TEST, parseJsonBody(raw));
  requireNetwork(state, networkId);
  const issuer = String(body.issuer).replace(/\/+$/, "");
  if (!URL.canParse(issuer) || !issuer.startsWith("https://")) {
    throw badRequest("Unable to discover the identity provider: issuer must be an https URL");
  }
  const scopes = new Set(["openid", ...String(body.scopes).split(/\s+/).filter(Boolean)]);
  return presentMembers(TEST.output, {
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
  });
}
