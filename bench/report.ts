/**
 * The bench's output: a markdown report for people and `bench/results/*.json` for tools.
 */
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { B3_MEMORY_TARGET, B3_PROVIDER_BYTES_TARGET, B3_TIME_TARGET } from "./b3-overhead";
import { formatPerSecond } from "./timeline";
import type {
  B1Result,
  B2Result,
  B3Result,
  B4Result,
  B6Result,
  BenchResults,
  MachineInfo,
  ThrottleRun,
} from "./types";

/** Where results are written (git-ignored). */
export const RESULTS_DIR = path.join(__dirname, "results");

/** Writes `bench-<timestamp>.json` and `latest.json`; returns the first one's path. */
export async function writeResults(results: BenchResults): Promise<string> {
  await fs.mkdir(RESULTS_DIR, { recursive: true });
  const stamp = results.startedAt.replace(/[:.]/g, "-");
  const file = path.join(RESULTS_DIR, `bench-${stamp}.json`);
  const text = `${JSON.stringify(results, null, 2)}\n`;
  await fs.writeFile(file, text);
  await fs.writeFile(path.join(RESULTS_DIR, "latest.json"), text);
  return file;
}

const verdict = (pass: boolean | undefined): string => (pass === undefined ? "—" : pass ? "PASS" : "FAIL");
const s = (ms: number | undefined, digits = 1): string =>
  ms === undefined ? "—" : (ms / 1000).toFixed(digits);
const x = (ratio: number | undefined): string => (ratio === undefined ? "—" : ratio.toFixed(2));
const mb = (bytes: number): string => (bytes / 2 ** 20).toFixed(1);

function table(header: string[], rows: string[][]): string[] {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((r) => `| ${r.join(" | ")} |`),
  ];
}

function machineSection(m: MachineInfo, durationMs: number): string[] {
  return [
    "## Machine",
    "",
    ...table(
      ["nproc", "memory", "CPU", "node", "pulumi CLI", "@pulumi/pulumi", "commit", "date", "bench took"],
      [
        [
          String(m.nproc),
          `${(m.totalMemoryBytes / 2 ** 30).toFixed(1)} GiB`,
          m.cpuModel,
          m.node,
          m.pulumiCli,
          m.pulumiSdk,
          `${m.gitCommit ?? "?"}${m.gitDirty ? " (dirty)" : ""}`,
          m.date,
          `${s(durationMs, 0)} s`,
        ],
      ],
    ),
  ];
}

function b1Section(b1: B1Result): string[] {
  const sizes = Object.keys(b1.stacks);
  const operations = b1.stacks[sizes[0] ?? ""]?.map((r) => r.operation) ?? [];
  const rows = operations.map((operation) => {
    const values = sizes.map((size) => b1.stacks[size]?.find((r) => r.operation === operation));
    const pass = values.every((v) => v?.callsPerResource === b1.target);
    return [
      operation,
      ...values.map((v) => (v ? `${v.callsPerResource.toFixed(2)} (${v.calls})` : "—")),
      `= ${b1.target.toFixed(1)}`,
      verdict(pass),
    ];
  });
  return [
    "## B1 — GetOidcInfo calls per resource per engine run (no remote change)",
    "",
    ...table(
      ["Run", ...sizes.map((n) => `${n} resource(s): per resource (total)`), "Target", "Result"],
      rows,
    ),
  ];
}

function b2Row(r: ThrottleRun): string[] {
  const target =
    r.ratioTarget === undefined
      ? "reference"
      : `ratio ≤ ${r.ratioTarget}, 0 failed, 429s < ${r.baseline429 ?? "baseline"}`;
  return [
    r.label,
    s(r.wallMs),
    s(r.extraMs),
    x(r.ratio),
    String(r.http429),
    `${r.failedResources}${r.upFailed ? " (up failed)" : ""}`,
    target,
    verdict(r.pass),
  ];
}

function b2Section(b2: B2Result): string[] {
  const unthrottled = b2.unthrottled.map((r) => s(r.wallMs)).join(", ");
  return [
    `## B2 — throttled creating up: ${b2.resources} resources, R = ${b2.ratePerSecond}/s, B = ${b2.burst}, floor (N − B)/R = ${s(b2.floorMs)} s`,
    "",
    `Unthrottled creating up: median ${s(b2.unthrottledMedianMs)} s (runs: ${unthrottled} s). Engine parallelism: ${b2.parallel}.` +
      (b2.throttlingSettingSupported
        ? ""
        : " NOTE: the provider does not declare the `throttling` setting yet; the baseline passes it loosely, so it is ignored."),
    "",
    ...table(
      ["Client", "wall (s)", "extra (s)", "extra / floor", "429s", "failed resources", "Target", "Result"],
      b2.throttled.map(b2Row),
    ),
    "",
    "Requests over time (second from the first request: 2xx/429), opening burst = requests in the first 500 ms:",
    "",
    ...b2.throttled.map(
      (r) =>
        `- ${r.label}: burst ${r.timeline.openingBurst}, last 2xx at ${s(r.timeline.lastOkMs)} s, ` +
        `attempts per network ${JSON.stringify(r.timeline.attemptsPerNetwork)}; ${formatPerSecond(r.timeline)}`,
    ),
  ];
}

function b4Section(b4: B4Result): string[] {
  return [
    `## B4 — loading the package in a fresh process (medians of ${b4.rounds})`,
    "",
    "| entry point | loaded | require | peak RSS after | modules added | of the emulator |",
    "|---|---|---|---|---|---|",
    ...b4.entries.map(
      (e) =>
        `| \`${e.entry}\` | ${e.mode === "warm" ? "after @pulumi/pulumi" : "first"} | ${e.medianMs.toFixed(0)} ms | ${(e.medianMaxRssBytes / 2 ** 20).toFixed(1)} MiB | ${e.modules} | ${e.emulatorModules} |`,
    ),
  ];
}

/** The target of B6: a 1 MB message scrubbed in under this many milliseconds. */
const B6_TARGET_MS = 50;

function b6Section(b6: B6Result): string[] {
  const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(bytes < 2 ** 20 ? 2 : 0)} MiB`;
  return [
    `## B6 — scrubbing a message of ${b6.secrets.length} secrets (${b6.secrets.join(", ")} characters) in every encoding (medians of ${b6.rounds})`,
    "",
    "| text | size | scrub | per MiB | redactions | target (1 MiB < 50 ms) |",
    "|---|---|---|---|---|---|",
    ...b6.rows.map((r) => {
      const perMiB = r.medianMs / (r.bytes / 2 ** 20);
      const target = r.bytes === 2 ** 20 ? (r.medianMs < B6_TARGET_MS ? "met" : "MISSED") : "";
      return `| ${r.kind} | ${mb(r.bytes)} | ${r.medianMs.toFixed(1)} ms | ${perMiB.toFixed(1)} ms | ${r.redactions} | ${target} |`;
    }),
  ];
}

function b3Section(b3: B3Result): string[] {
  return [
    `## B3 — overhead: creating up of ${b3.resources} resources, ${b3.runs.length / 2} interleaved runs each, medians`,
    "",
    ...table(
      ["Metric", "WickrOidcInfo", "trivial dynamic", "ratio / value", "Target", "Result"],
      [
        [
          "up wall time (s)",
          s(b3.wickrMedianMs, 2),
          s(b3.trivialMedianMs, 2),
          `${x(b3.timeRatio)}×`,
          `≤ ${B3_TIME_TARGET}×`,
          verdict(b3.pass.time),
        ],
        [
          "provider process peak memory, VmHWM (MB)",
          mb(b3.wickrMedianHwmBytes),
          mb(b3.trivialMedianHwmBytes),
          `${x(b3.memoryRatio)}×`,
          `≤ ${B3_MEMORY_TARGET}×`,
          verdict(b3.pass.memory),
        ],
        [
          "serialized provider `__provider` (bytes)",
          String(b3.providerBytes),
          String(b3.trivialProviderBytes),
          `${b3.providerBytes} B`,
          `≤ ${B3_PROVIDER_BYTES_TARGET} B`,
          verdict(b3.pass.providerSize),
        ],
      ],
    ),
  ];
}

/** The markdown report of everything measured. */
export function renderReport(results: BenchResults, jsonPath: string): string {
  const lines = ["# pulumi-wickr-oidc bench", "", ...machineSection(results.machine, results.durationMs)];
  if (results.b1) lines.push("", ...b1Section(results.b1));
  if (results.b2) lines.push("", ...b2Section(results.b2));
  if (results.b3) lines.push("", ...b3Section(results.b3));
  if (results.b4) lines.push("", ...b4Section(results.b4));
  if (results.b6) lines.push("", ...b6Section(results.b6));
  for (const { section, message } of results.errors)
    lines.push("", `**${section} did not finish:** ${message}`);
  if (results.notes.length > 0) lines.push("", "Notes:", ...results.notes.map((n) => `- ${n}`));
  lines.push("", `Results: ${jsonPath}`);
  return lines.join("\n");
}
