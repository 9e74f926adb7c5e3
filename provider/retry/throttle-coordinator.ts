import { AdaptiveRate, type AdaptiveRateSettings } from "./adaptive-rate";
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

/** Defaults; see the README's Performance section for how they were chosen. */
export const DEFAULT_THROTTLING_SETTINGS: Readonly<ThrottlingSettings> = Object.freeze({
  coordinate: true,
  maxConcurrency: 16,
  minRatePerSecond: 0.5,
  decreaseFactor: 0.9,
  increasePerSecond: 0.1,
});

/** Time and waiting, injected so tests run on a virtual clock. */
export interface CoordinatorClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

interface Waiter {
  deadline: number;
  signal?: AbortSignal;
  grant: () => void;
  reject: (error: Error) => void;
}

/**
 * One per endpoint and credentials (see `coordinatorFor`). Requests `acquire` a turn before they are
 * signed and sent; turns are granted in arrival order, no sooner than the shared cool-down allows,
 * spaced by the adaptive rate, and at most `maxConcurrency` at a time. A request whose turn would come
 * after its deadline is refused at once with a message that says so, instead of waiting forever.
 */
export class ThrottleCoordinator {
  private readonly rate: AdaptiveRate;
  private readonly queue: Waiter[] = [];
  private coolDownUntil = 0;
  private nextSendAt = 0;
  private inFlight = 0;
  private pumping = false;
  private wake?: () => void;

  constructor(
    private readonly settings: ThrottlingSettings,
    private readonly clock: CoordinatorClock,
  ) {
    this.rate = new AdaptiveRate(settings);
  }

  /** The current adaptive rate (requests per second; Infinity before the first throttle). */
  currentRate(): number {
    return this.rate.current(this.clock.now());
  }

  /** When the shared cool-down ends (epoch ms). */
  coolDownEnd(): number {
    return this.coolDownUntil;
  }

  /**
   * Waits for this request's turn. Resolves with a `release` function to call when the response is in.
   * @throws `BudgetExceededError` when the turn would come after `deadline`; `AbortError` when `signal` aborts.
   */
  acquire(options: { deadline: number; signal?: AbortSignal }): Promise<() => void> {
    return new Promise((resolve, reject) => {
      if (options.signal?.aborted) return reject(new RequestAbortedError("the call was cancelled"));
      let released = false;
      const waiter: Waiter = {
        deadline: options.deadline,
        ...(options.signal ? { signal: options.signal } : {}),
        grant: () =>
          resolve(() => {
            if (released) return;
            released = true;
            this.inFlight--;
            this.poke();
          }),
        reject,
      };
      options.signal?.addEventListener(
        "abort",
        () => this.drop(waiter, new RequestAbortedError("the call was cancelled")),
        {
          once: true,
        },
      );
      this.queue.push(waiter);
      void this.pump();
    });
  }

  /** A response that was not throttled. */
  onSuccess(): void {
    this.rate.onSuccess(this.clock.now());
  }

  /**
   * A throttled response: every request waits out the same cool-down — the server's `Retry-After` when
   * it sent one, else one interval of the lowered rate — and the send rate decreases.
   */
  onThrottle(retryAfterMs: number | undefined): void {
    const now = this.clock.now();
    this.rate.onThrottle(now);
    const wait = retryAfterMs ?? this.rate.interval(now);
    this.coolDownUntil = Math.max(this.coolDownUntil, now + wait);
    this.poke();
  }

  private drop(waiter: Waiter, error: Error): void {
    const index = this.queue.indexOf(waiter);
    if (index >= 0) {
      this.queue.splice(index, 1);
      waiter.reject(error);
    }
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
    void this.pump();
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length > 0) {
        if (this.inFlight >= this.settings.maxConcurrency) {
          await new Promise<void>((resolve) => (this.wake = resolve));
          continue;
        }
        const now = this.clock.now();
        const at = Math.max(this.coolDownUntil, this.nextSendAt, now);
        this.refuseLate(at);
        const head = this.queue[0];
        if (!head) break;
        if (at > now) {
          await this.clock.sleep(at - now);
          continue; // the cool-down may have moved while we slept
        }
        this.queue.shift();
        this.inFlight++;
        this.nextSendAt = now + this.rate.interval(now);
        head.grant();
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Refuses every waiter whose turn cannot come before its deadline. */
  private refuseLate(at: number): void {
    for (const waiter of [...this.queue]) {
      if (waiter.deadline < at) {
        const seconds = Math.max(0, (at - this.clock.now()) / 1000).toFixed(1);
        this.drop(
          waiter,
          new BudgetExceededError(
            `the service is throttling and this request's turn (in ${seconds} s) would come after its retry budget (retry.totalBudgetMs)`,
          ),
        );
      }
    }
  }
}
