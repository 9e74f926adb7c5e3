import { sharedClient } from "../wickr/shared-clients";
import type { ConnectionSettings } from "../wickr/connection-settings";
import { stableKey } from "../util/stable-key";
import type { GetOidcInfoResponse } from "../wickr/api-types";

/**
 * Configuration reads (no token exchange) shared within one provider process, which lives for one
 * engine run. Two things follow: identical reads in flight at the same time are made once; and a read
 * made by `diff` (or `read`) is reused by the `update` (or refresh `diff`) that the engine calls right
 * after it for the same resource, so each engine run costs one `GetOidcInfo` call per resource.
 */
const memo = new Map<string, { at: number; response: Promise<GetOidcInfoResponse> }>();

/** How long a finished read may be reused. One engine run rarely lasts longer; a stale read is worse. */
const REUSE_MS = 5 * 60_000;

function keyOf(networkId: string, settings: ConnectionSettings): string {
  // Retry, timeout and throttling settings change how a read is made, not what it returns.
  const { retry: _retry, timeoutMs: _timeoutMs, throttling: _throttling, ...where } = settings;
  return stableKey([networkId, where]);
}

/**
 * Reads a network's configuration, sharing the result as described above. `signal` is the engine's
 * cancellation, the same for every caller in the provider process, so a shared read may use it.
 */
export function readConfiguration(
  networkId: string,
  settings: ConnectionSettings,
  signal?: AbortSignal,
): Promise<GetOidcInfoResponse> {
  const key = keyOf(networkId, settings);
  const now = Date.now();
  const hit = memo.get(key);
  if (hit && now - hit.at < REUSE_MS) return hit.response;
  const response = sharedClient(settings).getOidcInfo({ networkId }, signal ? { signal } : {});
  memo.set(key, { at: now, response });
  // A failed read is never reused: the next step must see the real state, not an old failure.
  response.catch(() => {
    if (memo.get(key)?.response === response) memo.delete(key);
  });
  return response;
}
