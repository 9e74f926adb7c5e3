/**
 * Errors as the Wickr API puts them on the wire (restJson1): a status, an `X-Amzn-Errortype` header
 * `Name:namespace`, and a JSON body `{"message": ...}` (plus `reasons` for `ValidationError`).
 *
 * Handlers throw {@link WireError}; the server renders it once, here, so every answer has the same shape.
 */
import type { ServerResponse } from "node:http";
import { type ErrorName, errorModel } from "./api-model";
import { sendJson } from "./respond";

/** Namespace of the errors modelled by the Wickr service. */
export const WICKR_ERROR_NAMESPACE = "http://internal.amazon.com/coral/com.amazonaws.wickr/";

/**
 * Namespace of errors raised by the AWS front door before the service sees the request
 * (`InvalidSignatureException`, `UnrecognizedClientException`, ...). Real AWS answers those with this
 * namespace rather than the service's, which is why a client must cut the name at the first `:`.
 */
export const FRONT_DOOR_ERROR_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.coral.service/";

/** One item of a `ValidationError`'s `reasons`. */
export interface ValidationReason {
  field?: string;
  reason?: string;
}

/** Who raised the error: decides the `X-Amzn-Errortype` namespace (and the STS code, see `sts-xml.ts`). */
export type ErrorOrigin = "service" | "front-door";

/** Extra parts of a {@link WireError}. */
export interface WireErrorDetails {
  reasons?: ValidationReason[];
  origin?: ErrorOrigin;
  /** Extra response headers (e.g. `Retry-After`). */
  headers?: Record<string, string>;
}

/** An error answer. `errorName` is the wire name, e.g. `ResourceNotFoundError`. */
export class WireError extends Error {
  override readonly name = "WireError";

  constructor(
    readonly status: number,
    readonly errorName: string,
    message: string,
    readonly details: WireErrorDetails = {},
  ) {
    super(message);
  }
}

/** A modelled error of the service, its status taken from the API model. */
export function modelledError(name: ErrorName, message: string, details: WireErrorDetails = {}): WireError {
  return new WireError(errorModel(name).status, name, message, details);
}

/** 400 `BadRequestError`. */
export const badRequest = (message: string): WireError => modelledError("BadRequestError", message);
/** 401 `UnauthorizedError`. */
export const unauthorized = (message: string): WireError => modelledError("UnauthorizedError", message);
/** 403 `ForbiddenError`. */
export const forbidden = (message: string): WireError => modelledError("ForbiddenError", message);
/** 404 `ResourceNotFoundError`. */
export const notFound = (message: string): WireError => modelledError("ResourceNotFoundError", message);
/** 500 `InternalServerError`. */
export const internalError = (message: string): WireError => modelledError("InternalServerError", message);

/** 422 `ValidationError` with its `reasons`. */
export function validationError(reasons: ValidationReason[]): WireError {
  const summary = reasons.map((r) => `${r.field ?? "request"}: ${r.reason ?? "invalid"}`).join("; ");
  return modelledError("ValidationError", `Invalid request: ${summary}`, { reasons });
}

/** 429 `RateLimitError` with the model's default message. */
export function rateLimited(headers: Record<string, string>): WireError {
  const message = errorModel("RateLimitError").members.find((m) => m.name === "message")?.default;
  return modelledError("RateLimitError", message ?? "Too many requests sent", { headers });
}

/** An error of the AWS front door (authentication), e.g. 403 `InvalidSignatureException`. */
export function frontDoor(status: number, errorName: string, message: string): WireError {
  return new WireError(status, errorName, message, { origin: "front-door" });
}

/** Write `error` as a restJson1 error answer. */
export function writeJsonError(res: ServerResponse, error: WireError): void {
  const namespace =
    error.details.origin === "front-door" ? FRONT_DOOR_ERROR_NAMESPACE : WICKR_ERROR_NAMESPACE;
  const body: Record<string, unknown> = { message: error.message };
  if (error.details.reasons) body.reasons = error.details.reasons;
  sendJson(res, error.status, body, {
    ...error.details.headers,
    "X-Amzn-Errortype": `${error.errorName}:${namespace}`,
  });
}
