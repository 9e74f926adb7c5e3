/**
 * A view of `clock` that never goes backward. After a backward jump of the wall clock (NTP, a person
 * setting the time) it stands still at its last reading, then advances with the clock again; so it
 * loses at most the time between its last reading before the jump and its first reading after it,
 * never the size of the jump. A forward jump passes through: it can only shorten a wait.
 *
 * `performance.now()` would give this for the real clock, but the clock is injected (`ClientHooks.clock`)
 * so that tests run on virtual time, and one clock serves signing dates, `Retry-After` dates and waits.
 *
 * @example
 * const now = monotonic(Date.now);
 * const deadline = now() + 5000; // still 5 s away if the wall clock is set back an hour
 */
export function monotonic(clock: () => number): () => number {
  let last = Number.NEGATIVE_INFINITY;
  let correction = 0;
  return () => {
    const reading = clock() + correction;
    if (reading < last) {
      correction += last - reading;
      return last;
    }
    last = reading;
    return reading;
  };
}
