import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpRequest } from "@smithy/protocol-http";
import type { Readable } from "node:stream";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";
import { MalformedResponseError } from "./errors";
import { MAX_RESPONSE_BYTES } from "./limits";

/** What the client needs of an HTTP response. */
export interface HttpResponse {
  statusCode: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one signed request. Injectable so tests can stand in for the network; the default is
 * {@link nodeHttpTransport}. Must reject promptly when `signal` aborts — also while the body is being
 * read — and must not read more than {@link MAX_RESPONSE_BYTES} of body.
 */
export type HttpTransport = (request: HttpRequest, options: { signal: AbortSignal }) => Promise<HttpResponse>;

let shared: NodeHttpHandler | undefined;

/**
 * The default transport: the AWS SDK's own `NodeHttpHandler`, with one keep-alive agent per process
 * so that a deployment reading many networks reuses its TLS connections. The body is read up to
 * {@link MAX_RESPONSE_BYTES}; a larger one is cut off and fails with `MalformedResponseError`.
 */
export function nodeHttpTransport(): HttpTransport {
  shared ??= new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
  });
  const handler = shared;
  return async (request, { signal }) => {
    const { response } = await handler.handle(request, { abortSignal: signal });
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = String(v);
    const body = await readCappedBody(response.body as Readable | undefined, headers, signal);
    return { statusCode: response.statusCode, headers, body };
  };
}

/**
 * Reads a response body as UTF-8, at most {@link MAX_RESPONSE_BYTES}: a larger `content-length` is
 * refused before reading, and a body that grows past the cap is cut off (the connection is destroyed,
 * so nothing more is downloaded). An abort destroys the stream too, so a stalled body cannot outlive
 * the attempt's time limit.
 */
export async function readCappedBody(
  stream: Readable | undefined,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<string> {
  if (!stream) return "";
  const declared = Number(headers["content-length"]);
  if (Number.isFinite(declared) && declared > MAX_RESPONSE_BYTES) {
    stream.destroy();
    throw tooLarge(`content-length ${declared}`);
  }
  const onAbort = () => stream.destroy(new Error("aborted while reading the response body"));
  if (signal.aborted) onAbort();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
      size += buffer.length;
      if (size > MAX_RESPONSE_BYTES) {
        stream.destroy();
        throw tooLarge(`more than ${MAX_RESPONSE_BYTES} bytes received`);
      }
      chunks.push(buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}

function tooLarge(detail: string): MalformedResponseError {
  return new MalformedResponseError(
    `the response body is larger than the ${MAX_RESPONSE_BYTES / 1024} KiB a GetOidcInfo answer can be (${detail}); it was not read`,
  );
}
