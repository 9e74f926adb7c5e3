/** Waits `ms`; rejects at once when `signal` aborts (the contract of `ClientHooks.sleep`). */
export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

/**
 * One timer that calls `fire` once a given time has come, and can be re-planned as often as needed:
 * asking for a time no earlier than the pending one keeps the pending one (firing early costs one
 * more plan, nothing else); an earlier time replaces it. {@link WakeUp.cancel} aborts the sleep, so
 * nothing left pending keeps the process alive.
 */
export class WakeUp {
  private pending?: { at: number; stop: AbortController };

  /**
   * @param now the time `at` is given in.
   * @param sleep the wait; the timer is its abort signal.
   * @param fire called when the time has come, unless cancelled or replaced before.
   */
  constructor(
    private readonly now: () => number,
    private readonly sleep: Sleep,
    private readonly fire: () => void,
  ) {}

  /** Calls `fire` at `time` (or earlier, when a wake-up already pending comes first). */
  at(time: number): void {
    if (this.pending !== undefined && this.pending.at <= time) return;
    this.cancel();
    const pending = { at: time, stop: new AbortController() };
    this.pending = pending;
    this.sleep(Math.max(0, time - this.now()), pending.stop.signal).then(
      () => {
        if (this.pending !== pending) return; // cancelled or replaced meanwhile
        this.pending = undefined;
        this.fire();
      },
      // A sleep rejects only when aborted, and only `cancel` aborts it.
      () => undefined,
    );
  }

  /** Forgets the pending wake-up and stops its sleep. */
  cancel(): void {
    this.pending?.stop.abort();
    this.pending = undefined;
  }
}
