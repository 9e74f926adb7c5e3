/**
 * The error hierarchy. Every error this package throws is a {@link WickrError}, and each class's
 * instances have `name` equal to the class name (except {@link WickrServiceError} itself, whose `name`
 * is the service's error name). `instanceof` works across copies of this code, as it does for the AWS
 * SDKs' `ServiceException`: the Pulumi provider host, a second install or a bundled copy each load their
 * own classes, and `error instanceof RateLimitError` is true for a `RateLimitError` of any of them (and
 * false for a `BadRequestError` or a plain `Error` named `RateLimitError`). {@link isWickrError} is the
 * same test as `instanceof WickrError`.
 */

/**
 * Marks every instance. The key is unchanged since the first release, so copies of older and newer
 * releases recognise each other's errors.
 */
const BRAND = Symbol.for("pulumi-wickr-oidc/WickrError");

/**
 * Names a class, as an own property of its constructor (as smithy's `shapeId` names an exception
 * class): what `instanceof` compares across copies. A string, not the constructor's `name`, so that a
 * minifier cannot change it; copies from before it existed are recognised by the constructor's `name`.
 */
const CLASS_NAME = Symbol.for("pulumi-wickr-oidc/WickrError.className");

/** Gives `constructor` its {@link CLASS_NAME}. */
function nameClass(constructor: abstract new (...args: never[]) => unknown, className: string): void {
  Object.defineProperty(constructor, CLASS_NAME, { value: className });
}

/** The class name `constructor` declares itself, if it is one of this package's classes (of any copy). */
function ownClassName(constructor: unknown): string | undefined {
  if (typeof constructor !== "function" || !Object.hasOwn(constructor, CLASS_NAME)) return undefined;
  const value: unknown = (constructor as unknown as Record<symbol, unknown>)[CLASS_NAME];
  return typeof value === "string" ? value : undefined;
}

/** The class name of the nearest of this package's classes `constructor` is or extends. */
function inheritedClassName(constructor: unknown): string | undefined {
  for (let c: unknown = constructor; typeof c === "function"; c = Object.getPrototypeOf(c)) {
    const name = ownClassName(c);
    if (name !== undefined) return name;
  }
  return undefined;
}

/** True when `value` (branded) was created by a class named `className` or a subclass of one, of any copy. */
function createdByClassNamed(value: object, className: string): boolean {
  for (let proto: unknown = Object.getPrototypeOf(value); proto; proto = Object.getPrototypeOf(proto)) {
    const constructor: unknown = (proto as { constructor?: unknown }).constructor;
    const name =
      ownClassName(constructor) ??
      (typeof constructor === "function" && Object.hasOwn(proto, "constructor")
        ? constructor.name
        : undefined);
    if (name === className) return true;
  }
  return false;
}

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
  static {
    nameClass(this, "WickrError");
  }

  /**
   * `instanceof` for this class and each subclass, across copies of this package: true for an error
   * created by this class (or a subclass) of this copy, or by the class of the same name (or a subclass)
   * of another copy; never for an object without the brand every constructor sets. A caller's own
   * subclass matches only its own instances. For `WickrError` it is exactly {@link isWickrError}.
   */
  static override [Symbol.hasInstance]<T>(
    this: abstract new (...args: never[]) => T,
    value: unknown,
  ): value is T {
    if (!isWickrError(value)) return false; // so that every instance of any class is an isWickrError
    const target = ownClassName(this);
    if (target === "WickrError") return true;
    if (Function.prototype[Symbol.hasInstance].call(this, value)) return true;
    return target !== undefined && createdByClassNamed(value, target);
  }

  /** The class name (of the nearest of this package's classes, for a caller's own subclass). */
  override name: string = inheritedClassName(this.constructor) ?? "WickrError";
  readonly fault: ErrorFault;
  /** HTTP status of the response, where there was one. */
  readonly statusCode?: number;
  /** `x-amzn-requestid` of the response: quote it to AWS support. Never named `id` (see README). */
  readonly requestId?: string;
  /** The service's own message, before context was added (secrets scrubbed). */
  serviceMessage?: string;
  /** How many HTTP attempts were made before this error was thrown (0 when none was made). */
  attempts = 0;
  /**
   * True when the call carried a single-use authorization `code` that may have reached the service: an
   * answer was lost, timed out or cancelled after sending, or the service answered anything but throttling
   * or an AWS front-door refusal (signature, credentials). Such a code must never be sent again: the
   * provider records it in the stack, and the next run refuses it. Absent when the code provably never
   * reached the service, or the call had no code.
   */
  codeMayBeUsed?: boolean;

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
  static {
    nameClass(this, "WickrServiceError");
  }
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
  static {
    nameClass(this, "BadRequestError");
  }
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("BadRequestError", message, { ...options, fault: "client" });
  }
}
/** 401 — the caller is not authenticated for this network. */
export class UnauthorizedError extends WickrServiceError {
  static {
    nameClass(this, "UnauthorizedError");
  }
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("UnauthorizedError", message, { ...options, fault: "client" });
  }
}
/** 403 — the caller lacks permission (`wickr:GetOidcInfo`). */
export class ForbiddenError extends WickrServiceError {
  static {
    nameClass(this, "ForbiddenError");
  }
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("ForbiddenError", message, { ...options, fault: "client" });
  }
}
/** 404 — the network does not exist (or is not visible to the caller). */
export class ResourceNotFoundError extends WickrServiceError {
  static {
    nameClass(this, "ResourceNotFoundError");
  }
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
  static {
    nameClass(this, "ValidationError");
  }
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
  static {
    nameClass(this, "RateLimitError");
  }
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("RateLimitError", message, { ...options, fault: "client" });
  }
}
/** 500 — the service failed. Retried by default. */
export class InternalServerError extends WickrServiceError {
  static {
    nameClass(this, "InternalServerError");
  }
  constructor(message: string, options: WickrErrorOptions & { statusCode: number }) {
    super("InternalServerError", message, { ...options, fault: "server" });
  }
}

/** An argument is missing or malformed. Thrown before any network call. */
export class InvalidInputError extends WickrError {
  static {
    nameClass(this, "InvalidInputError");
  }
  /** The argument's name, e.g. `networkId` or `tokenRequest.code`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
/** Region, endpoint or another connection setting is unusable. Thrown before any network call. */
export class ConfigurationError extends WickrError {
  static {
    nameClass(this, "ConfigurationError");
  }
}
/** No usable AWS credentials could be resolved, or assuming the role failed. */
export class CredentialsError extends WickrError {
  static {
    nameClass(this, "CredentialsError");
  }
}
/** One attempt took longer than `timeoutMs` (or than what was left of the retry budget). Retried by default. */
export class RequestTimeoutError extends WickrError {
  static {
    nameClass(this, "RequestTimeoutError");
  }
}
/** The connection failed (reset, refused, DNS). Retried by default. */
export class NetworkError extends WickrError {
  static {
    nameClass(this, "NetworkError");
  }
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
  static {
    nameClass(this, "MalformedResponseError");
  }
}
/** Waiting for a throttled endpoint would take longer than the retry budget allows. Not retried. */
export class BudgetExceededError extends WickrError {
  static {
    nameClass(this, "BudgetExceededError");
  }
}
/** The caller cancelled the request through its `AbortSignal`, or the Pulumi engine cancelled the run. */
export class RequestAbortedError extends WickrError {
  static {
    nameClass(this, "RequestAbortedError");
  }
}
/**
 * A token exchange (a request carrying a single-use authorization `code`) failed after the request may
 * have reached the service — the answer was lost, timed out or was a 5xx — so the code may already be
 * used. It is never sent again: get a new authorization code. `cause` is the failure itself.
 */
export class CodeMayBeUsedError extends WickrError {
  static {
    nameClass(this, "CodeMayBeUsedError");
  }

  override codeMayBeUsed = true;
}
