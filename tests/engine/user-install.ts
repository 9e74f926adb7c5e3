/**
 * A user's install, made once per test process and shared by the tests that need one: the built
 * repository packed with `npm pack` and installed with npm into a fresh project outside the
 * repository, next to the `@pulumi/pulumi` a user would install. Slow (npm install: a minute or more
 * with a warm cache), hence shared. `npm run build` first.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import * as fsSync from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { ensurePulumiCli, REPO_ROOT } from "./harness";

/** The `@pulumi/pulumi` the user installs beside the package. */
export const USER_PULUMI_SDK_VERSION = "3.248.0";
/** Time for `npm pack` and `npm install`. */
export const INSTALL_TIMEOUT_MS = 10 * 60_000;

/** The installed project. */
export interface UserInstall {
  /** A temporary folder holding everything (removed when the process exits). */
  tmp: string;
  /** The user's project: `package.json`, `node_modules/` with the package and `@pulumi/pulumi`. */
  project: string;
  /** The packed tarball and the files `npm pack` put in it. */
  tarball: string;
  files: string[];
  /** Its size in bytes, packed and unpacked. */
  packedBytes: number;
  unpackedBytes: number;
  /** For `PulumiCommand.get({ root })`: `<root>/bin/pulumi` is the CLI. */
  pulumiRoot: string;
  /** Seconds `npm install` took. */
  installSeconds: number;
}

let shared: Promise<UserInstall> | undefined;

/** The shared install, made on first use. */
export function userInstall(): Promise<UserInstall> {
  shared ??= makeUserInstall();
  return shared;
}

/** Runs a program; rejects with its output when it fails. */
export function run(
  file: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string>; timeoutMs: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        env: { ...process.env, ...options.env },
        timeout: options.timeoutMs,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        if (error)
          reject(new Error(`${file} ${args.join(" ")} failed: ${error.message}\n${stdout}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

async function makeUserInstall(): Promise<UserInstall> {
  const pkg = JSON.parse(await fs.readFile(path.join(REPO_ROOT, "package.json"), "utf8")) as { main: string };
  await fs.access(path.join(REPO_ROOT, pkg.main)).catch(() => assert.fail("run `npm run build` first"));
  const binDir = await ensurePulumiCli();
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), "wickr-user-install-"));
  if (process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS !== "1")
    process.once("exit", () => fsSync.rmSync(tmp, { recursive: true, force: true }));
  let pulumiRoot = path.dirname(binDir);
  if (path.basename(binDir) !== "bin") {
    pulumiRoot = path.join(tmp, "pulumi-cli");
    await fs.mkdir(pulumiRoot);
    await fs.symlink(binDir, path.join(pulumiRoot, "bin"));
  }
  const packed = JSON.parse(
    await run("npm", ["pack", "--json", "--pack-destination", tmp], { cwd: REPO_ROOT, timeoutMs: 120_000 }),
  ) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
  const entry = packed[0] ?? assert.fail("npm pack reported no file");
  const tarball = path.join(tmp, entry.filename);
  const project = path.join(tmp, "project");
  await fs.mkdir(project);
  await fs.writeFile(
    path.join(project, "package.json"),
    JSON.stringify({ name: "wickr-user", version: "1.0.0", private: true }, null, 2),
  );
  const started = Date.now();
  await run(
    "npm",
    [
      "install",
      "--no-audit",
      "--no-fund",
      "--prefer-offline",
      tarball,
      `@pulumi/pulumi@${USER_PULUMI_SDK_VERSION}`,
    ],
    { cwd: project, timeoutMs: INSTALL_TIMEOUT_MS - 60_000 },
  );
  return {
    tmp,
    project,
    tarball,
    files: entry.files.map((f) => f.path),
    packedBytes: entry.size,
    unpackedBytes: entry.unpackedSize,
    pulumiRoot,
    installSeconds: (Date.now() - started) / 1000,
  };
}
