/**
 * The provider plugin's gRPC server: the engine's `pulumirpc.ResourceProvider` service, served with
 * the Pulumi SDK's own generated code and its own copy of `@grpc/grpc-js` and `google-protobuf`
 * (resolved from the SDK's folder: they are its dependencies, not this package's). Written here
 * rather than with `@pulumi/pulumi/provider`'s server because that one (3.248) ignores the provider's
 * configuration and hands secrets through unmarked.
 *
 * Methods not served here (Handshake, Construct, Call, Attach, …) answer UNIMPLEMENTED, which the
 * engine takes as "use the older protocol" (pulumi/pulumi sdk/go/common/resource/plugin/provider_plugin.go).
 */
import * as path from "node:path";
import { buildSchema } from "./schema";
import { guardDeclaredLengths } from "./protobuf-guard";
import type { Failure, PluginProvider } from "./plugin-provider";

/* The generated protobuf messages, typed as far as this file uses them. */
interface Struct {
  toJavaScript(): Record<string, unknown>;
}
interface StructClass {
  fromJavaScript(value: Record<string, unknown>): Struct;
}
type Message = Record<string, (...args: never[]) => unknown>;
type MessageClass = new () => Message;
interface Call<R> {
  request: R;
}
type Callback = (error: unknown, response?: unknown) => void;
interface GrpcModule {
  Server: new (options?: Record<string, unknown>) => {
    addService(service: unknown, implementation: Record<string, unknown>): void;
    bindAsync(address: string, credentials: unknown, done: (error: Error | null, port: number) => void): void;
    forceShutdown(): void;
  };
  ServerCredentials: { createInsecure(): unknown };
  Metadata: new () => { add(key: string, value: Buffer): void };
  status: { UNKNOWN: number; INVALID_ARGUMENT: number };
}

/** The SDK's generated code and runtime packages, loaded from the SDK's own folder. */
function sdkModules() {
  const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const load = <T>(id: string): T => require(require.resolve(id, { paths: [sdk] })) as T;
  return {
    grpc: load<GrpcModule>("@grpc/grpc-js"),
    services: load<{ ResourceProviderService: unknown }>(path.join(sdk, "proto", "provider_grpc_pb")),
    provider: load<Record<string, MessageClass & Record<string, unknown>>>(
      path.join(sdk, "proto", "provider_pb"),
    ),
    plugin: load<{ PluginInfo: MessageClass }>(path.join(sdk, "proto", "plugin_pb")),
    empty: load<{ Empty: MessageClass }>("google-protobuf/google/protobuf/empty_pb"),
    struct: load<{ Struct: StructClass }>("google-protobuf/google/protobuf/struct_pb"),
    any: load<{ Any: MessageClass }>("google-protobuf/google/protobuf/any_pb"),
    status: load<{ Status: MessageClass }>(path.join(sdk, "proto", "status_pb")),
    protobuf: load<{ jspb: { BinaryDecoder: { prototype: unknown } } }>("google-protobuf"),
  };
}

const DIFF_NONE = 1;
const DIFF_SOME = 2;

/**
 * Starts serving `provider` on a free loopback port and resolves with the port (the plugin prints it
 * on stdout for the engine to connect).
 */
export async function serve(
  provider: PluginProvider,
  version: string,
): Promise<{ port: number; stop(): void }> {
  const m = sdkModules();
  guardDeclaredLengths(m.protobuf.jspb.BinaryDecoder);
  const P = m.provider;
  const schema = JSON.stringify(buildSchema(version));
  const toJs = (struct: Struct | undefined): Record<string, unknown> => struct?.toJavaScript() ?? {};
  const toStruct = (value: Record<string, unknown>): Struct => m.struct.Struct.fromJavaScript(value);
  const failuresOf = (failures: Failure[]): Message[] =>
    failures.map(({ property, reason }) => {
      const failure = new (P["CheckFailure"] as MessageClass)();
      (failure["setProperty"] as (v: string) => void)(property);
      (failure["setReason"] as (v: string) => void)(reason);
      return failure;
    });
  const message = (name: string): Message => new (P[name] as MessageClass)();
  const set = (target: Message, setter: string, value: unknown): void =>
    (target[setter] as unknown as (v: unknown) => void)(value);
  const get = <T>(request: unknown, getter: string): T =>
    ((request as Message)[getter] as unknown as () => T).call(request);

  /**
   * The error status of a failed method. Its message was scrubbed of secrets where it was made (the
   * client and the provider host). A failed token exchange that records outputs (`ResourceInitError`:
   * an `id` and `properties`) goes as the engine's `ErrorResourceInitFailed`, so the engine stores them.
   */
  const errorStatus = (error: unknown): { code: number; details: string; metadata?: unknown } => {
    const text = error instanceof Error ? error.message : String(error);
    const init = error as { id?: unknown; properties?: unknown; reasons?: unknown };
    if (!(typeof init.id === "string" && init.id !== "" && typeof init.properties === "object")) {
      return { code: m.grpc.status.UNKNOWN, details: text };
    }
    const detail = message("ErrorResourceInitFailed");
    set(detail, "setId", init.id);
    set(detail, "setProperties", toStruct(init.properties as Record<string, unknown>));
    set(detail, "setReasonsList", Array.isArray(init.reasons) ? init.reasons : [text]);
    const any = new m.any.Any();
    (any["pack"] as (bytes: Uint8Array, name: string) => void)(
      (detail["serializeBinary"] as () => Uint8Array)(),
      "pulumirpc.ErrorResourceInitFailed",
    );
    const status = new m.status.Status();
    set(status, "setCode", m.grpc.status.UNKNOWN);
    set(status, "setMessage", text);
    (status["addDetails"] as (value: unknown) => void)(any);
    const metadata = new m.grpc.Metadata();
    metadata.add("grpc-status-details-bin", Buffer.from((status["serializeBinary"] as () => Uint8Array)()));
    return { code: m.grpc.status.UNKNOWN, details: text, metadata };
  };

  /** Runs a method; a failure reaches the engine as an error status ({@link errorStatus}). */
  const unary =
    (run: (request: unknown) => Promise<unknown> | unknown) =>
    (call: Call<unknown>, callback: Callback): void => {
      Promise.resolve()
        .then(() => run(call.request))
        .then(
          (response) => callback(null, response),
          (error: unknown) => callback(errorStatus(error)),
        );
    };

  const implementation: Record<string, unknown> = {
    getPluginInfo: unary(() => {
      const info = new m.plugin.PluginInfo();
      set(info, "setVersion", version);
      return info;
    }),
    getSchema: unary(() => {
      const response = message("GetSchemaResponse");
      set(response, "setSchema", schema);
      return response;
    }),
    checkConfig: unary((request) => {
      const { inputs, failures } = provider.checkConfig(toJs(get(request, "getNews")));
      const response = message("CheckResponse");
      set(response, "setInputs", toStruct(inputs));
      set(response, "setFailuresList", failuresOf(failures));
      return response;
    }),
    diffConfig: unary((request) => {
      const { changes } = provider.diffConfig(toJs(get(request, "getOlds")), toJs(get(request, "getNews")));
      const response = message("DiffResponse");
      set(response, "setChanges", changes ? DIFF_SOME : DIFF_NONE);
      return response;
    }),
    configure: unary((request) => {
      const args = get<Struct | undefined>(request, "getArgs");
      const config = args ? toJs(args) : variablesOf(get(request, "getVariablesMap"));
      provider.configure(config);
      const response = message("ConfigureResponse");
      set(response, "setAcceptsecrets", true);
      set(response, "setSupportspreview", true);
      return response;
    }),
    check: unary(async (request) => {
      const { inputs, failures } = await provider.check(
        get(request, "getUrn"),
        toJs(get(request, "getNews")),
      );
      const response = message("CheckResponse");
      set(response, "setInputs", toStruct(inputs));
      set(response, "setFailuresList", failuresOf(failures));
      return response;
    }),
    diff: unary(async (request) => {
      const result = await provider.diff(
        get(request, "getId"),
        get(request, "getUrn"),
        toJs(get(request, "getOlds")),
        toJs(get(request, "getNews")),
      );
      const response = message("DiffResponse");
      set(response, "setChanges", result.changes ? DIFF_SOME : DIFF_NONE);
      set(response, "setReplacesList", result.replaces);
      return response;
    }),
    create: unary(async (request) => {
      const { id, outs } = await provider.create(
        get(request, "getUrn"),
        toJs(get(request, "getProperties")),
        get(request, "getPreview"),
      );
      const response = message("CreateResponse");
      set(response, "setId", id);
      set(response, "setProperties", toStruct(outs));
      return response;
    }),
    read: unary(async (request) => {
      const { id, props, inputs } = await provider.read(
        get(request, "getId"),
        get(request, "getUrn"),
        toJs(get(request, "getProperties")),
      );
      const response = message("ReadResponse");
      set(response, "setId", id);
      set(response, "setProperties", toStruct(props));
      set(response, "setInputs", toStruct(inputs));
      return response;
    }),
    update: unary(async (request) => {
      const { outs } = await provider.update(
        get(request, "getId"),
        get(request, "getUrn"),
        toJs(get(request, "getOlds")),
        toJs(get(request, "getNews")),
        get(request, "getPreview"),
      );
      const response = message("UpdateResponse");
      set(response, "setProperties", toStruct(outs));
      return response;
    }),
    delete: unary(() => new m.empty.Empty()),
    invoke: unary(async (request) => {
      const { outputs, failures } = await provider.invoke(
        get(request, "getTok"),
        toJs(get(request, "getArgs")),
      );
      const response = message("InvokeResponse");
      set(response, "setReturn", toStruct(outputs));
      set(response, "setFailuresList", failuresOf(failures));
      return response;
    }),
    // Ctrl-C, SIGTERM, or the end of the operation: every step in flight ends, later ones fail at once.
    cancel: unary(() => {
      provider.cancel();
      return new m.empty.Empty();
    }),
  };

  const server = new m.grpc.Server({ "grpc.max_receive_message_length": 1024 * 1024 * 400 });
  server.addService(m.services.ResourceProviderService, implementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", m.grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  return { port, stop: () => server.forceShutdown() };
}

/** The older form of the configuration: `<package>:config:<key>` → a string (JSON for non-strings). */
function variablesOf(
  map: { forEach(fn: (value: string, key: string) => void): void } | undefined,
): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  map?.forEach((value, key) => {
    const name = key.includes(":config:") ? key.slice(key.lastIndexOf(":") + 1) : key;
    try {
      config[name] = /^(true|false|-?\d+)$/.test(value) ? JSON.parse(value) : value;
    } catch {
      config[name] = value;
    }
  });
  return config;
}
