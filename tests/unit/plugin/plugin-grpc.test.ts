/**
 * The provider plugin as the engine talks to it: a real plugin process (its entry point, run with
 * ts-node), its gRPC port, and requests made with the Pulumi SDK's own generated client. What a broken
 * or hostile peer (or the engine's `Cancel`) does to it: each case asserts what the engine would see —
 * an error status within a second, no request to the endpoint — and that the process keeps answering.
 */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import type * as providerRpcTypes from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as providerTypes from "@pulumi/pulumi/proto/provider_pb";
import { startEmulator, type Emulator } from "../../../emulator";
import { type FaultProxy, startFaultProxy } from "../../helpers/fault-proxy";

/** The gRPC error a failed call gets (what `@grpc/grpc-js` calls a ServiceError). */
interface ServiceError extends Error {
  code: number;
  details: string;
}
/** The SDK's generated code and its gRPC runtime, from the SDK's own folder (as the plugin loads them). */
const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromSdk = <T>(id: string): T => require(require.resolve(id, { paths: [sdk] })) as T;
const grpc = fromSdk<{ credentials: { createInsecure(): never }; Metadata: new () => never }>(
  "@grpc/grpc-js",
);
const providerRpc = fromSdk<typeof providerRpcTypes>(path.join(sdk, "proto", "provider_grpc_pb"));
const provider = fromSdk<typeof providerTypes>(path.join(sdk, "proto", "provider_pb"));
const { Empty } = fromSdk<{ Empty: new () => never }>("google-protobuf/google/protobuf/empty_pb");
const { Struct } = fromSdk<{ Struct: { fromJavaScript(value: Record<string, unknown>): never } }>(
  "google-protobuf/google/protobuf/struct_pb",
);

const REPO = path.resolve(__dirname, "../../..");
const URN = "urn:pulumi:dev::proj::wickr-oidc:index:WickrOidcInfo::sso";
const NETWORK_ID = "12345678";

/** A running plugin process and a client of its port. */
interface Plugin {
  client: providerRpcTypes.ResourceProviderClient;
  process: ChildProcess;
  /** Everything it wrote on stderr. */
  stderr: () => string;
  stop(): void;
}

/** Starts the plugin as the engine does (`<entry> <engine address>`) and connects to the port it prints. */
async function startPlugin(env: Record<string, string>): Promise<Plugin> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", path.join(REPO, "provider/plugin/main.ts"), "127.0.0.1:1"],
    { cwd: REPO, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line?.[1]) resolve(line[1]);
    });
    child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before its port: ${stderr}`)));
  });
  const client = new providerRpc.ResourceProviderClient(
    `127.0.0.1:${port}`,
    grpc.credentials.createInsecure(),
  );
  return {
    client,
    process: child,
    stderr: () => stderr,
    stop() {
      client.close();
      child.kill("SIGKILL");
    },
  };
}

/** gRPC's status when a call's deadline passed without an answer. */
const DEADLINE_EXCEEDED = 4;
/**
 * The deadline of a call that must be answered at once (a malformed request, GetPluginInfo): the engine
 * would wait for ever, so a plugin that hangs shows as this deadline passing (status 4).
 */
const PROMPT_MS = 1000;
/** A step after Cancel ends within the provider step's grace (provider-step.ts, 1 s); this on top. */
const AFTER_CANCEL_MS = PROMPT_MS + 1500;

type Callback<Res> = (error: ServiceError | null, res: Res) => void;

/** Calls one unary method with a deadline; resolves with the answer or the error status. */
function call<Req, Res>(
  plugin: Plugin,
  method: (req: Req, metadata: never, options: { deadline: number }, cb: Callback<Res>) => unknown,
  request: Req,
  deadlineMs = 120_000,
): Promise<{ error: ServiceError | null; response: Res }> {
  return new Promise((resolve) =>
    method.call(
      plugin.client,
      request,
      new grpc.Metadata(),
      { deadline: Date.now() + deadlineMs },
      (error, response) => resolve({ error, response }),
    ),
  );
}

/** Asserts an error status that came before the call's deadline. */
function assertAnsweredError(error: ServiceError | null, what: string, pattern?: RegExp): void {
  assert.ok(error, `${what}: an error`);
  assert.notEqual(error.code, DEADLINE_EXCEEDED, `${what}: answered before the deadline`);
  if (pattern) assert.match(error.details, pattern, what);
}

const configure = (plugin: Plugin, endpoint: string) => {
  const request = new provider.ConfigureRequest();
  request.setArgs(Struct.fromJavaScript({ region: "us-east-1", endpoint, timeoutMs: 60_000 }));
  request.setAcceptsecrets(true);
  return call(plugin, plugin.client.configure, request);
};
const create = (plugin: Plugin, deadlineMs?: number) => {
  const request = new provider.CreateRequest();
  request.setUrn(URN);
  request.setProperties(Struct.fromJavaScript({ networkId: NETWORK_ID }));
  return call(plugin, plugin.client.create, request, deadlineMs);
};
const read = (plugin: Plugin, deadlineMs?: number) => {
  const request = new provider.ReadRequest();
  request.setId(NETWORK_ID);
  request.setUrn(URN);
  request.setProperties(Struct.fromJavaScript({}));
  return call(plugin, plugin.client.read, request, deadlineMs);
};
const invoke = (plugin: Plugin, deadlineMs?: number) => {
  const request = new provider.InvokeRequest();
  request.setTok("wickr-oidc:index:getOidcInfo");
  request.setArgs(Struct.fromJavaScript({ networkId: NETWORK_ID }));
  return call(plugin, plugin.client.invoke, request, deadlineMs);
};
const cancel = (plugin: Plugin) => call(plugin, plugin.client.cancel, new Empty());
const pluginInfo = (plugin: Plugin) => call(plugin, plugin.client.getPluginInfo, new Empty(), PROMPT_MS);

describe("provider plugin over gRPC: cancellation and malformed requests", function () {
  this.timeout(60_000);
  let emulator: Emulator;
  let proxy: FaultProxy;
  let plugin: Plugin | undefined;
  const env = (): Record<string, string> => ({
    AWS_ACCESS_KEY_ID: "AKIAEMULATORDEMO0001",
    AWS_SECRET_ACCESS_KEY: "emulator-demo-secret-NOT-REAL",
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_CONFIG_FILE: "/nonexistent",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent",
    AWS_EC2_METADATA_DISABLED: "true",
  });

  before(async () => {
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.url);
  });
  afterEach(() => {
    plugin?.stop();
    plugin = undefined;
    proxy.mode = { kind: "pass" };
  });
  after(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  it("Cancel aborts a call in flight through the plugin's own controller; later calls fail cleanly; it keeps answering", async () => {
    plugin = await startPlugin(env());
    assert.equal((await configure(plugin, proxy.url)).error, null);
    proxy.mode = { kind: "stall" };
    const before = proxy.requests;
    // The attempt timeout is 60 s: only the Cancel can end this call within the deadline.
    const running = create(plugin, 20_000);
    while (proxy.requests === before) await new Promise((r) => setTimeout(r, 20));
    assert.equal((await cancel(plugin)).error, null);
    const stopped = (await running).error;
    assertAnsweredError(
      stopped,
      "Create in flight",
      /RequestAbortedError.*the Pulumi engine cancelled the operation/,
    );
    assert.doesNotMatch(String(stopped?.details), /RequestTimeoutError/, "not by the attempt timeout");

    proxy.mode = { kind: "pass" };
    for (const [name, after] of [
      ["Create", () => create(plugin as Plugin, AFTER_CANCEL_MS)],
      ["Read", () => read(plugin as Plugin, AFTER_CANCEL_MS)],
      ["Invoke", () => invoke(plugin as Plugin, AFTER_CANCEL_MS)],
    ] as const) {
      assertAnsweredError((await after()).error, `${name} after Cancel`, /RequestAbortedError.*cancel/);
    }
    assert.equal(proxy.requests - before, 1, "nothing was sent after the Cancel");
    assert.equal((await pluginInfo(plugin)).error, null, "the plugin still answers");
    assert.equal(plugin.process.exitCode, null, "the process is alive");
    assert.doesNotMatch(plugin.stderr(), /triggerUncaughtException|UnhandledPromiseRejection/);
  });

  it("a Cancel before the first step is honoured: the next Create sends nothing", async () => {
    plugin = await startPlugin(env());
    assert.equal((await cancel(plugin)).error, null);
    assert.equal((await configure(plugin, emulator.url)).error, null);
    emulator.resetLog();
    assertAnsweredError(
      (await create(plugin, AFTER_CANCEL_MS)).error,
      "Create",
      /RequestAbortedError.*cancel/,
    );
    assert.equal(emulator.count("GetOidcInfo"), 0, "no request reached the endpoint");
    assert.equal((await pluginInfo(plugin)).error, null);
  });

  describe("malformed requests (one plugin for all)", () => {
    let shared: Plugin | undefined;
    before(async () => {
      shared = await startPlugin(env());
    });
    after(() => shared?.stop());

    for (const method of ["Check", "Configure", "Create", "Invoke"]) {
      it(`a malformed 8-byte body to ${method} gets an error within a second, and the plugin keeps serving`, async () => {
        const target = shared as Plugin;
        // A field declaring 564 989 263 bytes in an 8-byte message: google-protobuf spins on it unguarded.
        const body = Buffer.from("0acf9ab48da2b141", "hex");
        const error = await new Promise<ServiceError | null>((resolve) =>
          target.client.makeUnaryRequest(
            `/pulumirpc.ResourceProvider/${method}`,
            (raw: Buffer) => raw,
            (raw: Buffer) => raw,
            body,
            new grpc.Metadata(),
            { deadline: Date.now() + PROMPT_MS },
            (e) => resolve(e),
          ),
        );
        assertAnsweredError(error, `the malformed ${method}`);
        for (let k = 0; k < 3; k++)
          assert.equal((await pluginInfo(target)).error, null, "the plugin still answers");
      });
    }
  });
});
