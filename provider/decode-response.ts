import { MalformedResponseError } from "./errors";
import {
  OPENID_CONNECT_INFO_FIELDS,
  TOKEN_INFO_FIELDS,
  type GetOidcInfoResponse,
  type OidcTokenInfo,
  type OpenidConnectInfo,
} from "./types";

/**
 * Decodes a 2xx `GetOidcInfo` body strictly: every known member must have its modelled type. Unknown
 * members are dropped (the service may add fields; the typed outputs are the model's). Messages name
 * the member and the expected type, never the value (it may be a secret).
 */
export function decodeGetOidcInfoResponse(body: string): GetOidcInfoResponse {
  let parsed: unknown;
  try {
    parsed = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    throw new MalformedResponseError(`response body is not JSON (${body.length} bytes)`);
  }
  if (!isRecord(parsed)) throw new MalformedResponseError("response body is not a JSON object");
  const result: GetOidcInfoResponse = {};
  if (parsed["openidConnectInfo"] !== undefined && parsed["openidConnectInfo"] !== null) {
    const info = pick(parsed["openidConnectInfo"], OPENID_CONNECT_INFO_FIELDS, "openidConnectInfo");
    result.openidConnectInfo = { companyId: "", issuer: "", scopes: "", ...info } as OpenidConnectInfo;
  }
  if (parsed["tokenInfo"] !== undefined && parsed["tokenInfo"] !== null) {
    result.tokenInfo = pick(parsed["tokenInfo"], TOKEN_INFO_FIELDS, "tokenInfo") as OidcTokenInfo;
  }
  return result;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function pick(
  value: unknown,
  fields: Record<string, "string" | "integer">,
  where: string,
): Record<string, unknown> {
  if (!isRecord(value)) throw new MalformedResponseError(`${where} is not a JSON object`);
  const out: Record<string, unknown> = {};
  for (const [name, type] of Object.entries(fields)) {
    const v = value[name];
    if (v === undefined || v === null) continue;
    const ok = type === "string" ? typeof v === "string" : typeof v === "number" && Number.isInteger(v);
    if (!ok)
      throw new MalformedResponseError(
        `${where}.${name} should be ${type === "string" ? "a string" : "an integer"}`,
      );
    out[name] = v;
  }
  return out;
}
