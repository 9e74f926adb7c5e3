/**
 * Changing the resource's arguments in the program: what `up` does and what later runs use.
 * Both tests guard bugs found by writing them: a new `networkId` must replace the resource (its id
 * is the network id), and changed connection settings must reach the stored outputs (refresh reads
 * with the settings stored there).
 */
import * as assert from "node:assert/strict";
import { WickrOidcInfo } from "pulumi-wickr-oidc";
import { DEMO_NETWORK_ID, DEMO_REGION, type Emulator, startEmulator } from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import {
  demoArgs,
  addNetworkLike,
  awsEnv,
  CLI_TIMEOUT_MS,
  FAST_RETRY,
  resourcesOfType,
  WICKR_TYPE,
} from "./wickr-fixtures";

describe("WickrOidcInfo when its arguments change (real pulumi CLI)", function () {
  this.timeout(120_000);
  const stacks: TestStack[] = [];
  const emulators: Emulator[] = [];

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
  });
  after(async () => {
    for (const t of stacks.reverse()) await t.cleanup();
    for (const emulator of emulators) await emulator.close();
  });

  async function emulatorForTest(): Promise<Emulator> {
    const emulator = await startEmulator();
    emulators.push(emulator);
    return emulator;
  }

  // An in-place update cannot change the id that `create` set to the network id; without a
  // replacement the resource would read network B while its id still said network A.
  it("changing networkId gives the resource the new network's id and settings", async () => {
    const emulator = await emulatorForTest();
    const otherId = "87654321";
    const other = addNetworkLike(emulator, otherId, { issuer: "https://idp.example.com/realms/other" });
    let networkId = DEMO_NETWORK_ID;
    const t = await createTestStack({
      project: "wickr-network-change",
      envVars: awsEnv(emulator),
      program: async () => {
        const sso = new WickrOidcInfo("sso", demoArgs(emulator, { networkId }));
        return { id: sso.id, networkId: sso.networkId, issuer: sso.issuer };
      },
    });
    stacks.push(t);
    await t.up();

    networkId = otherId;
    emulator.resetLog();
    await t.up();
    assert.equal(emulator.count("GetOidcInfo"), 1);
    const outputs = await t.outputs();
    assert.equal(outputs.networkId?.value, otherId);
    assert.equal(outputs.issuer?.value, other.issuer);
    assert.deepEqual(
      resourcesOfType(await t.rawState(), WICKR_TYPE).map((r) => r.id),
      [otherId],
      "the resource id in the state is the new network id",
    );
    assert.equal(outputs.id?.value, otherId, "sso.id is the new network id");
  });

  // `read` (refresh) takes connection settings from the stored outputs, so a changed endpoint must be
  // recorded by an update; otherwise every later refresh would still call the old, gone endpoint.
  it("after changing the endpoint, refresh reads from the new endpoint", async () => {
    const oldEndpoint = await emulatorForTest();
    const newEndpoint = await emulatorForTest();
    let endpoint = oldEndpoint.url;
    const t = await createTestStack({
      project: "wickr-endpoint-change",
      envVars: awsEnv(newEndpoint),
      program: async () => {
        const sso = new WickrOidcInfo("sso", {
          networkId: DEMO_NETWORK_ID,
          region: DEMO_REGION,
          endpoint,
          retry: { ...FAST_RETRY, maxAttempts: 1 },
        });
        return { issuer: sso.issuer };
      },
    });
    stacks.push(t);
    await t.up();

    endpoint = newEndpoint.url; // e.g. a move to a VPC endpoint
    await t.up();
    assert.equal(newEndpoint.count("GetOidcInfo"), 1, "up read from the new endpoint");
    await oldEndpoint.close(); // the old endpoint is gone
    newEndpoint.resetLog();
    const { result } = await t.refresh();
    assert.deepEqual(result.summary.resourceChanges, { same: 2 });
    assert.equal(newEndpoint.count("GetOidcInfo"), 1, "refresh read from the new endpoint");
  });
});
