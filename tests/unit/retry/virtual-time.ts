/**
 * Virtual time for the retry core's tests: a clock that moves only when the test says so, and a sleep
 * whose timers fire only then, in the order they fall due. Nothing waits for real.
 */

/** Lets every promise callback already queued run, and those they queue in turn. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Timer {
  due: number;
  fire: () => void;
}

/** A virtual wall clock and scheduler; pass `now` and `sleep` where a clock and a sleep are injected. */
export class VirtualTime {
  private passed = 0;
  private wallOffset: number;
  private readonly timers: Timer[] = [];
  /** Every wait asked for, in ms, aborted ones included. */
  readonly sleeps: number[] = [];

  constructor(start = Date.parse("2026-11-29T12:00:00Z")) {
    this.wallOffset = start;
  }

  /** The wall clock. */
  readonly now = (): number => this.passed + this.wallOffset;

  /** Milliseconds of virtual time passed since the start (wall-clock jumps do not count). */
  get elapsed(): number {
    return this.passed;
  }

  /** Timers neither fired nor aborted. */
  get pending(): number {
    return this.timers.length;
  }

  /** A timer that fires when {@link VirtualTime.advance} reaches it; rejects at once when `signal` aborts. */
  readonly sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      this.sleeps.push(ms);
      const timer: Timer = {
        due: this.passed + ms,
        fire: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve();
        },
      };
      const onAbort = () => {
        this.timers.splice(this.timers.indexOf(timer), 1);
        reject(signal?.reason);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.timers.push(timer);
    });

  /**
   * Moves time forward by `ms`. Each timer that falls due meanwhile fires at its due time, earliest
   * first, and what it wakes runs (and may set new timers) before time moves on.
   */
  async advance(ms: number): Promise<void> {
    const end = this.passed + ms;
    await settle();
    for (let next = this.nextDue(end); next; next = this.nextDue(end)) {
      this.timers.splice(this.timers.indexOf(next), 1);
      this.passed = Math.max(this.passed, next.due);
      next.fire();
      await settle();
    }
    this.passed = end;
    await settle();
  }

  /** Sets the wall clock forward (positive) or back (negative) by `ms`, with no time passing. */
  jump(ms: number): void {
    this.wallOffset += ms;
  }

  private nextDue(end: number): Timer | undefined {
    return this.timers.filter((t) => t.due <= end).sort((a, b) => a.due - b.due)[0];
  }
}
