import assert from "node:assert/strict";
import { Deadline } from "../../../provider/retry/deadline";
import { VirtualTime } from "./virtual-time";

describe("Deadline", () => {
  it("allows a wait only when it ends before the deadline", async () => {
    const time = new VirtualTime();
    const deadline = Deadline.after(1000, time.now);
    assert.equal(deadline.allows(999), true);
    assert.equal(deadline.allows(1000), false, "a wait that ends at the deadline leaves no time to try");
    await time.advance(400);
    assert.equal(deadline.elapsedMs(), 400);
    assert.equal(deadline.allows(599), true);
    assert.equal(deadline.allows(600), false);
    assert.equal(deadline.allows(0), true);
    await time.advance(600);
    assert.equal(deadline.allows(0), false, "once it has passed, not even no wait");
  });

  it("a budget of 0 is no deadline", () => {
    const deadline = Deadline.after(0, () => 0);
    assert.equal(deadline.allows(2_147_483_647), true);
    assert.equal(deadline.remainingMs(), Infinity);
    assert.deepEqual(deadline.attemptLimit(30_000), { timeoutMs: 30_000, limitName: "timeoutMs" });
  });

  it("cuts an attempt's timeout to what is left, and says so", async () => {
    const time = new VirtualTime();
    const deadline = Deadline.after(1000, time.now);
    await time.advance(970);
    assert.deepEqual(deadline.attemptLimit(30_000), {
      timeoutMs: 30,
      limitName: "the rest of retry.totalBudgetMs",
    });
    assert.deepEqual(deadline.attemptLimit(20), { timeoutMs: 20, limitName: "timeoutMs" });
    await time.advance(100);
    assert.deepEqual(deadline.attemptLimit(30_000), {
      timeoutMs: 1,
      limitName: "the rest of retry.totalBudgetMs",
    });
  });

  it("setting the wall clock back does not lengthen the budget", async () => {
    const time = new VirtualTime();
    const deadline = Deadline.after(1000, time.now);
    await time.advance(300);
    assert.equal(deadline.elapsedMs(), 300);
    time.jump(-3_600_000);
    assert.equal(deadline.elapsedMs(), 300, "time stands still across the jump…");
    await time.advance(500);
    assert.equal(deadline.elapsedMs(), 800, "…then goes on with the clock");
    assert.equal(deadline.allows(199), true);
    assert.equal(deadline.allows(200), false);
  });
});
