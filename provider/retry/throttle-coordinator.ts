import { AdaptiveRate, type AdaptiveRateSettings } from "./adaptive-rate";
import type { Deadline } from "./deadline";
import { monotonic } from "./monotonic-clock";
import { WakeUp, type Sleep } from "./wake-up";
import { BudgetExceededError, RequestAbortedError } from "../wickr/errors";

/** How requests to one endpoint with one set of credentials share the service's rate limit. */
export interface ThrottlingSettings extends AdaptiveRateSettings {
  /**
   * Share one cool-down and one adaptive send rate among all requests to the same endpoint with the
   * same credentials in this process. Default true. `false` gives every request its own backoff,
   * like the AWS SDKs' standard retry mode.
   */
  coordinate: boolean;
  /** Requests in flight at once per endpoint and credentials. */
  maxConcurrency: number;
}

/** Defaults; see docs/performance.md for how they were chosen. */
export const DEFAULT_THROTTLING_SETTINGS: Readonly<ThrottlingSettings> = Object.freeze({
  coordinate: true,
  maxConcurrency: 16,
  minRatePerSecond: 0.5,
  decreaseFactor: 0.9,
  increasePerSecond: 0.1,
});

/** Time and waiting, injected so tests run on a virtual clock. */
export interface CoordinatorClock {
  /** Milliseconds; read through a monotonic view, so setting the clock back cannot stretch a wait. */
  now: () => number;
  /** The coordinator's one timer; it aborts the sleep when the timer is no longer needed. */
  sleep: Sleep;
}

/** What a waiter's turn is checked against: `Deadline.allows`. */
export type TurnDeadline = Pick<Deadline, "allows">;

interface Waiter {
  deadline: TurnDeadline;
  grant: () => void;
  refuse: (error: Error) => void;
}

const cancelled = () => new RequestAbortedError("the call was cancelled");

/**
 * One per endpoint, credentials and settings (see `coordinatorFor`). Requests `acquire` a turn before
 * they are signed and sent; turns are granted in arrival order, no sooner than the shared cool-down
 * allows, spaced by the adaptive rate, and at most `maxConcurrency` at a time. A request whose turn
 * would come after its deadline is refused at once with a message that says so, instead of waiting.
 *
 * The schedule is re-planned on every event — a request arrives, leaves (aborted) or is released, a
 * throttle is reported, or the one timer fires — by `plan`: grant what is
 * due, refuse what is too late, and set the timer for the next turn, or clear it when nothing waits.
 */
export class ThrottleCoordinator {
  private readonly rate: AdaptiveRate;
  private readonly now: () => number;
  private readonly wakeUp: WakeUp;
  private readonly queue: Waiter[] = [];
  private coolDownUntil = Number.NEGATIVE_INFINITY;
  private nextSendAt = Number.NEGATIVE_INFINITY;
  private inFlight = 0;

  constructor(
    private readonly settings: Readonly<ThrottlingSettings>,
    clock: CoordinatorClock,
  ) {
    this.rate = new AdaptiveRate(settings);
    this.now = monotonic(clock.now);
    this.wakeUp = new WakeUp(this.now, clock.sleep, () => this.plan());
  }

  /** Milliseconds until the shared cool-down ends (0 when there is none). */
  coolDownLeftMs(): number {
    return Math.max(0, this.coolDownUntil - this.now());
  }

  /**
   * What a waiting request can tell a person: how many requests wait for a turn, the send rate they
   * share (requests per second), and how long the shared cool-down still lasts.
   */
  status(): { queued: number; ratePerSecond: number; coolDownLeftMs: number } {
    const now = this.now();
    return {
      queued: this.queue.length,
      ratePerSecond: 1000 / Math.max(1, this.rate.interval(now)),
      coolDownLeftMs: this.coolDownLeftMs(),
    };
  }

  /**
   * Waits for this request's turn. Resolves with a `release` function to call when the response is in
   * (calling it again does nothing).
   * @throws `BudgetExceededError` when the turn would come after `deadline`; `RequestAbortedError` when
   *   `signal` aborts first.
   */
  acquire(options: { deadline: TurnDeadline; signal?: AbortSignal }): Promise<() => void> {
    const { signal } = options;
    if (signal?.aborted) return Promise.reject(cancelled());
    return new Promise((resolve, reject) => {
      const onAbort = () => this.leave(waiter);
      const waiter: Waiter = {
        deadline: options.deadline,
        grant: () => {
          signal?.removeEventListener("abort", onAbort);
          resolve(this.releaser());
        },
        refuse: (error) => {
          signal?.removeEventListener("abort", onAbort);
          reject(error);
        },
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.queue.push(waiter);
      this.plan();
    });
  }

  /** A response that was not throttled. */
  onSuccess(): void {
    this.rate.onSuccess(this.now());
  }

  /**
   * A throttled response: every request waits out the same cool-down — the server's `Retry-After` when
   * it sent one, else one interval of the lowered rate — and the send rate decreases.
   */
  onThrottle(retryAfterMs: number | undefined): void {
    const now = this.now();
    this.rate.onThrottle(now);
    this.coolDownUntil = Math.max(this.coolDownUntil, now + (retryAfterMs ?? this.rate.interval(now)));
    this.plan();
  }

  /**
   * Grants every turn that is due, refuses the waiters whose turn cannot come before their deadline,
   * and sets the timer for the next turn — or clears it when nothing waits or every slot is taken (a
   * release plans again).
   */
  private plan(): void {
    while (this.inFlight < this.settings.maxConcurrency) {
      const now = this.now();
      const turnInMs = Math.max(this.coolDownUntil, this.nextSendAt, now) - now;
      this.refuseLate(turnInMs);
      const head = this.queue[0];
      if (head === undefined) break;
      if (turnInMs > 0) {
        this.wakeUp.at(now + turnInMs);
        return;
      }
      this.queue.shift();
      this.inFlight++;
      this.nextSendAt = now + this.rate.interval(now);
      head.grant();
    }
    this.wakeUp.cancel();
  }

  /** Refuses every waiter whose deadline does not allow a turn `turnInMs` from now. */
  private refuseLate(turnInMs: number): void {
    for (const waiter of this.queue.filter((w) => !w.deadline.allows(turnInMs))) {
      this.queue.splice(this.queue.indexOf(waiter), 1);
      waiter.refuse(
        new BudgetExceededError(
          `the service is throttling and this request's turn (in ${(turnInMs / 1000).toFixed(1)} s) would come after its retry budget (retry.totalBudgetMs)`,
        ),
      );
    }
  }

  /** A waiter whose call was cancelled leaves the queue; the timer may no longer be needed. */
  private leave(waiter: Waiter): void {
    const index = this.queue.indexOf(waiter);
    if (index < 0) return;
    this.queue.splice(index, 1);
    waiter.refuse(cancelled());
    this.plan();
  }

  /** The `release` of one granted turn: frees its slot once. */
  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.plan();
    };
  }
}
