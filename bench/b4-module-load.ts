/**
 * B4 — what the provider process pays to load this package: for each entry point, a fresh Node.js
 * process requires it (as the dynamic provider host does with `pulumi-wickr-oidc/provider-host`) and
 * reports the time of the `require`, the modules it added and the process's peak RSS after it
 * (`maxRSS`). "cold": nothing loaded before; "warm": `@pulumi/pulumi` loaded first, as it is in the
 * provider process, so the numbers are this package's own cost. Medians of {@link ROUNDS} processes.
 * No engine: a plain measurement of module loading.
 *
 * Standalone, to compare two builds: `ts-node bench/b4-module-load.ts [--root DIR]`, where DIR is a
 * checkout with `dist/` built and `node_modules/` installed (default: this repository).
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { median } from "./stats";
import type { B4Result } from "./types";

/** Fresh processes per entry point. */
export const ROUNDS = 15;

/** The entry points measured, as a user (or the provider host) requires them. */
export const ENTRY_POINTS = ["pulumi-wickr-oidc/provider-host", "pulumi-wickr-oidc"] as const;

const PROBE = `
// The dynamic provider host has @pulumi/pulumi loaded before it loads this package: "warm" does the same.
if (process.argv[2] === "warm") require(require.resolve("@pulumi/pulumi", { paths: [process.argv[1]] }));
const before = Object.keys(require.cache).length;
const start = process.hrtime.bigint();
require(process.argv[1]);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const loaded = Object.keys(require.cache);
process.stdout.write(JSON.stringify({
  ms,
  maxRssBytes: process.resourceUsage().maxRSS * 1024,
  modules: loaded.length - before,
  emulatorModules: loaded.filter((f) => /[\\\\/]emulator[\\\\/]/.test(f)).length,
}));
`;

interface Probe {
  ms: number;
  maxRssBytes: number;
  modules: number;
  emulatorModules: number;
}

/** The file `entry` names in the `exports` of `root`'s package.json (so older builds resolve too). */
function resolveEntry(root: string, entry: string): string {
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    exports: Record<string, { default: string } | string>;
  };
  const subpath = `.${entry.slice("pulumi-wickr-oidc".length)}`;
  const target = manifest.exports[subpath];
  if (target === undefined) throw new Error(`${root}/package.json exports no ${subpath}`);
  return path.join(root, typeof target === "string" ? target : target.default);
}

/** Runs the probe for each entry point of the package at `root` (built, with node_modules). */
export function runB4(root: string, log: (line: string) => void = () => {}): B4Result {
  const entries: B4Result["entries"] = [];
  for (const entry of ENTRY_POINTS) {
    const file = resolveEntry(root, entry);
    for (const mode of ["cold", "warm"] as const) {
      const probes: Probe[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const output = execFileSync(process.execPath, ["-e", PROBE, file, mode], {
          cwd: root,
          encoding: "utf8",
        });
        probes.push(JSON.parse(output) as Probe);
      }
      const result = {
        entry,
        mode,
        medianMs: median(probes.map((p) => p.ms)),
        medianMaxRssBytes: median(probes.map((p) => p.maxRssBytes)),
        modules: probes[0]?.modules ?? 0,
        emulatorModules: probes[0]?.emulatorModules ?? 0,
      };
      log(
        `B4: ${entry} (${mode}): ${result.medianMs.toFixed(0)} ms, maxRSS ${(result.medianMaxRssBytes / 2 ** 20).toFixed(1)} MiB, ${result.modules} modules (${result.emulatorModules} of the emulator)`,
      );
      entries.push(result);
    }
  }
  return { rounds: ROUNDS, entries };
}

if (require.main === module) {
  const at = process.argv.indexOf("--root");
  const root = path.resolve(at >= 0 ? (process.argv[at + 1] ?? ".") : path.join(__dirname, ".."));
  const result = runB4(root, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
