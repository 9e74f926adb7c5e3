/**
 * `npm run bench`: B1 (calls per run), B2 (throttled throughput), B3 (overhead), B4 (module load), B6 (scrubbing
 * a message of secrets; B5 is reserved for the plugin's start, issue 19) against the local
 * emulator with the real Pulumi CLI, one engine run at a time. Prints a markdown report and writes
 * every number to `bench/results/bench-<timestamp>.json` and `bench/results/latest.json`.
 *
 * Exits 0 when every section ran (whether or not its targets were met), 1 when a section failed, and
 * 2 when the overall deadline cut the bench short (the results so far are still written).
 * Progress goes to stderr; `PULUMI_WICKR_ENGINE_VERBOSE=1` echoes the engine's output.
 */
import * as path from "node:path";
import { runB1 } from "./b1-calls";
import { runB2 } from "./b2-throttle";
import { runB3 } from "./b3-overhead";
import { runB4 } from "./b4-module-load";
import { runB6 } from "./b6-scrub";
import { defaultParallelism, machineInfo } from "./machine";
import { renderReport, writeResults } from "./report";
import type { BenchResults } from "./types";

/** The whole bench must end before this; each engine operation has its own, shorter limit. */
const DEADLINE_MS = 14 * 60_000;

const started = Date.now();
const log = (line: string): void => {
  process.stderr.write(`[bench +${((Date.now() - started) / 1000).toFixed(0)} s] ${line}\n`);
};

async function finish(results: BenchResults, code: number): Promise<never> {
  results.durationMs = Date.now() - started;
  const file = await writeResults(results);
  process.stdout.write(`${renderReport(results, file)}\n`);
  process.exit(code);
}

async function main(): Promise<void> {
  log("collecting machine info (and the Pulumi CLI)");
  const results: BenchResults = {
    machine: await machineInfo(),
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    errors: [],
    notes: [],
  };
  const deadline = setTimeout(
    () => {
      results.errors.push({ section: "bench", message: `deadline of ${DEADLINE_MS / 60_000} min reached` });
      void finish(results, 2);
    },
    DEADLINE_MS - (Date.now() - started),
  );

  const section = async (name: string, body: () => Promise<void>): Promise<void> => {
    try {
      await body();
    } catch (error) {
      log(`${name} failed: ${String(error)}`);
      results.errors.push({ section: name, message: String(error instanceof Error ? error.message : error) });
    }
  };
  await section("B1", async () => {
    results.b1 = await runB1(log);
  });
  await section("B2", async () => {
    results.b2 = await runB2(log, await defaultParallelism());
    if (!results.b2.throttlingSettingSupported) {
      results.notes.push(
        "B2: the provider does not declare `throttling` yet; the SDK-standard baseline passed " +
          "`throttling: { coordinate: false }` as a loose argument, which the provider ignores.",
      );
    }
  });
  await section("B3", async () => {
    results.b3 = await runB3(log);
  });
  await section("B4", async () => {
    results.b4 = runB4(path.join(__dirname, ".."), log);
  });
  await section("B6", async () => {
    results.b6 = runB6(log);
  });
  clearTimeout(deadline);
  await finish(results, results.errors.length > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  log(`bench crashed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exit(1);
});
