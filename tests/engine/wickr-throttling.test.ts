/**
 * Throttling: a stack reading twenty networks at once against an API that allows three calls per
 * second. With the default retry settings `up` must ride it out (honouring `Retry-After`) and every
 * resource must end up with its own network's settings.
 */
import * as assert from "node:assert/strict";
import { WickrOidcInfo } from "pulumi-wickr-oidc";
import { DEMO_REGION, type Emulator, startEmulator } from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import { addNetworkLike, awsEnv, CLI_TIMEOUT_MS, resourcesOfType, WICKR_TYPE } from "./wickr-fixtures";

const RESOURCES = 20;
const THROTTLE = { ratePerSecond: 3, burst: 3, retryAfter: "seconds" } as const;

describe("WickrOidcInfo under throttling (real pulumi CLI)", function () {
  this.timeout(180_000);
  const networkIds = Array.from({ length: RESOURCES }, (_, i) => String(60_000_000 + i));
  const issuerOf = (networkId: string): string => `https://idp.example.com/realms/network-${networkId}`;
  let emulator: Emulator;
  let t: TestStack;

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    for (const networkId of networkIds) addNetworkLike(emulator, networkId, { issuer: issuerOf(networkId) });
    t = await createTestStack({
      project: "wickr-throttling",
      envVars: awsEnv(emulator),
      program: async () => {
        const outputs: Record<string, unknown> = {};
        for (const networkId of networkIds) {
          // Default retry settings: this test shows the real behaviour.
          const sso = new WickrOidcInfo(`sso-${networkId}`, {
            networkId,
            region: DEMO_REGION,
            endpoint: emulator.url,
          });
          outputs[`issuer${networkId}`] = sso.issuer;
          outputs[`networkId${networkId}`] = sso.networkId;
        }
        return outputs;
      },
    });
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it(`up of ${RESOURCES} resources at ${THROTTLE.ratePerSecond} calls/s succeeds with every output right`, async () => {
    emulator.setThrottle(THROTTLE);
    emulator.resetLog();
    const started = Date.now();
    const { result } = await t.up();
    const seconds = (Date.now() - started) / 1000;
    const throttled = emulator.count("GetOidcInfo", { status: 429 });
    console.log(
      `      ${RESOURCES} resources: up took ${seconds.toFixed(1)} s; the emulator answered ${throttled} × 429 ` +
        `and ${emulator.count("GetOidcInfo", { status: 200 })} × 200`,
    );

    assert.deepEqual(result.summary.resourceChanges, { create: RESOURCES + 1 });
    assert.ok(throttled > 0, "the emulator throttled some calls");
    for (const networkId of networkIds) {
      assert.equal(
        emulator.count("GetOidcInfo", { networkId, status: 200 }),
        1,
        `one successful read of ${networkId}`,
      );
    }
    const outputs = await t.outputs();
    for (const networkId of networkIds) {
      assert.equal(outputs[`issuer${networkId}`]?.value, issuerOf(networkId));
      assert.equal(outputs[`networkId${networkId}`]?.value, networkId);
    }
    assert.equal(resourcesOfType(await t.rawState(), WICKR_TYPE).length, RESOURCES);
  });
});
