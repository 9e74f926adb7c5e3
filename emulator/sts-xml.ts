/**
 * The STS query protocol's answers: XML documents `<ActionResponse><ActionResult>...` and
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error>`, as `@aws-sdk/client-sts` (AwsQueryProtocol)
 * parses them. See https://docs.aws.amazon.com/STS/latest/APIReference/CommonErrors.html for the codes.
 */
import type { ServerResponse } from "node:http";
import { sendText } from "./respond";
import type { WireError } from "./wire-errors";

/** XML namespace of STS 2011-06-15 documents. */
export const STS_XMLNS = "https://sts.amazonaws.com/doc/2011-06-15/";

/** A nested XML value: text, or child elements in order. */
export type XmlValue = string | number | { [child: string]: XmlValue };

/** Escape text for an XML element body. */
export function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Render `<name>value</name>`, recursing into objects. */
export function xmlElement(name: string, value: XmlValue): string {
  if (typeof value !== "object") return `<${name}>${xmlEscape(String(value))}</${name}>`;
  const children = Object.entries(value).map(([child, v]) => xmlElement(child, v));
  return `<${name}>${children.join("")}</${name}>`;
}

function requestIdOf(res: ServerResponse): string {
  return String(res.getHeader("x-amzn-RequestId") ?? "");
}

/** Write a successful `<{action}Response>` with `result` as `<{action}Result>`. */
export function writeStsResult(res: ServerResponse, action: string, result: Record<string, XmlValue>): void {
  const body =
    `<${action}Response xmlns="${STS_XMLNS}">` +
    xmlElement(`${action}Result`, result) +
    xmlElement("ResponseMetadata", { RequestId: requestIdOf(res) }) +
    `</${action}Response>`;
  sendText(res, 200, "text/xml", body);
}

/**
 * STS's own names for the front door's errors: the same failures have different codes (and sometimes
 * statuses) under the query protocol than under restJson1.
 */
const STS_FRONT_DOOR_CODES: Record<string, { code: string; status: number }> = {
  MissingAuthenticationTokenException: { code: "MissingAuthenticationToken", status: 403 },
  IncompleteSignatureException: { code: "IncompleteSignature", status: 400 },
  UnrecognizedClientException: { code: "InvalidClientTokenId", status: 403 },
  InvalidSignatureException: { code: "SignatureDoesNotMatch", status: 403 },
  ExpiredTokenException: { code: "ExpiredToken", status: 400 },
  RateLimitError: { code: "Throttling", status: 400 },
  InternalServerError: { code: "InternalFailure", status: 500 },
};

/** Write an STS error document for a code and message. */
export function writeStsErrorDocument(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  const body =
    `<ErrorResponse xmlns="${STS_XMLNS}">` +
    xmlElement("Error", { Type: status >= 500 ? "Receiver" : "Sender", Code: code, Message: message }) +
    xmlElement("RequestId", requestIdOf(res)) +
    `</ErrorResponse>`;
  sendText(res, status, "text/xml", body, headers);
}

/** Write `error` as STS would answer it; returns the code sent (for the log). */
export function writeStsError(res: ServerResponse, error: WireError): string {
  const mapped = STS_FRONT_DOOR_CODES[error.errorName] ?? { code: error.errorName, status: error.status };
  writeStsErrorDocument(res, mapped.status, mapped.code, error.message, error.details.headers);
  return mapped.code;
}
