import assert from "node:assert/strict";
import { clearCoordinators } from "../../../provider/retry/coordinator-registry";
import { WickrAdminClient, type WickrAdminClientConfig } from "../../../provider/wickr/client";
import { failure } from "../../helpers/failure";
import { json, scriptedTransport, wireError } from "../../helpers/fake-transport";
import { settle, VirtualTime } from "./virtual-time";

const OK = json(200, { openidConnectInfo: { companyId: "c", issuer: "i", scopes: "s" } });

const clientWith = (config: WickrAdminClientConfig) =>
  new WickrAdminClient({
    region: "us-east-1",
    endpoint: "http://127.0.0.1:9",
    credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "s" }),
    ...config,
  });

describe("WickrAdminClient with coordination (virtual clock)", () => {
  afterEach(clearCoordinators);

  it("throttled calls share the server's Retry-After instead of each backing off", async () => {
    const fake = scriptedTransport([wireError(429, "RateLimitError", "slow", { "retry-after": "2" }), OK]);
    const client = clientWith({ transport: fake.transport, clock: fake.clock, sleep: fake.sleep });
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
    const throttled = wireError(429, "RateLimitError", "slow", { "retry-after": "5" });
    const a = scriptedTransport([throttled, OK]);
    const base = { clock: a.clock, sleep: a.sleep };
    await clientWith({ ...base, transport: a.transport }).getOidcInfo({ networkId: "12345678" });
    const b = scriptedTransport([OK]);
    const t1 = a.clock();
    await clientWith({ ...base, transport: b.transport }).getOidcInfo({ networkId: "12345678" });
    const waited = a.clock() - t1;
    assert.ok(
      waited > 0 && waited < 5000,
      `a second client waits its turn at the shared rate (${waited} ms)`,
    );
    const c = scriptedTransport([OK]);
    const t2 = a.clock();
    await clientWith({ ...base, transport: c.transport, throttling: { coordinate: false } }).getOidcInfo({
      networkId: "12345678",
    });
    assert.equal(a.clock(), t2, "without coordination nothing is shared: it sends at once");
  });

  it("a call cancelled while it waits its turn fails at once and leaves no timer pending", async () => {
    const time = new VirtualTime();
    const fake = scriptedTransport([wireError(429, "RateLimitError", "slow", { "retry-after": "30" }), OK]);
    const client = clientWith({ transport: fake.transport, clock: time.now, sleep: time.sleep });
    const controller = new AbortController();
    const call = failure(client.getOidcInfo({ networkId: "12345678" }, { signal: controller.signal }));
    await time.advance(1000);
    assert.equal(time.pending, 1, "the retry waits in the coordinator's queue");
    controller.abort();
    const error = await call;
    assert.equal(error.name, "RequestAbortedError");
    assert.equal(fake.requests.length, 1);
    await settle();
    assert.equal(time.pending, 0);
  });

  it("a retry whose turn the shared cool-down puts past the budget is not begun", async () => {
    const time = new VirtualTime();
    const fake = scriptedTransport([wireError(429, "RateLimitError", "slow", { "retry-after": "30" }), OK]);
    const client = clientWith({
      transport: fake.transport,
      clock: time.now,
      sleep: time.sleep,
      retry: { totalBudgetMs: 10_000 },
    });
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(error.name, "RateLimitError");
    assert.equal(fake.requests.length, 1);
    assert.match(error.message, /Gave up after 1 attempt over 0\.0 s: the retry budget of 10 s/);
    assert.equal(time.pending, 0);
  });
});
