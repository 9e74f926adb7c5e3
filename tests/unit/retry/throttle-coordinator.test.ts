import assert from "node:assert/strict";
import { Deadline } from "../../../provider/retry/deadline";
import {
  DEFAULT_THROTTLING_SETTINGS,
  ThrottleCoordinator,
} from "../../../provider/retry/throttle-coordinator";
import { settle, VirtualTime } from "./virtual-time";

const settings = { ...DEFAULT_THROTTLING_SETTINGS, maxConcurrency: 2 };

/** A coordinator on virtual time, and a way to take turns that records when each was granted. */
function setUp(overrides: Partial<typeof settings> = {}) {
  const time = new VirtualTime();
  const coordinator = new ThrottleCoordinator({ ...settings, ...overrides }, time);
  const granted: number[] = [];
  /** Takes a turn and gives it back at once, recording the virtual time it was granted at. */
  const turn = (options: { deadline?: Deadline; signal?: AbortSignal } = {}) =>
    coordinator
      .acquire({
        deadline: options.deadline ?? Deadline.none(),
        ...(options.signal ? { signal: options.signal } : {}),
      })
      .then((release) => {
        granted.push(time.elapsed);
        release();
      });
  return { time, coordinator, granted, turn };
}

describe("ThrottleCoordinator (virtual time)", () => {
  it("grants at once while nothing was throttled, without a timer", async () => {
    const { time, granted, turn } = setUp();
    await Promise.all([turn(), turn(), turn()]);
    assert.deepEqual(granted, [0, 0, 0]);
    assert.deepEqual(time.sleeps, []);
  });

  it("makes every waiting request wait out one shared cool-down, then spaces them by the lowered rate", async () => {
    const { time, coordinator, granted, turn } = setUp();
    coordinator.onThrottle(3000);
    const turns = [turn(), turn()];
    await time.advance(2999);
    assert.deepEqual(granted, [], "nobody before the cool-down ends");
    await time.advance(5000);
    // Nothing had succeeded to measure: 1 request/s × 0.9, grown by 0.1/s over the 3 s cool-down → 1.2/s.
    assert.deepEqual(granted.map(Math.round), [3000, 3833]);
    await Promise.all(turns);
  });

  it("spaces sends by the adaptive rate after a throttle", async () => {
    const { time, coordinator, granted, turn } = setUp({ maxConcurrency: 100 });
    for (let i = 0; i < 4; i++) coordinator.onSuccess();
    coordinator.onThrottle(0);
    const turns = Array.from({ length: 5 }, () => turn());
    await time.advance(2000);
    // 4 successes × 0.9 = 3.6 requests per second → one turn every ~278 ms, growing by 0.1/s each second.
    assert.deepEqual(granted.map(Math.round), [0, 278, 553, 827, 1099]);
    await Promise.all(turns);
  });

  it("caps requests in flight; a release hands the slot on, with no timer meanwhile", async () => {
    const { time, coordinator } = setUp();
    const first = await coordinator.acquire({ deadline: Deadline.none() });
    await coordinator.acquire({ deadline: Deadline.none() });
    let third = false;
    const pending = coordinator.acquire({ deadline: Deadline.none() }).then(() => (third = true));
    await settle();
    assert.equal(third, false, "the third waits while two are in flight");
    assert.equal(time.pending, 0, "waiting for a slot needs no timer");
    first();
    first(); // a second release of the same turn frees nothing more
    await pending;
    assert.equal(third, true);
    let fourth = false;
    void coordinator.acquire({ deadline: Deadline.none() }).then(() => (fourth = true));
    await settle();
    assert.equal(fourth, false, "two are in flight again");
  });

  it("refuses at once a request whose turn would come after its deadline, and keeps no timer", async () => {
    const { time, coordinator } = setUp();
    coordinator.onThrottle(60_000);
    await assert.rejects(coordinator.acquire({ deadline: Deadline.after(10_000, time.now) }), (e: Error) => {
      assert.equal(e.name, "BudgetExceededError");
      assert.match(e.message, /throttling.*in 60\.0 s.*retry budget/);
      return true;
    });
    assert.equal(time.pending, 0);
  });

  it("a turn that would come exactly at the deadline is refused; 1 ms before it is granted", async () => {
    const { time, coordinator, granted, turn } = setUp();
    coordinator.onThrottle(5000);
    await assert.rejects(turn({ deadline: Deadline.after(5000, time.now) }), { name: "BudgetExceededError" });
    const inTime = turn({ deadline: Deadline.after(5001, time.now) });
    await time.advance(5000);
    assert.deepEqual(granted, [5000]);
    await inTime;
  });

  it("cancellation removes the only waiting request and stops the timer", async () => {
    const { time, coordinator, turn } = setUp();
    coordinator.onThrottle(5000);
    const controller = new AbortController();
    const waiting = turn({ signal: controller.signal });
    await settle();
    assert.equal(time.pending, 1, "one timer for the next turn");
    controller.abort();
    await assert.rejects(waiting, { name: "RequestAbortedError" });
    assert.equal(time.pending, 0, "nothing left pending to keep the process alive");
  });

  it("cancelling one of two waiters keeps the other's turn", async () => {
    const { time, coordinator, granted, turn } = setUp();
    coordinator.onThrottle(5000);
    const controller = new AbortController();
    const cancelled = turn({ signal: controller.signal });
    const kept = turn();
    await time.advance(1000);
    controller.abort();
    await assert.rejects(cancelled, { name: "RequestAbortedError" });
    await time.advance(4000);
    assert.deepEqual(granted, [5000]);
    await kept;
  });

  it("a throttle reported while a request waits moves its turn to the new cool-down's end", async () => {
    const { time, coordinator, granted, turn } = setUp();
    coordinator.onThrottle(1000);
    const waiting = turn();
    await time.advance(500);
    coordinator.onThrottle(3000); // now + 3 s: until 3500
    await time.advance(1000);
    assert.deepEqual(granted, [], "not at the first cool-down's end");
    await time.advance(2000);
    assert.deepEqual(granted, [3500]);
    await waiting;
  });

  it("a wall clock set back an hour stretches a wait by at most the time already waited", async () => {
    const { time, coordinator, granted, turn } = setUp();
    coordinator.onThrottle(2000);
    const waiting = turn();
    await time.advance(1000);
    time.jump(-3_600_000);
    await time.advance(3000);
    // The timer fires at 2000; the clock reads an hour earlier, so the coordinator's monotonic view
    // stands still at its last reading (0) and waits the 2 s again — not the hour.
    assert.deepEqual(granted, [4000]);
    await waiting;
  });
});
