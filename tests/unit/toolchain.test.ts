/**
 * The toolchain the suite runs on. Everywhere: versions the support policy (README, "Compatibility")
 * covers. On a CI leg (.ci/matrix.sh sets WICKR_EXPECT_*): exactly the leg's versions, so a leg that
 * silently ran another Node or SDK fails instead of claiming coverage it does not have.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";

const sdkVersion = (
  JSON.parse(readFileSync(require.resolve("@pulumi/pulumi/package.json"), "utf8")) as { version: string }
).version;
const ownPackage = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
  engines: { node: string };
  peerDependencies: Record<string, string>;
};

/** [major, minor, patch] of "v24.22.3" or "3.276.0". */
const parts = (version: string): number[] => version.replace(/^v/, "").split(".").map(Number);
const atLeast = (version: string, minimum: string): boolean => {
  const [a, b] = [parts(version), parts(minimum)];
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
};

describe("toolchain", () => {
  it("runs the CI leg's exact Node.js and @pulumi/pulumi, or elsewhere versions the support policy covers", () => {
    assert.equal(ownPackage.engines.node, ">=20.19");
    assert.equal(ownPackage.peerDependencies["@pulumi/pulumi"], ">=3.248.0 <4");
    assert.ok(atLeast(process.version, "20.19.0"), `Node ${process.version}`);
    assert.ok(atLeast(sdkVersion, "3.248.0") && parts(sdkVersion)[0] === 3, `@pulumi/pulumi ${sdkVersion}`);
    // Set by .ci/matrix.sh for each leg; a developer's `npm test` has neither.
    const leg = { node: process.env["WICKR_EXPECT_NODE"], sdk: process.env["WICKR_EXPECT_PULUMI_SDK"] };
    if (leg.node !== undefined) assert.equal(process.version, leg.node, "the leg's Node.js");
    if (leg.sdk !== undefined) assert.equal(sdkVersion, leg.sdk, "the leg's @pulumi/pulumi");
  });
});
