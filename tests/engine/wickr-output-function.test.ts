import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { getWickrOidcInfoOutput } from "pulumi-wickr-oidc";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  DEMO_SECRET_ACCESS_KEY,
  startEmulator,
  type Emulator,
} from "../../emulator";
import { withAwsEnv } from "../helpers/aws-env";
import { CLI_TIMEOUT_MS } from "./wickr-fixtures";
import { createTestStack, ensurePulumiCli } from "./harness";

/**
 * `getWickrOidcInfoOutput` runs in the program process (dynamic providers cannot serve invokes), so
 * with inline programs it runs in this test process: its AWS environment is this process's.
 */
describe("getWickrOidcInfoOutput under the engine", function () {
  this.timeout(120_000);
  let emulator: Emulator;

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
  });
  after(() => emulator.close());

  it("reads stack config fallbacks and returns a secret Output when the response has secrets", async () => {
    const t = await createTestStack({
      project: "wickr-output-fn",
      config: { "wickr:region": { value: DEMO_REGION }, "wickr:endpoint": { value: emulator.url } },
      program: async () => {
        const info = getWickrOidcInfoOutput({ networkId: DEMO_NETWORK_ID });
        return {
          issuer: info.apply((i) => i.openidConnectInfo?.issuer),
          whole: info,
          plainIssuer: pulumi.unsecret(info).apply((i) => i.openidConnectInfo?.issuer),
        };
      },
    });
    try {
      await withAwsEnv(
        { AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY },
        () => t.up(),
      );
      const outputs = await t.outputs();
      assert.equal(outputs["whole"]?.secret, true, "the whole response is secret: it carries clientSecret");
      assert.equal(outputs["issuer"]?.secret, true, "values derived from it stay secret");
      assert.equal(
        outputs["plainIssuer"]?.value,
        emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.issuer,
      );
      assert.equal(emulator.log.at(-1)?.region, DEMO_REGION, "wickr:region from stack config was used");
      assert.ok(
        !(await t.rawState()).includes(
          String(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.clientSecret),
        ),
      );
    } finally {
      await t.cleanup();
    }
  });
});
