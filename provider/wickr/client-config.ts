import type { WaitListener } from "./wait-notice";
import { setTimeout as delay } from "node:timers/promises";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { HttpTransport } from "./http";
import type { ConnectionSettings } from "./connection-settings";
import type { SettingHints } from "./setting-hints";

/** Seams for tests and embedders. Production code needs none of them. */
export interface ClientHooks {
  /** Sends one signed request. Default: the AWS SDK's `NodeHttpHandler` with a keep-alive agent. */
  transport?: HttpTransport;
  /** Epoch milliseconds. Used for signing dates, `Retry-After` dates and the retry budget. */
  clock?: () => number;
  /**
   * Waits between retries, and the throttle coordinator's timer; must reject at once when `signal`
   * aborts. Default: `setTimeout` of `node:timers/promises`.
   */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform random numbers in [0, 1) for backoff jitter. */
  random?: () => number;
  /** Environment to read fallbacks from. Default: `process.env` at the time of the first call. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Credentials to use instead of the default chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Receives one redacted line per attempt. */
  logger?: { debug(message: string): void };
  /**
   * How messages name the settings a person can change (the configuration keys of the Pulumi door in
   * use). Default: the client's own options and the AWS environment (`CLIENT_SETTING_HINTS`).
   */
  settingHints?: SettingHints;
}

/** Configuration of a {@link WickrAdminClient}. */
export interface WickrAdminClientConfig extends ConnectionSettings, ClientHooks {}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
  /**
   * Told before the call waits a second or more: before a retry (with the wait, the attempt and what
   * the last one got), and while it waits for a turn because the endpoint is throttling. For progress
   * messages; it cannot change the call.
   */
  onWait?: WaitListener;
}

/** The time hooks of a client, defaults applied. */
export type TimeHooks = Required<Pick<ClientHooks, "clock" | "sleep" | "random">>;

/**
 * The standard library's abortable timer. One function for the process: the throttle coordinators
 * are keyed by the identity of the sleep they use, so every default client shares them.
 */
const standardSleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  delay(ms, undefined, signal ? { signal } : {});

/** The clock, sleep and random of `hooks`, with the defaults (`Date.now`, `setTimeout`, `Math.random`). */
export function timeHooksOf(hooks: ClientHooks): TimeHooks {
  return {
    clock: hooks.clock ?? Date.now,
    sleep: hooks.sleep ?? standardSleep,
    random: hooks.random ?? Math.random,
  };
}
