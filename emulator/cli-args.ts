/**
 * The command line of `wickr-admin-emulator`, parsed without a dependency (the flag set is small).
 * Every mistake is an error that names the flag and what it wants.
 */
import type { Fault } from "./faults";
import type { OperationName } from "./request-log";
import type { RetryAfterStyle, ThrottleOptions } from "./throttle";

/** `start`: run the emulator until SIGINT/SIGTERM. */
export interface StartOptions {
  port: number;
  host: string;
  seedFile?: string;
  throttle?: ThrottleOptions;
  /** `--region`: the region requests must be signed for. Default (unset): the emulator's, `us-east-1`. */
  region?: string;
  /** `--clock-skew`: ms the emulator's clock is ahead of the machine's (negative: behind). */
  clockSkewMs?: number;
  /** `--fault`: faults to serve to the first matching requests, in order. */
  faults: { fault: Fault; times: number; operation?: OperationName }[];
  /** `--env-out`: also write the environment lines to this file once listening. */
  envOut?: string;
  /** Print each request's redacted log entry to stderr. */
  verbose: boolean;
}

/** Where `show` and `set-oidc` find a running emulator. */
export interface Target {
  /** `--endpoint`; else `AWS_ENDPOINT_URL_WICKR` (never a default: these commands never guess). */
  endpoint?: string;
  /** `--region`; else `AWS_REGION`, `AWS_DEFAULT_REGION`, then `us-east-1`. */
  region?: string;
}

/** What the command line asked for. */
export type CliCommand =
  | { command: "help"; topic: CommandName | undefined }
  | { command: "version" }
  | { command: "start"; options: StartOptions }
  | { command: "show"; target: Target; networkId: string; showSecrets: boolean }
  | {
      command: "set-oidc";
      target: Target;
      networkId: string;
      /** RegisterOidcConfig members given as flags. */
      changes: Record<string, string | number>;
      /** `--json FILE` (`-`: stdin): members as a JSON object; flags win over it. */
      jsonFile?: string;
    };

/** The subcommands. */
export type CommandName = "start" | "show" | "set-oidc";
const COMMANDS: readonly CommandName[] = ["start", "show", "set-oidc"];

/**
 * `set-oidc` flags and the RegisterOidcConfig members they set (the operation's input members but the
 * network id, which is `--network`).
 */
export const SET_OIDC_FLAGS: Readonly<Record<string, { member: string; integer?: true }>> = {
  "--company-id": { member: "companyId" },
  "--issuer": { member: "issuer" },
  "--scopes": { member: "scopes" },
  "--custom-username": { member: "customUsername" },
  "--extra-auth-params": { member: "extraAuthParams" },
  "--secret": { member: "secret" },
  "--sso-token-buffer-minutes": { member: "ssoTokenBufferMinutes", integer: true },
  "--user-id": { member: "userId" },
};

const RETRY_AFTER_STYLES: readonly RetryAfterStyle[] = ["none", "seconds", "http-date", "x-amz-retry-after"];
const OPERATIONS: readonly OperationName[] = [
  "GetOidcInfo",
  "RegisterOidcConfig",
  "RegisterOidcConfigTest",
  "AssumeRole",
  "GetCallerIdentity",
];

const MAIN_USAGE = `wickr-admin-emulator — a local Wickr Admin API (GetOidcInfo, RegisterOidcConfig, STS) for rehearsing
Wickr SSO changes without an AWS account. Requests are SigV4-verified; all data and keys are fake.

Usage:
  wickr-admin-emulator [start] [options]        run the emulator (default command)
  wickr-admin-emulator show --network ID        print a network's OIDC settings
  wickr-admin-emulator set-oidc --network ID …  change them, as RegisterOidcConfig does (drift)
  wickr-admin-emulator <command> --help         options of a command
  wickr-admin-emulator --version

Quick start:
  rm -f wickr-emulator.env; npx wickr-admin-emulator --port 8459 --env-out wickr-emulator.env &
  until [ -s wickr-emulator.env ]; do sleep 0.2; done
  . ./wickr-emulator.env      # AWS_ENDPOINT_URL_WICKR, fake keys, AWS_REGION
  pulumi up                   # your stack now reads the emulator, never AWS
  npx wickr-admin-emulator set-oidc --network 12345678 --issuer https://idp.example.com/new
  pulumi preview --expect-no-changes   # fails: the network changed outside Pulumi`;

const START_USAGE = `Usage: wickr-admin-emulator [start] [options]

Runs until SIGINT or SIGTERM. Prints, on stdout, a comment line with the URL and then shell lines to
eval: AWS_ENDPOINT_URL_WICKR and AWS_ENDPOINT_URL_STS (the emulator), the seed's first fake
credentials, AWS_REGION, and unsets the variables that would send requests elsewhere.

Options:
  --port N              port to listen on (default 0: a free port)
  --host H              address to listen on (default 127.0.0.1)
  --region REGION       region requests must be signed for (default us-east-1); others get 403
                        InvalidSignatureException, as real AWS answers
  --seed FILE           initial networks, credentials, roles, authorization codes (JSON; see
                        emulator/seed.schema.json; default: the demo seed, network 12345678)
  --rate R --burst B    throttle Wickr calls per access key: a token bucket of B, refilled at R/s;
                        beyond it 429 RateLimitError
  --retry-after STYLE   with --rate: none | seconds | http-date | x-amz-retry-after (default none)
  --fault SPEC          serve a fault to the next matching request(s); repeatable, served in order.
                        SPEC is KIND[*TIMES][@OPERATION] with KIND one of
                          error:STATUS:NAME   e.g. error:500:InternalServerError, error:503:ServiceUnavailable
                          delay:MS            answer normally after MS milliseconds
                          reset               close the connection without an answer
                          malformed           200 with a body that is not JSON
                        e.g. --fault 'error:429:RateLimitError*3@GetOidcInfo'
  --clock-skew MS       the emulator's clock is MS ahead of this machine's (negative: behind)
  --env-out FILE       also write the shell lines to FILE once listening (for CI: start in the
                        background, wait for the file, source it)
  --verbose             print each request's redacted log entry on stderr
  -h, --help            this text`;

const TARGET_OPTIONS = `  --endpoint URL        the running emulator (default: $AWS_ENDPOINT_URL_WICKR; required)
  --region REGION       region to sign for (default: $AWS_REGION, $AWS_DEFAULT_REGION, us-east-1)
Credentials: $AWS_ACCESS_KEY_ID / $AWS_SECRET_ACCESS_KEY / $AWS_SESSION_TOKEN, else the demo seed's.`;

const SHOW_USAGE = `Usage: wickr-admin-emulator show --network ID [--show-secrets] [options]

Prints the network's current openidConnectInfo (GetOidcInfo) as JSON. clientSecret and secret are
shown as [REDACTED] unless --show-secrets.

Options:
  --network ID          the 8-digit network id
  --show-secrets        print secret members as they are
${TARGET_OPTIONS}`;

const SET_OIDC_USAGE = `Usage: wickr-admin-emulator set-oidc --network ID [member flags] [--json FILE] [options]

Changes a network's OIDC settings through the emulator's signed RegisterOidcConfig
(POST /networks/{networkId}/oidc/save), as someone changing them in the Wickr admin console would: the
next preview of a stack that reads the network shows drift. Members not given keep their value
(companyId, issuer and scopes, which the operation requires, are read from the network first).
Prints the settings the emulator answers, secrets as [REDACTED].

Member flags (RegisterOidcConfig's input members):
${Object.entries(SET_OIDC_FLAGS)
  .map(([flag, { member, integer }]) => `  ${`${flag} ${integer ? "N" : "VALUE"}`.padEnd(32)}${member}`)
  .join("\n")}
  --json FILE                     members as a JSON object (- reads stdin); flags win over it

Options:
  --network ID          the 8-digit network id
${TARGET_OPTIONS}`;

/** The help text of `topic`, or the main one. */
export function usage(topic?: CommandName): string {
  if (topic === "start") return START_USAGE;
  if (topic === "show") return SHOW_USAGE;
  if (topic === "set-oidc") return SET_OIDC_USAGE;
  return MAIN_USAGE;
}

/** A command-line mistake; the CLI prints it with a pointer to `--help` and exits 2. */
export class CliUsageError extends Error {
  override readonly name = "CliUsageError";
  constructor(
    message: string,
    readonly command: CommandName | undefined,
  ) {
    super(message);
  }
}

/** Parse `argv` (without node and script). @throws {@link CliUsageError} naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliCommand {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") return { command: "version" };
  if (first === "help") return { command: "help", topic: commandNamed(rest[0]) };
  const named = COMMANDS.find((c) => c === first);
  const command: CommandName = named ?? "start";
  const args = named ? rest : argv;
  if (args.includes("--help") || args.includes("-h")) return { command: "help", topic: named };
  if (first !== undefined && !named && !first.startsWith("-"))
    throw new CliUsageError(`Unknown command ${first}: use start, show or set-oidc`, undefined);
  try {
    if (command === "show") return parseShow(args);
    if (command === "set-oidc") return parseSetOidc(args);
    return { command: "start", options: parseStart(args) };
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError((error as Error).message, command);
  }
}

function commandNamed(name: string | undefined): CommandName | undefined {
  return COMMANDS.find((c) => c === name);
}

/** Reads flags one by one; `value()` takes the flag's argument and refuses a missing one. */
class Flags {
  private i = -1;
  constructor(private readonly argv: readonly string[]) {}
  next(): string | undefined {
    this.i += 1;
    return this.argv[this.i];
  }
  value(flag: string, what: string): string {
    this.i += 1;
    const value = this.argv[this.i];
    if (value === undefined || value === "" || /^--[a-z]/.test(value))
      throw new Error(`${flag} needs ${what}`);
    return value;
  }
}

function number(flag: string, value: string, min: number): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isFinite(parsed) || parsed < min) {
    throw new Error(`${flag} needs a number >= ${min}, got ${value}`);
  }
  return parsed;
}

function wholeNumber(flag: string, value: string, what = "a whole number of milliseconds"): number {
  const parsed = Number(value);
  if (value.trim() === "" || !Number.isSafeInteger(parsed))
    throw new Error(`${flag} needs ${what}, got ${value}`);
  return parsed;
}

function parseStart(argv: readonly string[]): StartOptions {
  const options: StartOptions = { port: 0, host: "127.0.0.1", verbose: false, faults: [] };
  const flags = new Flags(argv);
  let rate: number | undefined;
  let burst: number | undefined;
  let retryAfter: RetryAfterStyle | undefined;
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    if (flag === "--port") {
      const value = flags.value(flag, "a number from 0 to 65535");
      options.port = wholeNumber(flag, value, "a number from 0 to 65535");
      if (options.port < 0 || options.port > 65535)
        throw new Error(`--port needs a number from 0 to 65535, got ${value}`);
    } else if (flag === "--host") options.host = flags.value(flag, "an address, e.g. 127.0.0.1");
    else if (flag === "--seed") options.seedFile = flags.value(flag, "a seed file (JSON)");
    else if (flag === "--region") options.region = flags.value(flag, "a region, e.g. us-east-1");
    else if (flag === "--clock-skew")
      options.clockSkewMs = wholeNumber(flag, flags.value(flag, "a whole number of milliseconds"));
    else if (flag === "--rate")
      rate = number(flag, flags.value(flag, "requests per second"), Number.MIN_VALUE);
    else if (flag === "--burst") burst = number(flag, flags.value(flag, "a bucket size"), 1);
    else if (flag === "--retry-after") {
      const style = flags.value(flag, `one of ${RETRY_AFTER_STYLES.join(", ")}`);
      retryAfter = RETRY_AFTER_STYLES.find((s) => s === style);
      if (!retryAfter) throw new Error(`--retry-after must be one of ${RETRY_AFTER_STYLES.join(", ")}`);
    } else if (flag === "--fault") options.faults.push(parseFault(flags.value(flag, "a fault, e.g. reset")));
    else if (flag === "--env-out") options.envOut = flags.value(flag, "a file name");
    else if (flag === "--verbose") options.verbose = true;
    else throw new Error(`Unknown argument ${flag}`);
  }
  if ((rate === undefined) !== (burst === undefined)) throw new Error("--rate and --burst go together");
  if (rate !== undefined && burst !== undefined)
    options.throttle = { ratePerSecond: rate, burst, retryAfter };
  else if (retryAfter) throw new Error("--retry-after needs --rate and --burst");
  return options;
}

/** `KIND[*TIMES][@OPERATION]`; see the `start` help. */
export function parseFault(spec: string): { fault: Fault; times: number; operation?: OperationName } {
  const match = /^([^*@]+)(?:\*(\d+))?(?:@(\w+))?$/.exec(spec);
  const bad = (why: string) =>
    new Error(
      `--fault ${spec}: ${why} (KIND[*TIMES][@OPERATION], KIND one of error:STATUS:NAME, delay:MS, reset, malformed)`,
    );
  if (!match?.[1]) throw bad("malformed");
  const times = match[2] === undefined ? 1 : Number(match[2]);
  if (!Number.isSafeInteger(times) || times < 1) throw bad("TIMES must be 1 or more");
  const operation = match[3] === undefined ? undefined : OPERATIONS.find((o) => o === match[3]);
  if (match[3] !== undefined && !operation) throw bad(`OPERATION must be one of ${OPERATIONS.join(", ")}`);
  const [kind, ...parts] = match[1].split(":");
  let fault: Fault;
  if (kind === "reset" && parts.length === 0) fault = { kind: "reset" };
  else if (kind === "malformed" && parts.length === 0) fault = { kind: "malformed" };
  else if (kind === "delay" && parts.length === 1 && /^\d+$/.test(parts[0] ?? "")) {
    fault = { kind: "delay", ms: Number(parts[0]) };
  } else if (kind === "error" && parts.length === 2) {
    const status = Number(parts[0]);
    const name = parts[1] ?? "";
    if (!Number.isInteger(status) || status < 300 || status > 599) throw bad("STATUS must be 300-599");
    if (!/^\w+$/.test(name)) throw bad("NAME must be an error name, e.g. InternalServerError");
    fault = { kind: "error", status, name };
  } else throw bad(`unknown or incomplete KIND ${match[1]}`);
  return { fault, times, ...(operation ? { operation } : {}) };
}

function parseTargetFlag(flags: Flags, flag: string, target: Target): boolean {
  if (flag === "--endpoint")
    target.endpoint = flags.value(flag, "the emulator's URL, e.g. http://127.0.0.1:8459");
  else if (flag === "--region") target.region = flags.value(flag, "a region, e.g. us-east-1");
  else return false;
  return true;
}

function networkIdOf(flag: string, value: string): string {
  if (!/^[0-9]{8}$/.test(value))
    throw new Error(`${flag} needs an 8-digit network id, got ${JSON.stringify(value)}`);
  return value;
}

function parseShow(argv: readonly string[]): CliCommand {
  const flags = new Flags(argv);
  const target: Target = {};
  let networkId: string | undefined;
  let showSecrets = false;
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    if (flag === "--network") networkId = networkIdOf(flag, flags.value(flag, "an 8-digit network id"));
    else if (flag === "--show-secrets") showSecrets = true;
    else if (!parseTargetFlag(flags, flag, target)) throw new Error(`Unknown argument ${flag}`);
  }
  if (networkId === undefined) throw new Error("--network is required: the 8-digit network id");
  return { command: "show", target, networkId, showSecrets };
}

function parseSetOidc(argv: readonly string[]): CliCommand {
  const flags = new Flags(argv);
  const target: Target = {};
  const changes: Record<string, string | number> = {};
  let networkId: string | undefined;
  let jsonFile: string | undefined;
  for (let flag = flags.next(); flag !== undefined; flag = flags.next()) {
    const member = SET_OIDC_FLAGS[flag];
    if (member) {
      const value = flags.value(flag, member.integer ? "a whole number" : "a value");
      changes[member.member] = member.integer ? wholeNumber(flag, value, "a whole number") : value;
    } else if (flag === "--network")
      networkId = networkIdOf(flag, flags.value(flag, "an 8-digit network id"));
    else if (flag === "--json") jsonFile = flags.value(flag, "a JSON file, or - for stdin");
    else if (!parseTargetFlag(flags, flag, target)) throw new Error(`Unknown argument ${flag}`);
  }
  if (networkId === undefined) throw new Error("--network is required: the 8-digit network id");
  if (Object.keys(changes).length === 0 && jsonFile === undefined)
    throw new Error(
      `nothing to change: give a member flag (${Object.keys(SET_OIDC_FLAGS).join(", ")}) or --json`,
    );
  return { command: "set-oidc", target, networkId, changes, ...(jsonFile !== undefined ? { jsonFile } : {}) };
}
