import type { HttpRequest } from "@smithy/protocol-http";
import { WickrAdminClient, type WickrAdminClientConfig } from "../../provider/wickr/client";
import type { HttpResponse, HttpTransport } from "../../provider/wickr/http";
import type { RetrySettings } from "../../provider/retry/retry-policy";

/** One scripted answer: a response, or an error the transport throws. */
export type Scripted = HttpResponse | { throw: Error & { code?: string } } | "hang";

/** A transport that answers from a script and records what it was sent; plus a fake clock and sleep. */
export function scriptedTransport(script: Scripted[]) {
  const requests: HttpRequest[] = [];
  let now = Date.parse("2026-11-29T12:00:00Z");
  const sleeps: number[] = [];
  const transport: HttpTransport = async (request, { signal }) => {
    requests.push(request);
    const next = script.length > 1 ? script.shift() : script[0];
    if (next === undefined) throw new Error("script exhausted");
    if (next === "hang") {
      return new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(new Error("aborted"))),
      );
    }
    if ("throw" in next) throw next.throw;
    return next;
  };
  return {
    transport,
    requests,
    sleeps,
    clock: () => now,
    sleep: async (ms: number, signal?: AbortSignal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
    },
    advance: (ms: number) => (now += ms),
  };
}

/** A JSON response. */
export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { "x-amzn-requestid": `req-${statusCode}`, ...headers },
    body: JSON.stringify(body),
  };
}

/** An error response as the contract puts it on the wire. */
export function wireError(
  statusCode: number,
  name: string,
  message: string,
  headers: Record<string, string> = {},
): HttpResponse {
  return json(
    statusCode,
    { message },
    { "x-amzn-errortype": `${name}:http://internal.amazon.com/coral/com.amazonaws.wickr/`, ...headers },
  );
}

/**
 * A client on a {@link scriptedTransport} with its fake clock and sleep, jitter fixed at 0.5 and
 * coordination off (each test sees one request's policy). STS points at a closed local port, so the
 * caller-identity hint of an auth error fails at once instead of reaching out to AWS.
 */
export function scriptedClient(
  script: Scripted[],
  retry: Partial<RetrySettings> = {},
  extra: Partial<WickrAdminClientConfig> = {},
  secretAccessKey = "canary-secret-access-key-0001",
) {
  const fake = scriptedTransport(script);
  const client = new WickrAdminClient({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    stsEndpoint: "http://127.0.0.1:9",
    credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey }),
    transport: fake.transport,
    clock: fake.clock,
    sleep: fake.sleep,
    random: () => 0.5,
    retry,
    throttling: { coordinate: false },
    ...extra,
  });
  return { client, ...fake };
}
