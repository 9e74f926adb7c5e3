/**
 * Runs the real `pulumi` CLI on a Pulumi Node.js project folder without the Node.js language host
 * (`pulumi-language-nodejs`, which `scripts/pulumi-install.sh` cannot build: the Go module proxy does not serve it).
 *
 * The CLI can use a language runtime that is already running (`--client=127.0.0.1:<port>`), which is
 * how the Automation API runs inline programs. This serves that runtime in-process with the project's
 * own `@pulumi/pulumi` (`automation/server`'s `LanguageServer`), for a program that loads the folder's
 * `main` as the real host does (`project-entry.ts`, `project-loader.ts`), then runs `pulumi <args>
 * --client=...` in the folder. Everything else — engine, file backend, secrets, dynamic provider
 * process, `StackReference` — is the real thing.
 *
 * One program at a time per process (the Pulumi runtime state is global): calls are queued.
 *
 * @example
 * // CLI: ts-node scripts/project-runtime.ts examples/basic -- preview --stack dev
 * const { code, output } = await runProject({ projectDir: "examples/basic", args: ["up", "--yes"] });
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import { readNodeProject } from "./project-entry";
import { endProgramRun, projectProgram } from "./project-loader";

/** The commands that run (or may need) the program; others run without a language runtime. */
const PROGRAM_COMMANDS = new Set(["up", "update", "preview", "pre", "refresh", "destroy", "down", "dn"]);

/** What {@link runProject} runs. */
export interface RunProjectOptions {
  /** The folder holding `Pulumi.yaml`; the CLI runs there. */
  projectDir: string;
  /** Arguments of `pulumi`, the command first (e.g. `["up", "--yes", "--stack", "dev"]`). */
  args: readonly string[];
  /** Added to this process's environment for the CLI (and, through it, the provider processes). */
  env?: Readonly<Record<string, string>>;
  /** Folder holding `pulumi` and `pulumi-resource-pulumi-nodejs`, put first on `PATH`; default: `PATH`. */
  cliDir?: string;
  /** Receives stdout and stderr as they arrive. */
  onOutput?: (text: string) => void;
  /** Give the CLI this terminal (stdin, stdout, stderr) instead of capturing: prompts, colours. */
  interactive?: boolean;
}

/** How the CLI ended. */
export interface ProjectRun {
  /** The CLI's exit code (1 when it was killed by a signal). */
  code: number;
  /** stdout alone (e.g. `pulumi stack output --json`). Empty when interactive. */
  stdout: string;
  /** stdout and stderr, interleaved as received. Empty when interactive. */
  output: string;
}

/** The parts of `@pulumi/pulumi` and `@grpc/grpc-js` the server needs (internal SDK modules). */
interface LanguageServer {
  onPulumiExit(hasError: boolean): void;
}
interface GrpcServer {
  addService(service: unknown, implementation: unknown): void;
  bindAsync(address: string, credentials: unknown, done: (error: Error | null, port: number) => void): void;
  forceShutdown(): void;
}
interface Grpc {
  Server: new (options: object) => GrpcServer;
  ServerCredentials: { createInsecure(): unknown };
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `pulumi <args>` in `projectDir`, serving the project's program to it when the command runs one.
 * Queued behind any earlier call in this process.
 *
 * @throws ProjectError when the folder is not a Pulumi Node.js project; a failing CLI is not thrown,
 *   it is a non-zero `code`.
 */
export function runProject(options: RunProjectOptions): Promise<ProjectRun> {
  const result = queue.then(
    () => runNow(options),
    () => runNow(options),
  );
  queue = result.catch(() => undefined);
  return result;
}

async function runNow(options: RunProjectOptions): Promise<ProjectRun> {
  const project = readNodeProject(options.projectDir);
  const args = [...options.args];
  if (!PROGRAM_COMMANDS.has(args[0] ?? "")) return runCli(project.rootDir, args, options);

  const sdkRequire = createRequire(path.join(project.programDir, "__project_runtime__.js"));
  const { LanguageServer } = sdkRequire("@pulumi/pulumi/automation/server") as {
    LanguageServer: new (program: () => Promise<unknown>) => LanguageServer;
  };
  const langrpc = sdkRequire("@pulumi/pulumi/proto/language_grpc_pb") as { LanguageRuntimeService: unknown };
  const settings = sdkRequire("@pulumi/pulumi/runtime/settings") as { grpcChannelOptions: object };
  const grpc = createRequire(sdkRequire.resolve("@pulumi/pulumi"))("@grpc/grpc-js") as Grpc;

  const languageServer = new LanguageServer(projectProgram(project, sdkRequire));
  const server = new grpc.Server({ ...settings.grpcChannelOptions });
  server.addService(langrpc.LanguageRuntimeService, languageServer);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  const cwd = process.cwd();
  try {
    const run = await runCli(project.rootDir, [...args, `--client=127.0.0.1:${port}`], options);
    try {
      languageServer.onPulumiExit(run.code !== 0); // throws when the program left promises running
    } catch (error) {
      const message = `\n${error instanceof Error ? error.message : String(error)}\n`;
      options.onOutput?.(message);
      return { code: run.code || 1, stdout: run.stdout, output: run.output + message };
    }
    return run;
  } finally {
    server.forceShutdown();
    endProgramRun();
    process.chdir(cwd);
  }
}

function runCli(cwd: string, args: string[], options: RunProjectOptions): Promise<ProjectRun> {
  const basePath = options.env?.["PATH"] ?? process.env["PATH"];
  const pathVar = [options.cliDir, basePath].filter(Boolean).join(path.delimiter);
  const pulumi = options.cliDir ? path.join(options.cliDir, "pulumi") : "pulumi";
  const child = spawn(pulumi, args, {
    cwd,
    env: { ...process.env, ...options.env, PATH: pathVar },
    stdio: options.interactive ? "inherit" : ["ignore", "pipe", "pipe"],
  });
  const chunks: string[] = [];
  let stdout = "";
  const collect = (isStdout: boolean) => (chunk: string) => {
    chunks.push(chunk);
    if (isStdout) stdout += chunk;
    options.onOutput?.(chunk);
  };
  child.stdout?.setEncoding("utf8").on("data", collect(true));
  child.stderr?.setEncoding("utf8").on("data", collect(false));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, stdout, output: chunks.join("") }));
  });
}

/** `ts-node scripts/project-runtime.ts <projectDir> -- <pulumi args...>`, with the CLI this repo builds. */
async function main(argv: string[]): Promise<number> {
  const separator = argv.indexOf("--");
  const [projectDir, ...rest] = separator === -1 ? argv : argv.slice(0, separator);
  if (!projectDir || rest.length > 0 || separator === -1 || separator === argv.length - 1) {
    console.error("usage: ts-node scripts/project-runtime.ts <projectDir> -- <pulumi args...>");
    return 2;
  }
  const { ensurePulumiCli } = await import("../tests/engine/cli");
  const cliDir = await ensurePulumiCli();
  process.on("SIGINT", () => undefined); // Ctrl-C reaches pulumi too; it cancels, then we exit with it
  const run = await runProject({ projectDir, args: argv.slice(separator + 1), cliDir, interactive: true });
  return run.code;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
