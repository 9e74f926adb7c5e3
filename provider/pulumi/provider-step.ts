import { type SecretSettingsCarrier, withSecretSettingsScrubbed } from "./secret-settings";

/**
 * How long a step may take to end after the engine cancels: the client aborts its request at once and
 * then reports what it sent (a single-use code that may have reached the service is recorded in the
 * stack only through that report), so a step usually ends within milliseconds. Work that takes no
 * signal (resolving credentials) is left behind after this.
 */
export const CANCEL_GRACE_MS = 1000;

/**
 * Runs one provider method (`diff`, `create`, `update`, `read`, the plugin's `invoke`) with the engine's
 * cancellation signal for its API calls: once the engine cancels (Ctrl-C or SIGTERM to `pulumi`), the
 * step ends with its own error within {@link CANCEL_GRACE_MS}, else with the signal's reason. Any error
 * it throws has the values of secret connection settings scrubbed.
 */
export function providerStep<T>(
  carrier: SecretSettingsCarrier,
  signal: AbortSignal,
  run: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  return withSecretSettingsScrubbed(carrier, () => endSoonAfterAbort(run(signal), signal));
}

/**
 * Settles like `work`; once `signal` aborts, like `work` if it settles within {@link CANCEL_GRACE_MS},
 * else rejects with the signal's reason. `work` is always observed, so its later rejection is never an
 * unhandled one (which would end the process).
 */
export function endSoonAfterAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let timer: NodeJS.Timeout | undefined;
    const onAbort = (): void => {
      timer = setTimeout(() => reject(signal.reason), CANCEL_GRACE_MS);
      timer.unref();
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    const done = (): void => {
      signal.removeEventListener("abort", onAbort);
      clearTimeout(timer);
    };
    work.then(
      (value) => {
        done();
        resolve(value);
      },
      (error: unknown) => {
        done();
        reject(error);
      },
    );
  });
}
