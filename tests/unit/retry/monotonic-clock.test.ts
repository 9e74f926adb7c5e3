import assert from "node:assert/strict";
import { monotonic } from "../../../provider/retry/monotonic-clock";

/** A clock that reads the given values in turn. */
const readings = (...values: number[]) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)] ?? 0;
};

describe("monotonic", () => {
  it("follows a clock that only moves forward", () => {
    const now = monotonic(readings(1000, 1500, 1500, 9000));
    assert.deepEqual([now(), now(), now(), now()], [1000, 1500, 1500, 9000]);
  });

  it("stands still across a backward jump, then moves on with the clock", () => {
    // The wall clock is set back by 3 600 000 ms between the second and third readings.
    const now = monotonic(
      readings(1000, 2000, 2000 - 3_600_000 + 10, 2000 - 3_600_000 + 700, 2000 - 3_600_000 + 900),
    );
    assert.deepEqual([now(), now(), now(), now(), now()], [1000, 2000, 2000, 2690, 2890]);
  });

  it("passes a forward jump through", () => {
    const now = monotonic(readings(1000, 61_000));
    assert.deepEqual([now(), now()], [1000, 61_000]);
  });
});
