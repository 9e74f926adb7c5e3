/**
 * `GET /networks/{networkId}/oidc` (GetOidcInfo): a network's OIDC settings, plus a token exchange
 * when the query carries an authorization `code`. Which members are read and answered comes from the
 * API model table (`api-model.ts`).
 */
import {
  type MemberModel,
  OIDC_CONFIG_INFO,
  OIDC_TOKEN_INFO,
  type OperationModel,
  inputMembers,
  operationModel,
} from "./api-model";
import type { OpenidConnectInfo, SeedNetwork } from "./seed";
import type { EmulatorState } from "./state";
import { exchangeCode } from "./token-exchange";
import { notFound, validationError } from "./wire-errors";

const GET_OIDC_INFO = operationModel("GetOidcInfo");

/**
 * Reject a `networkId` label that breaks the model's pattern (`^[0-9]{8}$`).
 *
 * Answered as 422 `ValidationError` (not 400 `BadRequestError`): it is the modelled error for a
 * constraint violation and its `reasons` name the field, which is what a user needs to fix it.
 */
export function requireValidNetworkId(
  networkId: string | undefined,
  operation: OperationModel = GET_OIDC_INFO,
): string {
  const pattern = inputMembers(operation, "label").find((m) => m.name === "networkId")?.pattern;
  if (networkId === undefined || (pattern !== undefined && !pattern.test(networkId))) {
    const reason = `must be exactly 8 digits (${pattern?.source ?? ""})`;
    throw validationError([{ field: "networkId", reason }]);
  }
  return networkId;
}

/** The network, or 404 `ResourceNotFoundError`. */
export function requireNetwork(state: EmulatorState, networkId: string): SeedNetwork {
  const network = state.findNetwork(networkId);
  if (!network) throw notFound(`Network ${networkId} not found`);
  return network;
}

/**
 * The members of `value` that `members` (a shape of the model) lists and that are set, in model order:
 * the service leaves unset members out, and never answers one its model does not have.
 */
export function presentMembers(
  members: readonly MemberModel[],
  value: object,
): Record<string, string | number | boolean | string[]> {
  const source = value as Record<string, unknown>;
  const out: Record<string, string | number | boolean | string[]> = {};
  for (const { name } of members) {
    const member = source[name];
    if (member !== undefined && member !== null) out[name] = member as string | number | boolean | string[];
  }
  return out;
}

/** A network's settings as `OidcConfigInfo` (also the body of RegisterOidcConfig's answer). */
export function presentOidcInfo(info: OpenidConnectInfo): Record<string, string | number> {
  return presentMembers(OIDC_CONFIG_INFO, info) as Record<string, string | number>;
}

/** The query members GetOidcInfo takes; anything else in the query is ignored, as the service does. */
function modelledQuery(query: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { name } of inputMembers(GET_OIDC_INFO, "query")) {
    const value = query[name];
    if (value !== undefined) out[name] = value;
  }
  return out;
}

/** The answer of GetOidcInfo and whether it was a token exchange. */
export interface GetOidcInfoResult {
  body: Record<string, unknown>;
  tokenExchange: boolean;
}

/** Serve GetOidcInfo. @throws `WireError` 422, 404, or the token exchange's 400/401. */
export function getOidcInfo(
  state: EmulatorState,
  networkIdLabel: string | undefined,
  rawQuery: Record<string, string>,
  now: number,
): GetOidcInfoResult {
  const networkId = requireValidNetworkId(networkIdLabel, GET_OIDC_INFO);
  const network = requireNetwork(state, networkId);
  const query = modelledQuery(rawQuery);
  const body: Record<string, unknown> = { openidConnectInfo: presentOidcInfo(network.openidConnectInfo) };
  if (query.code === undefined) return { body, tokenExchange: false };
  body.tokenInfo = presentMembers(OIDC_TOKEN_INFO, exchangeCode(state, network, query, now));
  return { body, tokenExchange: true };
}
