import { pickDefined } from "../util/defined";
import { pickConnectionSettings } from "../wickr/connection-settings";
import {
  OPENID_CONNECT_INFO_FIELDS,
  TOKEN_INFO_FIELDS,
  TOKEN_REQUEST_FIELDS,
  type GetOidcInfoResponse,
  type OidcTokenInfo,
  type OidcTokenRequest,
  type OpenidConnectInfo,
} from "../wickr/api-types";
import type { WickrOidcInfoInputs, WickrOidcInfoOutputs } from "./resource-args";
import { SPENT_CODES_OUTPUT } from "./spent-codes";

/** The names of the OIDC settings outputs (the fields of `openidConnectInfo`). */
export const CONFIG_OUTPUT_FIELDS = Object.keys(OPENID_CONNECT_INFO_FIELDS) as (keyof OpenidConnectInfo)[];
/** The names of the token outputs (the fields of `tokenInfo`). */
export const TOKEN_OUTPUT_FIELDS = Object.keys(TOKEN_INFO_FIELDS) as (keyof OidcTokenInfo)[];
/** Every output the resource declares. */
export const ALL_OUTPUT_FIELDS = [
  ...CONFIG_OUTPUT_FIELDS,
  ...TOKEN_OUTPUT_FIELDS,
  "networkId",
  "region",
  "driftedFields",
] as const;

/**
 * Builds the resource's outputs: plain JSON, no `undefined` (the engine rejects it), response fields at
 * top level so each secret one can be named in `additionalSecretOutputs`. Tokens come from the
 * response when it has them, else from `previousTokens` (tokens obtained earlier stay). `spentCodes`, the
 * digests of codes that may have been used (`spent-codes.ts`), are carried from output to output.
 */
export function buildOutputs(
  inputs: WickrOidcInfoInputs,
  region: string,
  response: GetOidcInfoResponse,
  previousTokens: OidcTokenInfo = {},
  driftedFields: readonly string[] = [],
  spentCodes: readonly string[] = [],
): WickrOidcInfoOutputs {
  const out: Record<string, unknown> = {
    ...pickConnectionSettings(inputs),
    ...pickDefined(response.openidConnectInfo ?? {}, CONFIG_OUTPUT_FIELDS),
    ...pickDefined(response.tokenInfo ?? previousTokens, TOKEN_OUTPUT_FIELDS),
  };
  out["networkId"] = inputs.networkId;
  out["region"] = region;
  out["driftedFields"] = [...driftedFields];
  if (inputs.tokenRequest !== undefined) out["tokenRequest"] = inputs.tokenRequest;
  if (inputs.secretConnectionSettings?.length)
    out["secretConnectionSettings"] = inputs.secretConnectionSettings;
  if (inputs.__urn !== undefined) out["__urn"] = inputs.__urn;
  if (spentCodes.length > 0) out[SPENT_CODES_OUTPUT] = [...spentCodes];
  return out as unknown as WickrOidcInfoOutputs;
}

/**
 * True when stored outputs hold the network's settings; false for the record a failed token exchange
 * leaves (`spent-codes.ts`), which holds only where to read and the code's digest. `issuer` is one of
 * the members the API model requires, so every read gives it.
 */
export function hasSettings(outputs: Partial<WickrOidcInfoOutputs>): boolean {
  return typeof outputs.issuer === "string";
}

/** The token fields of stored outputs. */
export function tokensOf(outputs: Partial<WickrOidcInfoOutputs>): OidcTokenInfo {
  const tokens: Record<string, unknown> = {};
  for (const field of TOKEN_OUTPUT_FIELDS) if (outputs[field] !== undefined) tokens[field] = outputs[field];
  return tokens as OidcTokenInfo;
}

/** The OIDC settings fields whose value differs between stored outputs and a fresh read. */
export function changedConfigFields(
  outputs: Partial<WickrOidcInfoOutputs>,
  fresh: GetOidcInfoResponse,
): string[] {
  const info: Partial<OpenidConnectInfo> = fresh.openidConnectInfo ?? {};
  return CONFIG_OUTPUT_FIELDS.filter((field) => (outputs[field] ?? undefined) !== (info[field] ?? undefined));
}

/**
 * True when two token requests ask for the same exchange: the same defined members (a missing
 * request is the same as an empty one). A different one means a new exchange is due.
 */
export function sameTokenRequest(a: OidcTokenRequest | undefined, b: OidcTokenRequest | undefined): boolean {
  const x = pickDefined(a ?? {}, TOKEN_REQUEST_FIELDS);
  const y = pickDefined(b ?? {}, TOKEN_REQUEST_FIELDS);
  return TOKEN_REQUEST_FIELDS.every((f) => x[f] === y[f]);
}
