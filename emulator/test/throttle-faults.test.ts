/** Throttling (token bucket, every Retry-After style) and injected faults of every kind. */
import assert from "node:assert/strict";
import { DEMO_NETWORK_ID, type ThrottleOptions } from "..";
import { assertOk, assertWireError } from "../support/assert-wire";
import { DEMO_CREDENTIALS, getOidcInfo, requestUrl, signHeaders } from "../support/signed-fetch";
import { ManualClock, withEmulator } from "../support/with-emulator";
import { until } from "../../tests/helpers/event-loop";

/** An HTTP date is whole seconds, rounded up so that waiting until it is always long enough. */
const httpDate = (time: number): string => new Date(Math.ceil(time / 1000) * 1000).toUTCString();

const get = (url: string, clock?: ManualClock) =>
  getOidcInfo(url, DEMO_NETWORK_ID, clock ? { signingDate: clock.date() } : {});

describe("emulator: throttling", () => {
  it("is off by default", () =>
    withEmulator(async (emulator) => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => get(emulator.url)));
      assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    }));

  const styles: [NonNullable<ThrottleOptions["retryAfter"]>, (t: number) => Record<string, string | null>][] =
    [
      ["none", () => ({ "retry-after": null, "x-amz-retry-after": null })],
      ["seconds", () => ({ "retry-after": "2", "x-amz-retry-after": null })],
      ["http-date", (t) => ({ "retry-after": httpDate(t + 2000), "x-amz-retry-after": null })],
      ["x-amz-retry-after", () => ({ "retry-after": null, "x-amz-retry-after": "2000" })],
    ];
  for (const [retryAfter, expected] of styles) {
    it(`answers 429 RateLimitError with retry-after style "${retryAfter}", then refills`, async () => {
      const clock = new ManualClock();
      await withEmulator(
        async (emulator) => {
          assertOk(await get(emulator.url, clock));
          const throttled = await get(emulator.url, clock);
          assertWireError(throttled, 429, "RateLimitError", "Too many requests sent");
          for (const [name, value] of Object.entries(expected(clock.time))) {
            assert.equal(throttled.headers.get(name), value, name);
          }
          clock.advance(1999);
          assert.equal((await get(emulator.url, clock)).status, 429);
          clock.advance(1);
          assertOk(await get(emulator.url, clock));
          assert.equal(emulator.count("GetOidcInfo", { status: 429 }), 2);
        },
        { now: clock.now, throttle: { ratePerSecond: 0.5, burst: 1, retryAfter } },
      );
    });
  }

  it("keeps one bucket per access key, rounds Retry-After up to at least 1 s, and can be changed or turned off", async () => {
    const clock = new ManualClock();
    const other = { accessKeyId: "AKIAEMULATORTEST0009", secretAccessKey: "other-NOT-REAL" };
    await withEmulator(
      async (emulator) => {
        emulator.addCredentials({
          ...other,
          arn: "arn:aws:iam::123456789012:user/o",
          account: "123456789012",
          userId: "U",
        });
        const signingDate = clock.date();
        for (let i = 0; i < 3; i++) assertOk(await get(emulator.url, clock));
        const throttled = await get(emulator.url, clock);
        assert.equal(throttled.headers.get("retry-after"), "1", "100 ms to the next token rounds up to 1 s");
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials: other, signingDate }));
        emulator.setThrottle(undefined);
        assertOk(await get(emulator.url, clock));
        emulator.setThrottle({ ratePerSecond: 1, burst: 1 });
        assertOk(await get(emulator.url, clock));
        const again = await get(emulator.url, clock);
        assert.equal(again.status, 429);
        assert.equal(again.headers.get("retry-after"), null, "default style is none");
      },
      { now: clock.now, throttle: { ratePerSecond: 10, burst: 3, retryAfter: "seconds" } },
    );
  });

  it("does not spend tokens on requests that fail authentication", () =>
    withEmulator(
      async (emulator) => {
        const bad = { ...DEMO_CREDENTIALS, secretAccessKey: "wrong" };
        for (let i = 0; i < 3; i++)
          assert.equal((await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials: bad })).status, 403);
        assertOk(await get(emulator.url));
      },
      { throttle: { ratePerSecond: 0.001, burst: 1 } },
    ));
});

describe("emulator: injected faults", () => {
  it("serves an error fault with its name in the header, in `code`, or in `__type`", () =>
    withEmulator(async (emulator) => {
      emulator.injectFaults({
        kind: "error",
        status: 500,
        name: "InternalServerError",
        message: "boom",
        retryAfter: "3",
      });
      emulator.injectFaults({ kind: "error", status: 503, name: "ServiceUnavailable", nameIn: "code" });
      emulator.injectFaults({
        kind: "error",
        status: 429,
        name: "com.amazonaws.wickr#RateLimitError",
        nameIn: "__type",
      });
      const header = await get(emulator.url);
      assertWireError(header, 500, "InternalServerError", "boom");
      assert.equal(header.headers.get("retry-after"), "3");
      const code = await get(emulator.url);
      assert.equal(code.status, 503);
      assert.equal(code.headers.get("x-amzn-errortype"), null);
      assert.deepEqual(code.json, { message: "Injected ServiceUnavailable", code: "ServiceUnavailable" });
      const type = await get(emulator.url);
      assert.equal(type.status, 429);
      assert.equal(type.json.__type, "com.amazonaws.wickr#RateLimitError");
      assertOk(await get(emulator.url));
      assert.deepEqual(
        emulator.log.map((e) => e.errorName),
        ["InternalServerError", "ServiceUnavailable", "com.amazonaws.wickr#RateLimitError", undefined],
      );
    }));

  it("serves a raw body, `times` times, only for the given operation, and only after authentication", () =>
    withEmulator(async (emulator) => {
      emulator.injectFaults(
        { kind: "error", status: 502, name: "BadGateway", body: "<html>gateway</html>" },
        2,
        "GetOidcInfo",
      );
      emulator.injectFaults({ kind: "error", status: 500, name: "Other" }, 1, "RegisterOidcConfig");
      const unsigned = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { unsigned: true });
      assert.equal(unsigned.status, 403, "a fault never hides an authentication failure");
      for (let i = 0; i < 2; i++) {
        const response = await get(emulator.url);
        assert.equal(response.status, 502);
        assert.equal(response.text, "<html>gateway</html>");
        assert.equal(
          response.headers.get("x-amzn-errortype"),
          "BadGateway:http://internal.amazon.com/coral/com.amazonaws.wickr/",
        );
      }
      assertOk(await get(emulator.url));
    }));

  it("delays, then answers normally: a request sent after it is answered first", () =>
    withEmulator(async (emulator) => {
      // The delay is only the room the second request needs for its round trip on loopback.
      emulator.injectFaults({ kind: "delay", ms: 500 });
      const answered: string[] = [];
      const delayed = get(emulator.url).then((response) => (answered.push("delayed"), response));
      await until(() => emulator.count("GetOidcInfo") === 1);
      assertOk(await get(emulator.url));
      answered.push("prompt");
      assert.deepEqual(
        emulator.log.map((e) => e.status),
        [0, 200],
        "the delayed request is still unanswered",
      );
      assertOk(await delayed);
      assert.deepEqual(answered, ["prompt", "delayed"]);
      assert.deepEqual(
        emulator.log.map((e) => e.status),
        [200, 200],
      );
    }));

  it("counts a delayed request at once, so a client that times out sees its attempt logged", () =>
    withEmulator(async (emulator) => {
      emulator.injectFaults({ kind: "delay", ms: 5000 });
      const request = { path: `/networks/${DEMO_NETWORK_ID}/oidc` };
      const headers = await signHeaders(emulator.url, request);
      delete headers.host;
      const controller = new AbortController();
      const pending = fetch(requestUrl(emulator.url, request), { headers, signal: controller.signal });
      // Logged on arrival: an entry that appeared only with the answer would come 5 s later, as 200.
      await until(() => emulator.count("GetOidcInfo") === 1);
      assert.equal(emulator.log[0]?.status, 0, "no answer yet");
      controller.abort();
      await assert.rejects(pending, { name: "AbortError" });
      assert.equal(emulator.count("GetOidcInfo"), 1);
      // close() must not wait for the pending delay.
    }));

  it("resets the connection without an answer, logged with status 0", () =>
    withEmulator(async (emulator) => {
      emulator.injectFaults({ kind: "reset" });
      await assert.rejects(get(emulator.url), (error: Error) => {
        const cause = error.cause as { code?: string } | undefined;
        assert.match(String(cause?.code), /ECONNRESET|UND_ERR_SOCKET/);
        return true;
      });
      assertOk(await get(emulator.url));
      assert.deepEqual(
        emulator.log.map((e) => e.status),
        [0, 200],
      );
    }));

  it("answers 200 with a non-JSON body when malformed", () =>
    withEmulator(async (emulator) => {
      emulator.injectFaults({ kind: "malformed" });
      const response = await get(emulator.url);
      assert.equal(response.status, 200);
      assert.equal(response.text, "<html><body>502 Bad Gateway (not JSON)</body></html>");
      assert.throws(() => response.json, SyntaxError);
    }));

  it("rejects a non-positive `times`", () =>
    withEmulator(async (emulator) => {
      assert.throws(() => emulator.injectFaults({ kind: "reset" }, 0), RangeError);
    }));
});
