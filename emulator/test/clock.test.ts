/**
 * The emulator's own clock: a `Date` header on every answer, and a skew (`clockSkewMs`,
 * `setClockSkew`) that a client signing with the machine's clock runs into, as it would against an AWS
 * endpoint when its own clock is off. Requests are signed with `@smithy/signature-v4` directly.
 */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { DEMO_NETWORK_ID, DEMO_REGION, startEmulator } from "..";
import { assertOk, assertWireError } from "../support/assert-wire";
import { DEMO_CREDENTIALS, type TestResponse, getOidcInfo, signedFetch } from "../support/signed-fetch";
import { ManualClock, withEmulator } from "../support/with-emulator";

const MINUTE = 60_000;
const STS_BODY = "Action=GetCallerIdentity&Version=2011-06-15";

/** The `Date` header as epoch ms (HTTP dates have whole seconds). */
function dateOf(response: TestResponse): number {
  const header = response.headers.get("date");
  assert.ok(header, "the answer has a Date header");
  assert.match(header, /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/, "IMF-fixdate");
  return Date.parse(header);
}

/** Asserts that `response` is dated `time` (epoch ms), to the second, as an HTTP date. */
function assertDated(response: TestResponse, time: number): TestResponse {
  assert.equal(dateOf(response), Math.floor(time / 1000) * 1000, response.headers.get("date") ?? "");
  return response;
}

/**
 * Send `send` and assert its `Date` header reads the machine's clock at that moment: not before
 * `Date.now()` just before sending (to the second), not after `Date.now()` just after. Only for the
 * default clock, which no test can set; every other test gives the emulator a {@link ManualClock}.
 */
async function assertDatedByMachineClock(send: () => Promise<TestResponse>): Promise<TestResponse> {
  const before = Date.now();
  const response = await send();
  const after = Date.now();
  const date = dateOf(response);
  assert.ok(
    date >= Math.floor(before / 1000) * 1000 && date <= after,
    `Date ${new Date(date).toISOString()} is between ${new Date(before).toISOString()} and ${new Date(after).toISOString()}`,
  );
  return response;
}

function stsCall(
  url: string,
  extra: { signingDate?: Date; secretAccessKey?: string } = {},
): Promise<TestResponse> {
  return signedFetch(url, {
    method: "POST",
    path: "/",
    body: STS_BODY,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    service: "sts",
    credentials: {
      ...DEMO_CREDENTIALS,
      ...(extra.secretAccessKey ? { secretAccessKey: extra.secretAccessKey } : {}),
    },
    signingDate: extra.signingDate,
  });
}

/** The raw header lines of a GET, to count `Date` headers (fetch would join duplicates). */
function rawHeaders(url: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/networks/${DEMO_NETWORK_ID}/oidc`, (res) => {
      res.resume();
      res.on("end", () => resolve(res.rawHeaders));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("emulator: its clock and the Date header", () => {
  it("dates every answer from its own clock: Wickr and STS, success and error, exactly one Date header", async () => {
    const skew = 10 * MINUTE;
    const clock = new ManualClock(Date.parse("2030-01-01T12:00:00.750Z"));
    await withEmulator(
      async (emulator) => {
        // Signed at the emulator's time (the machine's clock plus the skew), so every call is accepted.
        const signingDate = (): Date => new Date(clock.time + skew);
        const emulatorTime = (): number => clock.time + skew;
        assertOk(
          assertDated(
            await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: signingDate() }),
            emulatorTime(),
          ),
        );
        assert.equal(emulator.count("GetOidcInfo", { status: 200 }), 1);
        clock.advance(1000);
        const missing = await getOidcInfo(emulator.url, "99999999", { signingDate: signingDate() });
        assertDated(missing, emulatorTime());
        assertWireError(missing, 404, "ResourceNotFoundError");
        clock.advance(1000);
        const unsigned = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { unsigned: true });
        assertDated(unsigned, emulatorTime());
        assert.equal(unsigned.status, 403);
        clock.advance(1000);
        emulator.injectFaults({ kind: "error", status: 500, name: "InternalServerError" });
        const injected = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: signingDate() });
        assertDated(injected, emulatorTime());
        assert.equal(injected.status, 500);
        clock.advance(1000);
        const stsOk = await stsCall(emulator.url, { signingDate: signingDate() });
        assertDated(stsOk, emulatorTime());
        assert.equal(stsOk.status, 200, stsOk.text);
        clock.advance(1000);
        const stsDenied = await stsCall(emulator.url, {
          signingDate: signingDate(),
          secretAccessKey: "wrong",
        });
        assertDated(stsDenied, emulatorTime());
        assert.equal(stsDenied.status, 403);
        assert.equal(stsDenied.headers.get("date"), "Tue, 01 Jan 2030 12:10:05 GMT");
        const names = (await rawHeaders(emulator.url)).filter((_, i) => i % 2 === 0);
        assert.deepEqual(
          names.filter((name) => name.toLowerCase() === "date"),
          ["Date"],
          "one Date header, not Node's automatic one besides",
        );
      },
      { now: clock.now, clockSkewMs: skew },
    );
  });

  it("uses the injected `now` plus the skew, to the second, and dates log entries the same way", async () => {
    const clock = new ManualClock(Date.parse("2030-01-01T12:00:00.250Z"));
    await withEmulator(
      async (emulator) => {
        const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          signingDate: new Date(clock.time - 2 * MINUTE),
        });
        assertOk(response);
        assert.equal(response.headers.get("date"), "Tue, 01 Jan 2030 11:58:00 GMT");
        assert.equal(emulator.log[0]?.time, clock.time - 2 * MINUTE);
      },
      { now: clock.now, clockSkewMs: -2 * MINUTE },
    );
  });

  it("without a skew or a clock given, the Date header is the machine's time", () =>
    withEmulator(async (emulator) => {
      assertOk(await assertDatedByMachineClock(() => getOidcInfo(emulator.url, DEMO_NETWORK_ID)));
    }));

  // In these, the ManualClock is the machine's clock: what a client without a correction signs with.
  it("ahead by 10 minutes: a request signed with the machine's clock is 'Signature expired'; signed at the Date header's time it succeeds", async () => {
    const clock = new ManualClock(Date.parse("2030-01-01T12:00:00Z"));
    await withEmulator(
      async (emulator) => {
        const refused = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: clock.date() });
        assertWireError(
          refused,
          403,
          "InvalidSignatureException",
          "Signature expired: 20300101T120000Z is now earlier than 20300101T120500Z (20300101T121000Z - 5 min.)",
          "front-door",
        );
        assert.equal(
          refused.headers.get("date"),
          "Tue, 01 Jan 2030 12:10:00 GMT",
          "the Date header shows the skew",
        );
        assertOk(
          await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: new Date(dateOf(refused)) }),
        );
        assert.equal(emulator.count("GetOidcInfo", { status: 403 }), 1);
      },
      { now: clock.now, clockSkewMs: 10 * MINUTE },
    );
  });

  it("behind by 10 minutes: 'Signature not yet current'; signed at the Date header's time it succeeds", async () => {
    const clock = new ManualClock(Date.parse("2030-01-01T12:00:00Z"));
    await withEmulator(
      async (emulator) => {
        const refused = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: clock.date() });
        assertWireError(
          refused,
          403,
          "InvalidSignatureException",
          "Signature not yet current: 20300101T120000Z is still later than 20300101T115500Z (20300101T115000Z + 5 min.)",
          "front-door",
        );
        assert.equal(refused.headers.get("date"), "Tue, 01 Jan 2030 11:50:00 GMT");
        assertOk(
          await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: new Date(dateOf(refused)) }),
        );
      },
      { now: clock.now, clockSkewMs: -10 * MINUTE },
    );
  });

  it("within 5 minutes of skew, a request signed with the machine's clock is accepted", async () => {
    const clock = new ManualClock();
    await withEmulator(
      async (emulator) => {
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: clock.date() }));
      },
      { now: clock.now, clockSkewMs: 4 * MINUTE },
    );
  });

  it("setClockSkew changes the clock at run time, for Wickr and STS (STS answers SignatureDoesNotMatch)", async () => {
    const clock = new ManualClock(Date.parse("2030-01-01T12:00:00Z"));
    await withEmulator(
      async (emulator) => {
        const machine = { signingDate: clock.date() };
        assertOk(assertDated(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, machine), clock.time));
        emulator.setClockSkew(10 * MINUTE);
        const wickr = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, machine);
        assertDated(wickr, clock.time + 10 * MINUTE);
        assertWireError(wickr, 403, "InvalidSignatureException", /^Signature expired: /, "front-door");
        const sts = await stsCall(emulator.url, machine);
        assertDated(sts, clock.time + 10 * MINUTE);
        assert.equal(sts.status, 403);
        assert.match(sts.text, /<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired: /);
        emulator.setClockSkew(0);
        assertOk(assertDated(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, machine), clock.time));
        assert.throws(() => emulator.setClockSkew(Number.NaN), RangeError);
        await assert.rejects(startEmulator({ clockSkewMs: Number.POSITIVE_INFINITY }), RangeError);
      },
      { now: clock.now },
    );
  });

  it("the real STSClient corrects its clock from the Date header of a skew error and succeeds on its retry", () =>
    withEmulator(
      async (emulator) => {
        const client = new STSClient({
          endpoint: emulator.url,
          region: DEMO_REGION,
          credentials: DEMO_CREDENTIALS,
          maxAttempts: 2,
        });
        try {
          await client.send(new GetCallerIdentityCommand({}));
        } finally {
          client.destroy();
        }
        assert.deepEqual(
          emulator.log.map((e) => [e.operation, e.status, e.errorName]),
          [
            ["GetCallerIdentity", 403, "SignatureDoesNotMatch"],
            ["GetCallerIdentity", 200, undefined],
          ],
        );
      },
      { clockSkewMs: 10 * MINUTE },
    ));
});
