import assert from "node:assert/strict";
import { clearCoordinators, coordinatorFor } from "../../../provider/retry/coordinator-registry";
import { Deadline } from "../../../provider/retry/deadline";
import { DEFAULT_THROTTLING_SETTINGS } from "../../../provider/retry/throttle-coordinator";
import { settle, VirtualTime } from "./virtual-time";

const ENDPOINT = "https://admin.wickr.us-east-1.amazonaws.com";

/** How many of `count` turns asked for at once are granted without time passing. */
async function grantedAtOnce(coordinator: ReturnType<typeof coordinatorFor>, count: number): Promise<number> {
  let granted = 0;
  for (let i = 0; i < count; i++)
    void coordinator.acquire({ deadline: Deadline.none() }).then(() => granted++);
  await settle();
  return granted;
}

describe("coordinatorFor", () => {
  afterEach(clearCoordinators);

  it("one coordinator per endpoint and access key id, for the same settings and clock", () => {
    const time = new VirtualTime();
    const a = coordinatorFor(ENDPOINT, "AKIDEXAMPLE", DEFAULT_THROTTLING_SETTINGS, time);
    assert.equal(coordinatorFor(ENDPOINT, "AKIDEXAMPLE", { ...DEFAULT_THROTTLING_SETTINGS }, time), a);
    assert.notEqual(coordinatorFor(ENDPOINT, "AKIDOTHER", DEFAULT_THROTTLING_SETTINGS, time), a);
    assert.notEqual(coordinatorFor(`${ENDPOINT}:8443`, "AKIDEXAMPLE", DEFAULT_THROTTLING_SETTINGS, time), a);
  });

  it("a client with other throttling settings gets its own, and its settings hold", async () => {
    const time = new VirtualTime();
    const one = coordinatorFor(
      ENDPOINT,
      "AKIDEXAMPLE",
      { ...DEFAULT_THROTTLING_SETTINGS, maxConcurrency: 1 },
      time,
    );
    const three = coordinatorFor(
      ENDPOINT,
      "AKIDEXAMPLE",
      { ...DEFAULT_THROTTLING_SETTINGS, maxConcurrency: 3 },
      time,
    );
    assert.equal(await grantedAtOnce(one, 5), 1);
    assert.equal(await grantedAtOnce(three, 5), 3, "not the first client's maxConcurrency of 1");
  });

  it("a client with another clock gets its own, on its own time", async () => {
    const first = new VirtualTime();
    const second = new VirtualTime();
    coordinatorFor(ENDPOINT, "AKIDEXAMPLE", DEFAULT_THROTTLING_SETTINGS, first).onThrottle(60_000);
    const other = coordinatorFor(ENDPOINT, "AKIDEXAMPLE", DEFAULT_THROTTLING_SETTINGS, second);
    assert.equal(await grantedAtOnce(other, 1), 1, "the first clock's cool-down is not the second's");
  });

  it("clearCoordinators forgets them all", () => {
    const time = new VirtualTime();
    const before = coordinatorFor(ENDPOINT, "AKIDEXAMPLE", DEFAULT_THROTTLING_SETTINGS, time);
    clearCoordinators();
    assert.notEqual(coordinatorFor(ENDPOINT, "AKIDEXAMPLE", DEFAULT_THROTTLING_SETTINGS, time), before);
  });
});
