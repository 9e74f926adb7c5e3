/**
 * A user's install: the packed package (`npm pack` of the built repo) installed with npm into a fresh
 * project outside the repository, used from a plain Node.js script through the Automation API of that
 * project's own `@pulumi/pulumi`. Proves the published files are complete, that the provider process
 * finds `pulumi-wickr-oidc/provider-host` in the user's `node_modules`, and how big the serialized
 * provider is there.
 *
 * Slow (npm install, a few minutes with a warm cache): `npm run build` first.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { DEMO_NETWORK_ID, DEMO_REGION, type Emulator, startEmulator } from "../../emulator";
import { REPO_ROOT, TEST_PASSPHRASE } from "./harness";
import { INSTALL_TIMEOUT_MS, run, type UserInstall, userInstall } from "./user-install";
import { awsEnv } from "./wickr-fixtures";

/** The user's script: plain CommonJS, only the project's own packages. */
const USER_SCRIPT = `"use strict";
const fs = require("node:fs");
const path = require("node:path");
const auto = require("@pulumi/pulumi/automation");
const { WickrOidcInfo } = require("pulumi-wickr-oidc");

async function main() {
  const env = process.env;
  const program = async () => {
    const sso = new WickrOidcInfo("sso", { networkId: env.NETWORK_ID, region: env.REGION, endpoint: env.EMULATOR_URL });
    return { networkId: sso.networkId, issuer: sso.issuer, scopes: sso.scopes, clientSecret: sso.clientSecret };
  };
  const backend = path.join(__dirname, "state");
  fs.mkdirSync(backend, { recursive: true });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: "dev", projectName: "wickr-user", program },
    {
      workDir: __dirname,
      pulumiCommand: await auto.PulumiCommand.get({ root: env.PULUMI_ROOT }),
      projectSettings: { name: "wickr-user", runtime: "nodejs" },
      envVars: {
        PULUMI_BACKEND_URL: "file://" + backend,
        PULUMI_HOME: path.join(__dirname, "pulumi-home"),
        PULUMI_CONFIG_PASSPHRASE: env.PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SELF_MANAGED_STATE_GZIP: "false",
      },
    },
  );
  const up = await stack.up();
  const outputs = await stack.outputs();
  const state = JSON.parse(fs.readFileSync(path.join(backend, ".pulumi", "stacks", "wickr-user", "dev.json"), "utf8"));
  const sso = state.checkpoint.latest.resources.find((r) => r.type === "pulumi-nodejs:dynamic/wickr:WickrOidcInfo");
  const provider = sso.inputs.__provider;
  const destroyed = await stack.destroy();
  await stack.workspace.removeStack("dev");
  console.log(JSON.stringify({
    up: up.summary.resourceChanges,
    destroy: destroyed.summary.resourceChanges,
    outputs,
    provider,
    providerBytes: Buffer.byteLength(provider, "utf8"),
  }));
}
main().catch((error) => {
  console.error(error);
  process.exit(1);
});
`;

interface ScriptResult {
  up: Record<string, number>;
  destroy: Record<string, number>;
  outputs: Record<string, { value: unknown; secret: boolean }>;
  provider: string;
  providerBytes: number;
}

describe("WickrOidcInfo from a user's npm install (real pulumi CLI)", function () {
  this.timeout(INSTALL_TIMEOUT_MS);
  let emulator: Emulator;

  before(async () => {
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator?.close();
  });

  it("npm pack + npm install into a fresh project, then up / outputs / destroy from a Node script", async () => {
    const install: UserInstall = await userInstall();
    const { files, tmp, pulumiRoot } = install;
    assert.ok(files.includes("dist/provider/provider-host.js"), "the tarball holds the provider host");
    assert.ok(files.includes("dist/emulator/cli.js"), "the tarball holds the emulator's bin");
    assert.ok(!files.some((f) => f.startsWith("tests/") || f.startsWith("provider/")), "no sources or tests");
    assert.ok(!files.some((f) => f.includes("/test/")), "no emulator tests");
    console.log(`      npm install took ${install.installSeconds.toFixed(0)} s`);
    const project = await fs.mkdtemp(path.join(tmp, "script-"));
    await fs.symlink(path.join(install.project, "node_modules"), path.join(project, "node_modules"));
    const installed = await fs.realpath(path.join(project, "node_modules", "pulumi-wickr-oidc"));
    assert.ok(!installed.startsWith(REPO_ROOT), "the package is a copy, not a link to the repository");

    await fs.writeFile(path.join(project, "main.js"), USER_SCRIPT);
    emulator.resetLog();
    const stdout = await run("node", ["main.js"], {
      cwd: project,
      timeoutMs: 5 * 60_000,
      env: {
        ...awsEnv(emulator),
        EMULATOR_URL: emulator.url,
        NETWORK_ID: DEMO_NETWORK_ID,
        REGION: DEMO_REGION,
        PULUMI_ROOT: pulumiRoot,
        PASSPHRASE: TEST_PASSPHRASE,
        // The CLI finds the dynamic provider launcher next to itself; nothing from the repository.
        PATH: [path.join(pulumiRoot, "bin"), process.env.PATH ?? ""].join(path.delimiter),
        NODE_PATH: "",
      },
    });
    const result = JSON.parse(stdout.trim().split("\n").pop() ?? "") as ScriptResult;

    const info = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
    assert.deepEqual(result.up, { create: 2 });
    assert.deepEqual(result.outputs, {
      networkId: { value: DEMO_NETWORK_ID, secret: false },
      issuer: { value: info?.issuer, secret: false },
      scopes: { value: info?.scopes, secret: false },
      clientSecret: { value: info?.clientSecret, secret: true },
    });
    assert.deepEqual(result.destroy, { delete: 2 });
    assert.equal(emulator.count("GetOidcInfo"), 1, "one call for up, none for destroy");

    console.log(`      serialized provider in the user's install: ${result.providerBytes} bytes`);
    assert.ok(result.providerBytes < 10 * 1024, `__provider is ${result.providerBytes} bytes`);
    assert.match(result.provider, /require\("pulumi-wickr-oidc\/provider-host"\)/);
    assert.ok(!result.provider.includes(tmp), "the provider captures no path of the install");
  });
});
