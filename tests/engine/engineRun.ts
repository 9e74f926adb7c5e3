/**
 * Running one engine operation: one at a time, with its console output captured.
 */

/** An engine operation (`up`, `preview`, ...) failed; {@link output} holds what it printed. */
export class EngineRunError extends Error {
  override readonly name = "EngineRunError";

  constructor(
    /** The operation, e.g. `preview`. */
    readonly operation: string,
    /** `organization/<project>/<stack>`. */
    readonly stackName: string,
    /** The operation's stdout and stderr, interleaved as received. */
    readonly output: string,
    options: { cause: unknown },
  ) {
    const reason = options.cause instanceof Error ? options.cause.message : String(options.cause);
    super(`${operation} of ${stackName} failed: ${reason}`, options);
  }
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `operation` after every earlier one has settled.
 *
 * Inline programs share this process's Pulumi runtime, so two must never run at once.
 */
export function serialized<T>(operation: () => Promise<T>): Promise<T> {
  const result = queue.then(operation, operation);
  queue = result.catch(() => undefined);
  return result;
}

/** The console output handlers of an Automation API operation. */
export interface OutputCapture {
  /** Pass these to the operation. */
  handlers: { onOutput(text: string): void; onError(text: string): void };
  /** Everything received so far. */
  text(): string;
}

/** Collects stdout and stderr; echoes them to stderr when `PULUMI_WICKR_ENGINE_VERBOSE=1`. */
export function captureOutput(): OutputCapture {
  const chunks: string[] = [];
  const echo = process.env.PULUMI_WICKR_ENGINE_VERBOSE === "1";
  const add = (text: string): void => {
    chunks.push(text);
    if (echo) process.stderr.write(text);
  };
  return { handlers: { onOutput: add, onError: add }, text: () => chunks.join("") };
}

/**
 * The Automation API's in-process language server lost its gRPC channel to the CLI before the
 * program could talk to the engine (grpc-js: `14 UNAVAILABLE: No connection established`).
 *
 * Seen once in CI (a `preview` on a loaded 2-core machine, node20 leg), and only possible with
 * inline programs: the channel is between this test process and the CLI, never the provider's. Users
 * running `pulumi up` on a project have no such channel, so the harness retries this one
 * signature once instead of failing a test for a reason outside the product.
 */
export const INLINE_CHANNEL_LOST = /One or more errors occurred: 14 UNAVAILABLE: No connection established/;

/** Whether an operation's failure is {@link INLINE_CHANNEL_LOST} and nothing else. */
export function lostInlineChannel(cause: unknown): boolean {
  return cause instanceof Error && INLINE_CHANNEL_LOST.test(cause.message);
}
