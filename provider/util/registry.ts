/**
 * A process-wide get-or-create map: one value per key for the life of the process (shared clients,
 * credential providers, throttle coordinators). Never reachable from the serialized provider.
 */
export class Registry<V> {
  private readonly entries = new Map<string, V>();

  /** The value for `key`, made by `create` on first use. */
  get(key: string, create: () => V): V {
    let value = this.entries.get(key);
    if (value === undefined) {
      value = create();
      this.entries.set(key, value);
    }
    return value;
  }

  /** Forgets every value (tests start from a clean process state with it). */
  clear(): void {
    this.entries.clear();
  }
}
