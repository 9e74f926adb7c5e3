import assert from "node:assert/strict";
import { buildQueryString, escapeUri } from "@smithy/core/protocols";
import type { HttpRequest } from "@smithy/protocol-http";
import type { HttpResponse, HttpTransport } from "../../provider/wickr/http";
import { failure } from "../helpers/failure";
import { json, scriptedClient, wireError, type Scripted } from "../helpers/fake-transport";

const OK = json(200, { openidConnectInfo: { companyId: "acme", issuer: "https://idp", scopes: "openid" } });
const THROTTLED = wireError(429, "RateLimitError", "Too many requests sent");
const CODE = "canary-auth-code-4711";
const EXCHANGE = { networkId: "12345678", clientId: "cid", code: CODE, grantType: "authorization_code" };

const systemError = (message: string, code: string) => ({
  throw: Object.assign(new Error(message), { code }),
});

const clientFor = (script: Scripted[], retry = {}, extra = {}) =>
  scriptedClient(script, retry, extra, "canary-secret-access-key-0002");

/** Every text an error carries that a person or a log could see. */
function textsOf(error: Error): Record<string, string> {
  const record = error as unknown as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const key of ["message", "stack", "name", "code", "requestId", "serviceMessage"]) {
    if (typeof record[key] === "string") out[key] = record[key];
  }
  return out;
}

describe("WickrAdminClient token exchange (single-use code)", () => {
  const mayHaveArrived: [string, Scripted, string, number | undefined][] = [
    ["a connection reset", systemError("socket hang up", "ECONNRESET"), "NetworkError", undefined],
    ["HTTP 500", wireError(500, "InternalServerError", `failed on ${CODE}`), "InternalServerError", 500],
    [
      "HTTP 502",
      { statusCode: 502, headers: {}, body: "<html>Bad Gateway</html>" },
      "UnknownServerError",
      502,
    ],
    ["HTTP 503", wireError(503, "ServiceUnavailable", "try later"), "ServiceUnavailable", 503],
    ["HTTP 504", { statusCode: 504, headers: {}, body: "" }, "UnknownServerError", 504],
    ["an attempt timeout", "hang", "RequestTimeoutError", undefined],
  ];
  for (const [what, answer, causeName, status] of mayHaveArrived) {
    it(`after ${what} is attempted once and fails with CodeMayBeUsedError`, async () => {
      const { client, requests } = clientFor([answer, OK], {}, { timeoutMs: 50 });
      const error = await failure(client.getOidcInfo(EXCHANGE));
      assert.equal(requests.length, 1);
      assert.equal(error.name, "CodeMayBeUsedError");
      assert.match(error.message, /the single-use authorization code may already be used/);
      assert.match(error.message, /Get a new authorization code/);
      assert.equal((error.cause as Error).name, causeName);
      assert.equal(error.statusCode, status);
      assert.equal(error.attempts, 1);
      for (const [key, text] of Object.entries(textsOf(error))) {
        assert.ok(!text.includes(CODE), `${key} carries the code: ${text}`);
      }
      assert.ok(!JSON.stringify(error).includes(CODE));
    });
  }

  it("a refused connection is retried twice, then fails naming host:port of the endpoint", async () => {
    const { client, requests, sleeps } = clientFor([systemError("connect failed", "ECONNREFUSED")]);
    const error = await failure(client.getOidcInfo(EXCHANGE));
    assert.equal(requests.length, 3);
    assert.equal(sleeps.length, 2);
    assert.equal(error.name, "NetworkError");
    assert.equal((error as unknown as { code: string }).code, "ECONNREFUSED");
    assert.match(error.message, /127\.0\.0\.1:9/);
    assert.match(error.message, /connection refused/);
    assert.ok(!error.message.includes(CODE));
  });

  it("an unknown host is retried twice and then says the name does not resolve", async () => {
    const { client, requests } = clientFor([systemError("getaddrinfo failed", "ENOTFOUND")]);
    const error = await failure(client.getOidcInfo(EXCHANGE));
    assert.equal(requests.length, 3);
    assert.equal(error.name, "NetworkError");
    assert.match(error.message, /host name of 127\.0\.0\.1:9 does not resolve/);
  });

  it("a refused connection followed by an answer succeeds (the code never left)", async () => {
    const { client, requests } = clientFor([systemError("connect failed", "ECONNREFUSED"), OK]);
    const result = await client.getOidcInfo(EXCHANGE);
    assert.equal(result.openidConnectInfo?.companyId, "acme");
    assert.equal(requests.length, 2);
  });

  it("429 then 200: throttled before processing, so the code is sent again and succeeds", async () => {
    const { client, requests } = clientFor([THROTTLED, OK]);
    const result = await client.getOidcInfo(EXCHANGE);
    assert.equal(result.openidConnectInfo?.issuer, "https://idp");
    assert.equal(requests.length, 2);
    assert.equal(requests[1]?.query["code"], CODE);
  });
});

describe("WickrAdminClient retries of reads and budgets", () => {
  it("a read without code retries ECONNRESET three times and succeeds on the 4th attempt", async () => {
    const reset = systemError("socket hang up", "ECONNRESET");
    const { client, requests } = clientFor([reset, reset, reset, OK]);
    const result = await client.getOidcInfo({ networkId: "12345678" });
    assert.equal(result.openidConnectInfo?.companyId, "acme");
    assert.equal(requests.length, 4);
  });

  it("the total budget is a hard deadline even when one attempt's timeout is longer", async () => {
    // The fake clock stands still while the attempt hangs, so the budget left for it is all 300 ms: the
    // attempt must be cut at those 300 ms, not run to its own 5 s timeout. The next wait (0.5 × 1 s)
    // would end after the deadline, so nothing is sent again.
    const budget = { totalBudgetMs: 300, baseDelayMs: 1000 };
    const { client, requests, sleeps } = clientFor(["hang"], budget, { timeoutMs: 5000 });
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(error.name, "RequestTimeoutError");
    assert.match(error.message, /no complete response within 300 ms \(the rest of retry\.totalBudgetMs\)/);
    assert.match(
      error.message,
      /Gave up after 1 attempt over 0\.0 s: the retry budget of 0\.3 s \(retry\.totalBudgetMs\) would run out before the next one/,
    );
    assert.equal(requests.length, 1);
    assert.deepEqual(sleeps, []);
  });

  it("with a budget, throttled attempts do not use up maxAttempts; it stops at the budget", async () => {
    const script: Scripted[] = [...Array<Scripted>(20).fill(THROTTLED), OK];
    const { client, requests, sleeps } = clientFor(script, {
      maxAttempts: 3,
      totalBudgetMs: 60_000,
      throttlingBaseDelayMs: 1000,
      maxDelayMs: 20_000,
    });
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.ok(requests.length > 3, `${requests.length} attempts`);
    // random 0.5 × min(20 s, 1 s · 2^(n−1)): 0.5, 1, 2, 4, 8, then 10 s four times = 55.5 s; the next
    // 10 s wait would end after the 60 s budget.
    assert.deepEqual(sleeps, [500, 1000, 2000, 4000, 8000, 10000, 10000, 10000, 10000]);
    assert.equal(requests.length, 10);
    assert.equal(error.name, "RateLimitError");
    assert.match(error.message, /retry budget of 60 s \(retry\.totalBudgetMs\)/);
  });

  it("without a budget, throttled attempts count: exactly maxAttempts", async () => {
    const script: Scripted[] = [...Array<Scripted>(20).fill(THROTTLED), OK];
    const { client, requests } = clientFor(script, { maxAttempts: 3, totalBudgetMs: 0 });
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(requests.length, 3);
    assert.equal(error.name, "RateLimitError");
    assert.equal(error.attempts, 3);
  });
});

describe("WickrAdminClient clock skew", () => {
  const skewed = wireError(403, "InvalidSignatureException", "Signature expired", {
    date: "Sun, 29 Nov 2026 12:10:00 GMT", // the fake clock starts at 12:00:00
  });

  it("re-signs at the service's time after a skew answer, and keeps the offset for later calls", async () => {
    const { client, requests } = clientFor([skewed, OK]);
    const result = await client.getOidcInfo({ networkId: "12345678" });
    assert.equal(result.openidConnectInfo?.companyId, "acme");
    assert.equal(requests.length, 2);
    assert.equal(requests[0]?.headers["x-amz-date"], "20261129T120000Z");
    assert.equal(requests[1]?.headers["x-amz-date"], "20261129T121000Z");

    await client.getOidcInfo({ networkId: "12345678" });
    assert.equal(requests.length, 3);
    assert.equal(requests[2]?.headers["x-amz-date"], "20261129T121000Z", "a later call signs ahead at once");
  });

  it("a token exchange is signed again after a skew answer (refused at the front door)", async () => {
    const { client, requests } = clientFor([skewed, OK]);
    await client.getOidcInfo(EXCHANGE);
    assert.equal(requests.length, 2);
  });

  it("still refused at the corrected time: gives up and says the clock is off", async () => {
    const { client, requests } = clientFor([
      skewed,
      wireError(403, "InvalidSignatureException", "Signature expired", {
        date: "Sun, 29 Nov 2026 12:30:00 GMT",
      }),
    ]);
    const error = await failure(client.getOidcInfo({ networkId: "12345678" }));
    assert.equal(requests.length, 2);
    assert.equal(error.name, "InvalidSignatureException");
    assert.match(error.message, /clock is 30\.0 min behind the service's/);
  });
});

describe("WickrAdminClient error text never carries a request secret", () => {
  const SECRETS = {
    clientSecret: "cs!'()* +/%\u00e9-secret-value",
    code: "code!'()* +/%\u00e9-4711",
    codeVerifier: "ver!'()* +/%\u00e9-verifier-value",
  };

  /**
   * Answers `status` and echoes the request's query string as sent (NodeHttpHandler's
   * buildQueryString), JSON-escaped and decoded, in the error type, the request id and the message.
   */
  function echoTransport(status: number) {
    const requests: HttpRequest[] = [];
    const transport: HttpTransport = async (request): Promise<HttpResponse> => {
      requests.push(request);
      const sent = buildQueryString(request.query);
      const decoded = decodeURIComponent(sent);
      const echo = `${sent} ${JSON.stringify(decoded)} ${decoded}`;
      return {
        statusCode: status,
        headers: { "x-amzn-errortype": `EchoError ${echo}`, "x-amzn-requestid": `req ${echo}` },
        body: JSON.stringify({ message: `rejected ${echo}` }),
      };
    };
    return { transport, requests };
  }

  function assertNoSecret(error: Error, where: string) {
    for (const [key, text] of Object.entries(textsOf(error))) {
      for (const [field, secret] of Object.entries(SECRETS)) {
        const forms: [string, string][] = [
          ["raw", secret],
          ["encodeURIComponent", encodeURIComponent(secret)],
          ["escapeUri", escapeUri(secret)],
        ];
        for (const [encoding, form] of forms) {
          assert.ok(!text.includes(form), `${where}.${key} carries ${field} (${encoding}): ${text}`);
        }
      }
    }
  }

  it("a 400 echoing the query in its type, request id and message", async () => {
    const { transport, requests } = echoTransport(400);
    const { client } = clientFor([], {}, { transport });
    const error = await failure(client.getOidcInfo({ networkId: "12345678", clientId: "cid", ...SECRETS }));
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.query["clientSecret"], SECRETS.clientSecret, "the secret was sent");
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /failed: EchoError/);
    assert.match(error.message, /\[REDACTED\]/);
    assert.match(error.message, /clientId=cid/, "what is not secret stays readable");
    assertNoSecret(error, "error");
  });

  it("a 502 to a token exchange: the CodeMayBeUsedError and its cause", async () => {
    const { transport } = echoTransport(502);
    const { client } = clientFor([], {}, { transport });
    const error = await failure(client.getOidcInfo({ networkId: "12345678", clientId: "cid", ...SECRETS }));
    assert.equal(error.name, "CodeMayBeUsedError");
    assertNoSecret(error, "error");
    assert.ok(error.cause instanceof Error);
    assertNoSecret(error.cause, "error.cause");
  });

  it("a transport error whose message carries the full URL (as node-fetch writes it)", async () => {
    const requests: HttpRequest[] = [];
    const transport: HttpTransport = async (request) => {
      requests.push(request);
      const url = `http://127.0.0.1:9${request.path}?${buildQueryString(request.query)}`;
      throw Object.assign(new Error(`request to ${url} failed, reason: socket hang up`), {
        code: "ECONNRESET",
      });
    };
    const { client } = clientFor([], { maxAttempts: 2 }, { transport });
    const { code: _code, ...reusable } = SECRETS;
    const error = await failure(client.getOidcInfo({ networkId: "12345678", ...reusable }));
    assert.equal(requests.length, 2);
    assert.equal(error.name, "NetworkError");
    assertNoSecret(error, "error");
    assert.ok(error.cause instanceof Error);
    assertNoSecret(error.cause, "error.cause");
  });

  // Control characters are a class of secret too. describeFailure (provider/wickr/describe-error.ts) rebuilds
  // the stack by dropping only its first line; a message that spans lines leaves its later lines in
  // the stack, where the part of a secret after a newline no longer matches the whole secret.
  it("a secret with a newline echoed by the service leaves no part of it in the stack", async () => {
    const secret = "first-half-canary\nsecond-half-canary";
    const { client } = clientFor([wireError(400, "BadRequestError", `rejected ${secret}`)]);
    const error = await failure(client.getOidcInfo({ networkId: "12345678", clientSecret: secret }));
    assert.match(error.message, /rejected \[REDACTED\]/);
    for (const part of ["first-half-canary", "second-half-canary"]) {
      assert.ok(!(error.stack ?? "").includes(part), `the stack carries "${part}": ${error.stack}`);
    }
  });
});
