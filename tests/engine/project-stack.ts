/**
 * A stack of a Pulumi project folder, driven as a user drives it: `pulumi` run in the folder, the
 * folder's own program loaded from its `main` (`scripts/project-runtime.ts` stands in for the Node.js
 * language host). Stack config is written by `pulumi config set` into `<folder>/Pulumi.<stack>.yaml`
 * (git-ignored) and removed with the stack by {@link ProjectStack.cleanup}.
 *
 * Runs go through the harness queue, so they never overlap an inline program of the harness.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { randomBytes } from "node:crypto";
import { readNodeProject } from "../../scripts/project-entry";
import { type ProjectRun, runProject } from "../../scripts/project-runtime";
import { EngineRunError, serialized } from "./engineRun";
import type { BackendFolder } from "./harness";

/** What {@link initProjectStack} creates. */
export interface ProjectStackOptions {
  /** The backend (and `PULUMI_HOME`, passphrase, CLI) to use. */
  folder: BackendFolder;
  /** The folder holding `Pulumi.yaml`. */
  projectDir: string;
  /** Stack name prefix; a random suffix makes it unique. */
  stack: string;
  /** `pulumi config set <key> <value>` for each entry, in order. */
  config: Readonly<Record<string, string>>;
  /** Added to the backend's environment (e.g. the AWS environment of the provider). */
  env?: Readonly<Record<string, string>>;
}

/** A stack of a project folder in a temporary backend. */
export interface ProjectStack {
  readonly projectDir: string;
  readonly project: string;
  readonly name: string;
  /** `organization/<project>/<stack>`, the name a `StackReference` uses. */
  readonly fullyQualifiedName: string;
  /**
   * `pulumi <args> --stack <stack> --non-interactive` in the project folder.
   *
   * @throws EngineRunError with the output when it exits non-zero.
   */
  run(args: readonly string[]): Promise<ProjectRun>;
  /** Like {@link run} without `--stack`, for `stack init` and the like. */
  runPlain(args: readonly string[]): Promise<ProjectRun>;
  /** `pulumi stack output --json`, parsed (secrets are `"[secret]"`, or values with `showSecrets`). */
  outputs(options?: { showSecrets?: boolean }): Promise<Record<string, unknown>>;
  /** The backend's state file of this stack, as stored. */
  rawState(): Promise<string>;
  /** `pulumi destroy`, then `pulumi stack rm` (which deletes `Pulumi.<stack>.yaml`). Never throws. */
  cleanup(): Promise<void>;
}

/** `pulumi stack init` in `projectDir`, then `pulumi config set` of each config entry. */
export async function initProjectStack(options: ProjectStackOptions): Promise<ProjectStack> {
  const { folder, projectDir } = options;
  const project = readNodeProject(projectDir).name;
  const name = `${options.stack}-${randomBytes(4).toString("hex")}`;
  const fullyQualifiedName = `organization/${project}/${name}`;
  const env = { ...folder.env, ...options.env };

  const runPlain = (args: readonly string[]) =>
    serialized(async () => {
      const run = await runProject({
        projectDir,
        args: [...args, "--non-interactive"],
        env,
        cliDir: folder.cliDir,
      });
      if (process.env.PULUMI_WICKR_ENGINE_VERBOSE === "1") process.stderr.write(run.output);
      if (run.code !== 0) {
        throw new EngineRunError(args.join(" "), fullyQualifiedName, run.output, {
          cause: new Error(`pulumi exited with ${run.code}`),
        });
      }
      return run;
    });
  const run = (args: readonly string[]) => runPlain([...args, "--stack", name]);

  const stack: ProjectStack = {
    projectDir,
    project,
    name,
    fullyQualifiedName,
    run,
    runPlain,
    async outputs({ showSecrets = false } = {}) {
      const { stdout } = await run(["stack", "output", "--json", ...(showSecrets ? ["--show-secrets"] : [])]);
      return JSON.parse(stdout) as Record<string, unknown>;
    },
    rawState: () =>
      fs.readFile(path.join(folder.backendDir, ".pulumi", "stacks", project, `${name}.json`), "utf8"),
    async cleanup() {
      if (process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS === "1") return; // state and config stay for a post-mortem
      await run(["destroy", "--yes"]).catch(() => undefined);
      await run(["stack", "rm", "--yes", "--force"]).catch(() => undefined);
      await fs.rm(path.join(projectDir, `Pulumi.${name}.yaml`), { force: true }).catch(() => undefined);
    },
  };
  await runPlain(["stack", "init", name]);
  try {
    for (const [key, value] of Object.entries(options.config)) await run(["config", "set", key, value]);
  } catch (error) {
    await stack.cleanup();
    throw error;
  }
  return stack;
}
