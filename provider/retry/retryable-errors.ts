import { isWickrError, type WickrError } from "../wickr/errors";

/**
 * Which errors are worth another attempt. The AWS SDKs' own classifiers (`@smithy/core/retry`:
 * `isThrottlingError`, `isTransientError`) know the front door's throttling names
 * (`ThrottlingException`, `TooManyRequestsException`, …), status 429, the transient names
 * (`RequestTimeout`, …) and statuses 500/502/503/504. Only what they cannot know is listed here.
 */

/** The Wickr service's own throttling error (its model's 429), unknown to the SDKs' classifier. */
const OWN_THROTTLING_NAMES: readonly string[] = ["RateLimitError"];

/**
 * This package's own transient errors: an attempt that ran out of time, and a connection that failed.
 * The SDKs' classifier knows some system codes of the latter (`ECONNRESET`, …), but here any failed
 * connection is worth another try (connections that cannot be made at all are capped by
 * `MAX_CONNECT_RETRIES`).
 */
const OWN_TRANSIENT_NAMES: readonly string[] = ["RequestTimeoutError", "NetworkError"];

type Classifiers = typeof import("@smithy/core/retry");
type SdkErrorView = Parameters<Classifiers["isTransientError"]>[0];

/** The SDKs' classifiers, loaded on first use (like `isClockSkewError`): most calls never fail. */
function classifiers(): Classifiers {
  return require("@smithy/core/retry") as Classifiers;
}

/**
 * The error as the classifiers see it: name and HTTP status, no more. Message and cause stay out on
 * purpose: the SDK also retries an `InvalidSignatureException` "Signature expired" and any error whose
 * cause is transient, whereas here a refused signature is retried only once its clock offset was
 * corrected (`decideRetry`), and a `CredentialsError` caused by a network failure is final.
 */
function sdkView(error: WickrError): SdkErrorView {
  const $metadata = error.statusCode === undefined ? {} : { httpStatusCode: error.statusCode };
  return { name: error.name, message: "", $metadata } as SdkErrorView;
}

/** True when the error is throttling: 429, or a throttling name of the service or the AWS front door. */
export function isThrottlingError(error: unknown): boolean {
  if (!isWickrError(error)) return false;
  return OWN_THROTTLING_NAMES.includes(error.name) || classifiers().isThrottlingError(sdkView(error));
}

/** True when the error may be retried: throttling, 500/502/503/504, network failures, attempt timeouts. */
export function isRetryableError(error: unknown): boolean {
  if (!isWickrError(error)) return false;
  return (
    isThrottlingError(error) ||
    OWN_TRANSIENT_NAMES.includes(error.name) ||
    classifiers().isTransientError(sdkView(error))
  );
}
