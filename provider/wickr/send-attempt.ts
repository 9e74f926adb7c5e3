import type { HttpRequest } from "@smithy/protocol-http";
import { isWickrError, NetworkError, RequestAbortedError, RequestTimeoutError } from "./errors";
import type { HttpResponse, HttpTransport } from "./http";

/**
 * System error codes that mean the request never left this machine: no connection was made, or the
 * host name did not resolve. Only these prove that a single-use authorization code was not sent.
 */
export const NOT_SENT_NETWORK_CODES: readonly string[] = [
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
];

/** True for a network error from which the request provably never reached the other side. */
export function isNotSentError(error: unknown): boolean {
  return (
    isWickrError(error) &&
    error.name === "NetworkError" &&
    NOT_SENT_NETWORK_CODES.includes((error as NetworkError).code ?? "")
  );
}

/**
 * Sends one attempt with its own time limit, and turns transport failures into the package's errors:
 * the caller's abort → `RequestAbortedError`, the time limit → `RequestTimeoutError`, a package error
 * from the transport (e.g. an oversized body) as it is, anything else → `NetworkError` (with the system
 * code, e.g. `ECONNRESET`). The URL is never part of these messages.
 */
export async function sendAttempt(
  transport: HttpTransport,
  request: HttpRequest,
  options: {
    timeoutMs: number;
    /** The setting the limit came from, for the message (default `timeoutMs`). */
    limitName?: string;
    signal?: AbortSignal;
  },
): Promise<HttpResponse> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    if (options.signal?.aborted) controller.abort();
    return await transport(request, { signal: controller.signal });
  } catch (error) {
    if (options.signal?.aborted) throw new RequestAbortedError("the call was cancelled", { cause: error });
    if (timedOut)
      throw new RequestTimeoutError(
        `no complete response within ${options.timeoutMs} ms (${options.limitName ?? "timeoutMs"})`,
      );
    if (isWickrError(error)) throw error;
    const code = (error as { code?: unknown }).code;
    const codeText = typeof code === "string" ? code : undefined;
    throw new NetworkError(`connection failed${codeText ? ` (${codeText})` : ""}`, {
      cause: error,
      ...(codeText ? { code: codeText } : {}),
    });
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}
