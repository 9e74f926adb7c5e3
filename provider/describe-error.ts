import { type WickrError, isWickrError } from "./errors";
import { scrubSecrets } from "./redact";

/** What the client knows when it gives up on a call. */
export interface FailureContext {
  operation: string;
  networkId: string;
  region?: string;
  attempts: number;
  elapsedMs: number;
  /** Set when retries stopped because the next wait would exceed the total budget. */
  budgetMs?: number;
  /** ARN of the calling principal, for authentication and permission errors. */
  caller?: string;
  /** The access key id that signed the request, when the caller's ARN could not be learned. */
  accessKeyId?: string;
  /** Values that must not appear in the message: request secrets and credentials. */
  secrets: readonly (string | undefined)[];
}

/** Errors whose message should say who called and which permission is needed. */
export const AUTH_ERROR_NAMES: readonly string[] = [
  "UnauthorizedError",
  "ForbiddenError",
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "CredentialsError",
];

/** True when the error is about who the caller is or what it may do. */
export function isAuthError(error: WickrError): boolean {
  return AUTH_ERROR_NAMES.includes(error.name) || error.statusCode === 401 || error.statusCode === 403;
}

/**
 * Rewrites the error's message for a person: operation, network id, error name, status, the service's
 * message, request id, what to do, and how many attempts were made over how long. Secrets are scrubbed
 * from the message, the stack, and the message of the cause.
 */
export function describeFailure(error: WickrError, ctx: FailureContext): WickrError {
  const status = error.statusCode !== undefined ? ` (HTTP ${error.statusCode})` : "";
  const detail = error.message !== "" ? `: ${error.message}` : "";
  const requestId = error.requestId ? ` [request id ${error.requestId}]` : "";
  const hint = hintFor(error, ctx);
  const seconds = (ctx.elapsedMs / 1000).toFixed(1);
  const tries =
    ctx.attempts === 0
      ? ""
      : ctx.budgetMs !== undefined
        ? ` Gave up after ${ctx.attempts} attempts over ${seconds} s: the next wait would exceed the retry budget of ${Math.round(ctx.budgetMs / 1000)} s (retry.totalBudgetMs).`
        : ` (${ctx.attempts} attempt${ctx.attempts === 1 ? "" : "s"} over ${seconds} s)`;
  const text = `${ctx.operation} for Wickr network ${ctx.networkId} failed: ${error.name}${status}${detail}${requestId}.${hint ? ` ${hint}` : ""}${tries}`;
  error.message = scrubSecrets(text, ctx.secrets);
  error.attempts = ctx.attempts;
  error.stack = `${error.name}: ${error.message}\n${(error.stack ?? "").split("\n").slice(1).join("\n")}`;
  if (error.serviceMessage !== undefined)
    error.serviceMessage = scrubSecrets(error.serviceMessage, ctx.secrets);
  if (error.cause instanceof Error) {
    try {
      error.cause.message = scrubSecrets(error.cause.message, ctx.secrets);
    } catch {
      // Some causes (DOMException) have a read-only message; they come from this process, not the service.
    }
  }
  return error;
}

function hintFor(error: WickrError, ctx: FailureContext): string {
  const who = ctx.caller
    ? `Called as ${ctx.caller}.`
    : `The calling principal could not be determined (sts:GetCallerIdentity)${ctx.accessKeyId ? `; the request was signed with access key id ${maskKeyId(ctx.accessKeyId)}` : ""}.`;
  switch (error.name) {
    case "InvalidSignatureException":
    case "SignatureDoesNotMatch":
      return `${who} The request signature was rejected: check the secret access key and that this machine's clock is correct.`;
    case "ExpiredTokenException":
      return `${who} The session token has expired: refresh the credentials (e.g. \`aws sso login\`) and run again.`;
    case "UnrecognizedClientException":
    case "InvalidClientTokenId":
      return `${who} The access key id is not known in this AWS partition: check AWS_ACCESS_KEY_ID / the profile.`;
    case "ResourceNotFoundError":
      return `Check networkId and the region${ctx.region ? ` (${ctx.region})` : ""}: the network was not found there.`;
    case "CredentialsError":
      return "";
    default:
      break;
  }
  if (isAuthError(error)) return `${who} The caller needs IAM permission wickr:GetOidcInfo on this network.`;
  if (error.name === "RateLimitError" && ctx.budgetMs === undefined && ctx.attempts > 1) {
    return "Still throttled after every retry: raise retry.maxAttempts / retry.totalBudgetMs, or read fewer networks at once.";
  }
  return "";
}

/** An access key id shown the way the AWS CLI shows it: only the last four characters. */
export function maskKeyId(accessKeyId: string): string {
  return `${"*".repeat(Math.max(0, accessKeyId.length - 4))}${accessKeyId.slice(-4)}`;
}

/** The error as a WickrError, wrapping anything else so no raw error escapes with an unredacted message. */
export function asWickrError(
  error: unknown,
  wrap: (message: string, cause: unknown) => WickrError,
): WickrError {
  if (isWickrError(error)) return error;
  return wrap(error instanceof Error ? error.message : String(error), error);
}
