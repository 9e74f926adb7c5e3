/**
 * Engine plumbing shared by the bench sections: time limits, the emulator's AWS environment, and
 * reading what the engine stored. Stacks come from the engine-test harness (real CLI, file backend).
 */
import type * as auto from "@pulumi/pulumi/automation";
import { DEMO_ACCESS_KEY_ID, DEMO_SECRET_ACCESS_KEY, type Emulator } from "../emulator";
import { captureOutput, EngineRunError, serialized } from "../tests/engine/engineRun";
import type { TestStack } from "../tests/engine/harness";

/** Time limit of one engine operation unless a section asks for another, in ms. */
export const DEFAULT_OP_TIMEOUT_MS = 120_000;

/** Options that abort the engine operation (the CLI is killed) after `ms`. */
export function within(ms: number = DEFAULT_OP_TIMEOUT_MS): { signal: AbortSignal } {
  return { signal: AbortSignal.timeout(ms) };
}

/**
 * Environment of a stack that talks to the emulator: its fake credentials (through the stack's
 * `envVars` only, never the program), STS on loopback, and no shared AWS files or instance metadata.
 */
export function emulatorEnv(emulator: Emulator): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY,
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
  };
}

/**
 * `pulumi refresh --preview-only` through the harness's queue, with output captured like the
 * {@link TestStack} methods (the handle has no `previewRefresh`, and `refresh({ previewOnly })` is
 * deprecated).
 *
 * @throws EngineRunError when the operation fails or times out.
 */
export function previewRefresh(t: TestStack, timeoutMs = DEFAULT_OP_TIMEOUT_MS): Promise<auto.PreviewResult> {
  return serialized(async () => {
    const capture = captureOutput();
    try {
      return await t.stack.previewRefresh({ ...capture.handlers, ...within(timeoutMs) });
    } catch (cause) {
      throw new EngineRunError("refresh --preview-only", t.fullyQualifiedName, capture.text(), { cause });
    }
  });
}

/** A resource as the file backend stores it. */
export interface StateResource {
  urn: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** The resources of the stack's raw state file (empty when the stack has none yet). */
export async function stateResources(t: TestStack): Promise<StateResource[]> {
  const text = await t.rawState().catch(() => undefined);
  if (text === undefined) return [];
  const state = JSON.parse(text) as { checkpoint?: { latest?: { resources?: StateResource[] } } };
  return state.checkpoint?.latest?.resources ?? [];
}

/** The first few lines of an engine failure that say why, for the results file. */
export function failureSummary(error: unknown): string {
  const text = error instanceof EngineRunError ? error.output : String(error);
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => /error|failed|abort/i.test(l));
  const message = error instanceof Error ? error.message.split("\n")[0] : undefined;
  return [...new Set([message ?? "", ...lines])]
    .filter((l) => l !== "")
    .slice(0, 4)
    .join(" | ")
    .slice(0, 600);
}
