import { isClockSkewError } from "../wickr/clock-skew";
import { definedOnly } from "../util/defined";
import type { WickrError } from "../wickr/errors";
import { isNotSentError } from "../wickr/send-attempt";
import { isRetryableError, isThrottlingError } from "./retryable-errors";

/** How a request is retried. Every field has a default; see {@link DEFAULT_RETRY_SETTINGS}. */
export interface RetrySettings {
  /** Attempts in all, the first included. */
  maxAttempts: number;
  /** Base of the exponential backoff for server errors and network failures, in ms. */
  baseDelayMs: number;
  /** Base of the exponential backoff for throttling (429), in ms. */
  throttlingBaseDelayMs: number;
  /** No single wait is longer than this (unless the service's `Retry-After` asks for more). */
  maxDelayMs: number;
  /**
   * A hard deadline for the whole call, waits and attempts included: no attempt outlives it, and no wait
   * is begun that would end after it. While it is set, throttled attempts (429) do not count against
   * `maxAttempts` — a throttled call waits its turn until the budget runs out. 0 means no budget (then
   * throttled attempts count too).
   */
  totalBudgetMs: number;
}

/**
 * Defaults chosen for a deployment tool. The AWS SDK default of 3 attempts gives up after about
 * a second of throttling, which fails a long `pulumi up` on a burst that a person would simply wait out.
 * Here throttling is waited out for as long as the two-minute budget lasts (throttled attempts do not
 * use up `maxAttempts`); ten attempts cover other transient failures (5xx, resets, timeouts); and the
 * budget is a hard deadline, so a dead endpoint never stalls a deployment for longer than that. A
 * connection that cannot be made at all (refused, unknown host) is retried at most
 * {@link MAX_CONNECT_RETRIES} times.
 */
export const DEFAULT_RETRY_SETTINGS: Readonly<RetrySettings> = Object.freeze({
  maxAttempts: 10,
  baseDelayMs: 200,
  throttlingBaseDelayMs: 1000,
  maxDelayMs: 20_000,
  totalBudgetMs: 120_000,
});

/** Applies defaults to user-supplied retry settings (ranges are checked by `retryFailures`). */
export function resolveRetrySettings(partial: Partial<RetrySettings> | undefined): RetrySettings {
  return { ...DEFAULT_RETRY_SETTINGS, ...definedOnly(partial) };
}

/**
 * At most this many retries after a connection that could not be made at all (refused, unknown host,
 * unreachable network): a wrong or dead endpoint fails in about a second instead of after the budget.
 */
export const MAX_CONNECT_RETRIES = 2;

/** What is known about one failed attempt when deciding whether to try again. */
export interface FailedAttempt {
  error: WickrError;
  /** The request carries a single-use authorization code. */
  singleUse: boolean;
  /** The answer's `Date` header changed the clock offset the request was signed with. */
  clockCorrected: boolean;
  /** Failed connections so far in this call, this one included. */
  connectFailures: number;
  /** Retries already made because of a clock correction in this call. */
  clockRetries: number;
  /** Throttled attempts do not count against `maxAttempts` (true while a budget is set). */
  throttlingSparesAttempts: boolean;
}

/** Why a call stops retrying before its attempts run out. */
export type StopReason = "final" | "single-use" | "unreachable" | "clock-skew";

/** The decision after a failed attempt. */
export type RetryVerdict = { retry: true; consumesAttempt: boolean } | { retry: false; reason: StopReason };

/**
 * Whether to try again after a failed attempt — the one place that decides it, and pure:
 * 1. A signature refused for its time, whose answer corrected the clock offset: once (it was refused
 *    at the front door, so even a single-use code was not used).
 * 2. Anything not retryable ({@link isRetryableError}): stop.
 * 3. A single-use code is sent again only when the request provably never reached the service:
 *    throttled (429), or no connection was made.
 * 4. A connection that cannot be made: at most {@link MAX_CONNECT_RETRIES} retries.
 * 5. Throttling waits its turn without using up an attempt while a budget bounds it.
 *
 * How long to wait is `retryWait`'s business, and whether the budget allows it the `Deadline`'s.
 */
export function decideRetry(attempt: FailedAttempt): RetryVerdict {
  const { error } = attempt;
  if (isClockSkewError(error) && attempt.clockCorrected) {
    return attempt.clockRetries === 0
      ? { retry: true, consumesAttempt: true }
      : { retry: false, reason: "clock-skew" };
  }
  if (!isRetryableError(error)) return { retry: false, reason: "final" };
  const throttled = isThrottlingError(error);
  if (attempt.singleUse && !throttled && !isNotSentError(error))
    return { retry: false, reason: "single-use" };
  if (isNotSentError(error) && attempt.connectFailures > MAX_CONNECT_RETRIES)
    return { retry: false, reason: "unreachable" };
  return { retry: true, consumesAttempt: !(throttled && attempt.throttlingSparesAttempts) };
}
