import { WickrAdminClient } from "./client";
import type { ConnectionSettings } from "./connection-settings";
import type { SettingHints } from "./setting-hints";
import { Registry } from "../util/registry";
import { stableKey } from "../util/stable-key";

/**
 * One client per distinct set of connection settings, for the life of the process. Credentials, the
 * keep-alive agent and resolved endpoints are then shared by every resource and call that uses the same
 * settings, instead of being resolved again each time. Lives in the provider process only: nothing
 * here is reachable from the serialized provider.
 */
const clients = new Registry<WickrAdminClient>();

/**
 * The shared client for these settings, whose messages name the settings as `settingHints` says (the
 * door in use; default: the client's own options).
 */
export function sharedClient(settings: ConnectionSettings, settingHints?: SettingHints): WickrAdminClient {
  return clients.get(
    stableKey([settings, settingHints ?? null]),
    () => new WickrAdminClient(settingHints ? { ...settings, settingHints } : settings),
  );
}

/** Forgets every shared client (tests use it to start from a clean process state). */
export function clearSharedClients(): void {
  clients.clear();
}
