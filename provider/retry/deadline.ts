import { MAX_TIMER_MS } from "../wickr/limits";
import { monotonic } from "./monotonic-clock";

/** What bounds one attempt: its time limit, and the setting the limit came from (for the message). */
export interface AttemptLimit {
  timeoutMs: number;
  limitName: string;
}

/**
 * The retry budget of one call (`retry.totalBudgetMs`) as a hard deadline. The rule lives here only,
 * and every place the budget matters asks it:
 * - the client begins a wait only when {@link Deadline.allows} it (the wait ends before the deadline);
 * - the throttle coordinator refuses a turn the deadline does not allow (`BudgetExceededError`);
 * - each attempt's timeout is cut to what is left ({@link Deadline.attemptLimit}).
 *
 * Time is read through a {@link monotonic} view of the clock, so setting the wall clock back does not
 * lengthen the budget.
 *
 * @example
 * const deadline = Deadline.after(120_000, Date.now);
 * if (deadline.allows(waitMs)) await sleep(waitMs);
 */
export class Deadline {
  private constructor(
    private readonly now: () => number,
    private readonly start: number,
    private readonly budgetMs: number,
  ) {}

  /** A deadline `budgetMs` from now on `clock`; a budget of 0 means none ({@link Deadline.none}). */
  static after(budgetMs: number, clock: () => number): Deadline {
    const now = monotonic(clock);
    return new Deadline(now, now(), budgetMs > 0 ? budgetMs : Number.POSITIVE_INFINITY);
  }

  /** No deadline: every wait is allowed, no attempt is cut short. */
  static none(clock: () => number = Date.now): Deadline {
    return Deadline.after(0, clock);
  }

  /** Milliseconds since the deadline was set. */
  elapsedMs(): number {
    return this.now() - this.start;
  }

  /** Milliseconds left (Infinity without a budget; negative once passed). */
  remainingMs(): number {
    return this.budgetMs - this.elapsedMs();
  }

  /** True when a wait of `waitMs` begun now ends before the deadline. */
  allows(waitMs: number): boolean {
    return waitMs < this.remainingMs();
  }

  /**
   * The time limit of an attempt that starts now: `timeoutMs`, or what is left of the budget when
   * that is shorter (at least 1 ms, at most Node's timer limit), named so the error can say which.
   */
  attemptLimit(timeoutMs: number): AttemptLimit {
    const leftMs = Math.max(1, Math.min(MAX_TIMER_MS, this.remainingMs()));
    return leftMs < timeoutMs
      ? { timeoutMs: leftMs, limitName: "the rest of retry.totalBudgetMs" }
      : { timeoutMs, limitName: "timeoutMs" };
  }
}
