import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { platform, release, tmpdir } from "node:os";
import * as path from "node:path";
import {
  formatUserAgent,
  packageVersionFrom,
  userAgent,
  userAgentSection,
} from "../../provider/wickr/user-agent";
import { json, scriptedClient } from "../helpers/fake-transport";

const ROOT = path.join(__dirname, "..", "..");
/** The version in the repository's package.json, read here independently of the code under test. */
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;
/** The SDKs' escape of a section value (`UA_VALUE_ESCAPE_REGEX` of `@aws-sdk/core`), written out. */
const sdkEscapedValue = (text: string) => text.replace(/[^!$%&'*+\-.^_`|~\w#]/g, "-");
/** What this process must send: package and version, ua format 2.1, OS, JS on Node.js (`process.version`). */
const EXPECTED = `pulumi-wickr-oidc/${VERSION} ua/2.1 os/${platform()}#${sdkEscapedValue(release())} lang/js md/nodejs#${process.version.replace(/^v/, "")}`;

describe("User-Agent", () => {
  it("names the package, its package.json version, the ua format, OS and Node.js version, as the SDKs do", () => {
    assert.match(VERSION, /^\d+\.\d+\.\d+/);
    assert.equal(userAgent(), EXPECTED);
    assert.equal(userAgent(), userAgent(), "worked out once");
  });

  it("formats sections with the SDKs' separators and escapes", () => {
    const versions = { node: "20.20.2" };
    assert.equal(
      formatUserAgent({ version: "0.1.0", platform: "linux", release: "6.8.0-1015-aws", versions }),
      "pulumi-wickr-oidc/0.1.0 ua/2.1 os/linux#6.8.0-1015-aws lang/js md/nodejs#20.20.2",
    );
    assert.equal(
      formatUserAgent({ version: "unknown", platform: "win32", release: "10.0 (build) é", versions }),
      "pulumi-wickr-oidc/unknown ua/2.1 os/win32#10.0--build--- lang/js md/nodejs#20.20.2",
      "characters a header or the format cannot carry become -",
    );
    assert.equal(
      formatUserAgent({
        version: "1.0.0",
        platform: "darwin",
        release: "24.1.0",
        versions: { ...versions, bun: "1.2.3" },
      }),
      "pulumi-wickr-oidc/1.0.0 ua/2.1 os/darwin#24.1.0 lang/js md/bun#1.2.3",
      "Bun reports a node version too; the SDKs name Bun",
    );
    assert.equal(userAgentSection("app", "my app"), "app/my-app");
    assert.equal(userAgentSection("md/nodejs"), "md/nodejs");
  });

  describe("the version, from the nearest package.json named pulumi-wickr-oidc", () => {
    let dir: string;
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), "wickr-ua-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it("from the sources (provider/wickr) and from the build (dist/provider/wickr, 3 levels down)", () => {
      assert.equal(packageVersionFrom(path.join(ROOT, "provider", "wickr")), VERSION);
      assert.equal(packageVersionFrom(path.join(ROOT, "dist", "provider", "wickr")), VERSION);
    });

    it("as installed: passes over package files of other names and broken ones", () => {
      const installed = path.join(dir, "node_modules", "pulumi-wickr-oidc");
      const code = path.join(installed, "dist", "provider", "wickr");
      mkdirSync(code, { recursive: true });
      writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "pulumi-wickr-oidc", version: "0.0.1" }),
      );
      writeFileSync(
        path.join(installed, "package.json"),
        JSON.stringify({ name: "pulumi-wickr-oidc", version: "2.3.4" }),
      );
      writeFileSync(path.join(installed, "dist", "package.json"), JSON.stringify({ type: "commonjs" }));
      writeFileSync(path.join(installed, "dist", "provider", "package.json"), "{ not json");
      assert.equal(packageVersionFrom(code), "2.3.4", "the nearest one, not the outer one");
    });

    it('"unknown" when there is none, or it has no version; never throws', () => {
      const code = path.join(dir, "bundle", "lib");
      mkdirSync(code, { recursive: true });
      writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "someone-elses-app", version: "9.9.9" }),
      );
      assert.equal(packageVersionFrom(code), "unknown");
      writeFileSync(path.join(dir, "bundle", "package.json"), JSON.stringify({ name: "pulumi-wickr-oidc" }));
      assert.equal(packageVersionFrom(code), "unknown");
      assert.equal(packageVersionFrom(path.join(dir, "does", "not", "exist")), "unknown");
    });
  });

  it("the client sends it on every request, outside the signed headers (as the SDKs leave it)", async () => {
    const ok = json(200, {
      openidConnectInfo: { companyId: "acme", issuer: "https://idp", scopes: "openid" },
    });
    const { client, requests } = scriptedClient([ok]);
    await client.getOidcInfo({ networkId: "12345678" });
    const [request] = requests;
    assert.equal(request?.headers["user-agent"], EXPECTED);
    assert.equal(request?.headers["x-amz-user-agent"], undefined, "no x-amz-user-agent");
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(request?.headers["authorization"]))?.[1];
    assert.ok(signedHeaders?.split(";").includes("host"), String(signedHeaders));
    assert.ok(!signedHeaders?.split(";").includes("user-agent"), String(signedHeaders));
  });
});
