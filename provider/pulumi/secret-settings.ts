import { hostOf, scrubError } from "../wickr/describe-error";
import { CONNECTION_SETTING_FIELDS, type ConnectionSettings } from "../wickr/connection-settings";

/** What the provider knows of which connection settings are secret: their names, from the program. */
export interface SecretSettingsCarrier extends Partial<ConnectionSettings> {
  /** Names of the connection settings whose values came from secrets (secret stack config or Outputs). */
  secretConnectionSettings?: string[];
}

/**
 * The values of the connection settings named secret, in every form a message could show: the value
 * itself and, for endpoints, `host:port` and the host alone (connection errors name the place).
 */
export function secretSettingValues(carrier: SecretSettingsCarrier): string[] {
  const names = Array.isArray(carrier.secretConnectionSettings) ? carrier.secretConnectionSettings : [];
  const values: string[] = [];
  for (const name of names) {
    if (!(CONNECTION_SETTING_FIELDS as readonly string[]).includes(name)) continue;
    const value = carrier[name as keyof ConnectionSettings];
    if (typeof value !== "string") continue;
    values.push(value);
    if (name === "endpoint" || name === "stsEndpoint") values.push(...urlParts(value));
  }
  return values;
}

/**
 * Runs a provider step and scrubs the secret settings' values from any error it throws: the engine
 * prints provider errors on the console, and a setting that was a secret in the program must not
 * appear there.
 */
export async function withSecretSettingsScrubbed<T>(
  carrier: SecretSettingsCarrier,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw error instanceof Error ? scrubError(error, secretSettingValues(carrier)) : error;
  }
}

function urlParts(value: string): string[] {
  try {
    const url = new URL(value);
    return [url.host, url.hostname, hostOf(value)];
  } catch {
    return [];
  }
}
