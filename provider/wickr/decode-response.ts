import { cleanErrorName } from "./decode-error";
import { MalformedResponseError } from "./errors";
import {
  OPENID_CONNECT_INFO_FIELDS,
  TOKEN_INFO_FIELDS,
  type GetOidcInfoResponse,
  type OidcTokenInfo,
  type OpenidConnectInfo,
} from "./api-types";

/** The members of `openidConnectInfo` the API model marks required (they may still be empty strings). */
const REQUIRED_OPENID_CONNECT_INFO_FIELDS = ["companyId", "scopes", "issuer"] as const;

/**
 * Decodes a 2xx `GetOidcInfo` body strictly, because these values replace a stack's outputs: a body
 * without `openidConnectInfo`, or missing a member the model requires, or with a known member of the
 * wrong type, is a `MalformedResponseError` — never an empty result that would erase the outputs.
 * Nothing is invented: an absent optional member stays absent. Unknown members are dropped (the
 * service may add fields; the typed outputs are the model's). Messages name the member and the
 * expected type, never the value (it may be a secret).
 */
export function decodeGetOidcInfoResponse(body: string): GetOidcInfoResponse {
  let parsed: unknown;
  try {
    parsed = body.trim() === "" ? {} : JSON.parse(body);
  } catch {
    throw new MalformedResponseError(`response body is not JSON (${body.length} bytes)`);
  }
  if (!isRecord(parsed)) throw new MalformedResponseError("response body is not a JSON object");
  if (parsed["openidConnectInfo"] === undefined || parsed["openidConnectInfo"] === null) {
    throw new MalformedResponseError(`the response has no openidConnectInfo${looksLikeError(parsed)}`);
  }
  const info = pick(parsed["openidConnectInfo"], OPENID_CONNECT_INFO_FIELDS, "openidConnectInfo");
  const missing = REQUIRED_OPENID_CONNECT_INFO_FIELDS.filter((field) => info[field] === undefined);
  if (missing.length > 0) {
    throw new MalformedResponseError(
      `openidConnectInfo lacks the required member${missing.length > 1 ? "s" : ""} ${missing.join(", ")}`,
    );
  }
  const result: GetOidcInfoResponse = { openidConnectInfo: info as unknown as OpenidConnectInfo };
  if (parsed["tokenInfo"] !== undefined && parsed["tokenInfo"] !== null) {
    result.tokenInfo = pick(parsed["tokenInfo"], TOKEN_INFO_FIELDS, "tokenInfo") as OidcTokenInfo;
  }
  return result;
}

/** " (it looks like an error: NAME)" when a 2xx body carries an error's name, else "". */
function looksLikeError(body: Record<string, unknown>): string {
  const raw = [body["__type"], body["code"]].find((v): v is string => typeof v === "string" && v !== "");
  return raw === undefined ? "" : ` (it looks like an error: ${cleanErrorName(raw).slice(0, 100)})`;
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
