import assert from "node:assert/strict";
import { Deadline } from "../../../provider/retry/deadline";
import { planRetry, type CallTally, type PlanInputs } from "../../../provider/retry/retry-plan";
import { DEFAULT_RETRY_SETTINGS } from "../../../provider/retry/retry-policy";
import {
  InternalServerError,
  RateLimitError,
  WickrServiceError,
  type WickrError,
} from "../../../provider/wickr/errors";

const NOW = 1_000_000;
const fresh: CallTally = {
  attempts: 1,
  connectFailures: 0,
  clockRetries: 0,
  clockCorrected: false,
  reachedService: false,
};
const throttled = (retryAfterMs?: number) =>
  Object.assign(
    new RateLimitError("x", { statusCode: 429 }),
    retryAfterMs === undefined ? {} : { retryAfterMs },
  );
const http500 = () => new InternalServerError("x", { statusCode: 500 });

/** The plan after attempt 1 failed with `error`, 5 s of budget left, no coordination, jitter 0.5. */
const plan = (error: WickrError | unknown, overrides: Partial<PlanInputs> = {}) =>
  planRetry({
    error,
    attemptNumber: 1,
    retriesLeft: 9,
    tally: fresh,
    singleUse: false,
    settings: { ...DEFAULT_RETRY_SETTINGS, totalBudgetMs: 5000 },
    coordinated: false,
    coolDownLeftMs: 0,
    deadline: Deadline.after(5000, () => NOW),
    random: () => 0.5,
    ...overrides,
  });

describe("planRetry", () => {
  it("retries after the server's Retry-After while it ends before the deadline", () => {
    assert.deepEqual(plan(throttled(4999)), { retry: true, consumesAttempt: false, waitMs: 4999 });
  });

  it("stops for the budget when the wait would end at the deadline or after it", () => {
    assert.deepEqual(plan(throttled(5000)), { retry: false, reason: "budget" });
    assert.deepEqual(plan(throttled(60_000)), { retry: false, reason: "budget" });
  });

  it("counts the coordinator's cool-down against the deadline, though it is waited out in the queue", () => {
    assert.deepEqual(plan(throttled(), { coordinated: true, coolDownLeftMs: 4000 }), {
      retry: true,
      consumesAttempt: false,
      waitMs: 0,
    });
    assert.deepEqual(plan(throttled(), { coordinated: true, coolDownLeftMs: 6000 }), {
      retry: false,
      reason: "budget",
    });
    assert.deepEqual(plan(http500(), { coordinated: true, coolDownLeftMs: 6000 }), {
      retry: false,
      reason: "budget",
    });
  });

  it("backs off with full jitter from the failed attempt's number", () => {
    assert.deepEqual(plan(http500(), { attemptNumber: 1 }), {
      retry: true,
      consumesAttempt: true,
      waitMs: 100,
    });
    assert.deepEqual(plan(http500(), { attemptNumber: 4 }), {
      retry: true,
      consumesAttempt: true,
      waitMs: 800,
    });
  });

  it("without a budget, throttled attempts count and any wait is allowed", () => {
    assert.deepEqual(
      plan(throttled(2_147_483_647), {
        settings: { ...DEFAULT_RETRY_SETTINGS, totalBudgetMs: 0 },
        deadline: Deadline.none(() => NOW),
      }),
      { retry: true, consumesAttempt: true, waitMs: 2_147_483_647 },
    );
  });

  it("signs again at once after a clock correction", () => {
    const skew = new WickrServiceError("InvalidSignatureException", "Signature expired", { statusCode: 403 });
    assert.deepEqual(plan(skew, { tally: { ...fresh, clockCorrected: true } }), {
      retry: true,
      consumesAttempt: true,
      waitMs: 0,
    });
  });

  it("passes decideRetry's stop on, before any wait is computed", () => {
    let drawn = 0;
    const random = () => (drawn++, 0.5);
    assert.deepEqual(plan(http500(), { singleUse: true, random }), { retry: false, reason: "single-use" });
    assert.equal(drawn, 0);
  });

  it("with no retries left, stops for the attempts, not for the budget, and computes no wait", () => {
    let drawn = 0;
    const random = () => (drawn++, 0.5);
    assert.deepEqual(plan(throttled(60_000), { retriesLeft: 0 }), { retry: false, reason: "attempts" });
    assert.deepEqual(plan(http500(), { retriesLeft: 0, random }), { retry: false, reason: "attempts" });
    assert.equal(drawn, 0);
    assert.deepEqual(plan(http500(), { retriesLeft: 0, singleUse: true }), {
      retry: false,
      reason: "single-use",
    });
  });

  it("never retries what is not this package's error: a bug, or an abort's reason", () => {
    assert.deepEqual(plan(new TypeError("x is undefined")), { retry: false, reason: "final" });
    assert.deepEqual(plan(new DOMException("This operation was aborted", "AbortError")), {
      retry: false,
      reason: "final",
    });
  });
});
