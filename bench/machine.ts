/**
 * The machine and tool versions a result was measured on.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { ensurePulumiCli, REPO_ROOT } from "../tests/engine/harness";
import type { MachineInfo } from "./types";

function run(file: string, args: string[], cwd = REPO_ROOT): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd, timeout: 30_000 }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim()),
    );
  });
}

async function cpuModel(): Promise<string> {
  const text = await fs.readFile("/proc/cpuinfo", "utf8").catch(() => "");
  return /^model name\s*:\s*(.+)$/m.exec(text)?.[1]?.trim() ?? os.cpus()[0]?.model ?? "unknown";
}

async function totalMemoryBytes(): Promise<number> {
  const text = await fs.readFile("/proc/meminfo", "utf8").catch(() => "");
  const kb = /^MemTotal:\s+(\d+)\s+kB$/m.exec(text)?.[1];
  return kb === undefined ? os.totalmem() : Number(kb) * 1024;
}

/** Collects {@link MachineInfo}; builds (or finds) the Pulumi CLI on the way. */
export async function machineInfo(): Promise<MachineInfo> {
  const pulumi = path.join(await ensurePulumiCli(), "pulumi");
  const sdk = JSON.parse(
    await fs.readFile(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"),
  ) as { version: string };
  const nproc = Number(await run("nproc", [])) || os.availableParallelism();
  const commit = await run("git", ["rev-parse", "--short", "HEAD"]);
  const dirty = await run("git", ["status", "--porcelain"]);
  return {
    date: new Date().toISOString(),
    nproc,
    totalMemoryBytes: await totalMemoryBytes(),
    cpuModel: await cpuModel(),
    node: process.version,
    pulumiCli: (await run(pulumi, ["version"])) ?? "unknown",
    pulumiSdk: sdk.version,
    ...(commit !== undefined ? { gitCommit: commit } : {}),
    ...(dirty !== undefined ? { gitDirty: dirty !== "" } : {}),
  };
}

/** The engine's default `--parallel`, as `pulumi up --help` states it on this machine. */
export async function defaultParallelism(): Promise<string> {
  const help = await run(path.join(await ensurePulumiCli(), "pulumi"), ["up", "--help"]);
  const value = /--parallel\b.*\(default (\d+)\)/.exec(help ?? "")?.[1];
  return value === undefined ? "CLI default (unknown)" : `CLI default: ${value}`;
}
