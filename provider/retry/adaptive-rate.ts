/**
 * A client-side send rate that adapts to the service: additive increase while requests succeed,
 * multiplicative decrease on throttling — the idea of the AWS SDKs' adaptive retry mode, reduced to
 * what one process reading one API needs. Pure: time comes in as arguments, nothing sleeps here.
 */

/** How the rate adapts. */
export interface AdaptiveRateSettings {
  /** The rate never drops below this many requests per second. */
  minRatePerSecond: number;
  /** On throttling the rate becomes (the rate that was succeeding) × this factor. */
  decreaseFactor: number;
  /** While not throttled, the rate grows by this many requests per second, each second. */
  increasePerSecond: number;
}

/** Throttles within this long of a decrease belong to the same episode and do not decrease again. */
const EPISODE_MS = 1000;
/** The window over which the succeeding rate is measured. */
const WINDOW_MS = 1000;
/** The rate assumed after a throttle when nothing has succeeded yet to measure one. */
const UNMEASURED_RATE = 1;

/**
 * Unlimited until the first throttle (like the SDKs: a service that never throttles pays nothing);
 * from then on a rate in requests per second.
 */
export class AdaptiveRate {
  private rate = Number.POSITIVE_INFINITY;
  private lastChange = 0;
  private lastDecrease = Number.NEGATIVE_INFINITY;
  private readonly successes: number[] = [];

  constructor(private readonly settings: AdaptiveRateSettings) {}

  /** The current rate in requests per second (Infinity until the first throttle). */
  current(now: number): number {
    if (!Number.isFinite(this.rate)) return this.rate;
    const grown = this.rate + ((now - this.lastChange) / 1000) * this.settings.increasePerSecond;
    return Math.max(this.settings.minRatePerSecond, grown);
  }

  /** Milliseconds between two sends at the current rate (0 while unlimited). */
  interval(now: number): number {
    const rate = this.current(now);
    return Number.isFinite(rate) ? 1000 / rate : 0;
  }

  /** Records a success (not throttled). */
  onSuccess(now: number): void {
    this.successes.push(now);
    while (this.successes.length > 0 && (this.successes[0] ?? now) < now - WINDOW_MS) this.successes.shift();
  }

  /** Records a throttle; decreases the rate once per episode. */
  onThrottle(now: number): void {
    if (now - this.lastDecrease < EPISODE_MS) return;
    const measured = this.successes.filter((t) => t >= now - WINDOW_MS).length / (WINDOW_MS / 1000);
    const current = this.current(now);
    // The rate that was getting through: what succeeded in the last second, never more than we allowed.
    const succeeding = measured > 0 ? Math.min(current, measured) : Math.min(current, UNMEASURED_RATE);
    this.rate = Math.max(this.settings.minRatePerSecond, succeeding * this.settings.decreaseFactor);
    this.lastChange = now;
    this.lastDecrease = now;
  }
}
