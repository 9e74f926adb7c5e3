import assert from "node:assert/strict";
import {
  BadRequestError,
  ForbiddenError,
  InternalServerError,
  NetworkError,
  RateLimitError,
  RequestTimeoutError,
  ResourceNotFoundError,
  ValidationError,
  WickrServiceError,
  type WickrError,
} from "../../../provider/wickr/errors";
import { decideRetry, type RetryVerdict } from "../../../provider/retry/retry-policy";

const throttled = () => new RateLimitError("x", { statusCode: 429 });
const http500 = () => new InternalServerError("x", { statusCode: 500 });
const http502 = () => new WickrServiceError("BadGateway", "x", { statusCode: 502 });
const http503 = () => new WickrServiceError("ServiceUnavailable", "x", { statusCode: 503 });
const http504 = () => new WickrServiceError("GatewayTimeout", "x", { statusCode: 504 });
const timeout = () => new RequestTimeoutError("x");
const reset = () => new NetworkError("x", { code: "ECONNRESET" });
const refused = () => new NetworkError("x", { code: "ECONNREFUSED" });
const notFound = () => new NetworkError("x", { code: "ENOTFOUND" });
const badSignature = () => new WickrServiceError("InvalidSignatureException", "x", { statusCode: 403 });

const RETRY: RetryVerdict = { retry: true, consumesAttempt: true };
const RETRY_SPARED: RetryVerdict = { retry: true, consumesAttempt: false };
const stop = (reason: "final" | "single-use" | "unreachable" | "clock-skew"): RetryVerdict => ({
  retry: false,
  reason,
});

interface Row {
  error: () => WickrError;
  label: string;
  singleUse: boolean;
  clockCorrected: boolean;
  connectFailures: number;
  clockRetries: number;
  spares: boolean;
  verdict: RetryVerdict;
}

// label, error, singleUse, clockCorrected, connectFailures, clockRetries, throttlingSparesAttempts → verdict
const TABLE: [string, () => WickrError, boolean, boolean, number, number, boolean, RetryVerdict][] = [
  // Throttling: the request was refused before it was processed, so even a single-use code is resent.
  ["429", throttled, true, false, 0, 0, true, RETRY_SPARED],
  ["429", throttled, true, false, 0, 0, false, RETRY],
  ["429", throttled, false, false, 0, 0, true, RETRY_SPARED],
  ["429", throttled, false, false, 0, 0, false, RETRY],
  // The request may have reached the service: a single-use code is never sent again.
  ["500", http500, true, false, 0, 0, true, stop("single-use")],
  ["502", http502, true, false, 0, 0, true, stop("single-use")],
  ["503", http503, true, false, 0, 0, true, stop("single-use")],
  ["504", http504, true, false, 0, 0, true, stop("single-use")],
  ["RequestTimeoutError", timeout, true, false, 0, 0, true, stop("single-use")],
  ["NetworkError ECONNRESET", reset, true, false, 0, 0, true, stop("single-use")],
  // The same without a single-use code: retried, and each uses up an attempt (budget or not).
  ["500", http500, false, false, 0, 0, true, RETRY],
  ["502", http502, false, false, 0, 0, true, RETRY],
  ["503", http503, false, false, 0, 0, true, RETRY],
  ["504", http504, false, false, 0, 0, false, RETRY],
  ["RequestTimeoutError", timeout, false, false, 0, 0, true, RETRY],
  ["NetworkError ECONNRESET", reset, false, false, 0, 0, true, RETRY],
  ["503 whose Date corrected the clock", http503, false, true, 0, 0, true, RETRY],
  // No connection was made: the request provably never left, so a single-use code may be resent…
  ["NetworkError ECONNREFUSED", refused, true, false, 1, 0, true, RETRY],
  ["NetworkError ENOTFOUND", notFound, true, false, 1, 0, true, RETRY],
  ["NetworkError ECONNREFUSED", refused, true, false, 2, 0, true, RETRY],
  ["NetworkError ENOTFOUND", notFound, false, false, 2, 0, true, RETRY],
  // …but only twice: the third failed connection means the endpoint is unreachable.
  ["NetworkError ECONNREFUSED", refused, true, false, 3, 0, true, stop("unreachable")],
  ["NetworkError ECONNREFUSED", refused, false, false, 3, 0, true, stop("unreachable")],
  ["NetworkError ENOTFOUND", notFound, false, false, 3, 0, true, stop("unreachable")],
  // A signature refused for its time, and the answer's Date corrected the clock: once, code or not.
  ["InvalidSignatureException", badSignature, false, true, 0, 0, true, RETRY],
  ["InvalidSignatureException", badSignature, true, true, 0, 0, true, RETRY],
  ["InvalidSignatureException", badSignature, false, true, 0, 1, true, stop("clock-skew")],
  ["InvalidSignatureException", badSignature, true, true, 0, 1, true, stop("clock-skew")],
  // …and without a correction it is a real signature problem.
  ["InvalidSignatureException", badSignature, false, false, 0, 0, true, stop("final")],
  ["InvalidSignatureException", badSignature, true, false, 0, 0, true, stop("final")],
  // Other client errors are final.
  ["400", () => new BadRequestError("x", { statusCode: 400 }), false, false, 0, 0, true, stop("final")],
  ["400", () => new BadRequestError("x", { statusCode: 400 }), true, false, 0, 0, true, stop("final")],
  ["403", () => new ForbiddenError("x", { statusCode: 403 }), false, false, 0, 0, true, stop("final")],
  ["403", () => new ForbiddenError("x", { statusCode: 403 }), true, true, 0, 0, true, stop("final")],
  ["404", () => new ResourceNotFoundError("x", { statusCode: 404 }), false, false, 0, 0, true, stop("final")],
  ["422", () => new ValidationError("x", { statusCode: 422 }), true, false, 0, 0, false, stop("final")],
];

const ROWS: Row[] = TABLE.map(
  ([label, error, singleUse, clockCorrected, connectFailures, clockRetries, spares, verdict]) => ({
    label,
    error,
    singleUse,
    clockCorrected,
    connectFailures,
    clockRetries,
    spares,
    verdict,
  }),
);

describe("decideRetry", () => {
  for (const row of ROWS) {
    const flags = [
      row.singleUse ? "single-use" : "reusable",
      row.clockCorrected ? "clock corrected" : "clock unchanged",
      `connectFailures ${row.connectFailures}`,
      `clockRetries ${row.clockRetries}`,
      row.spares ? "throttling spared" : "throttling counted",
    ].join(", ");
    it(`${row.label} (${flags}) → ${JSON.stringify(row.verdict)}`, () => {
      assert.deepEqual(
        decideRetry({
          error: row.error(),
          singleUse: row.singleUse,
          clockCorrected: row.clockCorrected,
          connectFailures: row.connectFailures,
          clockRetries: row.clockRetries,
          throttlingSparesAttempts: row.spares,
        }),
        row.verdict,
      );
    });
  }
});
