import { sharedClient } from "../wickr/shared-clients";
import type { ConnectionSettings } from "../wickr/connection-settings";
import { stableKey } from "../util/stable-key";
import type { GetOidcInfoResponse } from "../wickr/api-types";
import type { WaitListener } from "../wickr/wait-notice";
import type { SettingHints } from "../wickr/setting-hints";

/** How long a finished read may be reused. One engine run rarely lasts longer; a stale read is worse. */
export const REUSE_MS = 5 * 60_000;

/** Makes one configuration read (no token exchange). */
export type ConfigurationRead = (
  networkId: string,
  settings: ConnectionSettings,
  signal?: AbortSignal,
  onWait?: WaitListener,
  settingHints?: SettingHints,
) => Promise<GetOidcInfoResponse>;

/** Options of a {@link ReadMemo}. */
export interface ReadMemoOptions {
  /** Makes a read. Default: `GetOidcInfo` through the process's shared client for the settings. */
  read?: ConfigurationRead;
  /** Epoch milliseconds, for the reuse window. Default `Date.now`. */
  now?: () => number;
  /** How long a finished read may be reused. Default {@link REUSE_MS}. */
  reuseMs?: number;
}

/** Per-read options of {@link ReadMemo.read}. */
export interface ReadOptions {
  /**
   * The region `settings` resolve to (after environment and profile fallbacks), when known. Stored
   * outputs always name the region while inputs may leave it to the environment, so `read` (which has
   * only the outputs) and the refresh `diff` (which has the inputs) share a read only when it is keyed
   * by the resolved region. Default: `settings.region`.
   */
  region?: string;
  /** Cancels the read; see {@link ReadMemo.read}. */
  signal?: AbortSignal;
  /** Told when the read waits on throttling or before a retry (only the caller that starts the read). */
  onWait?: WaitListener;
  /** How the read's error messages name the settings (the door in use); see `SettingHints`. */
  settingHints?: SettingHints;
}

interface Entry {
  response: Promise<GetOidcInfoResponse>;
  /** When the read finished; undefined while it is in flight. */
  finishedAt?: number;
}

const readThroughSharedClient: ConfigurationRead = (networkId, settings, signal, onWait, settingHints) =>
  sharedClient(settings, settingHints).getOidcInfo(
    { networkId },
    { ...(signal ? { signal } : {}), ...(onWait ? { onWait } : {}) },
  );

/**
 * Configuration reads shared between the steps of one engine run. Two things follow: identical reads
 * in flight at the same time are made once; and a read made by `diff` (or `read`) is reused by the
 * `update` (or refresh `diff`) that the engine calls right after it for the same resource, so each
 * engine run costs one `GetOidcInfo` call per resource. A read is reused for {@link REUSE_MS} after it
 * finished, never after it failed: the next step must see the real state, not an old failure.
 */
export class ReadMemo {
  private readonly entries = new Map<string, Entry>();
  private readonly makeRead: ConfigurationRead;
  private readonly now: () => number;
  private readonly reuseMs: number;

  constructor(options: ReadMemoOptions = {}) {
    this.makeRead = options.read ?? readThroughSharedClient;
    this.now = options.now ?? Date.now;
    this.reuseMs = options.reuseMs ?? REUSE_MS;
  }

  /**
   * Reads a network's configuration, or returns the shared read as described above. `options.signal` is the
   * engine's cancellation, the same for every caller in the provider process, so a shared read may
   * use the first caller's.
   */
  read(
    networkId: string,
    settings: ConnectionSettings,
    options: ReadOptions = {},
  ): Promise<GetOidcInfoResponse> {
    const { signal, onWait, settingHints, region = settings.region } = options;
    const key = keyOf(networkId, { ...settings, region });
    const hit = this.entries.get(key);
    if (hit && (hit.finishedAt === undefined || this.now() - hit.finishedAt < this.reuseMs))
      return hit.response;
    const entry: Entry = { response: this.makeRead(networkId, settings, signal, onWait, settingHints) };
    this.entries.set(key, entry);
    entry.response.then(
      () => {
        entry.finishedAt = this.now();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    return entry.response;
  }

  /** Forgets every read. */
  clear(): void {
    this.entries.clear();
  }
}

/** The key of a read: the network and where it is read from (with the resolved region). */
function keyOf(networkId: string, settings: ConnectionSettings): string {
  // Retry, timeout and throttling settings change how a read is made, not what it returns.
  const { retry: _retry, timeoutMs: _timeoutMs, throttling: _throttling, ...where } = settings;
  return stableKey([networkId, where]);
}

/** The provider process's memo (the process lives for one engine run), used by the provider host. */
export const processReadMemo = new ReadMemo();

/** Forgets every read of {@link processReadMemo} (tests start from a clean process state with it). */
export function clearReadMemo(): void {
  processReadMemo.clear();
}
