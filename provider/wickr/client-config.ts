import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { HttpTransport } from "./http";
import type { ConnectionSettings } from "./connection-settings";

/** Seams for tests and embedders. Production code needs none of them. */
export interface ClientHooks {
  /** Sends one signed request. Default: the AWS SDK's `NodeHttpHandler` with a keep-alive agent. */
  transport?: HttpTransport;
  /** Epoch milliseconds. Used for signing dates, `Retry-After` dates and the retry budget. */
  clock?: () => number;
  /** Waits between retries; must reject at once when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform random numbers in [0, 1) for backoff jitter. */
  random?: () => number;
  /** Environment to read fallbacks from. Default: `process.env` at the time of the first call. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Credentials to use instead of the default chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Receives one redacted line per attempt. */
  logger?: { debug(message: string): void };
}

/** Configuration of a {@link WickrAdminClient}. */
export interface WickrAdminClientConfig extends ConnectionSettings, ClientHooks {}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
}
