import { isWickrError } from "../wickr/errors";
import type { Deadline } from "./deadline";
import { decideRetry, type RetrySettings, type StopReason } from "./retry-policy";
import { retryWait } from "./retry-wait";

/** What one call counts across its attempts. */
export interface CallTally {
  /** Attempts that got their turn and were sent (or tried to be). */
  attempts: number;
  /** Attempts whose connection could not be made at all. */
  connectFailures: number;
  /** Retries made because an answer corrected the clock offset. */
  clockRetries: number;
  /** The last answer changed the clock offset its request was signed with. */
  clockCorrected: boolean;
  /**
   * An attempt may have reached the service in a way that used a single-use code: it was sent and its
   * answer was lost, or the service answered anything but throttling or a front-door refusal.
   */
  reachedService: boolean;
}

/**
 * Why a call stopped: a {@link StopReason}, the budget (the next attempt could not begin before the
 * deadline), or `maxAttempts` used up.
 */
export type PlanStop = StopReason | "budget" | "attempts";

/** What follows a failed attempt: another one after `waitMs` (its own wait), or a stop and why. */
export type RetryPlan =
  { retry: true; consumesAttempt: boolean; waitMs: number } | { retry: false; reason: PlanStop };

/** Everything {@link planRetry} weighs. */
export interface PlanInputs {
  /** What the failed attempt threw. */
  error: unknown;
  /** The failed attempt's number, from 1. */
  attemptNumber: number;
  /** Retries left of `maxAttempts` (p-retry's count); at 0 there is no next attempt to wait for. */
  retriesLeft: number;
  tally: Readonly<CallTally>;
  /** The request carries a single-use authorization code. */
  singleUse: boolean;
  settings: RetrySettings;
  /** A throttle coordinator orders this client's requests. */
  coordinated: boolean;
  /** What is left of the coordinator's shared cool-down (0 without coordination). */
  coolDownLeftMs: number;
  deadline: Deadline;
  random: () => number;
}

/**
 * The plan after a failed attempt: the decision ({@link decideRetry}), the attempts left, the wait
 * (`retryWait`) and the budget (`Deadline.allows`), each asked once, in that order. The next attempt
 * can begin only once both its own wait and the shared cool-down are over; when that would be at or
 * after the deadline, the call stops now rather than wait for nothing.
 */
export function planRetry(inputs: PlanInputs): RetryPlan {
  const { error, tally, settings } = inputs;
  // A bug, or the reason of an abort: never this package's retryable error.
  if (!isWickrError(error)) return { retry: false, reason: "final" };
  const verdict = decideRetry({
    error,
    singleUse: inputs.singleUse,
    clockCorrected: tally.clockCorrected,
    connectFailures: tally.connectFailures,
    clockRetries: tally.clockRetries,
    throttlingSparesAttempts: settings.totalBudgetMs > 0,
  });
  if (!verdict.retry) return verdict;
  if (inputs.retriesLeft <= 0) return { retry: false, reason: "attempts" };
  const waitMs = retryWait({
    error,
    attemptNumber: inputs.attemptNumber,
    clockCorrected: tally.clockCorrected,
    coordinated: inputs.coordinated,
    settings,
    random: inputs.random,
  });
  if (!inputs.deadline.allows(Math.max(waitMs, inputs.coolDownLeftMs)))
    return { retry: false, reason: "budget" };
  return { ...verdict, waitMs };
}
