#!/usr/bin/env node
/**
 * `wickr-admin-emulator` (the package's bin; `npm run emulator --` in this repository): run the
 * emulator, print a network's settings, or change them as RegisterOidcConfig does. `--help` for each
 * command; emulator/README.md documents every flag.
 */
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import {
  type CliCommand,
  CliUsageError,
  type StartOptions,
  type Target,
  parseCliArgs,
  usage,
} from "./cli-args";
import { demoSeed } from "./demo-seed";
import { startEmulator } from "./emulator";
import { printable } from "./request-log";
import type { SeedCredentials } from "./seed";
import { loadSeed } from "./seed-load";
import { DEMO_REGION } from "./demo-seed";
import { REDACTED, isSensitiveField } from "../provider/wickr/sensitive-fields";
import { type TestCredentials, getOidcInfo, signedFetch } from "./support/signed-fetch";

type Env = Readonly<Record<string, string | undefined>>;

/** Where the CLI reads its environment and writes its output (the process's, or a test's). */
export interface CliIo {
  env: Env;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Arranges for `stop` to run when the emulator should stop. Default: on SIGINT or SIGTERM. */
  onStop?(stop: () => Promise<void>): void;
}

/**
 * The shell lines that point the AWS SDKs (and this package's provider) at the emulator and nowhere
 * else: its endpoint for Wickr and STS, fake credentials, its region; and `unset` for what would
 * override them (a real session token, an ignore-endpoints switch, a profile's own credentials).
 */
export function environmentLines(url: string, region: string, user: SeedCredentials | undefined): string[] {
  const lines = [`export AWS_ENDPOINT_URL_WICKR=${url}`, `export AWS_ENDPOINT_URL_STS=${url}`];
  if (user) {
    // Seeds hold fake credentials by design; printing them is how a shell gets to use the emulator.
    lines.push(
      `export AWS_ACCESS_KEY_ID=${user.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${user.secretAccessKey}`,
    );
    lines.push(
      user.sessionToken ? `export AWS_SESSION_TOKEN=${user.sessionToken}` : "unset AWS_SESSION_TOKEN",
    );
  }
  lines.push(`export AWS_REGION=${region}`, "unset AWS_PROFILE AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  return lines;
}

async function start(options: StartOptions, io: CliIo): Promise<void> {
  const seed = options.seedFile ? loadSeed(options.seedFile) : demoSeed();
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    seed,
    ...(options.throttle ? { throttle: options.throttle } : {}),
    ...(options.region !== undefined ? { region: options.region } : {}),
    ...(options.clockSkewMs !== undefined ? { clockSkewMs: options.clockSkewMs } : {}),
  });
  for (const { fault, times, operation } of options.faults) emulator.injectFaults(fault, times, operation);
  const lines = environmentLines(emulator.url, emulator.region, seed.credentials[0]);
  const banner = `# Wickr Admin API emulator listening on ${emulator.url} (region ${emulator.region}; all keys and data are fake). Ctrl-C stops it.`;
  io.stdout(`${[banner, ...lines].join("\n")}\n`);
  if (options.envOut) {
    // Written whole, then renamed, so a script waiting for the file never reads half of it.
    writeFileSync(`${options.envOut}.tmp`, `${lines.join("\n")}\n`);
    renameSync(`${options.envOut}.tmp`, options.envOut);
  }

  let printed = 0;
  const verbose = options.verbose
    ? setInterval(() => {
        for (; printed < emulator.log.length; printed++) {
          const entry = emulator.log[printed];
          if (entry) io.stderr(`${JSON.stringify(printable(entry))}\n`);
        }
      }, 200)
    : undefined;

  const stop = async (): Promise<void> => {
    clearInterval(verbose);
    await emulator.close();
  };
  if (io.onStop) io.onStop(stop);
  else {
    process.once("SIGINT", () => void stop());
    process.once("SIGTERM", () => void stop());
  }
}

/** Where and how `show` and `set-oidc` sign: never a default endpoint, so nothing reaches AWS. */
function connection(
  target: Target,
  env: Env,
  command: "show" | "set-oidc",
): { url: string; region: string; credentials?: TestCredentials } {
  const url = (target.endpoint ?? env["AWS_ENDPOINT_URL_WICKR"] ?? "").replace(/\/+$/, "");
  if (url === "")
    throw new CliUsageError(
      "no emulator to talk to: give --endpoint URL or set AWS_ENDPOINT_URL_WICKR (the start command prints it)",
      command,
    );
  if (!URL.canParse(url))
    throw new CliUsageError(`--endpoint must be a URL, got ${JSON.stringify(url)}`, command);
  const region = target.region ?? env["AWS_REGION"] ?? env["AWS_DEFAULT_REGION"] ?? DEMO_REGION;
  const accessKeyId = env["AWS_ACCESS_KEY_ID"];
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"];
  const sessionToken = env["AWS_SESSION_TOKEN"];
  const credentials =
    accessKeyId && secretAccessKey
      ? { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) }
      : undefined;
  return { url, region, ...(credentials ? { credentials } : {}) };
}

/** Secret members as {@link REDACTED} unless asked for. */
function masked(info: Record<string, unknown>, showSecrets: boolean): Record<string, unknown> {
  if (showSecrets) return info;
  return Object.fromEntries(Object.entries(info).map(([k, v]) => [k, isSensitiveField(k) ? REDACTED : v]));
}

/** The answer's JSON body, or an error naming the service's error and message. */
function answer(
  response: { status: number; text: string; headers: Headers },
  what: string,
): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(response.text) as Record<string, unknown>;
  } catch {
    // not JSON: reported below
  }
  if (response.status >= 300) {
    const name = response.headers.get("x-amzn-errortype")?.split(/[:,]/)[0]?.split("#").pop() ?? "error";
    const message = typeof body["message"] === "string" ? `: ${body["message"]}` : "";
    throw new Error(`${what} failed with HTTP ${response.status} ${name}${message}`);
  }
  if (typeof body !== "object" || body === null) throw new Error(`${what}: the answer is not a JSON object`);
  return body;
}

async function show(command: Extract<CliCommand, { command: "show" }>, io: CliIo): Promise<void> {
  const { url, region, credentials } = connection(command.target, io.env, command.command);
  const signing = { region, ...(credentials ? { credentials } : {}) };
  const response = await reaching(url, () => getOidcInfo(url, command.networkId, signing));
  const info = answer(response, `GetOidcInfo of network ${command.networkId}`)["openidConnectInfo"];
  io.stdout(
    `${JSON.stringify(masked((info ?? {}) as Record<string, unknown>, command.showSecrets), null, 2)}\n`,
  );
}

async function setOidc(command: Extract<CliCommand, { command: "set-oidc" }>, io: CliIo): Promise<void> {
  const { url, region, credentials } = connection(command.target, io.env, command.command);
  const signing = { region, ...(credentials ? { credentials } : {}) };
  let fromJson: Record<string, unknown> = {};
  if (command.jsonFile !== undefined) {
    const text = readFileSync(command.jsonFile === "-" ? 0 : command.jsonFile, "utf8");
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new CliUsageError("--json must hold a JSON object of RegisterOidcConfig members", "set-oidc");
    fromJson = parsed as Record<string, unknown>;
  }
  // RegisterOidcConfig requires companyId, issuer and scopes: unchanged ones are sent as they are now.
  const current = answer(
    await reaching(url, () => getOidcInfo(url, command.networkId, signing)),
    `GetOidcInfo of network ${command.networkId}`,
  )["openidConnectInfo"] as Record<string, unknown> | undefined;
  const body = {
    companyId: current?.["companyId"],
    issuer: current?.["issuer"],
    scopes: current?.["scopes"],
    ...fromJson,
    ...command.changes,
  };
  const response = await reaching(url, () =>
    signedFetch(url, {
      ...signing,
      method: "POST",
      path: `/networks/${command.networkId}/oidc/save`,
      body: JSON.stringify(body),
    }),
  );
  const saved = answer(response, `RegisterOidcConfig of network ${command.networkId}`);
  io.stdout(`${JSON.stringify(masked(saved, false), null, 2)}\n`);
}

/** Runs `call`; a connection that fails is reported with the emulator's address and the reason. */
async function reaching<T>(url: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const code = (error as { cause?: { code?: unknown } }).cause?.code;
    if (error instanceof TypeError && typeof code === "string")
      throw new Error(
        `could not reach the emulator at ${url} (${code}): is it running? (wickr-admin-emulator start)`,
      );
    throw error;
  }
}

/**
 * Runs one command line; resolves with the exit code (2: a usage mistake, 1: a failure). `start`
 * resolves once the emulator listens; it then runs until SIGINT/SIGTERM.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let command: CliCommand | undefined;
  try {
    command = parseCliArgs(argv);
    if (command.command === "help") io.stdout(`${usage(command.topic)}\n`);
    else if (command.command === "version") io.stdout(`${packageVersion()}\n`);
    else if (command.command === "start") await start(command.options, io);
    else if (command.command === "show") await show(command, io);
    else await setOidc(command, io);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (!(error instanceof CliUsageError)) {
      io.stderr(`wickr-admin-emulator: ${message}\n`);
      return 1;
    }
    const topic = error.command ? `${error.command} ` : "";
    io.stderr(`wickr-admin-emulator: ${message}\nSee: wickr-admin-emulator ${topic}--help\n`);
    return 2;
  }
}

function packageVersion(): string {
  for (const candidate of ["../package.json", "../../package.json"]) {
    try {
      return (require(candidate) as { version: string }).version;
    } catch {
      // the other layout (source or dist)
    }
  }
  return "unknown";
}

if (require.main === module) {
  void runCli(process.argv.slice(2), {
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
