/**
 * Peak memory of the Pulumi dynamic provider process (`node .../@pulumi/pulumi/cmd/dynamic-provider`)
 * during one engine run, sampled from `/proc/<pid>/status` (Linux only).
 *
 * Only descendants of this process count: other engine runs on the machine (tests run by someone
 * else) start provider processes too.
 */
import * as fs from "node:fs/promises";
import type { MemoryPeak } from "./types";

/**
 * The provider's script argument: the resolved path of `@pulumi/pulumi/cmd/dynamic-provider`. Matching
 * a whole absolute argument skips the launcher's own `node -e "require.resolve('@pulumi/...')"`.
 */
const PROVIDER_SCRIPT = /^\/.*\/@pulumi\/pulumi\/cmd\/dynamic-provider(\/index\.js)?$/;
/** Sampling period. */
export const SAMPLE_EVERY_MS = 50;

const readText = (file: string): Promise<string | undefined> =>
  fs.readFile(file, "utf8").catch(() => undefined);

/** `VmHWM` / `VmRSS` / `PPid` of `/proc/<pid>/status`; sizes in bytes. */
async function status(pid: number): Promise<{ hwm: number; rss: number; ppid: number } | undefined> {
  const text = await readText(`/proc/${pid}/status`);
  if (text === undefined) return undefined;
  const field = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(text)?.[1] ?? 0);
  return { hwm: field("VmHWM") * 1024, rss: field("VmRSS") * 1024, ppid: field("PPid") };
}

async function isDescendant(pid: number, ancestor: number): Promise<boolean> {
  for (let current = pid, hops = 0; current > 1 && hops < 32; hops++) {
    const parent = (await status(current))?.ppid;
    if (parent === undefined) return false;
    if (parent === ancestor) return true;
    current = parent;
  }
  return false;
}

/** Pids of provider processes below `ancestor` that are alive now. */
async function findProviders(ancestor: number): Promise<number[]> {
  const pids = (await fs.readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  const found: number[] = [];
  for (const pid of pids) {
    const cmdline = await readText(`/proc/${pid}/cmdline`);
    const args = cmdline?.split("\0") ?? [];
    if (args.some((a) => PROVIDER_SCRIPT.test(a)) && (await isDescendant(pid, ancestor))) found.push(pid);
  }
  return found;
}

/** A running sampler. */
export interface MemoryWatch {
  /** Ends sampling and returns the peak seen. Idempotent. */
  stop(): Promise<MemoryPeak>;
}

/**
 * Samples every {@link SAMPLE_EVERY_MS} ms until stopped. With several provider processes (there
 * should be one per run) the largest is reported.
 */
export function watchProviderMemory(ancestor: number = process.pid): MemoryWatch {
  const peak: MemoryPeak = { hwmBytes: 0, maxRssBytes: 0, samples: 0 };
  const known = new Set<number>();
  let stopped = false;

  const sample = async (): Promise<void> => {
    // The process list is rescanned until a provider appears; after that only its status is read.
    if (known.size === 0) for (const pid of await findProviders(ancestor)) known.add(pid);
    for (const pid of known) {
      const s = await status(pid);
      if (s === undefined) continue; // exited; its last sample stands
      peak.samples++;
      if (s.hwm >= peak.hwmBytes) {
        peak.hwmBytes = s.hwm;
        peak.pid = pid;
      }
      peak.maxRssBytes = Math.max(peak.maxRssBytes, s.rss);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sample();
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
    }
  })();

  return {
    stop: async () => {
      stopped = true;
      await loop;
      return peak;
    },
  };
}
