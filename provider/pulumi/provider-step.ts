import { engineCancellation, raceAbort } from "./engine-cancellation";
import { type SecretSettingsCarrier, withSecretSettingsScrubbed } from "./secret-settings";

/**
 * Runs one provider method (`diff`, `create`, `update`, `read`): it gets the engine's cancellation
 * signal to pass to its API calls, ends at once when the engine cancels (Ctrl-C or SIGTERM to
 * `pulumi`), and any error it throws has the values of secret connection settings scrubbed.
 */
export function providerStep<T>(
  carrier: SecretSettingsCarrier,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const signal = engineCancellation();
  return withSecretSettingsScrubbed(carrier, () => raceAbort(run(signal), signal));
}
