/**
 * Locating and running the real `pulumi` CLI for engine tests.
 *
 * The CLI comes from `scripts/pulumi-install.sh`, which builds it from the Go module proxy (the
 * first time takes minutes) and caches it outside the repository. That script also runs
 * `scripts/pulumi-yaml-install.sh`, which builds Pulumi YAML's language host the same way (one build
 * for every CLI version), so YAML programs (`runtime: yaml`) run under the real CLI.
 */
import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import * as auto from "@pulumi/pulumi/automation";

/** The repository root. */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");
/** Git-ignored scratch folder for test state (`<repo>/.work`). */
export const WORK_ROOT = path.join(REPO_ROOT, ".work");
/** The installed `@pulumi/pulumi` package; its root holds the dynamic provider launcher. */
export const SDK_DIR = path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi");

const INSTALL_SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-install.sh");
const YAML_INSTALL_SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-yaml-install.sh");

/** The executable of Pulumi YAML's language host; the CLI looks it up on `PATH` for `runtime: yaml`. */
export const YAML_LANGUAGE_HOST = "pulumi-language-yaml";

let cliDir: Promise<string> | undefined;
let yamlDir: Promise<string> | undefined;
let command: Promise<auto.PulumiCommand> | undefined;

/**
 * Returns the folder holding the `pulumi` binary, building it first when the cache is empty.
 *
 * Runs `scripts/pulumi-install.sh --print-path` once per process; its progress goes to this
 * process's stderr. A cold build takes several minutes, so call it from a mocha `before` hook
 * with `this.timeout(15 * 60_000)`.
 *
 * @throws Error when the script fails (no Go, proxy refused the CLI module, ...).
 */
export function ensurePulumiCli(): Promise<string> {
  cliDir ??= runInstallScript(INSTALL_SCRIPT).catch((error: unknown) => {
    cliDir = undefined; // let a later call retry
    throw error;
  });
  return cliDir;
}

/**
 * Returns the folder holding Pulumi YAML's language host ({@link YAML_LANGUAGE_HOST}), building it
 * first when the cache is empty; the harness puts it on the CLI's `PATH`.
 *
 * Runs `scripts/pulumi-yaml-install.sh --print-path` once per process (about 0.2 s when built).
 * `ensurePulumiCli()` has normally built the host already; a cold build alone takes a few minutes on
 * an empty Go module cache, so call it from a `before` hook with a long timeout.
 *
 * @throws Error when the script fails (no Go, proxy refused `github.com/pulumi/pulumi-yaml`, ...).
 */
export function ensureYamlLanguageHost(): Promise<string> {
  yamlDir ??= runInstallScript(YAML_INSTALL_SCRIPT).catch((error: unknown) => {
    yamlDir = undefined; // let a later call retry
    throw error;
  });
  return yamlDir;
}

function runInstallScript(script: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script, "--print-path"], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const dir = stdout.trim().split("\n").pop() ?? "";
      if (code === 0 && path.isAbsolute(dir)) {
        resolve(dir);
      } else {
        reject(
          new Error(
            `scripts/${path.basename(script)} --print-path exited with ${code}; see its messages above`,
          ),
        );
      }
    });
  });
}

/**
 * The Automation API handle on the built CLI (memoized).
 *
 * `PulumiCommand.get({ root })` runs `<root>/bin/pulumi`; a `PULUMI_WICKR_CLI_DIR` not named
 * `bin` is reached through a symlink `<repo>/.work/pulumi-cli/bin`.
 */
export function pulumiCommand(): Promise<auto.PulumiCommand> {
  command ??= (async () => {
    const binDir = await ensurePulumiCli();
    let root = path.dirname(binDir);
    if (path.basename(binDir) !== "bin") {
      root = path.join(WORK_ROOT, "pulumi-cli");
      await fs.mkdir(root, { recursive: true });
      await fs.rm(path.join(root, "bin"), { force: true });
      await fs.symlink(binDir, path.join(root, "bin"));
    }
    return auto.PulumiCommand.get({ root });
  })().catch((error: unknown) => {
    command = undefined;
    throw error;
  });
  return command;
}

/**
 * Runs `pulumi <args> --non-interactive` and returns its stdout.
 *
 * @param env added to this process's environment (backend URL, passphrase, `PULUMI_HOME`, ...).
 * @throws Error with the exit code and stderr when the command fails.
 */
export async function runPulumi(args: string[], cwd: string, env: Record<string, string>): Promise<string> {
  const pulumi = path.join(await ensurePulumiCli(), "pulumi");
  return new Promise((resolve, reject) => {
    execFile(
      pulumi,
      [...args, "--non-interactive"],
      { cwd, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(new Error(`pulumi ${args.join(" ")} failed (${error.code ?? error.message}): ${stderr}`));
        } else {
          resolve(stdout);
        }
      },
    );
  });
}
