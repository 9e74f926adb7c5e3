/**
 * Throttling: a stack reading twenty networks at once against an API that allows three calls per
 * second. With the default retry settings `up` must ride it out (honouring `Retry-After`) and every
 * resource must end up with its own network's settings.
 */
import * as assert from "node:assert/strict";
import { DEFAULT_RETRY_SETTINGS, WickrOidcInfo } from "pulumi-wickr-oidc";
import { DEMO_REGION, type Emulator, startEmulator } from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import { addNetworkLike, awsEnv, CLI_TIMEOUT_MS, resourcesOfType, WICKR_TYPE } from "./wickr-fixtures";

const RESOURCES = 20;
/** A progress line on a resource's row: `+  <type> sso-<id> creating (3s) Wickr network <id>: waiting …`. */
const PROGRESS =
  /^\s*\+\s+pulumi-nodejs:dynamic\/wickr:WickrOidcInfo sso-(\d{8}) creating \(\d+s\) Wickr network (\d{8}): waiting (?:\d+\.\d s before attempt \d+ of \d+ \(the last one got RateLimitError \(HTTP 429\)\)|for a turn, the service is throttling this endpoint \(\d+ calls queued, sent at [\d.]+\/s(?:, \d+\.\d s of the service's Retry-After left)?\))$/;
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
    const { result, output } = await t.up();
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

    // Progress: the person running `up` sees, on each waiting resource's row, which network waits,
    // why and for how long; a few lines per resource, never a flood, and none left in the diagnostics.
    const progress = output
      .split("\n")
      .map((line) => PROGRESS.exec(line))
      .filter((match): match is RegExpExecArray => match !== null);
    console.log(`      ${progress.length} progress lines on the rows, e.g.:`);
    for (const match of progress.slice(0, 4)) console.log(`        | ${match[0].trim()}`);
    assert.ok(progress.length > 0, "waits were shown");
    for (const match of progress)
      assert.equal(match[1], match[2], "the row and the message name the same network");
    const perResource = new Map<string, number>();
    for (const match of progress) perResource.set(match[1] ?? "", (perResource.get(match[1] ?? "") ?? 0) + 1);
    const most = Math.max(...perResource.values());
    console.log(
      `      at most ${most} progress lines for one resource (${perResource.size} resources waited)`,
    );
    assert.ok(most <= 2 * DEFAULT_RETRY_SETTINGS.maxAttempts, `a flood: ${most} lines for one resource`);
    assert.ok(!/Diagnostics:[\s\S]*waiting/.test(output), "progress is ephemeral: not among the diagnostics");
  });
});
