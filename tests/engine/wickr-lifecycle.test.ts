/**
 * `WickrOidcInfo` through a whole stack life with the real `pulumi` CLI: `up` creates it with the
 * network's settings (secret ones secret), runs without remote change cost one `GetOidcInfo` call each
 * and report no change, `refresh` keeps everything, `destroy` makes no call.
 *
 * The tests share one stack but do not depend on each other: each first brings the stack to the
 * condition it needs (`givenEmptyStack`, `givenSeedStack`, `givenResource`), which costs an engine run
 * only when an earlier test left the stack elsewhere. Run any one alone with `--grep`.
 */
import * as assert from "node:assert/strict";
import { SECRET_OUTPUT_FIELDS, WickrOidcInfo } from "pulumi-wickr-oidc";
import {
  DEMO_CODE_CHALLENGE,
  DEMO_CODE_VERIFIER,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  type Emulator,
  OIDC_FIELDS,
  startEmulator,
} from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import {
  demoArgs,
  awsEnv,
  CLI_TIMEOUT_MS,
  DEMO_TOKEN_REQUEST,
  exportAll,
  resourcesOfType,
  restoreDemoNetwork,
  WICKR_TYPE,
} from "./wickr-fixtures";

const DRIFT_LINE = "WickrOidcInfo: the OIDC settings of Wickr network";

describe("WickrOidcInfo lifecycle (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let t: TestStack;
  /**
   * What the stack holds: no resource (`empty`), the demo network as seeded (`seed`), the resource
   * after a remote change (`changed`), or not known (`undefined`: a test failed half-way).
   */
  let holds: "empty" | "seed" | "changed" | undefined = "empty";

  /** No resource in the stack; the demo network as seeded, its code unused (a create exchanges it). */
  async function givenEmptyStack(): Promise<void> {
    restoreDemoNetwork(emulator);
    if (holds === "empty") return;
    await t.destroy();
    holds = "empty";
  }

  /** The resource created or updated from the demo network as seeded, with tokens, no drift since. */
  async function givenSeedStack(): Promise<void> {
    if (holds === "seed") return;
    restoreDemoNetwork(emulator); // also re-arms the code, in case this `up` creates the resource
    await t.up();
    holds = "seed";
  }

  /** The resource exists, whatever the network looks like. */
  async function givenResource(): Promise<void> {
    if (holds === "seed" || holds === "changed") return;
    await givenSeedStack();
  }

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    t = await createTestStack({
      project: "wickr-lifecycle",
      envVars: awsEnv(emulator),
      program: async () => {
        const sso = new WickrOidcInfo("sso", demoArgs(emulator, { tokenRequest: DEMO_TOKEN_REQUEST }));
        return exportAll(sso);
      },
    });
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") holds = undefined;
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it("up creates the resource with the network's settings, exchanging the code once", async () => {
    await givenEmptyStack();
    emulator.resetLog();
    const { result } = await t.up();
    holds = "seed";
    assert.deepEqual(result.summary.resourceChanges, { create: 2 }); // the stack and the resource
    assert.equal(emulator.count("GetOidcInfo"), 1);
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 1);

    const outputs = await t.outputs();
    const network = emulator.network(DEMO_NETWORK_ID);
    assert.ok(network, "the demo network exists");
    for (const field of OIDC_FIELDS) {
      assert.notEqual(network.openidConnectInfo[field], undefined, `the demo network sets ${field}`);
      assert.deepEqual(outputs[field]?.value, network.openidConnectInfo[field], `output ${field}`);
    }
    assert.equal(outputs.networkId?.value, DEMO_NETWORK_ID);
    assert.equal(outputs.region?.value, DEMO_REGION);
    assert.deepEqual(outputs.driftedFields?.value, []);
    // The token exchange's answer.
    assert.equal(outputs.tokenType?.value, "Bearer");
    assert.equal(outputs.expiresIn?.value, 3600);
    assert.equal(outputs.codeVerifier?.value, DEMO_CODE_VERIFIER);
    assert.equal(outputs.codeChallenge?.value, DEMO_CODE_CHALLENGE);
    for (const token of ["accessToken", "idToken"]) {
      assert.match(String(outputs[token]?.value), /^[\w-]+\.[\w-]+\.[\w-]+$/, `${token} is a JWT`);
    }
    assert.match(String(outputs.refreshToken?.value), /^emulator-refresh-/);
  });

  it("reports exactly the sensitive outputs as secret", async () => {
    await givenSeedStack();
    const outputs = await t.outputs();
    const secretOnes: readonly string[] = SECRET_OUTPUT_FIELDS;
    for (const field of SECRET_OUTPUT_FIELDS) {
      assert.notEqual(outputs[field]?.value, undefined, `${field} has a value`);
      assert.equal(outputs[field]?.secret, true, `${field} is secret`);
    }
    const plain = Object.keys(outputs).filter((name) => !secretOnes.includes(name));
    assert.ok(plain.length >= OIDC_FIELDS.length, "the plain outputs are exported too");
    for (const name of plain) assert.equal(outputs[name]?.secret, false, `${name} is plain`);
  });

  it("a second up with no remote change reports the resource same, with one call and no exchange", async () => {
    await givenSeedStack();
    const before = await t.outputs();
    emulator.resetLog();
    const { result, output } = await t.up();
    assert.deepEqual(result.summary.resourceChanges, { same: 2 });
    assert.ok(!output.includes(DRIFT_LINE), "no drift is reported");
    assert.equal(emulator.count("GetOidcInfo"), 1);
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 0);
    assert.deepEqual(await t.outputs(), before);
  });

  it("preview --expect-no-changes passes, with one call and no exchange", async () => {
    await givenSeedStack();
    emulator.resetLog();
    const { result } = await t.preview({ expectNoChanges: true });
    assert.deepEqual(result.changeSummary, { same: 2 });
    assert.equal(emulator.count("GetOidcInfo"), 1);
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 0);
  });

  it("refresh keeps every output (tokens included), with one call and no exchange", async () => {
    await givenSeedStack();
    const before = await t.outputs();
    emulator.resetLog();
    const { result } = await t.refresh();
    assert.deepEqual(result.summary.resourceChanges, { same: 2 });
    assert.equal(emulator.count("GetOidcInfo"), 1);
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 0);
    assert.deepEqual(await t.outputs(), before);
  });

  it("an update after a remote change keeps the tokens and never re-sends the single-use code", async () => {
    await givenSeedStack();
    const before = await t.outputs();
    emulator.registerOidcConfig(DEMO_NETWORK_ID, { scopes: "openid email" });
    emulator.resetLog();
    const { result } = await t.up();
    holds = "changed";
    assert.deepEqual(result.summary.resourceChanges, { same: 1, update: 1 });
    assert.equal(emulator.count("GetOidcInfo"), 1);
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 0);
    const after = await t.outputs();
    assert.equal(after.scopes?.value, "openid email");
    for (const field of [
      "accessToken",
      "idToken",
      "refreshToken",
      "codeVerifier",
      "codeChallenge",
      "expiresIn",
    ]) {
      assert.deepEqual(after[field], before[field], `${field} is kept`);
    }
  });

  it("destroy removes the resource without calling GetOidcInfo", async () => {
    await givenResource();
    emulator.resetLog();
    const { result } = await t.destroy();
    holds = "empty";
    assert.deepEqual(result.summary.resourceChanges, { delete: 2 });
    assert.equal(emulator.count("GetOidcInfo"), 0);
    assert.deepEqual(resourcesOfType(await t.rawState(), WICKR_TYPE), []);
    assert.deepEqual(await t.outputs(), {});
  });
});
