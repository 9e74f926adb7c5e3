/**
 * The provider's messages reach the engine's `Log` RPC with the resource's URN, severity and the
 * ephemeral flag; what cannot be delivered goes to stderr; a malformed URN is never sent.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { engineAddress, isUrn, processEngineLog } from "../../../provider/pulumi/engine-log";

const URN = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wickr:WickrOidcInfo::sso";

/** The SDK's own gRPC and protobuf packages, as the provider loads them (they are not ours to declare). */
const sdk = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
const fromSdk = <T>(id: string): T => require(require.resolve(id, { paths: [sdk] })) as T;
const grpc = fromSdk<GrpcServerApi>("@grpc/grpc-js");
const services = fromSdk<{ EngineService: unknown }>(path.join(sdk, "proto", "engine_grpc_pb"));
const empty = fromSdk<{ Empty: new () => unknown }>("google-protobuf/google/protobuf/empty_pb");

interface GrpcServerApi {
  Server: new () => {
    addService(service: unknown, implementation: unknown): void;
    bindAsync(address: string, credentials: unknown, done: (error: Error | null, port: number) => void): void;
    forceShutdown(): void;
  };
  ServerCredentials: { createInsecure(): unknown };
}

interface Received {
  severity: number;
  message: string;
  urn: string;
  ephemeral: boolean;
}

/** A fake engine with only `Log`, recording what it receives. */
async function fakeEngine(): Promise<{ address: string; received: Received[]; close(): void }> {
  const received: Received[] = [];
  const server = new grpc.Server();
  server.addService(services.EngineService, {
    log(
      call: {
        request: { getSeverity(): number; getMessage(): string; getUrn(): string; getEphemeral(): boolean };
      },
      done: (e: null, r: unknown) => void,
    ) {
      const r = call.request;
      received.push({
        severity: r.getSeverity(),
        message: r.getMessage(),
        urn: r.getUrn(),
        ephemeral: r.getEphemeral(),
      });
      done(null, new empty.Empty());
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return { address: `127.0.0.1:${port}`, received, close: () => server.forceShutdown() };
}

describe("engine log", () => {
  it("isUrn: only what the engine can parse", () => {
    assert.equal(isUrn(URN), true);
    assert.equal(
      isUrn("urn:pulumi:dev::proj::my:comp:Parent$pulumi-nodejs:dynamic/wickr:WickrOidcInfo::a::b"),
      true,
    );
    for (const bad of [
      "not-a-urn",
      "",
      "urn:pulumi:dev::proj",
      "urn:pulumi:dev::proj::type::",
      "urn:pulumi:d\n::p::t::n",
      undefined,
      42,
    ])
      assert.equal(isUrn(bad), false, String(bad));
  });

  it("engineAddress: the first argument of the dynamic provider host only", () => {
    const host = "/x/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    assert.equal(engineAddress(["node", host, "127.0.0.1:40123"]), "127.0.0.1:40123");
    assert.equal(engineAddress(["node", host, "[::1]:40123"]), "[::1]:40123");
    assert.equal(engineAddress(["node", "/x/program.js", "127.0.0.1:40123"]), undefined);
    assert.equal(engineAddress(["node", host, "--flag"]), undefined);
    assert.equal(engineAddress(["node", host]), undefined);
  });

  it("delivers text, URN, severity and the ephemeral flag to the engine; nothing on stderr", async () => {
    const engine = await fakeEngine();
    const stderr: string[] = [];
    try {
      const log = processEngineLog({ address: engine.address, stderr: (line) => stderr.push(line) });
      await log("drifted", { urn: URN, severity: "info" });
      await log("waiting", { urn: URN, ephemeral: true });
      await log("careful", { urn: URN, severity: "warning" });
      assert.deepEqual(engine.received, [
        { severity: 1, message: "drifted", urn: URN, ephemeral: false },
        { severity: 1, message: "waiting", urn: URN, ephemeral: true },
        { severity: 2, message: "careful", urn: URN, ephemeral: false },
      ]);
      assert.deepEqual(stderr, []);
    } finally {
      engine.close();
    }
  });

  it("a malformed or missing URN is sent as none (the Stack's row): the CLI would crash on it", async () => {
    const engine = await fakeEngine();
    try {
      const log = processEngineLog({ address: engine.address, stderr: () => undefined });
      await log("a", { urn: "not-a-urn" });
      await log("b");
      assert.deepEqual(
        engine.received.map((r) => r.urn),
        ["", ""],
      );
    } finally {
      engine.close();
    }
  });

  it("outside the provider host, or when the engine is gone, the line goes to stderr", async () => {
    const stderr: string[] = [];
    await processEngineLog({ address: undefined, stderr: (line) => stderr.push(line) })("no host", {
      urn: URN,
    });
    const engine = await fakeEngine();
    engine.close();
    await processEngineLog({ address: engine.address, stderr: (line) => stderr.push(line) })("gone", {
      urn: URN,
    });
    assert.deepEqual(stderr, ["no host", "gone"]);
  });
});
