import assert from "node:assert/strict";
import { decodeServiceError } from "../../../provider/wickr/decode-error";
import {
  ConfigurationError,
  CredentialsError,
  InvalidInputError,
  MalformedResponseError,
  NetworkError,
  RequestTimeoutError,
} from "../../../provider/wickr/errors";
import { isRetryableError, isThrottlingError } from "../../../provider/retry/retryable-errors";

/** An error response as the client decodes it, with a name in `x-amzn-errortype` when given. */
const wire = (status: number, name?: string, message = "") =>
  decodeServiceError({
    statusCode: status,
    headers: name ? { "x-amzn-errortype": name } : {},
    body: JSON.stringify({ message }),
  });

// Expected values are written out here, not taken from the implementation's lists, so that a name or
// status dropped from a list (ours or the AWS SDK's classifier) fails a test instead of shrinking it.

describe("isRetryableError / isThrottlingError", () => {
  for (const status of [429, 500, 502, 503, 504]) {
    it(`retries HTTP ${status} whatever its name`, () => assert.equal(isRetryableError(wire(status)), true));
  }
  for (const status of [400, 401, 403, 404, 409, 422, 501, 505]) {
    it(`never retries HTTP ${status} without a retryable name`, () =>
      assert.equal(isRetryableError(wire(status)), false));
  }

  it("429 is throttling whatever its name; 503 is not", () => {
    assert.equal(isThrottlingError(wire(429, "SomethingElse")), true);
    assert.equal(isThrottlingError(wire(503, "ServiceUnavailable")), false);
  });

  for (const name of [
    "RateLimitError", // the Wickr service's own
    "ThrottlingException",
    "Throttling",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "SlowDown",
    "RequestThrottled",
  ]) {
    it(`treats ${name} as throttling and retries it, even with status 400`, () => {
      assert.equal(isThrottlingError(wire(400, name)), true);
      assert.equal(isRetryableError(wire(400, name)), true);
    });
  }

  for (const name of ["RequestTimeout", "RequestTimeoutException"]) {
    it(`retries the front door's ${name} (HTTP 408), without calling it throttling`, () => {
      assert.equal(isRetryableError(wire(408, name)), true);
      assert.equal(isThrottlingError(wire(408, name)), false);
    });
  }

  for (const name of [
    "InvalidSignatureException",
    "ExpiredTokenException",
    "UnrecognizedClientException",
    "AccessDeniedException",
    "ValidationError",
  ]) {
    it(`never retries ${name}`, () => assert.equal(isRetryableError(wire(403, name)), false));
  }

  it("never retries a signature refused as expired: that is decideRetry's clock-skew rule, once corrected", () =>
    assert.equal(isRetryableError(wire(403, "InvalidSignatureException", "Signature expired")), false));

  it("retries any failed connection, whatever its system code, and attempt timeouts", () => {
    for (const code of ["ECONNRESET", "ECONNREFUSED", "EPROTO", undefined]) {
      const error = new NetworkError("failed", code === undefined ? {} : { code });
      assert.equal(isRetryableError(error), true, String(code));
      assert.equal(isThrottlingError(error), false, String(code));
    }
    assert.equal(isRetryableError(new RequestTimeoutError("slow")), true);
  });

  it("never retries local errors, even one caused by a network failure", () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    for (const e of [
      new InvalidInputError("networkId", "x"),
      new ConfigurationError("x"),
      new MalformedResponseError("x"),
      new CredentialsError("x"),
      new CredentialsError("could not reach STS", { cause: refused }),
    ]) {
      assert.equal(isRetryableError(e), false, e.name);
    }
  });

  it("never retries what is not this package's error", () => {
    assert.equal(isRetryableError(new Error("plain")), false);
    assert.equal(isRetryableError(Object.assign(new Error("x"), { name: "ThrottlingException" })), false);
    assert.equal(isThrottlingError(Object.assign(new Error("x"), { statusCode: 429 })), false);
  });
});
