/**
 * The emulator as a user gets it: from the packed package installed into a fresh project (not the
 * repository), `npx wickr-admin-emulator` starts it, its shell lines point a user's Pulumi program at
 * it (no endpoint in the program), its `set-oidc` changes the network, and the next
 * `pulumi preview --expect-no-changes` fails on the drift. Real pulumi CLI, the user's own
 * `@pulumi/pulumi`.
 */
import * as assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { TEST_PASSPHRASE } from "./harness";
import { INSTALL_TIMEOUT_MS, run, type UserInstall, userInstall } from "./user-install";

const NETWORK_ID = "12345678"; // the demo seed's network
const NEW_ISSUER = "https://idp.example.com/realms/rotated";

/** The user's program and the engine command to run on it: `node stack.js up|preview|destroy`. */
const USER_SCRIPT = `"use strict";
const fs = require("node:fs");
const path = require("node:path");
const auto = require("@pulumi/pulumi/automation");
const { WickrOidcInfo } = require("pulumi-wickr-oidc");

async function main(command) {
  const env = process.env;
  // No endpoint, no region, no keys here: they come from the emulator's shell lines.
  const program = async () => {
    const sso = new WickrOidcInfo("sso", { networkId: env.NETWORK_ID });
    return { issuer: sso.issuer, clientSecret: sso.clientSecret };
  };
  const backend = path.join(__dirname, "state");
  fs.mkdirSync(backend, { recursive: true });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: "dev", projectName: "wickr-rehearsal", program },
    {
      workDir: __dirname,
      pulumiCommand: await auto.PulumiCommand.get({ root: env.PULUMI_ROOT }),
      projectSettings: { name: "wickr-rehearsal", runtime: "nodejs" },
      envVars: {
        PULUMI_BACKEND_URL: "file://" + backend,
        PULUMI_HOME: path.join(__dirname, "pulumi-home"),
        PULUMI_CONFIG_PASSPHRASE: env.PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      },
    },
  );
  if (command === "up") {
    const up = await stack.up();
    return { changes: up.summary.resourceChanges, outputs: await stack.outputs() };
  }
  if (command === "preview") {
    try {
      const preview = await stack.preview({ expectNoChanges: true, diff: true });
      return { failed: false, changes: preview.changeSummary };
    } catch (error) {
      return { failed: true, message: String(error.message || error) };
    }
  }
  const destroyed = await stack.destroy();
  await stack.workspace.removeStack("dev");
  return { changes: destroyed.summary.resourceChanges };
}
main(process.argv[2]).then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
`;

/** `KEY=value` of the emulator's `export` lines (its `unset` lines are applied by leaving keys out). */
function exportedEnv(lines: string): Record<string, string> {
  return Object.fromEntries(
    lines
      .split("\n")
      .filter((l) => l.startsWith("export "))
      .map((l) => {
        const [key = "", ...value] = l.slice("export ".length).split("=");
        return [key, value.join("=")];
      }),
  );
}

/** The environment a user's shell has after sourcing the lines: nothing of this machine's AWS setup. */
function userShell(exported: Record<string, string>, install: UserInstall): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !key.startsWith("AWS_") && !key.startsWith("PULUMI_")) clean[key] = value;
  }
  return {
    ...clean,
    ...exported,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    NETWORK_ID,
    PULUMI_ROOT: install.pulumiRoot,
    PASSPHRASE: TEST_PASSPHRASE,
    PATH: [path.join(install.pulumiRoot, "bin"), process.env.PATH ?? ""].join(path.delimiter),
    NODE_PATH: "",
  };
}

async function waitForFile(file: string, child: ChildProcess, timeoutMs: number): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const text = await fs.readFile(file, "utf8").catch(() => "");
    if (text !== "") return text;
    if (child.exitCode !== null) assert.fail(`the emulator exited with ${child.exitCode} before listening`);
    if (Date.now() > until) assert.fail(`no ${file} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("wickr-admin-emulator from a user's npm install (real pulumi CLI)", function () {
  this.timeout(INSTALL_TIMEOUT_MS);
  let install: UserInstall;
  let emulator: ChildProcess | undefined;
  let dir: string;
  let env: Record<string, string>;

  before(async function () {
    install = await userInstall();
    dir = await fs.mkdtemp(path.join(install.tmp, "rehearsal-"));
    await fs.writeFile(path.join(dir, "stack.js"), USER_SCRIPT);
    // Resolve the user's packages from their project, as `npm exec` in it would.
    await fs.symlink(path.join(install.project, "node_modules"), path.join(dir, "node_modules"));
  });
  after(async () => {
    if (emulator && emulator.exitCode === null) emulator.kill("SIGKILL");
  });

  it("npx wickr-admin-emulator --help explains the commands", async () => {
    // The bin is installed in the project, so npx runs it from node_modules/.bin and never the registry.
    const help = await run("npx", ["wickr-admin-emulator", "--help"], {
      cwd: install.project,
      timeoutMs: 60_000,
    });
    assert.match(help, /wickr-admin-emulator \[start\] \[options\]/);
    assert.match(help, /wickr-admin-emulator set-oidc --network ID/);
    const setHelp = await run("npx", ["wickr-admin-emulator", "set-oidc", "--help"], {
      cwd: install.project,
      timeoutMs: 60_000,
    });
    assert.match(setHelp, /--issuer VALUE/);
    console.log(
      `      tarball ${(install.packedBytes / 1024).toFixed(0)} KiB packed, ${(install.unpackedBytes / 1024).toFixed(0)} KiB unpacked, ${install.files.length} files`,
    );
  });

  it("start → up → set-oidc → preview --expect-no-changes fails on the drift → clean stop", async () => {
    const envOut = path.join(dir, "wickr-emulator.env");
    emulator = spawn(
      path.join(install.project, "node_modules", ".bin", "wickr-admin-emulator"),
      ["--port", "0", "--env-out", envOut],
      { cwd: install.project, stdio: ["ignore", "pipe", "pipe"] },
    );
    const lines = await waitForFile(envOut, emulator, 60_000);
    const exported = exportedEnv(lines);
    assert.match(exported.AWS_ENDPOINT_URL_WICKR ?? "", /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(exported.AWS_REGION, "us-east-1");
    env = userShell(exported, install);

    const up = JSON.parse(
      (await run("node", ["stack.js", "up"], { cwd: dir, env, timeoutMs: 5 * 60_000 }))
        .trim()
        .split("\n")
        .pop() ?? "",
    );
    assert.deepEqual(up.changes, { create: 2 });
    assert.deepEqual(up.outputs.issuer, {
      value: "https://idp.example.com/realms/wickr-demo",
      secret: false,
    });
    assert.equal(up.outputs.clientSecret.secret, true);

    const clean = JSON.parse(
      (await run("node", ["stack.js", "preview"], { cwd: dir, env, timeoutMs: 5 * 60_000 }))
        .trim()
        .split("\n")
        .pop() ?? "",
    );
    assert.equal(clean.failed, false, "no drift before the change");

    const changed = await run(
      "npx",
      ["wickr-admin-emulator", "set-oidc", "--network", NETWORK_ID, "--issuer", NEW_ISSUER],
      { cwd: install.project, env, timeoutMs: 60_000 },
    );
    assert.equal(JSON.parse(changed).issuer, NEW_ISSUER);
    const shown = await run("npx", ["wickr-admin-emulator", "show", "--network", NETWORK_ID], {
      cwd: install.project,
      env,
      timeoutMs: 60_000,
    });
    assert.equal(JSON.parse(shown).clientSecret, "[REDACTED]");

    const drift = JSON.parse(
      (await run("node", ["stack.js", "preview"], { cwd: dir, env, timeoutMs: 5 * 60_000 }))
        .trim()
        .split("\n")
        .pop() ?? "",
    );
    assert.equal(drift.failed, true, "preview --expect-no-changes fails");
    assert.match(drift.message, /changed outside Pulumi: issuer/);

    const destroyed = JSON.parse(
      (await run("node", ["stack.js", "destroy"], { cwd: dir, env, timeoutMs: 5 * 60_000 }))
        .trim()
        .split("\n")
        .pop() ?? "",
    );
    assert.deepEqual(destroyed.changes, { delete: 2 });

    const exited = once(emulator, "exit");
    emulator.kill("SIGTERM");
    const [code, signal] = (await exited) as [number | null, string | null];
    assert.deepEqual({ code, signal }, { code: 0, signal: null }, "SIGTERM stops it cleanly");
  });
});
