/**
 * B2 — throttled throughput: 60 resources (60 networks) against an emulator that allows R = 5
 * requests per second with a burst of B = 5. A creating `up` can then not finish sooner than
 * (N − B) / R = 11 s after an unthrottled one; the bench measures how close each client gets.
 */
import { startEmulator, type Emulator, type RetryAfterStyle } from "../emulator";
import { CONNECTION_SETTING_FIELDS } from "../provider/wickr/connection-settings";
import { failureSummary, within } from "./engine";
import { addNetworks } from "./networks";
import { median, timed } from "./stats";
import { throttleTimeline } from "./timeline";
import type { B2Result, ThrottleRun } from "./types";
import { createWickrStack, failedResourceCount } from "./wickr-stack";

export const B2_RESOURCES = 60;
export const B2_RATE = 5;
export const B2_BURST = 5;
/** (N − B) / R: the least extra time throttling can add, in ms. */
export const B2_FLOOR_MS = ((B2_RESOURCES - B2_BURST) / B2_RATE) * 1000;
/** Time limit of one throttled `up`. The default retry budget is 120 s per call. */
const THROTTLED_UP_TIMEOUT_MS = 150_000;

/**
 * Client settings like the AWS SDK's "standard" retry mode (3 attempts, throttled ones included —
 * hence no budget, which would let throttled attempts spare `maxAttempts` — 500 ms throttling base,
 * 100 ms base, 20 s cap) and no throttling state shared between resources: the baseline.
 */
export const SDK_STANDARD_ARGS: Readonly<Record<string, unknown>> = {
  retry: {
    maxAttempts: 3,
    throttlingBaseDelayMs: 500,
    baseDelayMs: 100,
    maxDelayMs: 20_000,
    totalBudgetMs: 0,
  },
  throttling: { coordinate: false },
};

interface Variant {
  label: string;
  retryAfter?: Extract<RetryAfterStyle, "seconds" | "none">;
  args: Readonly<Record<string, unknown>>;
  /** Ratio target; only the provider's own (coordinated) settings have one. */
  ratioTarget?: number;
}

const UNTHROTTLED: Variant = { label: "unthrottled", args: {} };
const COORDINATED_SECONDS: Variant = {
  label: "default client, Retry-After: seconds",
  retryAfter: "seconds",
  args: {},
  ratioTarget: 1.3,
};
const COORDINATED_NONE: Variant = {
  label: "default client, no Retry-After",
  retryAfter: "none",
  args: {},
  ratioTarget: 1.5,
};
const sdkStandard = (retryAfter: "seconds" | "none"): Variant => ({
  label: `SDK-standard baseline, ${retryAfter === "seconds" ? "Retry-After: seconds" : "no Retry-After"}`,
  retryAfter,
  args: SDK_STANDARD_ARGS,
});

/** Order of the runs: unthrottled ones interleaved with the throttled, so drift hits both alike. */
const SCHEDULE: readonly Variant[] = [
  UNTHROTTLED,
  COORDINATED_SECONDS,
  UNTHROTTLED,
  COORDINATED_NONE,
  UNTHROTTLED,
  sdkStandard("seconds"),
  sdkStandard("none"),
];

/** One creating `up` of a fresh stack; a failed `up` is recorded, never thrown. */
async function runOnce(emulator: Emulator, networkIds: string[], variant: Variant): Promise<ThrottleRun> {
  const t = await createWickrStack({ project: "bench-b2", emulator, networkIds, extraArgs: variant.args });
  try {
    emulator.setThrottle(
      variant.retryAfter && { ratePerSecond: B2_RATE, burst: B2_BURST, retryAfter: variant.retryAfter },
    );
    emulator.resetLog();
    let error: string | undefined;
    const { ms } = await timed(() =>
      // continueOnError: every resource is attempted, so a failure count means "calls that failed",
      // not "resources the engine never started after the first failure".
      t.up({ continueOnError: true, ...within(THROTTLED_UP_TIMEOUT_MS) }).catch((e: unknown) => {
        error = failureSummary(e);
      }),
    );
    emulator.setThrottle(undefined);
    return {
      label: variant.label,
      ...(variant.retryAfter ? { retryAfter: variant.retryAfter } : {}),
      args: { ...variant.args },
      wallMs: Math.round(ms),
      upFailed: error !== undefined,
      ...(error !== undefined ? { error } : {}),
      failedResources: await failedResourceCount(t, networkIds.length),
      http429: emulator.count("GetOidcInfo", { status: 429 }),
      timeline: throttleTimeline(emulator.log),
      ...(variant.ratioTarget !== undefined ? { ratioTarget: variant.ratioTarget } : {}),
    };
  } finally {
    emulator.setThrottle(undefined);
    await t.cleanup();
  }
}

/** Runs B2 against an emulator of its own. `parallel` is the engine's `--parallel` in effect. */
export async function runB2(log: (line: string) => void, parallel: string): Promise<B2Result> {
  const emulator = await startEmulator();
  const runs: ThrottleRun[] = [];
  try {
    const networkIds = addNetworks(emulator, 40_000_000, B2_RESOURCES);
    for (const variant of SCHEDULE) {
      log(`B2: ${variant.label}`);
      const run = await runOnce(emulator, networkIds, variant);
      log(
        `    ${(run.wallMs / 1000).toFixed(1)} s, ${run.http429} × 429, ${run.failedResources} failed` +
          (run.error ? ` (${run.error.slice(0, 160)})` : ""),
      );
      runs.push(run);
    }
  } finally {
    await emulator.close();
  }
  return summarize(runs, parallel);
}

function summarize(runs: ThrottleRun[], parallel: string): B2Result {
  const unthrottled = runs.filter((r) => r.retryAfter === undefined);
  const throttled = runs.filter((r) => r.retryAfter !== undefined);
  const unthrottledMedianMs = median(unthrottled.filter((r) => !r.upFailed).map((r) => r.wallMs));
  for (const run of throttled) {
    run.extraMs = Math.round(run.wallMs - unthrottledMedianMs);
    run.ratio = run.extraMs / B2_FLOOR_MS;
    if (run.ratioTarget === undefined) continue;
    const baseline = throttled.find((r) => r.ratioTarget === undefined && r.retryAfter === run.retryAfter);
    if (baseline) run.baseline429 = baseline.http429;
    run.pass =
      !run.upFailed &&
      run.failedResources === 0 &&
      run.ratio <= run.ratioTarget &&
      (baseline === undefined || run.http429 < baseline.http429);
  }
  return {
    resources: B2_RESOURCES,
    ratePerSecond: B2_RATE,
    burst: B2_BURST,
    floorMs: B2_FLOOR_MS,
    throttlingSettingSupported: (CONNECTION_SETTING_FIELDS as readonly string[]).includes("throttling"),
    parallel,
    unthrottled,
    unthrottledMedianMs,
    throttled,
    pass: throttled.every((r) => r.pass !== false) && unthrottled.every((r) => !r.upFailed),
  };
}
