/**
 * The error hierarchy. Every error this package throws is a {@link WickrError}; recognise them with
 * {@link isWickrError} and `name`, not bare `instanceof`: the Pulumi provider host loads its own copy
 * of this code, so classes from two copies are not `instanceof` each other.
 */

const BRAND = Symbol.for("pulumi-wickr-oidc/WickrError");

/** Who is at fault, as in the AWS SDKs' `$fault`. */
export type ErrorFault = "client" | "server";

/** What every error carries besides its message. */
export interface WickrErrorOptions {
  statusCode?: number;
  requestId?: string;
  fault?: ErrorFault;
  cause?: unknown;
  /** The message the service sent, before this package added context. */
  serviceMessage?: string;
}

/** Base class of every error from this package. */
export class WickrError extends Error {
  override name = "WickrError";
  readonly fault: ErrorFault;
  /** HTTP status of the response, where there was one. */
  readonly statusCode?: number;
  /** `x-amzn-requestid` of the response: quote it to AWS support. Never named `id` (see README). */
  readonly requestId?: string;
  /** The service's own message, before context was added (secrets scrubbed). */
  serviceMessage?: string;
  /** How many HTTP attempts were made before this error was thrown (0 when none was made). */
  attempts = 0;

  constructor(message: string, options: WickrErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.fault = options.fault ?? "client";
    if (options.statusCode !== undefined) this.statusCode = options.statusCode;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.serviceMessage !== undefined) this.serviceMessage = options.serviceMessage;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

/** True for any error thrown by this package, whichever copy of the code created it. */
export function isWickrError(error: unknown): error is WickrError {
  return error instanceof Error && (error as unknown as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * An error answered by the service (or the AWS front door in front of it). For names the model does
 * not declare (`InvalidSignatureException`, `ExpiredTokenException`, …) `name` and `code` are the raw
 * name the service sent.
 */
export class WickrServiceError extends WickrError {
  /** The cleaned error name from the wire. */
  readonly code: string;
  /** How long the service asked us to wait (`Retry-After` / `x-amz-retry-after`), in milliseconds. */
  retryAfterMs?: number;
  constructor(code: string, message: string, options: WickrErrorOptions & { statusCode: number }) {
    super(message, { fault: options.statusCode >= 500 ? "server" : "client", ...options });
    this.code = code;
    this.name = code;
  }
}

/** 400 — the request was malformed. */
export class BadRequestError extends WickrServiceError {
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("BadRequestError", message, { ...options, fault: "client" });
  }
}
/** 401 — the caller is not authenticated for this network. */
export class UnauthorizedError extends WickrServiceError {
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("UnauthorizedError", message, { ...options, fault: "client" });
  }
}
/** 403 — the caller lacks permission (`wickr:GetOidcInfo`). */
export class ForbiddenError extends WickrServiceError {
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("ForbiddenError", message, { ...options, fault: "client" });
  }
}
/** 404 — the network does not exist (or is not visible to the caller). */
export class ResourceNotFoundError extends WickrServiceError {
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("ResourceNotFoundError", message, { ...options, fault: "client" });
  }
}
/** One reason of a {@link ValidationError}. */
export interface ValidationReason {
  field?: string;
  reason?: string;
}
/** 422 — the service rejected a field; `reasons` says which. */
export class ValidationError extends WickrServiceError {
  readonly reasons: ValidationReason[];
  constructor(
    message: string,
    options: WickrErrorOptions & { statusCode: number; reasons?: ValidationReason[] },
  ) {
    super("ValidationError", message, { ...options, fault: "client" });
    this.reasons = options.reasons ?? [];
  }
}
/** 429 — throttled. Retried by default. */
export class RateLimitError extends WickrServiceError {
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("RateLimitError", message, { ...options, fault: "client" });
  }
}
/** 500 — the service failed. Retried by default. */
export class InternalServerError extends WickrServiceError {
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("InternalServerError", message, { ...options, fault: "server" });
  }
}

/** An argument is missing or malformed. Thrown before any network call. */
export class InvalidInputError extends WickrError {
  override name = "InvalidInputError";
  /** The argument's name, e.g. `networkId` or `tokenRequest.code`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
/** Region, endpoint or another connection setting is unusable. Thrown before any network call. */
export class ConfigurationError extends WickrError {
  override name = "ConfigurationError";
}
/** No usable AWS credentials could be resolved, or assuming the role failed. */
export class CredentialsError extends WickrError {
  override name = "CredentialsError";
}
/** One attempt took longer than `timeoutMs` (or than what was left of the retry budget). Retried by default. */
export class RequestTimeoutError extends WickrError {
  override name = "RequestTimeoutError";
}
/** The connection failed (reset, refused, DNS). Retried by default. */
export class NetworkError extends WickrError {
  override name = "NetworkError";
  /** The system error code, e.g. `ECONNRESET`. */
  readonly code?: string;
  constructor(message: string, options: WickrErrorOptions & { code?: string } = {}) {
    super(message, options);
    if (options.code !== undefined) this.code = options.code;
  }
}
/**
 * A 2xx response whose body is not the documented JSON shape (not JSON, no `openidConnectInfo`, a
 * required member missing, a member of the wrong type), or any body over the size cap. Not retried.
 */
export class MalformedResponseError extends WickrError {
  override name = "MalformedResponseError";
}
/** Waiting for a throttled endpoint would take longer than the retry budget allows. Not retried. */
export class BudgetExceededError extends WickrError {
  override name = "BudgetExceededError";
}
/** The caller cancelled the request through its `AbortSignal`, or the Pulumi engine cancelled the run. */
export class RequestAbortedError extends WickrError {
  override name = "RequestAbortedError";
}
/**
 * A token exchange (a request carrying a single-use authorization `code`) failed after the request may
 * have reached the service — the answer was lost, timed out or was a 5xx — so the code may already be
 * used. It is never sent again: get a new authorization code. `cause` is the failure itself.
 */
export class CodeMayBeUsedError extends WickrError {
  override name = "CodeMayBeUsedError";
}
