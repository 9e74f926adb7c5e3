import type { HttpRequest } from "@smithy/protocol-http";
import { NetworkError, RequestAbortedError, RequestTimeoutError } from "./errors";
import type { HttpResponse, HttpTransport } from "./http";

/**
 * Sends one attempt with its own time limit, and turns transport failures into the package's errors:
 * the caller's abort → `AbortError`, the time limit → `TimeoutError`, anything else → `NetworkError`
 * (with the system code, e.g. `ECONNRESET`). The URL is never part of these messages.
 */
export async function sendAttempt(
  transport: HttpTransport,
  request: HttpRequest,
  options: { timeoutMs: number; signal?: AbortSignal },
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
    if (timedOut) throw new RequestTimeoutError(`no response within ${options.timeoutMs} ms (timeoutMs)`);
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
