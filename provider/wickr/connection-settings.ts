import type { RetrySettings } from "../retry/retry-policy";
import type { ThrottlingSettings } from "../retry/throttle-coordinator";
import { definedOnly, pickDefined } from "../util/defined";

/**
 * Where and how to call the Wickr Admin API. Every field is optional; unset fields fall back like the
 * AWS SDKs: environment, then the shared config file's profile.
 */
export interface ConnectionSettings {
  /**
   * The AWS region of the network, e.g. `us-east-1`. Default: for the resource, stack config `wickr:region`
   * or `aws:region`; then `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's region.
   */
  region?: string;
  /**
   * A custom endpoint URL for the Wickr Admin API (VPC endpoint, proxy, local emulator). Default: for the
   * resource, stack config `wickr:endpoint`; then `AWS_ENDPOINT_URL_WICKR`, `AWS_ENDPOINT_URL`, then the
   * regional endpoint.
   */
  endpoint?: string;
  /**
   * The named profile of the shared AWS config and credentials files. Default: for the resource, stack config
   * `wickr:profile` or `aws:profile`; then `AWS_PROFILE`, then `default`.
   */
  profile?: string;
  /**
   * The ARN of an IAM role to assume with STS before calling Wickr. Default: for the resource, stack config
   * `wickr:roleArn`; else no role is assumed.
   */
  roleArn?: string;
  /** The external ID to give STS when assuming `roleArn`. */
  externalId?: string;
  /** Use the FIPS endpoint. Default: `AWS_USE_FIPS_ENDPOINT`, else false. */
  useFipsEndpoint?: boolean;
  /** Use the dual-stack (IPv6) endpoint. Default: `AWS_USE_DUALSTACK_ENDPOINT`, else false. */
  useDualstackEndpoint?: boolean;
  /**
   * A custom STS endpoint URL for assume-role and the caller-identity hint. Default: `AWS_ENDPOINT_URL_STS`,
   * `AWS_ENDPOINT_URL`, then the SDK's.
   */
  stsEndpoint?: string;
  /**
   * How a failed call is retried: `maxAttempts` (an integer from 1 to 100, the first attempt included;
   * default 10) and, in milliseconds, `baseDelayMs`, `throttlingBaseDelayMs`, `maxDelayMs` and
   * `totalBudgetMs` (default 120 000; 0 means no budget). Unset members keep their defaults
   * (`DEFAULT_RETRY_SETTINGS`).
   */
  retry?: Partial<RetrySettings>;
  /** The time limit of one HTTP attempt, in milliseconds (1 to 2 147 483 647). Default: 30 000. */
  timeoutMs?: number;
  /**
   * How requests share the service's rate limit: `coordinate` (default true), `maxConcurrency` (an integer of
   * 1 or more; default 16) and the adaptive rate's `minRatePerSecond`, `decreaseFactor` and
   * `increasePerSecond`. Unset members keep their defaults (`DEFAULT_THROTTLING_SETTINGS`).
   */
  throttling?: Partial<ThrottlingSettings>;
}

/** Names of the {@link ConnectionSettings} fields, for copying them between objects. */
export const CONNECTION_SETTING_FIELDS = [
  "region",
  "endpoint",
  "profile",
  "roleArn",
  "externalId",
  "useFipsEndpoint",
  "useDualstackEndpoint",
  "stsEndpoint",
  "retry",
  "timeoutMs",
  "throttling",
] as const satisfies readonly (keyof ConnectionSettings)[];

/** Default time limit of one attempt. */
export const DEFAULT_TIMEOUT_MS = 30_000;

type Env = Readonly<Record<string, string | undefined>>;

const nonEmpty = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === "" ? undefined : v.trim();
const bool = (v: string | undefined): boolean | undefined =>
  v === undefined ? undefined : v.toLowerCase() === "true";

/** Copies only the connection settings that are set. */
export function pickConnectionSettings(source: Readonly<Partial<ConnectionSettings>>): ConnectionSettings {
  return pickDefined(source, CONNECTION_SETTING_FIELDS);
}

/**
 * Fills unset settings from `env`, the way the AWS SDK for JavaScript does from the environment. The
 * profile's region is read (asynchronously) only when nothing else gave one, from the shared config
 * and credentials files that `env` names (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`; by
 * default `~/.aws/config` and `~/.aws/credentials`). A file that cannot be read gives no region.
 */
export async function resolveConnectionSettings(
  settings: ConnectionSettings,
  env: Env,
): Promise<ConnectionSettings> {
  const ignoreEndpointEnv = bool(env["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]) === true;
  const resolved: ConnectionSettings = {
    ...settings,
    profile: settings.profile ?? nonEmpty(env["AWS_PROFILE"]),
    region: settings.region ?? nonEmpty(env["AWS_REGION"]) ?? nonEmpty(env["AWS_DEFAULT_REGION"]),
    endpoint:
      settings.endpoint ??
      (ignoreEndpointEnv
        ? undefined
        : (nonEmpty(env["AWS_ENDPOINT_URL_WICKR"]) ?? nonEmpty(env["AWS_ENDPOINT_URL"]))),
    stsEndpoint:
      settings.stsEndpoint ??
      (ignoreEndpointEnv
        ? undefined
        : (nonEmpty(env["AWS_ENDPOINT_URL_STS"]) ?? nonEmpty(env["AWS_ENDPOINT_URL"]))),
    useFipsEndpoint: settings.useFipsEndpoint ?? bool(env["AWS_USE_FIPS_ENDPOINT"]),
    useDualstackEndpoint: settings.useDualstackEndpoint ?? bool(env["AWS_USE_DUALSTACK_ENDPOINT"]),
  };
  resolved.region ??= await profileRegion(resolved.profile, env);
  return definedOnly(resolved);
}

async function profileRegion(profile: string | undefined, env: Env): Promise<string | undefined> {
  const { loadConfig } = require("@smithy/core/config") as typeof import("@smithy/core/config");
  // The SDK would read these three from process.env; they are taken from `env`, with the SDK's own
  // precedence (an empty value counts as unset), so a caller's environment is the only one used.
  const configFile = env["AWS_CONFIG_FILE"];
  const credentialsFile = env["AWS_SHARED_CREDENTIALS_FILE"];
  try {
    return await loadConfig<string | undefined>(
      {
        environmentVariableSelector: () => undefined,
        configFileSelector: (p) => nonEmpty(p["region"]),
        default: () => undefined,
      },
      {
        profile: profile || env["AWS_PROFILE"] || "default",
        ...(configFile ? { configFilepath: configFile } : {}),
        ...(credentialsFile ? { filepath: credentialsFile } : {}),
      },
    )();
  } catch {
    return undefined;
  }
}
