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

/** The README's "Compatibility" section: the support policy users read. */
function compatibilitySection(): string {
  const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const start = readme.indexOf("\n## Compatibility");
  assert.ok(start >= 0, "README has a Compatibility section");
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("toolchain", () => {
  // The two ranges are pinned on purpose: they are a documented, user-facing contract (npm checks them
  // on install, and README "Compatibility" promises them). Changing one is a support-policy change, to
  // be made here, in package.json and in the README together.
  it("package.json declares the Node.js and @pulumi/pulumi ranges the README's support policy promises", () => {
    assert.equal(ownPackage.engines.node, ">=20.19");
    assert.equal(ownPackage.peerDependencies["@pulumi/pulumi"], ">=3.248.0 <4");
    const policy = compatibilitySection();
    assert.ok(policy.includes('`engines: ">=20.19"`'), "the README quotes the engines range");
    assert.ok(policy.includes('`peerDependencies: ">=3.248.0 <4"`'), "the README quotes the SDK range");
  });

  it("runs the CI leg's exact Node.js and @pulumi/pulumi, or elsewhere versions the support policy covers", () => {
    assert.ok(atLeast(process.version, "20.19.0"), `Node ${process.version}`);
    assert.ok(atLeast(sdkVersion, "3.248.0") && parts(sdkVersion)[0] === 3, `@pulumi/pulumi ${sdkVersion}`);
    // Set by .ci/matrix.sh for each leg; a developer's `npm test` has neither.
    const leg = { node: process.env["WICKR_EXPECT_NODE"], sdk: process.env["WICKR_EXPECT_PULUMI_SDK"] };
    if (leg.node !== undefined) assert.equal(process.version, leg.node, "the leg's Node.js");
    if (leg.sdk !== undefined) assert.equal(sdkVersion, leg.sdk, "the leg's @pulumi/pulumi");
  });
});
