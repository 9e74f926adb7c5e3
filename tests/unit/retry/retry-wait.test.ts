import assert from "node:assert/strict";
import { backoffDelay, retryWait, type WaitInputs } from "../../../provider/retry/retry-wait";
import {
  InternalServerError,
  NetworkError,
  RateLimitError,
  WickrServiceError,
  type WickrError,
} from "../../../provider/wickr/errors";

describe("backoffDelay (full jitter)", () => {
  it("is 0 with random 0 and the full ceiling with random→1", () => {
    assert.equal(
      backoffDelay(3, 100, 20_000, () => 0),
      0,
    );
    assert.equal(
      backoffDelay(3, 100, 20_000, () => 0.999999),
      399,
    );
  });
  it("doubles the ceiling per retry up to the cap", () => {
    const ceilings = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => backoffDelay(n, 1000, 20_000, () => 0.9999999) + 1);
    assert.deepEqual(ceilings, [1000, 2000, 4000, 8000, 16000, 20000, 20000, 20000]);
  });
});

describe("retryWait", () => {
  const settings = { baseDelayMs: 100, throttlingBaseDelayMs: 1000, maxDelayMs: 20_000 };
  const wait = (error: WickrError, overrides: Partial<WaitInputs> = {}) =>
    retryWait({
      error,
      attemptNumber: 3,
      clockCorrected: false,
      coordinated: false,
      settings,
      random: () => 0.5,
      ...overrides,
    });
  const throttled = (retryAfterMs?: number) =>
    Object.assign(
      new RateLimitError("x", { statusCode: 429 }),
      retryAfterMs === undefined ? {} : { retryAfterMs },
    );

  it("backs off from baseDelayMs for 5xx and network failures: 0.5 × 100 · 2² = 200", () => {
    assert.equal(wait(new InternalServerError("x", { statusCode: 500 })), 200);
    assert.equal(wait(new NetworkError("x", { code: "ECONNRESET" })), 200);
  });
  it("backs off from throttlingBaseDelayMs for throttling: 0.5 × 1000 · 2² = 2000", () =>
    assert.equal(wait(throttled()), 2000));
  it("waits what the server asked for instead, longer or shorter than the backoff", () => {
    assert.equal(wait(throttled(30_000)), 30_000);
    assert.equal(wait(throttled(0)), 0);
    const busy = Object.assign(new WickrServiceError("ServiceUnavailable", "x", { statusCode: 503 }), {
      retryAfterMs: 1500,
    });
    assert.equal(wait(busy), 1500);
  });
  it("with coordination, a throttled request has no wait of its own (the coordinator's turn decides)", () => {
    assert.equal(wait(throttled(30_000), { coordinated: true }), 0);
    assert.equal(wait(new InternalServerError("x", { statusCode: 500 }), { coordinated: true }), 200);
  });
  it("after a clock correction, none: signed at the corrected time it may go at once", () => {
    const skew = new WickrServiceError("InvalidSignatureException", "x", { statusCode: 403 });
    assert.equal(wait(skew, { clockCorrected: true }), 0);
  });
});
