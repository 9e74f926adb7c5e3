/**
 * How a throttled run's requests spread over time, from the emulator's request log: what limits the
 * throughput (engine parallelism, retry waits) shows up here.
 */
import type { RequestLogEntry } from "../emulator";
import type { ThrottleTimeline } from "./types";

/** Summarises the `GetOidcInfo` requests of `log`. */
export function throttleTimeline(log: readonly RequestLogEntry[]): ThrottleTimeline {
  const reads = log.filter((e) => e.operation === "GetOidcInfo");
  const t0 = Math.min(...reads.map((e) => e.time));
  const seconds = new Map<number, [number, number, number]>();
  const perNetwork = new Map<string, number>();
  let ok = 0;
  let throttled = 0;
  let lastOkMs = 0;
  for (const entry of reads) {
    const at = entry.time - t0;
    const second = Math.floor(at / 1000);
    const bucket = seconds.get(second) ?? [second, 0, 0];
    if (entry.status >= 200 && entry.status < 300) {
      ok++;
      bucket[1]++;
      lastOkMs = Math.max(lastOkMs, at);
    } else if (entry.status === 429) {
      throttled++;
      bucket[2]++;
    }
    seconds.set(second, bucket);
    const key = entry.networkId ?? "?";
    perNetwork.set(key, (perNetwork.get(key) ?? 0) + 1);
  }
  const attemptsPerNetwork: Record<string, number> = {};
  for (const attempts of perNetwork.values()) {
    attemptsPerNetwork[attempts] = (attemptsPerNetwork[attempts] ?? 0) + 1;
  }
  return {
    requests: reads.length,
    ok,
    throttled,
    otherStatus: reads.length - ok - throttled,
    firstRequestToLastMs: reads.length === 0 ? 0 : Math.max(...reads.map((e) => e.time)) - t0,
    lastOkMs,
    perSecond: [...seconds.values()].sort((a, b) => a[0] - b[0]),
    attemptsPerNetwork,
    openingBurst: reads.filter((e) => e.time - t0 < 500).length,
  };
}

/** One line per second, e.g. `0s 5/3 1s 4/6 ...` (2xx/429), for the console. */
export function formatPerSecond(timeline: ThrottleTimeline): string {
  return timeline.perSecond.map(([s, okCount, throttled]) => `${s}s:${okCount}/${throttled}`).join(" ");
}
