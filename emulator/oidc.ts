/**
 * `GET /networks/{networkId}/oidc` (GetOidcInfo): a network's OIDC settings, plus a token exchange
 * when the query carries an authorization `code`.
 */
import { NETWORK_ID_PATTERN, OIDC_FIELDS, type OpenidConnectInfo, type SeedNetwork } from "./seed";
import type { EmulatorState } from "./state";
import { exchangeCode } from "./token-exchange";
import { notFound, validationError } from "./wire-errors";

/**
 * Reject a `networkId` that breaks the model's `^[0-9]{8}$`.
 *
 * Answered as 422 `ValidationError` (not 400 `BadRequestError`): it is the modelled error for a
 * constraint violation and its `reasons` name the field, which is what a user needs to fix it.
 */
export function requireValidNetworkId(networkId: string | undefined): string {
  if (networkId === undefined || !NETWORK_ID_PATTERN.test(networkId)) {
    throw validationError([{ field: "networkId", reason: "must be exactly 8 digits (^[0-9]{8}$)" }]);
  }
  return networkId;
}

/** The network, or 404 `ResourceNotFoundError`. */
export function requireNetwork(state: EmulatorState, networkId: string): SeedNetwork {
  const network = state.findNetwork(networkId);
  if (!network) throw notFound(`Network ${networkId} not found`);
  return network;
}

/** Only the members that are set, in contract order (the service leaves unset members out). */
export function presentOidcInfo(info: OpenidConnectInfo): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const key of OIDC_FIELDS) {
    const value = info[key];
    if (value !== undefined) out[key] = value;
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
  query: Record<string, string>,
  now: number,
): GetOidcInfoResult {
  const networkId = requireValidNetworkId(networkIdLabel);
  const network = requireNetwork(state, networkId);
  const body: Record<string, unknown> = { openidConnectInfo: presentOidcInfo(network.openidConnectInfo) };
  if (query.code === undefined) return { body, tokenExchange: false };
  body.tokenInfo = exchangeCode(state, network, query, now);
  return { body, tokenExchange: true };
}
