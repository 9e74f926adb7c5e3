/**
 * Per-access-key token bucket, so that tests can drive a client into throttling deterministically
 * (with an injected clock) and check which `Retry-After` style it honours.
 */

/** How a 429 tells the client when to retry. */
export type RetryAfterStyle = "none" | "seconds" | "http-date" | "x-amz-retry-after";

/** Throttle settings. Off unless given. */
export interface ThrottleOptions {
  /** Tokens added per second, > 0. */
  ratePerSecond: number;
  /** Bucket size (requests allowed at once), >= 1. A new bucket starts full. */
  burst: number;
  /** Header sent with the 429. Default `"none"`: the real service documents none. */
  retryAfter?: RetryAfterStyle;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets keyed by access key id. */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();

  /** @throws RangeError on a non-positive rate or a burst below 1. */
  constructor(
    readonly options: ThrottleOptions,
    private readonly now: () => number,
  ) {
    if (!(options.ratePerSecond > 0) || !Number.isFinite(options.ratePerSecond)) {
      throw new RangeError(`ratePerSecond must be a positive number, got ${options.ratePerSecond}`);
    }
    if (!(options.burst >= 1) || !Number.isFinite(options.burst)) {
      throw new RangeError(`burst must be at least 1, got ${options.burst}`);
    }
  }

  /** Take one token for `key`: 0 when allowed, else the milliseconds until a token is available. */
  take(key: string): number {
    const now = this.now();
    const { ratePerSecond, burst } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return ((1 - bucket.tokens) / ratePerSecond) * 1000;
  }
}

/**
 * Headers announcing a wait of `waitMs` in the given style: `Retry-After` in whole seconds (at least 1)
 * or as an HTTP date, or `x-amz-retry-after` in milliseconds (at least 1) — the forms the AWS SDKs honour.
 */
export function retryAfterHeaders(
  style: RetryAfterStyle,
  waitMs: number,
  now: number,
): Record<string, string> {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  switch (style) {
    case "seconds":
      return { "Retry-After": String(seconds) };
    case "http-date":
      // HTTP dates have whole seconds: round up so a client waiting until the date finds a token.
      return { "Retry-After": new Date(Math.ceil((now + seconds * 1000) / 1000) * 1000).toUTCString() };
    case "x-amz-retry-after":
      return { "x-amz-retry-after": String(Math.max(1, Math.ceil(waitMs))) };
    case "none":
      return {};
  }
}
