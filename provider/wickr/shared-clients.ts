import { WickrAdminClient } from "./client";
import type { ConnectionSettings } from "./connection-settings";
import { stableKey } from "../util/stable-key";

/**
 * One client per distinct set of connection settings, for the life of the process. Credentials, the
 * keep-alive agent and resolved endpoints are then shared by every resource and call that uses the same
 * settings, instead of being resolved again each time. Lives in the provider process only: nothing
 * here is reachable from the serialized provider.
 */
const clients = new Map<string, WickrAdminClient>();

/** The shared client for these settings. */
export function sharedClient(settings: ConnectionSettings): WickrAdminClient {
  const key = stableKey(settings);
  let client = clients.get(key);
  if (!client) {
    client = new WickrAdminClient(settings);
    clients.set(key, client);
  }
  return client;
}

/** Forgets every shared client (tests use it to start from a clean process state). */
export function clearSharedClients(): void {
  clients.clear();
}
