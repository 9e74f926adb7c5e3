/**
 * B1 — calls per run: `GetOidcInfo` requests per resource for each kind of engine run, with no change
 * on the remote side. The target is exactly one read per resource per run.
 */
import { startEmulator, type Emulator } from "../emulator";
import type { TestStack } from "../tests/engine/harness";
import { previewRefresh, within } from "./engine";
import { addNetworks } from "./networks";
import { timed } from "./stats";
import type { B1Result, CallCount, ChangeSummary } from "./types";
import { createWickrStack } from "./wickr-stack";

/** Stack sizes measured. */
export const B1_SIZES = [1, 50] as const;
/** Calls per resource per engine run that B1 expects. */
export const B1_TARGET = 1;

type Step = { operation: string; run: (t: TestStack) => Promise<ChangeSummary | undefined> };

/** The runs of B1, in order, each returning the engine's change summary. */
const STEPS: readonly Step[] = [
  { operation: "up (creating)", run: async (t) => (await t.up(within())).result.summary.resourceChanges },
  { operation: "preview", run: async (t) => (await t.preview(within())).result.changeSummary },
  { operation: "up (no change)", run: async (t) => (await t.up(within())).result.summary.resourceChanges },
  { operation: "refresh --preview-only", run: async (t) => (await previewRefresh(t)).changeSummary },
  { operation: "refresh", run: async (t) => (await t.refresh(within())).result.summary.resourceChanges },
];

async function measureStack(emulator: Emulator, size: number, firstNetwork: number): Promise<CallCount[]> {
  const networkIds = addNetworks(emulator, firstNetwork, size);
  const t = await createWickrStack({ project: `bench-b1-${size}`, emulator, networkIds });
  const counts: CallCount[] = [];
  try {
    for (const step of STEPS) {
      emulator.resetLog();
      const { result: changes, ms } = await timed(() => step.run(t));
      const calls = emulator.count("GetOidcInfo");
      counts.push({
        operation: step.operation,
        calls,
        callsPerResource: calls / size,
        otherRequests: emulator.log.length - calls,
        wallMs: Math.round(ms),
        changes: { ...changes },
      });
    }
  } finally {
    await t.cleanup();
  }
  return counts;
}

/** Runs B1 against an emulator of its own. */
export async function runB1(log: (line: string) => void): Promise<B1Result> {
  const emulator = await startEmulator();
  const stacks: Record<string, CallCount[]> = {};
  try {
    for (const [i, size] of B1_SIZES.entries()) {
      log(`B1: stack of ${size} resource(s)`);
      stacks[String(size)] = await measureStack(emulator, size, 30_000_000 + i * 1000);
    }
  } finally {
    await emulator.close();
  }
  const pass = Object.values(stacks).every((runs) => runs.every((r) => r.callsPerResource === B1_TARGET));
  return { stacks, target: B1_TARGET, pass };
}
