/**
 * One stack of a language's example program, whatever runs it: a language driver process (Python and
 * Go: the language's own Automation API with the program inline, tests/engine/languages/<language>/)
 * or a project folder run by the language's real host (Java, YAML: the harness's project stacks).
 * The shared cases (cases.ts) see only this interface.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { createInterface } from "node:readline";
import type * as auto from "@pulumi/pulumi/automation";
import { runPulumi } from "../cli";
import { EngineRunError } from "../engineRun";
import type { EngineRun, TestStack } from "../testStack";
import { previewRefresh } from "../wickr-fixtures";

/** The engine operations and inspections the shared cases use. Operations throw {@link EngineRunError}. */
export interface LanguageStack {
  /** `organization/<project>/<stack>`. */
  readonly fullyQualifiedName: string;
  /** Stack config; a key without a namespace belongs to the project, as `pulumi config set` has it. */
  setConfig(config: Record<string, auto.ConfigValue>): Promise<void>;
  up(): Promise<EngineRun<unknown>>;
  preview(options?: { expectNoChanges?: boolean }): Promise<EngineRun<unknown>>;
  /** `pulumi refresh --preview-only`. */
  previewRefresh(options?: { expectNoChanges?: boolean }): Promise<EngineRun<unknown>>;
  destroy(): Promise<EngineRun<unknown>>;
  /** Stack outputs, decrypted, with their secret flags. */
  outputs(): Promise<auto.OutputMap>;
  /** The backend's state file as stored. */
  rawState(): Promise<string>;
  /** `pulumi stack export` without `--show-secrets`. */
  exportWithoutSecrets(): Promise<string>;
  /** `pulumi stack output --json` (secrets print as "[secret]"). */
  stackOutputJson(): Promise<string>;
  /** Destroys what `up` left, removes the stack, ends any process. Never throws. */
  cleanup(): Promise<void>;
}

/** A harness project stack (the CLI runs the language host `Pulumi.yaml` names) as a {@link LanguageStack}. */
export function projectFolderStack(t: TestStack): LanguageStack {
  return {
    fullyQualifiedName: t.fullyQualifiedName,
    setConfig: (config) => t.stack.setAllConfig(config),
    up: () => t.up(),
    preview: (options = {}) => t.preview(options),
    previewRefresh: (options = {}) => previewRefresh(t, options),
    destroy: () => t.destroy(),
    outputs: () => t.outputs(),
    rawState: () => t.rawState(),
    exportWithoutSecrets: () => t.exportWithoutSecrets(),
    stackOutputJson: () => t.stackOutputJson(),
    cleanup: () => t.cleanup(),
  };
}

/** How to start a language driver (the protocol: tests/engine/languages/python/driver.py). */
export interface DriverOptions {
  /** The driver executable and its arguments (which name the stack, project and work folder). */
  command: string;
  args: string[];
  /** Added to this process's environment for the driver: the CLI's backend, `PULUMI_HOME`, PATH, AWS settings. */
  env: Record<string, string>;
  /** The work folder (its `Pulumi.yaml` names the project and the plugin). */
  workDir: string;
  project: string;
  stack: string;
  /** The file backend folder (for the raw state). */
  backendDir: string;
}

interface Answer {
  ok?: boolean;
  ready?: boolean;
  output?: string;
  error?: string;
  outputs?: auto.OutputMap;
}

/**
 * `path` without npm's `node_modules/.bin` folders (npx and npm scripts put them first): this
 * repository's own bin is linked there, and the engine would find the plugin on PATH instead of
 * through the example's Pulumi.yaml (plugins.providers), as a user's project does.
 */
export function withoutNpmBins(path: string): string {
  return path
    .split(":")
    .filter((dir) => !dir.endsWith("/node_modules/.bin"))
    .join(":");
}

/** Starts a language driver and waits until it has selected the stack. */
export async function startDriver(options: DriverOptions): Promise<LanguageStack> {
  const fullyQualifiedName = `organization/${options.project}/${options.stack}`;
  const child: ChildProcessWithoutNullStreams = spawn(options.command, options.args, {
    cwd: options.workDir,
    env: {
      ...process.env,
      ...options.env,
      PATH: withoutNpmBins(options.env["PATH"] ?? process.env.PATH ?? ""),
    },
  });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
    if (process.env.PULUMI_WICKR_ENGINE_VERBOSE === "1") process.stderr.write(chunk);
  });
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const exited = new Promise<never>((_, reject) =>
    child.on("close", (code) =>
      reject(new Error(`the ${options.command} driver exited (${code}) without answering:\n${stderr}`)),
    ),
  );
  exited.catch(() => undefined);
  const next = async (): Promise<Answer> => {
    const line = await Promise.race([answers.next(), exited]);
    if (line.done) return exited;
    return JSON.parse(line.value) as Answer;
  };

  let queue: Promise<unknown> = Promise.resolve();
  const send = (request: Record<string, unknown>): Promise<Answer> => {
    const result = queue.then(async () => {
      child.stdin.write(`${JSON.stringify(request)}\n`);
      return next();
    });
    queue = result.catch(() => undefined);
    return result;
  };
  const operation = async (op: string, extra: Record<string, unknown> = {}): Promise<EngineRun<unknown>> => {
    const answer = await send({ op, ...extra });
    const output = answer.output ?? "";
    if (!answer.ok) {
      throw new EngineRunError(op, fullyQualifiedName, output, {
        cause: new Error(answer.error ?? "failed"),
      });
    }
    return { result: answer, output };
  };

  const ready = await next();
  if (!ready.ready)
    throw new Error(`the driver did not select the stack: ${JSON.stringify(ready)}\n${stderr}`);
  let mayHoldResources = false;
  const stateFile = path.join(
    options.backendDir,
    ".pulumi",
    "stacks",
    options.project,
    `${options.stack}.json`,
  );
  const cli = (args: string[]) =>
    runPulumi([...args, "--stack", fullyQualifiedName], options.workDir, options.env);

  return {
    fullyQualifiedName,
    setConfig: async (config) => void (await operation("setConfig", { config })),
    up: () => {
      mayHoldResources = true;
      return operation("up");
    },
    preview: (o = {}) => operation("preview", { expectNoChanges: o.expectNoChanges === true }),
    previewRefresh: (o = {}) => operation("previewRefresh", { expectNoChanges: o.expectNoChanges === true }),
    destroy: async () => {
      const run = await operation("destroy");
      mayHoldResources = false;
      return run;
    },
    outputs: async () => ((await operation("outputs")).result as Answer).outputs ?? {},
    rawState: () => fs.readFile(stateFile, "utf8"),
    exportWithoutSecrets: () => cli(["stack", "export"]),
    stackOutputJson: () => cli(["stack", "output", "--json"]),
    async cleanup() {
      if (mayHoldResources) await operation("destroy").catch(() => undefined);
      if (process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS !== "1") await operation("remove").catch(() => undefined);
      child.stdin.end();
      await Promise.race([exited.catch(() => undefined), new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill();
    },
  };
}
