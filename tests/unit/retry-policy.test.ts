import assert from "node:assert/strict";
import { decodeServiceError } from "../../provider/wickr/decode-error";
import {
  NetworkError,
  RequestTimeoutError,
  InvalidInputError,
  ConfigurationError,
  MalformedResponseError,
  CredentialsError,
} from "../../provider/wickr/errors";
import {
  backoffDelay,
  DEFAULT_RETRY_SETTINGS,
  isRetryableError,
  isThrottlingError,
  parseRetryAfter,
  RETRYABLE_STATUS_CODES,
  THROTTLING_ERROR_NAMES,
} from "../../provider/retry/retry-policy";

const wire = (status: number, name?: string) =>
  decodeServiceError({ statusCode: status, headers: name ? { "x-amzn-errortype": name } : {}, body: "" });

describe("retry classification", () => {
  for (const status of RETRYABLE_STATUS_CODES) {
    it(`retries HTTP ${status}`, () => assert.equal(isRetryableError(wire(status)), true));
  }
  for (const status of [400, 401, 403, 404, 409, 422, 501]) {
    it(`never retries HTTP ${status}`, () => assert.equal(isRetryableError(wire(status)), false));
  }
  for (const name of THROTTLING_ERROR_NAMES) {
    it(`treats ${name} as throttling and retries it`, () => {
      assert.equal(isThrottlingError(wire(400, name)), true);
      assert.equal(isRetryableError(wire(400, name)), true);
    });
  }
  for (const name of [
    "InvalidSignatureException",
    "ExpiredTokenException",
    "UnrecognizedClientException",
    "ValidationError",
  ]) {
    it(`never retries ${name}`, () => assert.equal(isRetryableError(wire(403, name)), false));
  }
  it("retries network failures and attempt timeouts", () => {
    assert.equal(isRetryableError(new NetworkError("reset", { code: "ECONNRESET" })), true);
    assert.equal(isRetryableError(new RequestTimeoutError("slow")), true);
  });
  it("never retries local errors", () => {
    for (const e of [
      new InvalidInputError("networkId", "x"),
      new ConfigurationError("x"),
      new MalformedResponseError("x"),
      new CredentialsError("x"),
    ]) {
      assert.equal(isRetryableError(e), false, e.name);
    }
    assert.equal(isRetryableError(new Error("plain")), false);
  });
});

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  it("reads delta-seconds", () => assert.equal(parseRetryAfter({ "retry-after": "3" }, now), 3000));
  it("reads fractional seconds", () => assert.equal(parseRetryAfter({ "Retry-After": "1.5" }, now), 1500));
  it("reads an HTTP date", () =>
    assert.equal(parseRetryAfter({ "retry-after": "Sun, 29 Nov 2026 12:00:07 GMT" }, now), 7000));
  it("a date in the past means no wait", () =>
    assert.equal(parseRetryAfter({ "retry-after": "Sun, 29 Nov 2026 11:00:00 GMT" }, now), 0));
  it("reads x-amz-retry-after in milliseconds, and prefers it", () =>
    assert.equal(parseRetryAfter({ "x-amz-retry-after": "250", "retry-after": "9" }, now), 250));
  it("ignores garbage", () => {
    assert.equal(parseRetryAfter({ "retry-after": "soon" }, now), undefined);
    assert.equal(parseRetryAfter({}, now), undefined);
  });
});

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
  it("defaults: 10 attempts, 20 s cap, 2 min budget", () => {
    assert.equal(DEFAULT_RETRY_SETTINGS.maxAttempts, 10);
    assert.equal(DEFAULT_RETRY_SETTINGS.maxDelayMs, 20_000);
    assert.equal(DEFAULT_RETRY_SETTINGS.totalBudgetMs, 120_000);
  });
});
