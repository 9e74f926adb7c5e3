import { NodeHttpHandler } from "@smithy/node-http-handler";
import type { HttpRequest } from "@smithy/protocol-http";
import type { Readable } from "node:stream";
import { Agent as HttpAgent } from "node:http";
import { Agent as HttpsAgent } from "node:https";

/** What the client needs of an HTTP response. */
export interface HttpResponse {
  statusCode: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  body: string;
}

/**
 * Sends one signed request. Injectable so tests can stand in for the network; the default is
 * {@link nodeHttpTransport}. Must reject promptly when `signal` aborts.
 */
export type HttpTransport = (request: HttpRequest, options: { signal: AbortSignal }) => Promise<HttpResponse>;

let shared: NodeHttpHandler | undefined;

/**
 * The default transport: the AWS SDK's own `NodeHttpHandler`, with one keep-alive agent per process
 * so that a deployment reading many networks reuses its TLS connections.
 */
export function nodeHttpTransport(): HttpTransport {
  shared ??= new NodeHttpHandler({
    httpAgent: new HttpAgent({ keepAlive: true, maxSockets: 50 }),
    httpsAgent: new HttpsAgent({ keepAlive: true, maxSockets: 50 }),
  });
  const handler = shared;
  return async (request, { signal }) => {
    const { response } = await handler.handle(request, { abortSignal: signal });
    const body = await readBody(response.body as Readable | undefined);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(response.headers)) headers[k.toLowerCase()] = String(v);
    return { statusCode: response.statusCode, headers, body };
  };
}

async function readBody(stream: Readable | undefined): Promise<string> {
  if (!stream) return "";
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString("utf8");
}
