import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { WickrAdminClient } from "../../provider/wickr/client";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  DEMO_SECRET_ACCESS_KEY,
  startEmulator,
} from "../../emulator";

/** The version in the repository's package.json, read here independently of the code under test. */
const VERSION = (
  JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }
).version;

describe("WickrAdminClient's User-Agent, as the emulator logs it", () => {
  it("names the package version and the Node.js version, and the signature still verifies", async () => {
    const emulator = await startEmulator();
    try {
      const client = new WickrAdminClient({
        region: DEMO_REGION,
        endpoint: emulator.url,
        credentials: async () => ({
          accessKeyId: DEMO_ACCESS_KEY_ID,
          secretAccessKey: DEMO_SECRET_ACCESS_KEY,
        }),
      });
      await client.getOidcInfo({ networkId: DEMO_NETWORK_ID });
      const [entry] = emulator.log;
      assert.equal(entry?.status, 200, "signed without user-agent, verified by the emulator");
      assert.match(
        String(entry?.userAgent),
        /^pulumi-wickr-oidc\/\S+ ua\/2\.1 os\/\S+ lang\/js md\/nodejs#\S+$/,
      );
      assert.ok(entry?.userAgent?.startsWith(`pulumi-wickr-oidc/${VERSION} `), entry?.userAgent);
      assert.ok(
        entry?.userAgent?.endsWith(` md/nodejs#${process.version.replace(/^v/, "")}`),
        entry?.userAgent,
      );
    } finally {
      await emulator.close();
    }
  });
});
