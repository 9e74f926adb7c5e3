import { header } from "./headers";
import type { WickrError } from "./errors";

/**
 * How far the local clock may be from the service's before the signing time is corrected. The AWS
 * SDKs use the same five minutes: it is what SigV4 tolerates (`@aws-sdk/core`,
 * `getUpdatedSystemClockOffset` / `isClockSkewed`).
 */
export const CLOCK_SKEW_THRESHOLD_MS = 5 * 60_000;

/**
 * The offset (service clock − local clock, ms) to sign with after a response: the new one when the
 * response's `Date` header shows the local clock, corrected by `currentOffset`, is off by
 * {@link CLOCK_SKEW_THRESHOLD_MS} or more; else `currentOffset`. Like the AWS SDKs, a response that
 * came from a cache (`Age` header) or has no parseable `Date` changes nothing.
 */
export function updatedClockOffset(
  headers: Record<string, string>,
  currentOffset: number,
  localNow: number,
): number {
  if (header(headers, "age") !== undefined) return currentOffset;
  const date = header(headers, "date");
  const serverTime = date === undefined ? Number.NaN : Date.parse(date);
  if (Number.isNaN(serverTime)) return currentOffset;
  return Math.abs(localNow + currentOffset - serverTime) >= CLOCK_SKEW_THRESHOLD_MS
    ? serverTime - localNow
    : currentOffset;
}

/** True for the errors a service answers a signature made at the wrong time with. */
export function isClockSkewError(error: WickrError): boolean {
  const { isClockSkewError: smithyIsClockSkewError } =
    require("@smithy/core/retry") as typeof import("@smithy/core/retry");
  return smithyIsClockSkewError({ name: error.name, $metadata: {} } as Parameters<
    typeof smithyIsClockSkewError
  >[0]);
}

/** "12.3 min ahead of" / "40 s behind" the service, for messages. */
export function describeOffset(offsetMs: number): string {
  const abs = Math.abs(offsetMs);
  const amount = abs >= 120_000 ? `${(abs / 60_000).toFixed(1)} min` : `${Math.round(abs / 1000)} s`;
  // offset = service − local: a positive offset means the local clock is behind.
  return `${amount} ${offsetMs > 0 ? "behind" : "ahead of"}`;
}
