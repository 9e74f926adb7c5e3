/**
 * The handle engine tests use to drive one stack and inspect what the engine stored.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import * as auto from "@pulumi/pulumi/automation";
import { runPulumi } from "./cli";
import {
  captureOutput,
  EngineRunError,
  lostInlineChannel,
  type OutputCapture,
  serialized,
} from "./engineRun";

/** The result of an engine operation with the console output it printed (stdout + stderr). */
export interface EngineRun<R> {
  result: R;
  output: string;
}

type Quiet<O> = Omit<O, "onOutput" | "onError">;

/** A stack in a temporary file backend. Operations throw {@link EngineRunError} on failure. */
export interface TestStack {
  /** The Automation API stack. Prefer the methods below: they capture output and queue runs. */
  readonly stack: auto.Stack;
  /** The stack name (unique per test). */
  readonly name: string;
  readonly project: string;
  /** `organization/<project>/<stack>`, the name a `StackReference` uses. */
  readonly fullyQualifiedName: string;
  /** The workspace folder, the cwd of the CLI and of the dynamic provider process. */
  readonly workDir: string;
  up(options?: Quiet<auto.UpOptions>): Promise<EngineRun<auto.UpResult>>;
  /** Pass `{ expectNoChanges: true }` to fail on any step other than "same". */
  preview(options?: Quiet<auto.PreviewOptions>): Promise<EngineRun<auto.PreviewResult>>;
  /** Calls the providers' `read`; does not run the program unless `runProgram: true`. */
  refresh(options?: Quiet<auto.RefreshOptions>): Promise<EngineRun<auto.RefreshResult>>;
  destroy(options?: Quiet<auto.DestroyOptions>): Promise<EngineRun<auto.DestroyResult>>;
  /** Stack outputs with their values decrypted and a `secret` flag each. */
  outputs(): Promise<auto.OutputMap>;
  /** The backend's state file (`<backend>/.pulumi/stacks/<project>/<stack>.json`) as stored. */
  rawState(): Promise<string>;
  /**
   * `pulumi stack export` WITHOUT `--show-secrets`: secrets stay ciphertext. (The Automation
   * API's `exportStack()` passes `--show-secrets` and so decrypts them.)
   */
  exportWithoutSecrets(): Promise<string>;
  /** `pulumi stack output --json` (secrets print as `"[secret]"`). */
  stackOutputJson(): Promise<string>;
  /** Destroys the resources (if `up` ran since the last destroy), removes the stack and its folder. Never throws. */
  cleanup(): Promise<void>;
}

/** What {@link createStackHandle} needs from the backend. */
export interface StackHandleParts {
  stack: auto.Stack;
  project: string;
  backendDir: string;
  workDir: string;
  /** Environment for direct CLI calls; the same the workspace was given. */
  env: Record<string, string>;
}

/** Wraps an Automation API stack in a {@link TestStack}. */
export function createStackHandle({ stack, project, backendDir, workDir, env }: StackHandleParts): TestStack {
  const fullyQualifiedName = `organization/${project}/${stack.name}`;
  let mayHoldResources = false;

  const run = <R>(operation: string, body: (capture: OutputCapture) => Promise<R>) =>
    serialized(async (): Promise<EngineRun<R>> => {
      for (let attempt = 1; ; attempt++) {
        const capture = captureOutput();
        try {
          return { result: await body(capture), output: capture.text() };
        } catch (cause) {
          if (attempt === 1 && lostInlineChannel(cause)) {
            // Harness infrastructure, not the product: see INLINE_CHANNEL_LOST.
            console.log(
              `      (${operation}: the inline program lost its channel to the CLI; running it again)`,
            );
            continue;
          }
          throw new EngineRunError(operation, fullyQualifiedName, capture.text(), { cause });
        }
      }
    });

  const handle: TestStack = {
    stack,
    name: stack.name,
    project,
    fullyQualifiedName,
    workDir,
    up: (options) => {
      mayHoldResources = true;
      return run("up", (capture) => stack.up({ ...options, ...capture.handlers }));
    },
    preview: (options) => run("preview", (capture) => stack.preview({ ...options, ...capture.handlers })),
    refresh: (options) => run("refresh", (capture) => stack.refresh({ ...options, ...capture.handlers })),
    destroy: async (options) => {
      const destroyed = await run("destroy", (capture) => stack.destroy({ ...options, ...capture.handlers }));
      mayHoldResources = false;
      return destroyed;
    },
    outputs: () => serialized(() => stack.outputs()),
    rawState: () =>
      fs.readFile(path.join(backendDir, ".pulumi", "stacks", project, `${stack.name}.json`), "utf8"),
    exportWithoutSecrets: () => runPulumi(["stack", "export", "--stack", fullyQualifiedName], workDir, env),
    stackOutputJson: () =>
      runPulumi(["stack", "output", "--json", "--stack", fullyQualifiedName], workDir, env),
    async cleanup() {
      if (mayHoldResources) await handle.destroy().catch(() => undefined);
      if (process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS === "1") return; // keep the state for a post-mortem
      await serialized(() => stack.workspace.removeStack(stack.name, { force: true })).catch(() => undefined);
      await fs.rm(workDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
  return handle;
}
