/**
 * Waiting on the event loop instead of the wall clock: "promptly" as a number of event-loop turns, and
 * "once this has happened" as a condition. Neither reads a clock, so neither depends on how fast the
 * machine is: a call that settles only when a timer fires (a hang, a keep-alive timeout) lets the loop
 * turn idly many times first, while one that settles on its own I/O and callbacks needs only a few.
 */

/** One turn of the event loop (the check phase, after timers, I/O callbacks and close callbacks). */
const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Resolves to what `promise` settles to, or rejects when it has not settled within `turns` turns of the
 * event loop. For "stops at once" checks: a guard against waiting on a timer, not a wait itself.
 */
export async function withinTurns<T>(promise: Promise<T>, turns = 100): Promise<T> {
  let settled = false;
  const watched = promise.finally(() => {
    settled = true;
  });
  watched.catch(() => undefined); // the caller sees the rejection through the return value
  for (let i = 0; i < turns && !settled; i++) await turn();
  if (!settled) throw new Error(`still pending after ${turns} turns of the event loop`);
  return watched;
}

/**
 * Resolves once `condition()` is true, checking once per event-loop turn. For "once the request has
 * reached the server" and the like; the test's own timeout bounds it.
 */
export async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await turn();
}
