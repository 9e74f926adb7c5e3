import type { WickrError } from "./errors";
import { isThrottlingError } from "../retry/retryable-errors";

/**
 * Errors that AWS's front door answers before a request reaches the service behind it: the signature,
 * the credentials and IAM are checked there (AWS General Reference, "Common errors"). A request refused
 * this way was not processed, so a single-use authorization code in it was not used.
 */
export const FRONT_DOOR_ERROR_NAMES: readonly string[] = [
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "ExpiredTokenException",
  "AccessDeniedException",
];

/**
 * True for an answer that proves the service did not process the request: throttling (429 and the
 * throttling names), or a front-door refusal ({@link FRONT_DOOR_ERROR_NAMES}). Any other answer —
 * success, a service error about the request, a 5xx, a gateway's 502 — may have used a code in it.
 */
export function isRefusedUnprocessed(error: WickrError): boolean {
  return isThrottlingError(error) || FRONT_DOOR_ERROR_NAMES.includes(error.name);
}
