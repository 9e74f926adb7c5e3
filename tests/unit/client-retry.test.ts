import assert from "node:assert/strict";
import { failure } from "../helpers/failure";
import { json, scriptedClient, wireError, type Scripted } from "../helpers/fake-transport";

const OK = json(200, { openidConnectInfo: { companyId: "acme", issuer: "https://idp", scopes: "openid" } });
const THROTTLED = wireError(429, "RateLimitError", "Too many requests sent");
const CANARY_SECRET_KEY = "canary-secret-access-key-0001";

/** A client with per-request backoff only (coordination off), so each test sees one request's policy. */
const clientFor = (script: Scripted[], retry = {}, extra = {}) =>
  scriptedClient(script, retry, extra, CANARY_SECRET_KEY);

describe("WickrAdminClient retries (injected transport and clock)", () => {
  it("signs the request with SigV4 for service wickr and sends query members", async () => {
    const { client, requests } = clientFor([OK]);
    await client.getOidcInfo({ networkId: "12345678", clientId: "c1", code: "a b/c" });
    const [request] = requests;
    assert.equal(request?.path, "/networks/12345678/oidc");
    assert.deepEqual(request?.query, { clientId: "c1", code: "a b/c" });
    assert.match(
      String(request?.headers["authorization"]),
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/20261129\/us-east-1\/wickr\/aws4_request/,
    );
    assert.equal(request?.headers["x-amz-date"], "20261129T120000Z");
  });

  it("retries 429 with full-jitter backoff from the throttling base", async () => {
    const { client, requests, sleeps } = clientFor([THROTTLED, THROTTLED, THROTTLED, OK]);
    const result = await client.getOidcInfo({ networkId: "12345678" });
    assert.equal(result.openidConnectInfo?.issuer, "https://idp");
    assert.equal(requests.length, 4);
    assert.deepEqual(sleeps, [500, 1000, 2000], "random 0.5 × 1000 · 2^(n−1)");
  });

  it("uses the base delay for 5xx", async () => {
    const { client, sleeps } = clientFor([wireError(503, "ServiceUnavailable", "x"), OK], {
      baseDelayMs: 100,
    });
    await client.getOidcInfo({ networkId: "12345678" });
    assert.deepEqual(sleeps, [50]);
  });

  it("honours Retry-After seconds, HTTP dates and x-amz-retry-after exactly", async () => {
    const { client, sleeps, clock } = clientFor([
      wireError(429, "RateLimitError", "slow", { "retry-after": "3" }),
      wireError(429, "RateLimitError", "slow", {
        "retry-after": new Date(Date.parse("2026-11-29T12:00:10Z")).toUTCString(),
      }),
      wireError(429, "RateLimitError", "slow", { "x-amz-retry-after": "750" }),
      OK,
    ]);
    await client.getOidcInfo({ networkId: "12345678" });
    assert.deepEqual(sleeps, [3000, 7000, 750]);
    assert.equal(clock(), Date.parse("2026-11-29T12:00:10.750Z"));
  });

  for (const [status, name] of [
    [400, "BadRequestError"],
    [401, "UnauthorizedError"],
    [404, "ResourceNotFoundError"],
    [422, "ValidationError"],
  ] as const) {
    it(`makes exactly one request for ${name}`, async () => {
      const { client, requests } = clientFor([wireError(status, name, "no")]);
      const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
      assert.equal(error.name, name);
      assert.equal(error.statusCode, status);
      assert.equal(error.attempts, 1);
      assert.equal(requests.length, 1);
    });
  }

  it("gives up after maxAttempts and says how many attempts over how long", async () => {
    const { client, requests } = clientFor([THROTTLED], { maxAttempts: 4, totalBudgetMs: 0 });
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(error.name, "RateLimitError");
    assert.equal(requests.length, 4);
    assert.equal(error.attempts, 4);
    assert.match(error.message, /GetOidcInfo for Wickr network 12345678 failed: RateLimitError \(HTTP 429\)/);
    assert.match(error.message, /4 attempts over 3\.5 s/);
  });

  it("stops at the total budget instead of waiting past it", async () => {
    const { client, requests, sleeps } = clientFor(
      [wireError(429, "RateLimitError", "x", { "retry-after": "2" })],
      {
        totalBudgetMs: 5000,
      },
    );
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(requests.length, 3);
    assert.deepEqual(sleeps, [2000, 2000]);
    assert.match(
      error.message,
      /Gave up after 3 attempts over 4\.0 s: the retry budget of 5 s \(retry\.totalBudgetMs\) would run out before the next one/,
    );
  });

  it("attempts used up before the budget: says how many attempts, not that the budget ran out", async () => {
    const { client, requests } = clientFor(
      [wireError(503, "ServiceUnavailable", "x", { "retry-after": "6" })],
      {
        maxAttempts: 2,
        totalBudgetMs: 10_000,
      },
    );
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(requests.length, 2);
    assert.match(error.message, /\(2 attempts over 6\.0 s\)$/);
  });

  it("by default waits out throttling until the 2-minute budget, beyond the 10 attempts", async () => {
    const { client, requests, sleeps } = clientFor([THROTTLED], {});
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    // random 0.5 × min(20 s cap, 1 s · 2^(n−1)): 0.5, 1, 2, 4, 8 s, then 10 s until the next 10 s wait
    // would end after 120 s.
    assert.deepEqual(sleeps, [500, 1000, 2000, 4000, 8000, ...Array<number>(10).fill(10_000)]);
    assert.equal(requests.length, 16);
    assert.match(error.message, /Gave up after 16 attempts over 115\.5 s: the retry budget of 120 s/);
  });

  it("by default makes 10 attempts at a 5xx, backing off from 200 ms up to the 20 s cap", async () => {
    const { client, requests, sleeps } = clientFor([wireError(503, "ServiceUnavailable", "x")], {});
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.deepEqual(sleeps, [100, 200, 400, 800, 1600, 3200, 6400, 10_000, 10_000]);
    assert.equal(requests.length, 10);
    assert.equal(error.attempts, 10);
  });

  it("cuts the last attempt's timeout to what is left of the budget", async () => {
    const { client, requests, sleeps } = clientFor(
      [wireError(503, "ServiceUnavailable", "x", { "x-amz-retry-after": "970" }), "hang"],
      { totalBudgetMs: 1000 },
      { timeoutMs: 30_000 },
    );
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.deepEqual(sleeps, [970]);
    assert.equal(requests.length, 2);
    assert.equal(error.name, "RequestTimeoutError");
    assert.match(error.message, /no complete response within 30 ms \(the rest of retry\.totalBudgetMs\)/);
  });

  it("retries network errors and attempt timeouts", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const { client, requests } = clientFor(
      [{ throw: reset }, "hang", OK],
      { baseDelayMs: 1 },
      { timeoutMs: 20 },
    );
    await client.getOidcInfo({ networkId: "12345678" });
    assert.equal(requests.length, 3);
  });

  it("reports the last network error with its code when retries run out", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const { client } = clientFor([{ throw: reset }], { maxAttempts: 2, baseDelayMs: 1 });
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(error.name, "NetworkError");
    assert.match(error.message, /ECONNRESET/);
    assert.equal(error.attempts, 2);
  });

  it("does not retry a malformed 200", async () => {
    const { client, requests } = clientFor([{ statusCode: 200, headers: {}, body: "<html>" }]);
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(error.name, "MalformedResponseError");
    assert.equal(requests.length, 1);
  });

  it("cancellation stops a wait at once", async () => {
    const controller = new AbortController();
    const { client, requests } = clientFor(
      [THROTTLED],
      {},
      {
        sleep: (_ms: number, signal?: AbortSignal) =>
          new Promise<void>((_resolve, reject) => {
            signal?.addEventListener("abort", () => reject(signal.reason));
            controller.abort();
          }),
      },
    );
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }, { signal: controller.signal }));
    assert.equal(error.name, "RequestAbortedError");
    assert.equal(requests.length, 1);
    assert.match(error.message, /cancelled/);
  });

  it("validates networkId before any request", async () => {
    const { client, requests } = clientFor([OK]);
    const error = await failure(client.getOidcInfo({ networkId: "1234" }));
    assert.equal(error.name, "InvalidInputError");
    assert.match(error.message, /networkId must be exactly 8 digits/);
    assert.equal(requests.length, 0);
  });

  it("never puts request secrets or credentials in an error", async () => {
    const echo = wireError(400, "BadRequestError", "bad code canary-code-777 with canary-client-secret-777");
    const { client } = clientFor([echo]);
    const error = await failure(
      client.getOidcInfo({
        networkId: "12345678",
        code: "canary-code-777",
        clientSecret: "canary-client-secret-777",
      }),
    );
    const everything = `${error.message}\n${error.stack}\n${JSON.stringify(error)}`;
    for (const canary of ["canary-code-777", "canary-client-secret-777", CANARY_SECRET_KEY]) {
      assert.ok(!everything.includes(canary), `${canary} leaked: ${everything}`);
    }
  });
});
