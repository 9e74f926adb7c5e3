import assert from "node:assert/strict";
import { AdaptiveRate } from "../../../provider/retry/adaptive-rate";

describe("AdaptiveRate (additive increase, multiplicative decrease)", () => {
  const settings = { minRatePerSecond: 0.5, decreaseFactor: 0.9, increasePerSecond: 0.1 };

  it("is unlimited until the first throttle", () => {
    const rate = new AdaptiveRate(settings);
    assert.equal(rate.current(0), Infinity);
    assert.equal(rate.interval(0), 0);
  });
  it("drops to the succeeding rate × factor on a throttle, once per episode", () => {
    const rate = new AdaptiveRate(settings);
    for (let i = 0; i < 5; i++) rate.onSuccess(1000 + i * 100);
    rate.onThrottle(1500);
    assert.equal(rate.current(1500), 4.5, "5 successes in the last second × 0.9");
    rate.onThrottle(1600);
    assert.equal(
      rate.current(1600),
      4.5 + 0.1 * 0.1,
      "a second throttle in the same episode does not decrease",
    );
    rate.onThrottle(2600);
    assert.ok(rate.current(2600) < 4.5, "the next episode decreases again");
  });
  it("grows additively while not throttled", () => {
    const rate = new AdaptiveRate(settings);
    for (let i = 0; i < 10; i++) rate.onSuccess(i * 100);
    rate.onThrottle(1000);
    assert.equal(rate.current(1000), 9);
    assert.equal(rate.current(11_000), 10, "+0.1 request per second, each second");
  });
  it("assumes 1 request per second when nothing succeeded yet, and never drops below the minimum", () => {
    const rate = new AdaptiveRate({ ...settings, increasePerSecond: 0 });
    rate.onThrottle(0);
    assert.equal(rate.current(0), 0.9);
    for (let t = 5000; t <= 50_000; t += 5000) rate.onThrottle(t);
    assert.equal(rate.current(50_000), 0.5);
  });
});
