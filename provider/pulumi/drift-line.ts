import { scrubSecrets } from "../wickr/redact";
import { isSensitiveField, SECRET_OUTPUT_FIELDS, SENSITIVE_REQUEST_FIELDS } from "../wickr/sensitive-fields";
import type { GetOidcInfoResponse } from "../wickr/api-types";
import type { WickrOidcInfoOutputs } from "./resource-args";

/** Longer values are cut: a CA certificate would fill the screen. */
const MAX_SHOWN = 60;

/**
 * The drift line a person reads: which network, which settings changed, and for each plain one its
 * stored and its current value (`issuer "https://a" → "https://b"`). Secret settings are named with
 * `(secret, value hidden)` and their values never shown; every known secret value is also scrubbed
 * from the plain ones, in any encoding, in case an endpoint copied one there.
 */
export function driftLine(
  networkId: string,
  fields: readonly string[],
  stored: Partial<WickrOidcInfoOutputs>,
  fresh: GetOidcInfoResponse,
): string {
  const current: Record<string, unknown> = { ...fresh.openidConnectInfo };
  const before = stored as Record<string, unknown>;
  const secrets = [
    ...SECRET_OUTPUT_FIELDS.flatMap((f) => [before[f], current[f]]),
    ...SENSITIVE_REQUEST_FIELDS.map((f) => stored.tokenRequest?.[f]),
    // Connection settings given as secrets (a secret endpoint, say).
    ...(stored.secretConnectionSettings ?? []).map((f) => before[f]),
  ].filter((v): v is string => typeof v === "string");
  const shown = fields.map((field) =>
    isSensitiveField(field)
      ? `${field} (secret, value hidden)`
      : `${field} ${valueOf(before[field], secrets)} → ${valueOf(current[field], secrets)}`,
  );
  return `WickrOidcInfo: the OIDC settings of Wickr network ${networkId} changed outside Pulumi: ${shown.join(", ")}`;
}

/** A value as JSON (quoted, newlines escaped), cut to {@link MAX_SHOWN} characters; `(none)` when absent. */
function valueOf(value: unknown, secrets: readonly string[]): string {
  if (value === undefined || value === null) return "(none)";
  const text = scrubSecrets(JSON.stringify(value), secrets);
  return text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN - 1)}…` : text;
}
