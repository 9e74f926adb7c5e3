/**
 * `WickrOidcInfo.get(name, id)`: an existing network read as a resource Pulumi does not manage, with
 * connection settings from stack config only, under the real engine.
 */
import * as assert from "node:assert/strict";
import { WickrOidcInfo } from "pulumi-wickr-oidc";
import { DEMO_REGION, type Emulator, startEmulator } from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import { addNetworkLike, awsEnv, CLI_TIMEOUT_MS, linesWith, SECRET_SIG } from "./wickr-fixtures";

describe("WickrOidcInfo.get (real pulumi CLI)", function () {
  this.timeout(120_000);
  const networkId = "70000001";
  let emulator: Emulator;
  let t: TestStack;

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    addNetworkLike(emulator, networkId, { issuer: "https://idp.example.com/realms/existing" });
    t = await createTestStack({
      project: "wickr-get",
      envVars: awsEnv(emulator),
      config: { "aws:region": { value: DEMO_REGION }, "wickr:endpoint": { value: emulator.url } },
      program: async () => {
        const existing = WickrOidcInfo.get("existing", networkId);
        return {
          issuer: existing.issuer,
          clientSecret: existing.clientSecret,
          region: existing.region,
          driftedFields: existing.driftedFields,
          isInstance: WickrOidcInfo.isInstance(existing),
          plainObjectIsInstance: WickrOidcInfo.isInstance({ issuer: "x" }),
        };
      },
    });
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it("up reads the network by id: outputs right, secrets encrypted, isInstance true (and false for others)", async () => {
    emulator.resetLog();
    const { result } = await t.up();
    assert.deepEqual(
      result.summary.resourceChanges,
      { create: 1 },
      "the Stack; a read resource is not counted as a change",
    );
    const outputs = await t.outputs();
    assert.deepEqual(outputs["issuer"], { value: "https://idp.example.com/realms/existing", secret: false });
    assert.equal(outputs["clientSecret"]?.secret, true);
    assert.deepEqual(outputs["region"]?.value, DEMO_REGION, "aws:region from stack config");
    assert.deepEqual(outputs["driftedFields"]?.value, []);
    assert.equal(outputs["isInstance"]?.value, true);
    assert.equal(outputs["plainObjectIsInstance"]?.value, false);
    assert.equal(emulator.count("GetOidcInfo", { networkId }), 1, "one read");
    const raw = await t.rawState();
    assert.ok(!raw.includes(String(emulator.network(networkId)?.openidConnectInfo.clientSecret)));
    assert.ok(raw.includes(SECRET_SIG));
  });

  it("a later preview reports no drift (nothing to compare with) and proposes no change", async () => {
    const { output, result } = await t.preview({ expectNoChanges: true });
    assert.deepEqual(linesWith(output, "changed outside Pulumi"), []);
    assert.equal(result.changeSummary["update"], undefined);
  });

  it("after a change in Wickr, up reads the new settings without calling it drift; destroy makes no call", async () => {
    emulator.registerOidcConfig(networkId, { issuer: "https://idp.example.com/realms/changed" });
    const { output } = await t.up();
    assert.deepEqual(linesWith(output, "changed outside Pulumi"), []);
    assert.equal((await t.outputs())["issuer"]?.value, "https://idp.example.com/realms/changed");
    emulator.resetLog();
    await t.destroy();
    assert.equal(emulator.count("GetOidcInfo"), 0);
    assert.ok(emulator.network(networkId), "the network is untouched");
  });
});
