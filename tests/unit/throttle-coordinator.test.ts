import assert from "node:assert/strict";
import { AdaptiveRate } from "../../provider/retry/adaptive-rate";
import { WickrAdminClient } from "../../provider/wickr/client";
import { clearCoordinators } from "../../provider/retry/coordinator-registry";
import { DEFAULT_THROTTLING_SETTINGS, ThrottleCoordinator } from "../../provider/retry/throttle-coordinator";
import { json, scriptedTransport, wireError } from "../helpers/fake-transport";

/** A virtual clock: sleeping advances time at once, so waits are measured, never waited. */
function virtualClock(start = 1_000_000) {
  let now = start;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      // Let granted requests run first, so what they record is the time they were granted.
      await new Promise((resolve) => setImmediate(resolve));
      now += ms;
    },
  };
}

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

describe("ThrottleCoordinator (virtual clock)", () => {
  const settings = { ...DEFAULT_THROTTLING_SETTINGS, maxConcurrency: 2 };

  it("makes every waiting request wait out one shared cool-down", async () => {
    const clock = virtualClock();
    const coordinator = new ThrottleCoordinator(settings, clock);
    const t0 = clock.now();
    coordinator.onThrottle(3000);
    const granted: number[] = [];
    await Promise.all(
      [1, 2].map(async () => {
        const release = await coordinator.acquire({ deadline: Infinity });
        granted.push(clock.now() - t0);
        release();
      }),
    );
    assert.ok(
      granted.every((t) => t >= 3000),
      `granted at ${granted.join(", ")} ms`,
    );
  });

  it("spaces sends by the adaptive rate after a throttle", async () => {
    const clock = virtualClock();
    const coordinator = new ThrottleCoordinator({ ...settings, maxConcurrency: 100 }, clock);
    for (let i = 0; i < 4; i++) coordinator.onSuccess();
    coordinator.onThrottle(0);
    const t0 = clock.now();
    const granted: number[] = [];
    await Promise.all(
      Array.from({ length: 5 }, async () => {
        const release = await coordinator.acquire({ deadline: Infinity });
        granted.push(Math.round(clock.now() - t0));
        release();
      }),
    );
    // 4 successes × 0.9 = 3.6 requests per second → one turn every ~278 ms (the rate grows slowly).
    const gaps = granted.slice(1).map((t, i) => t - (granted[i] ?? 0));
    assert.ok(
      gaps.every((g) => g > 265 && g <= 278),
      `gaps ${gaps.join(", ")}`,
    );
  });

  it("caps requests in flight", async () => {
    const clock = virtualClock();
    const coordinator = new ThrottleCoordinator(settings, clock);
    const first = await coordinator.acquire({ deadline: Infinity });
    await coordinator.acquire({ deadline: Infinity });
    let third = false;
    const pending = coordinator.acquire({ deadline: Infinity }).then((release) => {
      third = true;
      return release;
    });
    await new Promise((r) => setImmediate(r));
    assert.equal(third, false, "the third waits while two are in flight");
    first();
    (await pending)();
    assert.equal(third, true);
  });

  it("refuses a request whose turn would come after its deadline", async () => {
    const clock = virtualClock();
    const coordinator = new ThrottleCoordinator(settings, clock);
    coordinator.onThrottle(60_000);
    await assert.rejects(coordinator.acquire({ deadline: clock.now() + 10_000 }), (e: Error) => {
      assert.equal(e.name, "BudgetExceededError");
      assert.match(e.message, /throttling.*in 60\.0 s.*retry budget/);
      return true;
    });
  });

  it("cancellation removes a waiting request", async () => {
    const clock = { now: () => 0, sleep: () => new Promise<void>(() => undefined) };
    const coordinator = new ThrottleCoordinator(settings, clock);
    coordinator.onThrottle(5000);
    const controller = new AbortController();
    const waiting = coordinator.acquire({ deadline: Infinity, signal: controller.signal });
    controller.abort();
    await assert.rejects(waiting, (e: Error) => e.name === "RequestAbortedError");
  });
});

describe("WickrAdminClient with coordination (virtual clock)", () => {
  afterEach(clearCoordinators);

  it("throttled calls share the server's Retry-After instead of each backing off", async () => {
    const OK = json(200, { openidConnectInfo: { companyId: "c", issuer: "i", scopes: "s" } });
    const fake = scriptedTransport([wireError(429, "RateLimitError", "slow", { "retry-after": "2" }), OK]);
    const client = new WickrAdminClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s" }),
      transport: fake.transport,
      clock: fake.clock,
      sleep: fake.sleep,
    });
    const t0 = fake.clock();
    await client.getOidcInfo({ networkId: "12345678" });
    await client.getOidcInfo({ networkId: "12345678" });
    assert.equal(fake.requests.length, 3);
    assert.equal(fake.sleeps[0], 2000, "one shared wait of exactly Retry-After; no per-request backoff");
    // Then the adaptive rate spaces the next call: 1 request per second × 0.9 (nothing had succeeded
    // to measure), grown by 0.1 per second over the 2 s cool-down → 1.1 per second.
    assert.deepEqual(fake.sleeps.slice(1).map(Math.round), [909]);
    assert.equal(Math.round(fake.clock() - t0), 2909);
  });

  it("identical settings share one coordinator; coordinate:false shares nothing", async () => {
    const OK = json(200, { openidConnectInfo: { companyId: "c", issuer: "i", scopes: "s" } });
    const throttled = wireError(429, "RateLimitError", "slow", { "retry-after": "5" });
    const a = scriptedTransport([throttled, OK]);
    const base = {
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s" }),
      clock: a.clock,
      sleep: a.sleep,
    };
    await new WickrAdminClient({ ...base, transport: a.transport }).getOidcInfo({ networkId: "12345678" });
    const b = scriptedTransport([OK]);
    const t1 = a.clock();
    await new WickrAdminClient({ ...base, transport: b.transport }).getOidcInfo({ networkId: "12345678" });
    const waited = a.clock() - t1;
    assert.ok(
      waited > 0 && waited < 5000,
      `a second client waits its turn at the shared rate (${waited} ms)`,
    );
    const c = scriptedTransport([OK]);
    const t2 = a.clock();
    await new WickrAdminClient({
      ...base,
      transport: c.transport,
      throttling: { coordinate: false },
    }).getOidcInfo({
      networkId: "12345678",
    });
    assert.equal(a.clock(), t2, "without coordination nothing is shared: it sends at once");
  });
});
