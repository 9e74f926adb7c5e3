/**
 * The examples as users run them: `pulumi` in the project folders `examples/basic`,
 * `examples/consumer` and the repository root, each running the program its `Pulumi.yaml` names, with
 * stack config set by `pulumi config set`. `scripts/project-runtime.ts` stands in for the Node.js
 * language host (`scripts/pulumi-install.sh` does not build it); engine, backend, secrets and provider process are real.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import { SECRET_OUTPUT_FIELDS } from "pulumi-wickr-oidc";
import { CONSUMED_OUTPUTS } from "../../examples/consumer/program";
import {
  DEMO_NETWORK_ID,
  DEMO_REGION,
  type Emulator,
  type OpenidConnectInfo,
  startEmulator,
} from "../../emulator";
import { type BackendFolder, createBackendFolder, REPO_ROOT, removeBackendFolder } from "./harness";
import { initProjectStack, type ProjectStack } from "./project-stack";
import {
  addNetworkLike,
  assertNoCanary,
  awsEnv,
  canary,
  CLI_TIMEOUT_MS,
  resourcesOfType,
  SECRET_SIG,
  serializedProvider,
  WICKR_TYPE,
} from "./wickr-fixtures";

const BASIC_DIR = path.join(REPO_ROOT, "examples", "basic");
const CONSUMER_DIR = path.join(REPO_ROOT, "examples", "consumer");
const STACK_TYPE = "pulumi:pulumi:Stack";
const SECRET_KEY = "4dabf18193072939515e22adb298388d";

/** The outputs `examples/basic` exports that are plain values, and what they must be. */
function expectedPlainOutputs(networkId: string, info: OpenidConnectInfo): Record<string, unknown> {
  const { clientSecret: _c, secret: _s, ...plain } = info;
  return { ...plain, networkId, region: DEMO_REGION };
}

/** Asserts that `value` is how the file backend stores a secret. */
function assertCiphertext(where: string, value: unknown): void {
  const secret = value as Record<string, unknown> | undefined;
  assert.equal(secret?.[SECRET_KEY], SECRET_SIG, `${where} is not stored as a secret`);
  assert.equal(typeof secret?.["ciphertext"], "string", `${where} has no ciphertext`);
}

/** The config `examples/basic` needs: the network, and the emulator as the Wickr endpoint. */
function basicConfig(emulator: Emulator, networkId: string): Record<string, string> {
  return { networkId, "wickr:endpoint": emulator.url, "wickr:region": DEMO_REGION };
}

/** Shared checks of a stack that ran `examples/basic` on a network with canary secrets. */
function describeBasicStack(label: string, projectDir: string, networkId: string): void {
  describe(label, function () {
    this.timeout(120_000);
    let emulator: Emulator;
    let folder: BackendFolder;
    let stack: ProjectStack;
    let info: OpenidConnectInfo;
    let canaries: Record<string, string>;
    let upOutput: string;

    before(async function () {
      this.timeout(CLI_TIMEOUT_MS);
      folder = await createBackendFolder("examples");
      emulator = await startEmulator();
      canaries = { clientSecret: canary("clientSecret"), secret: canary("secret") };
      info = addNetworkLike(emulator, networkId, canaries);
      stack = await initProjectStack({
        folder,
        projectDir,
        stack: "test",
        config: basicConfig(emulator, networkId),
        env: awsEnv(emulator),
      });
      upOutput = (await stack.run(["up", "--yes"])).output;
    });
    after(async () => {
      await stack?.cleanup();
      if (folder) await removeBackendFolder(folder);
      await emulator?.close();
    });

    it("pulumi up runs the program: one WickrOidcInfo, plain outputs plain, secret outputs [secret]", async () => {
      assert.match(upOutput, /\+ 2 created/);
      const outputs = await stack.outputs();
      const { clientSecret, secret, ...plain } = outputs;
      assert.deepEqual(plain, expectedPlainOutputs(networkId, info));
      assert.deepEqual({ clientSecret, secret }, { clientSecret: "[secret]", secret: "[secret]" });
      const revealed = await stack.outputs({ showSecrets: true });
      assert.deepEqual(
        [revealed["clientSecret"], revealed["secret"]],
        [canaries["clientSecret"], canaries["secret"]],
      );
    });

    it("the state file holds the secrets as ciphertext only", async () => {
      const raw = await stack.rawState();
      const [sso, ...others] = resourcesOfType(raw, WICKR_TYPE);
      assert.equal(others.length, 0);
      assert.equal(sso?.id, networkId);
      const [root] = resourcesOfType(raw, STACK_TYPE);
      for (const field of ["clientSecret", "secret"]) {
        assertCiphertext(`the resource's ${field}`, sso?.outputs?.[field]);
        assertCiphertext(`the stack output ${field}`, root?.outputs?.[field]);
      }
      assert.match(serializedProvider(raw, WICKR_TYPE, "sso"), /pulumi-wickr-oidc\/provider-host/);
      assertNoCanary("the state file", raw, canaries);
      assertNoCanary("the output of pulumi up", upOutput, canaries);
      assertNoCanary("pulumi stack export", (await stack.run(["stack", "export"])).output, canaries);
    });

    it("pulumi preview --expect-no-changes passes, with one GetOidcInfo call", async () => {
      emulator.resetLog();
      const { output } = await stack.run(["preview", "--expect-no-changes"]);
      assert.match(output, /2 unchanged/);
      assert.equal(emulator.count("GetOidcInfo"), 1);
      assertNoCanary("the output of pulumi preview", output, canaries);
    });

    it("pulumi refresh (--preview-only --expect-no-changes, then --yes) finds no drift", async () => {
      await stack.run(["refresh", "--preview-only", "--expect-no-changes"]);
      const { output } = await stack.run(["refresh", "--yes"]);
      assert.match(output, /2 unchanged/);
      assert.deepEqual(await stack.outputs(), {
        ...expectedPlainOutputs(networkId, info),
        clientSecret: "[secret]",
        secret: "[secret]",
      });
    });
  });
}

describe("examples as Pulumi project folders (real pulumi CLI, project runtime)", function () {
  describeBasicStack("examples/basic", BASIC_DIR, "31000001");

  describeBasicStack(
    "the repository root (Pulumi.yaml main: examples/basic/index.ts)",
    REPO_ROOT,
    "31000002",
  );

  describe("examples/consumer, reading the examples/basic stack through a StackReference", function () {
    this.timeout(120_000);
    let emulator: Emulator;
    let folder: BackendFolder;
    let producer: ProjectStack;
    let consumer: ProjectStack;

    before(async function () {
      this.timeout(CLI_TIMEOUT_MS);
      folder = await createBackendFolder("examples-consumer");
      emulator = await startEmulator();
      producer = await initProjectStack({
        folder,
        projectDir: BASIC_DIR,
        stack: "platform",
        config: basicConfig(emulator, DEMO_NETWORK_ID),
        env: awsEnv(emulator),
      });
      await producer.run(["up", "--yes"]);
      consumer = await initProjectStack({
        folder,
        projectDir: CONSUMER_DIR,
        stack: "app",
        config: { producerStack: producer.fullyQualifiedName },
      });
      await consumer.run(["up", "--yes"]);
    });
    after(async () => {
      await consumer?.cleanup();
      await producer?.cleanup();
      if (folder) await removeBackendFolder(folder);
      await emulator?.close();
    });

    it("plain outputs arrive plain, secret outputs [secret], discoveryUrl from the issuer", async () => {
      const produced = await producer.outputs({ showSecrets: true });
      const outputs = await consumer.outputs();
      const secret = new Set<string>(SECRET_OUTPUT_FIELDS);
      for (const name of CONSUMED_OUTPUTS) {
        assert.deepEqual(outputs[name], secret.has(name) ? "[secret]" : produced[name], name);
      }
      assert.equal(outputs["discoveryUrl"], `${String(produced["issuer"])}/.well-known/openid-configuration`);
      const revealed = await consumer.outputs({ showSecrets: true });
      for (const name of CONSUMED_OUTPUTS) assert.deepEqual(revealed[name], produced[name], name);
    });

    it("the consumer's state file holds the secrets it took as ciphertext only", async () => {
      const raw = await consumer.rawState();
      const [root] = resourcesOfType(raw, STACK_TYPE);
      for (const field of ["clientSecret", "secret"]) {
        assertCiphertext(`the consumer's stack output ${field}`, root?.outputs?.[field]);
      }
      const info = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
      assert.ok(info?.clientSecret && info.secret);
      assertNoCanary("the consumer's state file", raw, {
        clientSecret: info.clientSecret,
        secret: info.secret,
      });
    });

    it("pulumi preview --expect-no-changes passes for the consumer", async () => {
      const { output } = await consumer.run(["preview", "--expect-no-changes"]);
      assert.match(output, /1 unchanged/); // the stack; the StackReference is a read
    });
  });
});
