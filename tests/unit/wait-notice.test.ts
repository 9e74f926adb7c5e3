/**
 * A call tells its caller before it waits a second or more: before a retry (how long, which attempt,
 * what the last one got, never a message) and while a throttled endpoint makes it wait for a turn.
 */
import assert from "node:assert/strict";
import { describeWait, type WaitNotice } from "../../provider/wickr/wait-notice";
import { WickrAdminClient } from "../../provider/wickr/client";
import { DEFAULT_RETRY_SETTINGS } from "../../provider/retry/retry-policy";
import { json, scriptedClient, wireError } from "../helpers/fake-transport";

const OK = json(200, { openidConnectInfo: { companyId: "acme", issuer: "https://idp", scopes: "openid" } });

describe("wait notices", () => {
  it("before each retry wait of a second or more: the wait, the next attempt, and what the last one got", async () => {
    const { client } = scriptedClient(
      [
        wireError(429, "RateLimitError", "slow down, secret=abc", { "retry-after": "3" }),
        wireError(503, "ServiceUnavailable", "x"),
        OK,
      ],
      { baseDelayMs: 100 },
    );
    const notices: WaitNotice[] = [];
    await client.getOidcInfo({ networkId: "12345678" }, { onWait: (n) => notices.push(n) });
    // The 503's backoff (50 ms at random 0.5) is too short for anyone to notice: not told.
    assert.deepEqual(notices, [
      {
        reason: "retry",
        waitMs: 3000,
        attempt: 2,
        maxAttempts: DEFAULT_RETRY_SETTINGS.maxAttempts,
        after: "RateLimitError (HTTP 429)",
      },
    ]);
  });

  it("a listener that throws changes nothing", async () => {
    const { client, requests } = scriptedClient([
      wireError(429, "RateLimitError", "x", { "retry-after": "2" }),
      OK,
    ]);
    const result = await client.getOidcInfo(
      { networkId: "12345678" },
      {
        onWait: () => {
          throw new Error("listener bug");
        },
      },
    );
    assert.equal(result.openidConnectInfo?.issuer, "https://idp");
    assert.equal(requests.length, 2);
  });

  it("waiting for a turn on a throttled endpoint is told once, after a second, with the cool-down left", async function () {
    this.timeout(10_000);
    // Real time here: the turn notice uses the platform timer, as a person's wait does.
    let answered = 0;
    const client = new WickrAdminClient({
      region: "us-east-1",
      endpoint: "http://127.0.0.1:9",
      credentials: async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "x" }),
      retry: { maxAttempts: 2, throttlingBaseDelayMs: 1 },
      transport: async () => {
        answered++;
        return answered === 1
          ? {
              statusCode: 429,
              headers: { "x-amzn-errortype": "RateLimitError", "retry-after": "2" } as Record<string, string>,
              body: '{"message":"slow"}',
            }
          : {
              statusCode: 200,
              headers: {},
              body: '{"openidConnectInfo":{"companyId":"a","issuer":"i","scopes":"s"}}',
            };
      },
    });
    const first: WaitNotice[] = [];
    const second: WaitNotice[] = [];
    const a = client.getOidcInfo({ networkId: "12345678" }, { onWait: (n) => first.push(n) });
    await new Promise((resolve) => setTimeout(resolve, 20)); // the first is throttled; the cool-down starts
    const b = client.getOidcInfo({ networkId: "12345678" }, { onWait: (n) => second.push(n) });
    await Promise.all([a, b]);
    assert.equal(second.filter((n) => n.reason === "turn").length, 1, JSON.stringify(second));
    const turn = second.find((n) => n.reason === "turn");
    assert.ok(
      turn?.reason === "turn" && turn.coolDownLeftMs > 0 && turn.coolDownLeftMs < 2_000,
      JSON.stringify(turn),
    );
    assert.ok(
      turn.queued >= 1 && turn.queued <= 2,
      "this call, and the first one after its throttled attempt",
    );
    assert.ok(turn.ratePerSecond > 0);
  });

  it("describeWait: which network, why, for how long", () => {
    assert.equal(
      describeWait("12345678", {
        reason: "retry",
        waitMs: 3000,
        attempt: 2,
        maxAttempts: 5,
        after: "RateLimitError (HTTP 429)",
      }),
      "Wickr network 12345678: waiting 3.0 s before attempt 2 of 5 (the last one got RateLimitError (HTTP 429))",
    );
    assert.equal(
      describeWait("12345678", { reason: "turn", queued: 12, ratePerSecond: 2.5, coolDownLeftMs: 2500 }),
      "Wickr network 12345678: waiting for a turn, the service is throttling this endpoint (12 calls queued, sent at 2.5/s, 2.5 s of the service's Retry-After left)",
    );
    assert.equal(
      describeWait("12345678", { reason: "turn", queued: 3, ratePerSecond: 0.5, coolDownLeftMs: 20 }),
      "Wickr network 12345678: waiting for a turn, the service is throttling this endpoint (3 calls queued, sent at 0.5/s)",
    );
  });
});
