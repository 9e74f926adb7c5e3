import { isWickrError } from "./errors";
import { header } from "./decode-error";
import { definedOnly } from "./defined";

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
  /** The whole call, waits included, never takes longer than this; 0 means no budget. */
  totalBudgetMs: number;
}

/**
 * Defaults chosen for a deployment tool. The AWS SDK default of 3 attempts gives up after about
 * a second of throttling, which fails a long `pulumi up` on a burst that a person would simply wait out.
 * Ten attempts with full jitter capped at 20 s ride out roughly a minute of throttling, and the
 * two-minute budget keeps a dead endpoint from stalling a deployment for longer than that.
 */
export const DEFAULT_RETRY_SETTINGS: Readonly<RetrySettings> = Object.freeze({
  maxAttempts: 10,
  baseDelayMs: 200,
  throttlingBaseDelayMs: 1000,
  maxDelayMs: 20_000,
  totalBudgetMs: 120_000,
});

/** Statuses that are retried whatever the error's name. */
export const RETRYABLE_STATUS_CODES: readonly number[] = [429, 500, 502, 503, 504];

/** Error names that mean "throttled": the service's own, and the AWS front door's. */
export const THROTTLING_ERROR_NAMES: readonly string[] = [
  "RateLimitError",
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
];

/** Local and front-door errors that are transient: the same request may well succeed. */
export const TRANSIENT_ERROR_NAMES: readonly string[] = [
  "InternalServerError",
  "TimeoutError",
  "NetworkError",
  "RequestTimeout",
  "RequestTimeoutException",
  "ServiceUnavailable",
];

/** True when the error is throttling. */
export function isThrottlingError(error: unknown): boolean {
  return isWickrError(error) && (THROTTLING_ERROR_NAMES.includes(error.name) || error.statusCode === 429);
}

/** True when the error may be retried: throttling, 5xx, network failures and attempt timeouts. */
export function isRetryableError(error: unknown): boolean {
  if (!isWickrError(error)) return false;
  if (isThrottlingError(error)) return true;
  if (error.statusCode !== undefined && RETRYABLE_STATUS_CODES.includes(error.statusCode)) return true;
  return TRANSIENT_ERROR_NAMES.includes(error.name);
}

/**
 * The wait the server asked for, in ms: `x-amz-retry-after` (milliseconds) wins over `Retry-After`
 * (delta-seconds or an HTTP date). Returns undefined when neither is present and parseable.
 */
export function parseRetryAfter(headers: Record<string, string>, nowMs: number): number | undefined {
  const amz = header(headers, "x-amz-retry-after");
  if (amz !== undefined && /^\s*\d+\s*$/.test(amz)) return Number(amz);
  const value = header(headers, "retry-after")?.trim();
  if (value === undefined || value === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/**
 * Exponential backoff with full jitter (AWS Architecture Blog, "Exponential Backoff And Jitter"):
 * a uniform random wait in [0, min(cap, base · 2^(retry−1))]. `retry` counts from 1.
 */
export function backoffDelay(retry: number, base: number, cap: number, random: () => number): number {
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** Applies defaults to user-supplied retry settings (ranges are checked by `retryFailures`). */
export function resolveRetrySettings(partial: Partial<RetrySettings> | undefined): RetrySettings {
  return { ...DEFAULT_RETRY_SETTINGS, ...definedOnly(partial) };
}
