/**
 * The examples as two teams would run them: a platform stack (`examples/basic`) reads the network's
 * SSO settings, an application stack (`examples/consumer`) takes them through a StackReference.
 * Plain values must arrive plain, secret ones secret.
 *
 * The producer is up before the tests; the consumer's first `up` is run by whichever test needs it
 * first (`consumerUp`), so each test runs alone with `--grep`.
 */
import * as assert from "node:assert/strict";
import { SECRET_OUTPUT_FIELDS } from "pulumi-wickr-oidc";
import { basicProgram } from "../../examples/basic/program";
import { CONSUMED_OUTPUTS, consumerProgram } from "../../examples/consumer/program";
import { DEMO_NETWORK_ID, DEMO_REGION, type Emulator, startEmulator } from "../../emulator";
import { createBackend, ensurePulumiCli, type TestBackend, type TestStack } from "./harness";
import { assertNoCanary, awsEnv, CLI_TIMEOUT_MS, once } from "./wickr-fixtures";

describe("WickrOidcInfo across stacks: examples/basic -> examples/consumer (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let backend: TestBackend;
  let producer: TestStack;
  let consumer: TestStack;

  /** The consumer's first `up`, and the `GetOidcInfo` calls the emulator saw during it. */
  const consumerUp = once(async () => {
    emulator.resetLog();
    const { result } = await consumer.up();
    return { result, wickrCalls: emulator.count("GetOidcInfo") };
  });

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    backend = await createBackend("wickr-stackref");
    producer = await backend.createStack({
      project: "wickr-oidc-basic",
      stack: "platform",
      program: async () => basicProgram(),
      envVars: awsEnv(emulator),
      config: {
        networkId: { value: DEMO_NETWORK_ID },
        "wickr:region": { value: DEMO_REGION },
        "wickr:endpoint": { value: emulator.url },
      },
    });
    consumer = await backend.createStack({
      project: "wickr-oidc-consumer",
      stack: "app",
      program: async () => consumerProgram(),
      config: { producerStack: { value: producer.fullyQualifiedName } },
    });
    await producer.up();
  });
  after(async () => {
    await backend?.cleanup();
    await emulator?.close();
  });

  it("the producer stack exports the network's settings from stack config", async () => {
    const outputs = await producer.outputs();
    const info = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
    assert.ok(info);
    assert.equal(outputs.issuer?.value, info.issuer);
    assert.equal(outputs.region?.value, DEMO_REGION);
    assert.deepEqual(outputs.clientSecret, { value: info.clientSecret, secret: true });
  });

  it("the consumer receives plain values plain and secret values secret", async () => {
    const { result, wickrCalls } = await consumerUp();
    assert.equal(wickrCalls, 0, "the consumer makes no Wickr call of its own");
    assert.deepEqual(result.summary.resourceChanges, { create: 1 }); // its stack; the StackReference is read
    const outputs = await consumer.outputs();
    const network = emulator.network(DEMO_NETWORK_ID);
    assert.ok(network);
    const info: Record<string, unknown> = { ...network.openidConnectInfo };
    const secretOnes: readonly string[] = SECRET_OUTPUT_FIELDS;
    for (const name of CONSUMED_OUTPUTS) {
      const expected = name === "networkId" ? DEMO_NETWORK_ID : info[name];
      assert.notEqual(expected, undefined, `the demo network sets ${name}`);
      const secret = secretOnes.includes(name);
      assert.deepEqual(
        outputs[name],
        { value: expected, secret },
        `${name} arrives ${secret ? "secret" : "plain"}`,
      );
    }
    assert.ok(
      CONSUMED_OUTPUTS.some((name) => secretOnes.includes(name)),
      "some consumed output is secret",
    );
    assert.deepEqual(outputs.discoveryUrl, {
      value: `${String(info.issuer)}/.well-known/openid-configuration`,
      secret: false,
    });
  });

  it("the consumer's state and `stack output` hold no secret in plaintext", async () => {
    await consumerUp();
    const info = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
    const secrets = { clientSecret: info?.clientSecret ?? "", secret: info?.secret ?? "" };
    assertNoCanary("the consumer's raw state", await consumer.rawState(), secrets);
    const printed = JSON.parse(await consumer.stackOutputJson()) as Record<string, unknown>;
    assert.equal(printed.clientSecret, "[secret]");
    assert.equal(printed.secret, "[secret]");
    assert.equal(printed.issuer, info?.issuer);
  });
});
