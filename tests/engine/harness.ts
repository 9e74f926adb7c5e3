/**
 * Engine-test harness: real `pulumi` CLI, file backend, Automation API inline programs.
 *
 * Why inline programs: the Go module proxy does not serve the Node.js language host, so
 * `pulumi up` in a project folder cannot run. The Automation API serves the language runtime
 * from inside this Node.js process (`pulumi up --client`), which needs no language host. (Project
 * folders such as the examples run the same way through `scripts/project-runtime.ts`: `project-stack.ts`.)
 * Pulumi YAML's language host is served by the proxy (`scripts/pulumi-yaml-install.sh`) and is on
 * the CLI's `PATH`, so a YAML project folder runs as a user runs it: `backend.createProjectStack`.
 *
 * RUNS MUST BE SEQUENTIAL. Inline programs share this process's Pulumi runtime (global
 * settings, the resource monitor connection), so two programs must never run at once: do not
 * `Promise.all` stack operations and do not run engine tests with `mocha --parallel`. Every
 * engine operation below goes through one queue, so accidental overlap waits instead of
 * corrupting a run.
 *
 * Layout of one backend (`<repo>/.work/engine/<project>-XXXXXX/`, git-ignored):
 * `backend/` (`PULUMI_BACKEND_URL=file://...`), `home/` (`PULUMI_HOME`) and one `work-<stack>/`
 * per stack (the workspace folder: `Pulumi.yaml`, `Pulumi.<stack>.yaml`). Work folders sit below
 * `<repo>/.work/`, so the dynamic provider process (started with the work folder as cwd)
 * resolves `@pulumi/pulumi` from the repo's `node_modules` and `pulumi-wickr-oidc` through the
 * symlink `<repo>/.work/node_modules/pulumi-wickr-oidc` -> `<repo>`, as in a user's install.
 *
 * Set `PULUMI_WICKR_ENGINE_VERBOSE=1` to echo engine output, `PULUMI_WICKR_KEEP_ENGINE_DIRS=1`
 * to keep the folders after `cleanup()`.
 *
 * @example
 * const t = await createTestStack({ project: "demo", program: async () => ({ x: "1" }) });
 * try {
 *   await t.up();
 *   assert.equal((await t.outputs()).x?.value, "1");
 * } finally {
 *   await t.cleanup();
 * }
 */
import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import * as auto from "@pulumi/pulumi/automation";
import {
  ensurePulumiCli,
  ensureYamlLanguageHost,
  pulumiCommand,
  REPO_ROOT,
  runPulumi,
  SDK_DIR,
  WORK_ROOT,
} from "./cli";
import { EngineRunError, serialized } from "./engineRun";
import { createStackHandle, type TestStack } from "./testStack";

export { ensurePulumiCli, ensureYamlLanguageHost, REPO_ROOT, WORK_ROOT, runPulumi };
export { EngineRunError };
export type { EngineRun, TestStack } from "./testStack";

/** Passphrase of every test stack; a consumer of a `StackReference` needs the producer's. */
export const TEST_PASSPHRASE = "pulumi-wickr-oidc-engine-tests";

/** What one test stack runs. */
export interface TestStackOptions {
  /** Pulumi project name. */
  project: string;
  /** Stack name prefix (default `test`); a random suffix makes it unique. */
  stack?: string;
  /** The inline program; runs in this process. */
  program: auto.PulumiFn;
  /** Extra environment for the CLI and, through it, the dynamic provider process. */
  envVars?: Record<string, string>;
  /** Stack configuration, set before the first operation. */
  config?: Record<string, auto.ConfigValue>;
}

/**
 * What one stack of a project folder runs: the CLI starts the language host that `Pulumi.yaml` names
 * (e.g. `runtime: yaml`) in the stack's work folder, as `pulumi up` in a user's folder does.
 */
export interface ProjectFolderStackOptions {
  /**
   * Files written into the stack's work folder before the workspace opens it, by path relative to
   * it; `Pulumi.yaml` is required, and its `name` is the project's.
   */
  files: Readonly<Record<string, string>>;
  /** Stack name prefix (default `test`); a random suffix makes it unique. */
  stack?: string;
  /** Extra environment for the CLI and the language host. */
  envVars?: Record<string, string>;
  /** Stack configuration (`Pulumi.<stack>.yaml`), set before the first operation. */
  config?: Record<string, auto.ConfigValue>;
}

/** One file backend, `PULUMI_HOME` and passphrase shared by the stacks created from it. */
export interface TestBackend {
  /** The temporary folder holding everything below. */
  readonly dir: string;
  /** The file backend folder (`PULUMI_BACKEND_URL=file://<backendDir>`). */
  readonly backendDir: string;
  /** Creates a stack in this backend, with its own work folder. */
  createStack(options: TestStackOptions): Promise<TestStack>;
  /**
   * Creates a stack of a project folder (not an inline program) in this backend: its work folder
   * holds `options.files`. The handle's `stack.workspace` is a `LocalWorkspace` on that folder.
   */
  createProjectStack(options: ProjectFolderStackOptions): Promise<TestStack>;
  /** Cleans up every stack created here (newest first), then removes {@link dir}. Never throws. */
  cleanup(): Promise<void>;
}

/** A temporary file backend, `PULUMI_HOME` and the environment that points the CLI at them. */
export interface BackendFolder {
  /** The temporary folder holding everything below. */
  readonly dir: string;
  /** The file backend folder (`PULUMI_BACKEND_URL=file://<backendDir>`). */
  readonly backendDir: string;
  /** `PULUMI_HOME`. */
  readonly pulumiHome: string;
  /**
   * Backend URL, `PULUMI_HOME`, {@link TEST_PASSPHRASE}, no update check or plugin download, state
   * not gzipped, and the CLI's folder first on `PATH`, then Pulumi YAML's language host's.
   */
  readonly env: Readonly<Record<string, string>>;
  /** The folder holding `pulumi` and the dynamic provider launcher. */
  readonly cliDir: string;
  /** The folder holding `pulumi-language-yaml` (on {@link env}'s `PATH`). */
  readonly yamlDir: string;
}

/**
 * Creates the folders of a backend under `<repo>/.work/engine/<name>-XXXXXX/`, building the CLI first
 * if needed. Removing them is the caller's job (see {@link removeBackendFolder}).
 *
 * @param name prefix of the folder name, for people reading `.work/engine`.
 */
export async function createBackendFolder(name = "backend"): Promise<BackendFolder> {
  const cliDir = await ensurePulumiCli();
  const yamlDir = await ensureYamlLanguageHost();
  await linkPackageByName();
  await fs.mkdir(path.join(WORK_ROOT, "engine"), { recursive: true });
  const dir = await fs.mkdtemp(path.join(WORK_ROOT, "engine", `${name}-`));
  const backendDir = path.join(dir, "backend");
  const pulumiHome = path.join(dir, "home");
  await fs.mkdir(backendDir);
  await fs.mkdir(pulumiHome);
  const env: Record<string, string> = {
    PULUMI_BACKEND_URL: `file://${backendDir}`,
    PULUMI_HOME: pulumiHome,
    PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    // rawState() reads `<stack>.json`; a user's gzip setting would turn it into `.json.gz`.
    PULUMI_SELF_MANAGED_STATE_GZIP: "false",
    // The CLI finds the language host of `runtime: yaml` on PATH. The SDK folder is a fallback for a
    // PULUMI_WICKR_CLI_DIR without the provider launcher.
    PATH: [cliDir, yamlDir, SDK_DIR, process.env.PATH ?? ""].join(path.delimiter),
  };
  return { dir, backendDir, pulumiHome, env, cliDir, yamlDir };
}

/** Removes a {@link BackendFolder} unless `PULUMI_WICKR_KEEP_ENGINE_DIRS=1`. Never throws. */
export async function removeBackendFolder(folder: BackendFolder): Promise<void> {
  if (process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS === "1") return;
  await fs.rm(folder.dir, { recursive: true, force: true }).catch(() => undefined);
}

/**
 * Creates a temporary file backend under `<repo>/.work/engine/`.
 *
 * @param name prefix of the folder name, for people reading `.work/engine`.
 */
export async function createBackend(name = "backend"): Promise<TestBackend> {
  const folder = await createBackendFolder(name);
  const { dir, backendDir, pulumiHome, env: baseEnv } = folder;
  const stacks: TestStack[] = [];

  /** A unique stack name and its empty work folder. */
  const newWorkFolder = async (prefix = "test") => {
    const name = `${prefix}-${randomBytes(4).toString("hex")}`;
    const workDir = path.join(dir, `work-${name}`);
    await fs.mkdir(workDir);
    return { name, workDir };
  };

  return {
    dir,
    backendDir,
    async createStack(options) {
      const { name, workDir } = await newWorkFolder(options.stack);
      const env = { ...baseEnv, ...options.envVars };
      const stack = await serialized(async () => {
        const created = await auto.LocalWorkspace.createOrSelectStack(
          { stackName: name, projectName: options.project, program: options.program },
          {
            pulumiCommand: await pulumiCommand(),
            workDir,
            pulumiHome,
            envVars: env,
            // Explicit settings: a stray Pulumi.yaml in workDir would otherwise win over projectName.
            projectSettings: { name: options.project, runtime: "nodejs" },
          },
        );
        if (options.config) await created.setAllConfig(options.config);
        return created;
      });
      const handle = createStackHandle({ stack, project: options.project, backendDir, workDir, env });
      stacks.push(handle);
      return handle;
    },
    async createProjectStack(options) {
      if (options.files["Pulumi.yaml"] === undefined) {
        throw new Error("createProjectStack: files need a Pulumi.yaml");
      }
      const { name, workDir } = await newWorkFolder(options.stack);
      for (const [file, text] of Object.entries(options.files)) {
        const target = path.resolve(workDir, file);
        if (!target.startsWith(workDir + path.sep)) {
          throw new Error(`createProjectStack: ${file} is outside the work folder`);
        }
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, text);
      }
      const env = { ...baseEnv, ...options.envVars };
      const stack = await serialized(async () => {
        // No program and no project settings: the CLI runs the language host Pulumi.yaml names.
        const created = await auto.LocalWorkspace.createOrSelectStack(
          { stackName: name, workDir },
          { pulumiCommand: await pulumiCommand(), pulumiHome, envVars: env },
        );
        if (options.config) await created.setAllConfig(options.config);
        return created;
      });
      const project = (await stack.workspace.projectSettings()).name;
      const handle = createStackHandle({ stack, project, backendDir, workDir, env });
      stacks.push(handle);
      return handle;
    },
    async cleanup() {
      for (const stack of [...stacks].reverse()) await stack.cleanup();
      await removeBackendFolder(folder);
    },
  };
}

/**
 * Creates a stack in a backend of its own; its `cleanup()` also removes the backend.
 */
export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const backend = await createBackend(options.project);
  const stack = await backend.createStack(options);
  return { ...stack, cleanup: () => backend.cleanup() };
}

/**
 * Makes `require("pulumi-wickr-oidc/...")` work from work folders, as it would from a user's
 * project: `<repo>/.work/node_modules/pulumi-wickr-oidc` -> `<repo>` (idempotent).
 */
async function linkPackageByName(): Promise<void> {
  const link = path.join(WORK_ROOT, "node_modules", "pulumi-wickr-oidc");
  const target = path.relative(path.dirname(link), REPO_ROOT);
  const current = await fs.readlink(link).catch(() => undefined);
  if (current === target) return;
  await fs.mkdir(path.dirname(link), { recursive: true });
  await fs.rm(link, { recursive: false, force: true });
  await fs.symlink(target, link, "dir").catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "EEXIST") throw error; // another process linked it meanwhile
  });
}
