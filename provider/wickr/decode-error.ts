import {
  BadRequestError,
  ForbiddenError,
  InternalServerError,
  RateLimitError,
  ResourceNotFoundError,
  UnauthorizedError,
  ValidationError,
  type ValidationReason,
  WickrServiceError,
  type WickrErrorOptions,
} from "./errors";
import { header } from "./headers";
import type { HttpResponse } from "./http";
import { definedOnly } from "../util/defined";

type ServiceErrorClass = new (
  message: string,
  options: WickrErrorOptions & { statusCode: number },
) => WickrServiceError;

/** The errors the model declares, by name. */
const MODELLED: Record<string, ServiceErrorClass> = {
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  ResourceNotFoundError,
  RateLimitError,
  InternalServerError,
};

/**
 * Cleans a wire error name: cut at the first `,` and the first `:`, then keep what follows `#`.
 * `RateLimitError:http://internal.amazon.com/coral/com.amazonaws.wickr/` and
 * `com.amazonaws.wickr#RateLimitError` both become `RateLimitError`.
 */
export function cleanErrorName(raw: string): string {
  let name = raw.trim();
  const comma = name.indexOf(",");
  if (comma >= 0) name = name.slice(0, comma);
  const colon = name.indexOf(":");
  if (colon >= 0) name = name.slice(0, colon);
  const hash = name.indexOf("#");
  if (hash >= 0) name = name.slice(hash + 1);
  return name.trim();
}

function parseBody(body: string): Record<string, unknown> {
  if (body.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

function reasonsOf(value: unknown): ValidationReason[] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((r): r is Record<string, unknown> => typeof r === "object" && r !== null)
    .map((r) => ({ field: str(r["field"]), reason: str(r["reason"]) }))
    .map((r) => definedOnly(r) as ValidationReason);
}

/**
 * Decodes any error response (status ≥ 300) into a typed error, following the restJson1 rules of the
 * wire contract: the name comes from the `X-Amzn-Errortype` header, else the body's `code`, else its
 * `__type`; the message from `message` or `Message`. Unknown names keep their raw name and status.
 * The message here is the service's own; the client adds operation, network and request id.
 */
export function decodeServiceError(response: HttpResponse): WickrServiceError {
  const body = parseBody(response.body);
  const rawName =
    header(response.headers, "x-amzn-errortype") ?? str(body["code"]) ?? str(body["__type"]) ?? "";
  const cleaned = cleanErrorName(rawName);
  const name = cleaned !== "" ? cleaned : fallbackName(response.statusCode);
  const serviceMessage = str(body["message"]) ?? str(body["Message"]);
  const options = {
    statusCode: response.statusCode,
    requestId: header(response.headers, "x-amzn-requestid"),
    serviceMessage,
  };
  const message = serviceMessage ?? (name === "RateLimitError" ? "Too many requests sent" : "");
  if (name === "ValidationError")
    return new ValidationError(message, { ...options, reasons: reasonsOf(body["reasons"]) });
  const Modelled = MODELLED[name];
  return Modelled ? new Modelled(message, options) : new WickrServiceError(name, message, options);
}

/** A name for an error response that carries none, from its status alone. */
function fallbackName(status: number): string {
  if (status === 429) return "RateLimitError";
  return status >= 500 ? "UnknownServerError" : `Http${status}Error`;
}
