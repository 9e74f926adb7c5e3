/**
 * Parsing the SigV4 `Authorization` header and `x-amz-date`, with the front door's error names.
 * Only header authentication is supported (no presigned URLs): the Wickr and STS clients never presign.
 */
import { frontDoor, type WireError } from "./wire-errors";

/** The parts of `AWS4-HMAC-SHA256 Credential=AK/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=hex`. */
export interface ParsedAuthorization {
  accessKeyId: string;
  /** `YYYYMMDD` from the credential scope. */
  scopeDate: string;
  region: string;
  service: string;
  /** Lower-case header names, in the order sent. */
  signedHeaders: string[];
  signature: string;
}

const ALGORITHM = "AWS4-HMAC-SHA256";

const incomplete = (message: string): WireError => frontDoor(403, "IncompleteSignatureException", message);

/**
 * Parse an `Authorization` header.
 *
 * @throws 403 `MissingAuthenticationTokenException` when absent, 403 `IncompleteSignatureException` when garbled.
 */
export function parseAuthorization(header: string | undefined): ParsedAuthorization {
  if (header === undefined || header.trim() === "") {
    throw frontDoor(403, "MissingAuthenticationTokenException", "Missing Authentication Token");
  }
  if (!header.startsWith(`${ALGORITHM} `)) {
    throw incomplete(`Unsupported Authorization Type: only ${ALGORITHM} is accepted.`);
  }
  const params = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length).split(",")) {
    const eq = part.indexOf("=");
    if (eq > 0) params.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const missing = ["Credential", "SignedHeaders", "Signature"].filter((name) => !params.get(name));
  if (missing.length > 0) {
    throw incomplete(missing.map((name) => `Authorization header requires '${name}' parameter.`).join(" "));
  }
  const scope = (params.get("Credential") ?? "").split("/");
  const [accessKeyId, scopeDate, region, service, terminator] = scope;
  if (scope.length !== 5 || !accessKeyId || !/^\d{8}$/.test(scopeDate ?? "") || !region || !service) {
    throw incomplete("Credential should be of the form 'AccessKeyId/YYYYMMDD/region/service/aws4_request'.");
  }
  if (terminator !== "aws4_request") {
    throw frontDoor(
      403,
      "InvalidSignatureException",
      "Credential should be scoped with a valid terminator: 'aws4_request'.",
    );
  }
  const signedHeaders = (params.get("SignedHeaders") ?? "").split(";").map((h) => h.trim().toLowerCase());
  if (!signedHeaders.includes("host")) {
    throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }
  const signature = params.get("Signature") ?? "";
  if (!/^[0-9a-f]{64}$/.test(signature)) {
    throw incomplete("Signature should be 64 lower-case hexadecimal characters.");
  }
  return { accessKeyId, scopeDate: scopeDate ?? "", region, service, signedHeaders, signature };
}

/**
 * Parse `x-amz-date` (`YYYYMMDDTHHMMSSZ`).
 *
 * @throws 403 `IncompleteSignatureException` when absent or malformed.
 */
export function parseAmzDate(value: string | undefined): Date {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value ?? "");
  if (!match) {
    throw incomplete(
      "Authorization header requires existence of a valid 'X-Amz-Date' header (YYYYMMDDTHHMMSSZ).",
    );
  }
  const [, y, mo, d, h, mi, s] = match.map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

/** Format a time as `x-amz-date` does. */
export function formatAmzDate(time: number): string {
  return new Date(time)
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}
