/**
 * What a call tells its caller when it is about to wait long enough for a person to wonder why.
 */

/** Waits shorter than this are not reported: a person running `pulumi up` would not notice them. */
export const NOTICE_AFTER_MS = 1_000;

/** A wait a call is about to make (or is making). */
export type WaitNotice =
  | {
      /** Before a retry: the wait the retry plan chose (Retry-After, or backoff). */
      reason: "retry";
      waitMs: number;
      /** The attempt that follows the wait, from 2. */
      attempt: number;
      maxAttempts: number;
      /** What the failed attempt got, e.g. `RateLimitError (HTTP 429)`. Never a message: no values. */
      after: string;
    }
  | {
      /** Waiting for a turn from the throttle coordinator this endpoint's calls share. */
      reason: "turn";
      /** Calls waiting for a turn, this one included. */
      queued: number;
      /** The send rate the endpoint's calls share after the service's throttling, per second. */
      ratePerSecond: number;
      /** How long the shared cool-down (the service's Retry-After) still lasts; 0 when none. */
      coolDownLeftMs: number;
    };

/** Receives {@link WaitNotice}s; a throwing receiver is ignored. */
export type WaitListener = (notice: WaitNotice) => void;

/** The notice, told to `listener` without letting it break the call. */
export function tell(listener: WaitListener | undefined, notice: WaitNotice): void {
  try {
    listener?.(notice);
  } catch {
    // Progress is for people; it never changes what the call does.
  }
}

/** One line for a person: which network waits, why, and for how long. */
export function describeWait(networkId: string, notice: WaitNotice): string {
  const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
  if (notice.reason === "retry") {
    return `Wickr network ${networkId}: waiting ${seconds(notice.waitMs)} before attempt ${notice.attempt} of ${notice.maxAttempts} (the last one got ${notice.after})`;
  }
  const rate = notice.ratePerSecond < 10 ? notice.ratePerSecond.toFixed(1) : notice.ratePerSecond.toFixed(0);
  const coolDown =
    notice.coolDownLeftMs >= 100
      ? `, ${seconds(notice.coolDownLeftMs)} of the service's Retry-After left`
      : "";
  return `Wickr network ${networkId}: waiting for a turn, the service is throttling this endpoint (${notice.queued} calls queued, sent at ${rate}/s${coolDown})`;
}
