import type { WickrError } from "../wickr/errors";
import type { RetrySettings } from "./retry-policy";
import { isThrottlingError } from "./retryable-errors";

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * a uniform random wait in [0, min(cap, base · 2^(retry−1))]. `retry` counts from 1.
 */
export function backoffDelay(retry: number, base: number, cap: number, random: () => number): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** What the wait before the next attempt depends on. */
export interface WaitInputs {
  /** The failed attempt's error; its `retryAfterMs` is the server's `Retry-After`, when it sent one. */
  error: WickrError;
  /** The failed attempt's number, from 1: the backoff's ceiling doubles with it. */
  attemptNumber: number;
  /** The failed attempt's answer corrected the clock offset. */
  clockCorrected: boolean;
  /** A throttle coordinator orders this client's requests (`throttling.coordinate`). */
  coordinated: boolean;
  settings: Pick<RetrySettings, "baseDelayMs" | "throttlingBaseDelayMs" | "maxDelayMs">;
  /** Uniform in [0, 1), for the jitter. */
  random: () => number;
}

/**
 * The client's own wait before the next attempt, in ms — the one place it is computed:
 * 1. After a clock correction, none: the request was refused at the front door for its time, and
 *    signed at the corrected time it may go at once.
 * 2. Throttled, with coordination, none of its own: the coordinator's shared cool-down (which
 *    honours `Retry-After`) and its send rate decide when the next turn comes.
 * 3. The server's `Retry-After` / `x-amz-retry-after`, when it sent one.
 * 4. Else full-jitter backoff ({@link backoffDelay}) from `throttlingBaseDelayMs` for throttling, from
 *    `baseDelayMs` for the rest, capped at `maxDelayMs`.
 *
 * With coordination, the next attempt also waits out what is left of the shared cool-down (in the
 * coordinator's queue); `planRetry` checks the longer of the two against the deadline.
 */
export function retryWait(inputs: WaitInputs): number {
  const { error, settings } = inputs;
  if (inputs.clockCorrected) return 0;
  const throttled = isThrottlingError(error);
  if (inputs.coordinated && throttled) return 0;
  const asked = (error as { retryAfterMs?: number }).retryAfterMs;
  if (asked !== undefined) return asked;
  const base = throttled ? settings.throttlingBaseDelayMs : settings.baseDelayMs;
  return backoffDelay(inputs.attemptNumber, base, settings.maxDelayMs, inputs.random);
}
