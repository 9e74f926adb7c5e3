/**
 * Messages from the provider process to the engine, attached to a resource's row.
 *
 * The dynamic provider host does not connect `pulumi.log` to the engine, and whatever a provider
 * writes to stderr the engine shows under the Stack (pulumi/pulumi sdk/go/common/resource/plugin/
 * plugin.go logs plugin stderr with an empty URN). The engine's own `Log` RPC, which the host is given
 * the address of as its first argument, takes a URN and an `ephemeral` flag: the engine then shows the
 * message on that resource's row, and an ephemeral one only while it is current, never among the
 * diagnostics (pkg/host/host_server.go `Log` → `LogStatus`; pkg/backend/display
 * progress.go). Everything here is best effort: a message that cannot be delivered goes to stderr.
 */
import * as path from "node:path";

/** How much a message matters, as the engine's `LogSeverity`. */
export type Severity = "debug" | "info" | "warning" | "error";

const SEVERITY: Readonly<Record<Severity, number>> = { debug: 0, info: 1, warning: 2, error: 3 };

/** A message for the engine. */
export interface EngineMessage {
  /** The resource whose row shows it; without a well-formed URN, the Stack's. */
  urn?: string | undefined;
  severity?: Severity;
  /** Shown on the row while current, not kept among the diagnostics (progress). */
  ephemeral?: boolean;
}

/** Sends messages to the engine. */
export type EngineLog = (text: string, message?: EngineMessage) => Promise<void>;

/** How long one message may take to deliver before it goes to stderr instead. */
const DELIVERY_MS = 2_000;

/**
 * True for a URN the engine can parse: `urn:pulumi:<stack>::<project>::<type>::<name>`. Anything else
 * is never sent: the CLI's display panics on a malformed URN (pkg/backend/display/display.go, `isRootURN`).
 */
export function isUrn(value: unknown): value is string {
  return (
    typeof value === "string" && /^urn:pulumi:[^:\n]+::[^:\n]+::[^:\n](?:[^:\n]|:(?!:))*::[^\n]+$/.test(value)
  );
}

/** The engine address the dynamic provider host was started with, when this is that process. */
export function engineAddress(argv: readonly string[] = process.argv): string | undefined {
  const [, script = "", address = ""] = argv;
  const isHost = /dynamic-provider[\\/]index\.js$/.test(script);
  return isHost && /^(?:[\w.-]+|\[[0-9a-fA-F:]+\]):\d{1,5}$/.test(address) ? address : undefined;
}

interface LogRequest {
  setSeverity(value: number): void;
  setMessage(value: string): void;
  setUrn(value: string): void;
  setEphemeral(value: boolean): void;
}
interface EngineClient {
  log(
    request: LogRequest,
    metadata: unknown,
    options: { deadline: Date },
    done: (error: Error | null) => void,
  ): void;
}

/** Options of {@link processEngineLog}. */
export interface EngineLogOptions {
  /** The engine's address. Default: {@link engineAddress} of this process (none outside the provider host). */
  address?: string | undefined;
  /** Where a message goes when it cannot be delivered. Default: one line on stderr. */
  stderr?: (line: string) => void;
}

/**
 * An {@link EngineLog} for this process: through the engine's `Log` RPC when this is the dynamic
 * provider host, else (or when delivery fails) one line on stderr.
 */
export function processEngineLog(options: EngineLogOptions = {}): EngineLog {
  const stderr = options.stderr ?? ((line: string) => console.error(line));
  const address = "address" in options ? options.address : engineAddress();
  let client: { engine: EngineClient; request: () => LogRequest } | null | undefined;
  return async (text, message = {}) => {
    client ??= connect(address);
    const delivered = client !== null && (await deliver(client, text, message));
    if (!delivered) stderr(text);
  };
}

function deliver(
  client: { engine: EngineClient; request: () => LogRequest },
  text: string,
  { urn, severity = "info", ephemeral = false }: EngineMessage,
): Promise<boolean> {
  return new Promise((resolve) => {
    try {
      const request = client.request();
      request.setSeverity(SEVERITY[severity]);
      request.setMessage(text);
      request.setUrn(isUrn(urn) ? urn : "");
      request.setEphemeral(ephemeral);
      client.engine.log(request, undefined, { deadline: new Date(Date.now() + DELIVERY_MS) }, (error) =>
        resolve(error === null),
      );
    } catch {
      resolve(false);
    }
  });
}

/**
 * A client of the engine's `Log` RPC, built from the Pulumi SDK's own generated code and its own copy
 * of `@grpc/grpc-js` (the generated client only accepts that copy's credentials). Null when this is
 * not the provider host or the SDK's layout is not the one expected.
 */
function connect(address: string | undefined): { engine: EngineClient; request: () => LogRequest } | null {
  if (address === undefined) return null;
  try {
    const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
    const grpc = require(require.resolve("@grpc/grpc-js", { paths: [sdk] })) as {
      credentials: { createInsecure(): unknown };
      Metadata: new () => unknown;
    };
    const services = require(path.join(sdk, "proto", "engine_grpc_pb")) as {
      EngineClient: new (address: string, credentials: unknown) => EngineClient;
    };
    const messages = require(path.join(sdk, "proto", "engine_pb")) as { LogRequest: new () => LogRequest };
    const engine = new services.EngineClient(address, grpc.credentials.createInsecure());
    const metadata = new grpc.Metadata();
    return {
      engine: { log: (request, _metadata, options, done) => engine.log(request, metadata, options, done) },
      request: () => new messages.LogRequest(),
    };
  } catch {
    return null;
  }
}
