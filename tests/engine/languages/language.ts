/**
 * What a language brings to the shared cases (cases.ts): how to install what its programs need, and
 * how to start a stack of its example program (examples/<language>/, a project a user can copy).
 * Adding a language is one more file like python.ts.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT } from "../cli";
import type { LanguageStack } from "./language-stack";

/** A check of one language only (type checking, building the SDK, …), run after `prepare`. */
export interface LanguageCheck {
  title: string;
  run(): Promise<void>;
}

/**
 * Which program a stack runs: the example (examples/<language>/), or the test program that calls the
 * function's plain form (tests/engine/languages/<language>/plain_invoke.* or PlainInvoke.java), which
 * reads `networkId` and exports `plainIssuer` and `plainClientSecret` from the result.
 */
export type Program = "example" | "plain-invoke";

/** One Pulumi language, as the shared cases use it. */
export interface Language {
  /** As in mocha titles, e.g. "Python". */
  readonly title: string;
  /** How its programs run here, for the suite's title, e.g. "Automation API inline program". */
  readonly how: string;
  /** Installs or builds what its programs need (minutes with empty caches); once per run. */
  prepare(): Promise<void>;
  /**
   * A new stack of the example program in a fresh work folder of the language's own file backend;
   * `env` (the AWS settings) is added to the environment of the CLI, the language host or driver, and
   * so the plugin.
   */
  createStack(options: {
    stack: string;
    env: Record<string, string>;
    program?: Program;
  }): Promise<LanguageStack>;
  /** Checks of this language only. */
  readonly checks: readonly LanguageCheck[];
  /** Removes what `prepare` left in the work tree. Never throws. */
  cleanup(): Promise<void>;
}

/** Where the examples' Pulumi.yaml expects the plugin: installed with npm in the project folder. */
export const EXAMPLE_PLUGIN_PATH = "path: node_modules/pulumi-wickr-oidc/bin";

/** The folder of one example program. */
export const exampleDir = (language: string): string => path.join(REPO_ROOT, "examples", language);

/**
 * Copies examples/<language> into `into` (created), with the plugin path of its Pulumi.yaml pointed at
 * this repository's bin/. Returns the project name.
 */
export async function copyExample(language: string, into: string): Promise<string> {
  await fs.cp(exampleDir(language), into, {
    recursive: true,
    filter: (source) => !["target", "venv", "node_modules", "__pycache__"].includes(path.basename(source)),
  });
  const file = path.join(into, "Pulumi.yaml");
  const yaml = await fs.readFile(file, "utf8");
  if (!yaml.includes(EXAMPLE_PLUGIN_PATH)) {
    throw new Error(`examples/${language}/Pulumi.yaml does not name the plugin as "${EXAMPLE_PLUGIN_PATH}"`);
  }
  await fs.writeFile(file, yaml.replace(EXAMPLE_PLUGIN_PATH, `path: ${path.join(REPO_ROOT, "bin")}`));
  const name = /^name: (\S+)$/m.exec(yaml)?.[1];
  if (name === undefined) throw new Error(`examples/${language}/Pulumi.yaml names no project`);
  return name;
}

/** Runs a command; resolves with its stdout, rejects with its exit status and output. */
export function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: Record<string, string> },
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      command,
      args,
      { cwd: options.cwd, env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          reject(
            new Error(
              `${command} ${args.join(" ")} (in ${options.cwd}) failed: ${error.message}\n${stdout}${stderr}`,
            ),
          );
        } else {
          resolve(stdout);
        }
      },
    );
  });
}

/** The `go` command: on PATH, else where the official installer puts it. */
export function goCommand(): string {
  const candidates = (process.env["PATH"] ?? "").split(path.delimiter).map((dir) => path.join(dir, "go"));
  return [...candidates, "/usr/local/go/bin/go"].find((file) => existsSync(file)) ?? "go";
}

/** Seconds since `started` (a `Date.now()`), for the timings the suite prints. */
export const secondsSince = (started: number): string => `${((Date.now() - started) / 1000).toFixed(1)} s`;
