/**
 * The engine's cancellation, as an AbortSignal, inside the dynamic provider process.
 *
 * On the first SIGINT/SIGTERM the Pulumi CLI sends the gRPC `Cancel` RPC to every provider
 * process and then WAITS for in-flight steps to finish (pkg/resource/deploy/deployment_executor.go).
 * The dynamic provider host (`@pulumi/pulumi/cmd/dynamic-provider`, 3.248 .. 3.276) answers
 * `Cancel` with a no-op and keeps its gRPC server private, so provider code never hears of it.
 * This module notices the RPC itself: every gRPC call is an HTTP/2 stream on the process's one
 * HTTP/2 server, with the method in its `:path` header.
 *
 * The signal is sticky: besides the first ^C, the engine sends `Cancel` only from `host.Close()`,
 * right before it kills the provider process at the end of the operation (each operation starts a
 * provider process of its own). Measured with CLI 3.248: after SIGINT or SIGTERM to the CLI, a
 * provider step stuck in a retry loop ends within about a second instead of after the retry budget;
 * the engine records no pending operation and the next `up` works. Sources: pkg/backend
 * cancellation_scope.go, pkg/resource/deploy/deployment_executor.go (`SignalCancellation`), and
 * sdk/nodejs/cmd/dynamic-provider (its `cancel` is a no-op up to 3.276 at least).
 *
 * How it listens is not a public API: on Node 20 through the process's active handles
 * (`process._getActiveHandles`), on Node ≥ 22 also through the `http2.server.stream.start`
 * diagnostics channel. If both went away it would silently do nothing — the engine tests check it.
 *
 * Must be loaded in the provider process (from inside the provider methods), never at program
 * level: in the program process it would find no gRPC server and never fire.
 */
import * as diagnosticsChannel from "node:diagnostics_channel";

const CANCEL_PATH = "/pulumirpc.ResourceProvider/Cancel";
const KEY = Symbol.for("pulumi-wickr-oidc/engine-cancel");

interface State {
  controller: AbortController;
}

type StreamHeaders = Record<string, string | string[] | undefined> | undefined;

/** Not in @types/node; present in every Node release. */
interface ProcessWithHandles {
  _getActiveHandles?: () => unknown[];
}
interface Http2ServerLike {
  prependListener(event: "stream", listener: (stream: unknown, headers: StreamHeaders) => void): unknown;
  listenerCount(event: string): number;
  address(): unknown;
}

function state(): State {
  const holder = globalThis as unknown as Record<symbol, State | undefined>;
  let s = holder[KEY];
  if (!s) {
    s = { controller: new AbortController() };
    holder[KEY] = s; // shared by every copy of this module in the process
    install(s);
  }
  return s;
}

function install(s: State): void {
  const seen = (headers: StreamHeaders): void => {
    if (headers?.[":path"] === CANCEL_PATH && !s.controller.signal.aborted) {
      const reason = new Error("the Pulumi engine cancelled the operation (Ctrl-C or SIGTERM)");
      reason.name = "RequestAbortedError";
      reason.stack = `${reason.name}: ${reason.message}`; // dynamic diff/read print e.stack
      s.controller.abort(reason);
    }
  };
  // 1. The listening HTTP/2 server(s) of this process (the gRPC server is bound before any RPC).
  const handles = (process as unknown as ProcessWithHandles)._getActiveHandles?.() ?? [];
  for (const handle of handles) {
    const h = handle as Partial<Http2ServerLike> | null;
    if (
      h &&
      typeof h.prependListener === "function" &&
      typeof h.listenerCount === "function" &&
      typeof h.address === "function" &&
      h.listenerCount("stream") > 0
    ) {
      h.prependListener("stream", (_stream, headers) => seen(headers));
    }
  }
  // 2. Public channel published by Node >= 22.17 / 24.x (measured: 22.23.5, 24.22.3; not 20.20).
  diagnosticsChannel.subscribe("http2.server.stream.start", (message) =>
    seen((message as { headers?: StreamHeaders } | undefined)?.headers),
  );
}

/** Aborted once the engine sends `Cancel` to this provider process. */
export function engineCancellation(): AbortSignal {
  return state().controller.signal;
}
