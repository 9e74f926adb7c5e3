/**
 * Recomputing a request's SigV4 signature with `@smithy/signature-v4`, as the AWS front door does:
 * from the received method, path, query, the headers named in `SignedHeaders`, the body and `x-amz-date`,
 * for the region and service of the credential scope. No hand-written SigV4 math: if the client and
 * this file disagree, one of them is not doing what the AWS SDK does.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Hash } from "@smithy/hash-node";
import { HttpRequest } from "@smithy/protocol-http";
import { SignatureV4 } from "@smithy/signature-v4";
import type { ParsedAuthorization } from "./sigv4-parse";

/**
 * SHA-256 for the signer. The installed `@smithy/hash-node` (4.x) no longer exports a `Sha256` class,
 * only the generic `Hash`; binding the algorithm is how smithy's own Node runtime configs build it.
 */
const Sha256 = Hash.bind(null, "sha256");

/** A request as received, before any interpretation. */
export interface ReceivedRequest {
  method: string;
  /** Raw path as sent on the wire (still percent-encoded). */
  path: string;
  /** Decoded query; repeated names become arrays. */
  query: Record<string, string | string[]>;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** Only the headers the client says it signed, joined the way SigV4 joins repeated headers. */
function signedHeaderValues(headers: IncomingHttpHeaders, names: string[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(",") : value;
  }
  return picked;
}

/** The signature a client holding `secretAccessKey` would have sent for `request`. */
export async function expectedSignature(
  request: ReceivedRequest,
  auth: ParsedAuthorization,
  secretAccessKey: string,
  signingDate: Date,
): Promise<string> {
  const headers = signedHeaderValues(request.headers, auth.signedHeaders);
  const signer = new SignatureV4({
    credentials: { accessKeyId: auth.accessKeyId, secretAccessKey },
    region: auth.region,
    service: auth.service,
    sha256: Sha256,
    // The received headers are exactly what was signed: the signer must not add x-amz-content-sha256.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: request.method,
      hostname: headers.host ?? "",
      path: request.path,
      query: request.query,
      headers,
      body: request.body,
    }),
    {
      signingDate,
      signingRegion: auth.region,
      signingService: auth.service,
      // Sign what the client listed, even headers the SDK never signs (user-agent, ...).
      signableHeaders: new Set(auth.signedHeaders),
    },
  );
  const authorization = String(signed.headers.authorization ?? "");
  return /Signature=([0-9a-f]+)$/.exec(authorization)?.[1] ?? "";
}

/** Constant-time comparison of two hex signatures. */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected);
  const b = Buffer.from(received);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * False when the request declares a body hash (`x-amz-content-sha256`) that is not the body's:
 * the signer trusts that header, so without this check a body could be swapped under a valid signature.
 */
export function payloadHashMatches(headers: IncomingHttpHeaders, body: Buffer): boolean {
  const declared = headers["x-amz-content-sha256"];
  if (declared === undefined || declared === "UNSIGNED-PAYLOAD") return true;
  return declared === createHash("sha256").update(body).digest("hex");
}
