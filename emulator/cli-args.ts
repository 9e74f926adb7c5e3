/** Command-line arguments of `cli.ts`, parsed without a dependency (the flag set is tiny). */
import type { RetryAfterStyle, ThrottleOptions } from "./throttle";

/** What the command line asked for. */
export interface CliOptions {
  port: number;
  host: string;
  seedFile?: string;
  throttle?: ThrottleOptions;
  /** `--region`: the region requests must be signed for. Default (unset): the emulator's, `us-east-1`. */
  region?: string;
  /** `--clock-skew`: ms the emulator's clock is ahead of the machine's (negative: behind). */
  clockSkewMs?: number;
  /** Print each request's redacted log entry to stderr. */
  verbose: boolean;
}

/** Usage text shown on a bad argument. */
export const USAGE =
  "Usage: npm run emulator -- [--port N] [--host H] [--seed FILE] [--region REGION] [--clock-skew MS] " +
  "[--rate R --burst B [--retry-after none|seconds|http-date|x-amz-retry-after]] [--verbose]";

const RETRY_AFTER_STYLES: readonly RetryAfterStyle[] = ["none", "seconds", "http-date", "x-amz-retry-after"];

function number(flag: string, value: string | undefined, min: number): number {
  const parsed = Number(value);
  if (value === undefined || value === "" || !Number.isFinite(parsed) || parsed < min) {
    throw new Error(`${flag} needs a number >= ${min}, got ${value ?? "nothing"}`);
  }
  return parsed;
}

function integer(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isSafeInteger(parsed)) {
    throw new Error(`${flag} needs a whole number of milliseconds, got ${value ?? "nothing"}`);
  }
  return parsed;
}

/** Parse `argv` (without node and script). @throws Error with a message naming the bad flag. */
export function parseCliArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { port: 0, host: "127.0.0.1", verbose: false };
  let rate: number | undefined;
  let burst: number | undefined;
  let retryAfter: RetryAfterStyle | undefined;
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = (): string | undefined => argv[++i];
    if (flag === "--port") options.port = number(flag, value(), 0);
    else if (flag === "--host") options.host = value() ?? options.host;
    else if (flag === "--seed") options.seedFile = value();
    else if (flag === "--region") {
      const region = value();
      if (!region || region.startsWith("--")) throw new Error("--region needs a region, e.g. us-east-1");
      options.region = region;
    } else if (flag === "--clock-skew") options.clockSkewMs = integer(flag, value());
    else if (flag === "--rate") rate = number(flag, value(), Number.MIN_VALUE);
    else if (flag === "--burst") burst = number(flag, value(), 1);
    else if (flag === "--verbose") options.verbose = true;
    else if (flag === "--retry-after") {
      const style = value();
      retryAfter = RETRY_AFTER_STYLES.find((s) => s === style);
      if (!retryAfter) throw new Error(`--retry-after must be one of ${RETRY_AFTER_STYLES.join(", ")}`);
    } else throw new Error(`Unknown argument ${flag}`);
  }
  if (options.seedFile === "") throw new Error("--seed needs a file");
  if ((rate === undefined) !== (burst === undefined)) throw new Error("--rate and --burst go together");
  if (rate !== undefined && burst !== undefined)
    options.throttle = { ratePerSecond: rate, burst, retryAfter };
  else if (retryAfter) throw new Error("--retry-after needs --rate and --burst");
  return options;
}
