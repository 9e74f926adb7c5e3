/**
 * B3 — overhead: a creating `up` of 20 `WickrOidcInfo` resources against 20 trivial dynamic
 * resources on the same engine (interleaved, fresh stacks), the provider process's peak memory for
 * each, and the size of the serialized provider stored in state.
 */
import { startEmulator, type Emulator } from "../emulator";
import { createTestStack, type TestStack } from "../tests/engine/harness";
import { stateResources, within } from "./engine";
import { addNetworks } from "./networks";
import { watchProviderMemory } from "./process-memory";
import { median, timed } from "./stats";
import { isTrivialResource, Trivial } from "./trivial-resource";
import type { B3Result, OverheadRun } from "./types";
import { createWickrStack, isWickrResource } from "./wickr-stack";

export const B3_RESOURCES = 20;
/** Runs of each kind (W, T, W, T, ...). */
export const B3_ROUNDS = 5;
export const B3_TIME_TARGET = 1.5;
export const B3_MEMORY_TARGET = 1.25;
export const B3_PROVIDER_BYTES_TARGET = 10 * 1024;

type Kind = OverheadRun["kind"];

function createStack(kind: Kind, emulator: Emulator, networkIds: string[]): Promise<TestStack> {
  if (kind === "wickr") return createWickrStack({ project: "bench-b3-wickr", emulator, networkIds });
  return createTestStack({
    project: "bench-b3-trivial",
    program: async () => {
      for (let i = 0; i < B3_RESOURCES; i++) new Trivial(`trivial-${i}`, i);
      return { resources: B3_RESOURCES };
    },
  });
}

/** Bytes of the `__provider` input of the first resource that `matches`, in the raw state file. */
async function providerBytes(t: TestStack, matches: (type: string) => boolean): Promise<number> {
  const resource = (await stateResources(t)).find((r) => matches(r.type));
  const text = resource?.inputs?.["__provider"];
  if (typeof text !== "string") throw new Error(`no __provider input in ${t.fullyQualifiedName}'s state`);
  return Buffer.byteLength(text, "utf8");
}

/** Runs B3 against an emulator of its own. */
export async function runB3(log: (line: string) => void): Promise<B3Result> {
  const emulator = await startEmulator();
  const runs: OverheadRun[] = [];
  const bytes: Partial<Record<Kind, number>> = {};
  try {
    const networkIds = addNetworks(emulator, 50_000_000, B3_RESOURCES);
    for (let round = 0; round < B3_ROUNDS; round++) {
      for (const kind of ["wickr", "trivial"] as const) {
        const t = await createStack(kind, emulator, networkIds);
        try {
          const watch = watchProviderMemory();
          const up = timed(() => t.up(within()));
          const memory = await up.then(watch.stop, watch.stop);
          const { ms } = await up;
          runs.push({ kind, wallMs: Math.round(ms), memory });
          log(`B3: ${kind} round ${round + 1}: ${(ms / 1000).toFixed(2)} s, VmHWM ${mb(memory.hwmBytes)} MB`);
          bytes[kind] ??= await providerBytes(t, kind === "wickr" ? isWickrResource : isTrivialResource);
        } finally {
          await t.cleanup();
        }
      }
    }
  } finally {
    await emulator.close();
  }
  return summarize(runs, bytes.wickr ?? Number.NaN, bytes.trivial ?? Number.NaN);
}

const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

function summarize(runs: OverheadRun[], providerSize: number, trivialSize: number): B3Result {
  const of = (kind: Kind) => runs.filter((r) => r.kind === kind);
  const wickrMedianMs = median(of("wickr").map((r) => r.wallMs));
  const trivialMedianMs = median(of("trivial").map((r) => r.wallMs));
  const wickrMedianHwmBytes = median(of("wickr").map((r) => r.memory.hwmBytes));
  const trivialMedianHwmBytes = median(of("trivial").map((r) => r.memory.hwmBytes));
  const timeRatio = wickrMedianMs / trivialMedianMs;
  const memoryRatio = wickrMedianHwmBytes / trivialMedianHwmBytes;
  return {
    resources: B3_RESOURCES,
    runs,
    wickrMedianMs,
    trivialMedianMs,
    timeRatio,
    wickrMedianHwmBytes,
    trivialMedianHwmBytes,
    memoryRatio,
    providerBytes: providerSize,
    trivialProviderBytes: trivialSize,
    pass: {
      time: timeRatio <= B3_TIME_TARGET,
      memory: memoryRatio <= B3_MEMORY_TARGET,
      providerSize: providerSize <= B3_PROVIDER_BYTES_TARGET,
    },
  };
}
