import { header } from "../wickr/headers";
import { MAX_TIMER_MS } from "../wickr/limits";

/**
 * The wait the server asked for, in ms: `x-amz-retry-after` (milliseconds) wins over `Retry-After`
 * (delta-seconds or an HTTP date, RFC 9110 §10.2.3). Returns undefined when neither is present and
 * parseable. Bounded below Node's timer limit.
 */
export function parseRetryAfter(headers: Record<string, string>, nowMs: number): number | undefined {
  const amz = header(headers, "x-amz-retry-after");
  if (amz !== undefined && /^\s*\d+\s*$/.test(amz)) return boundedWait(Number(amz));
  const value = header(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return boundedWait(Math.round(Number(value) * 1000));
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : boundedWait(Math.max(0, date - nowMs));
}

/** A wait the server asked for, kept below Node's timer limit (a longer timer would fire at once). */
function boundedWait(ms: number): number {
  return Number.isFinite(ms) ? Math.min(ms, MAX_TIMER_MS) : MAX_TIMER_MS;
}
