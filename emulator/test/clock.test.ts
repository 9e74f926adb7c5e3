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

/** Send `send` and assert its `Date` header is the emulator's clock (machine's + skew) at that moment. */
async function assertDatedBySkewedClock(
  skewMs: number,
  send: () => Promise<TestResponse>,
): Promise<TestResponse> {
  const before = Date.now() + skewMs;
  const response = await send();
  const after = Date.now() + skewMs;
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
    await withEmulator(
      async (emulator) => {
        const signingDate = (): Date => new Date(Date.now() + skew);
        assertOk(
          await assertDatedBySkewedClock(skew, () =>
            getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: signingDate() }),
          ),
        );
        const missing = await assertDatedBySkewedClock(skew, () =>
          getOidcInfo(emulator.url, "99999999", { signingDate: signingDate() }),
        );
        assertWireError(missing, 404, "ResourceNotFoundError");
        const unsigned = await assertDatedBySkewedClock(skew, () =>
          getOidcInfo(emulator.url, DEMO_NETWORK_ID, { unsigned: true }),
        );
        assert.equal(unsigned.status, 403);
        emulator.injectFaults({ kind: "error", status: 500, name: "InternalServerError" });
        const injected = await assertDatedBySkewedClock(skew, () =>
          getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: signingDate() }),
        );
        assert.equal(injected.status, 500);
        const stsOk = await assertDatedBySkewedClock(skew, () =>
          stsCall(emulator.url, { signingDate: signingDate() }),
        );
        assert.equal(stsOk.status, 200, stsOk.text);
        const stsDenied = await assertDatedBySkewedClock(skew, () =>
          stsCall(emulator.url, { signingDate: signingDate(), secretAccessKey: "wrong" }),
        );
        assert.equal(stsDenied.status, 403);
        const names = (await rawHeaders(emulator.url)).filter((_, i) => i % 2 === 0);
        assert.deepEqual(
          names.filter((name) => name.toLowerCase() === "date"),
          ["Date"],
          "one Date header, not Node's automatic one besides",
        );
      },
      { clockSkewMs: skew },
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

  it("without a skew, the Date header is the machine's time", () =>
    withEmulator(async (emulator) => {
      assertOk(await assertDatedBySkewedClock(0, () => getOidcInfo(emulator.url, DEMO_NETWORK_ID)));
    }));

  it("ahead by 10 minutes: a request signed with the machine's clock is 'Signature expired'; signed at the Date header's time it succeeds", () =>
    withEmulator(
      async (emulator) => {
        const refused = await getOidcInfo(emulator.url, DEMO_NETWORK_ID);
        assertWireError(
          refused,
          403,
          "InvalidSignatureException",
          /^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/,
          "front-door",
        );
        const serverTime = dateOf(refused);
        assert.ok(Math.abs(serverTime - (Date.now() + 10 * MINUTE)) < 2000, "the Date header shows the skew");
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: new Date(serverTime) }));
        assert.equal(emulator.count("GetOidcInfo", { status: 403 }), 1);
      },
      { clockSkewMs: 10 * MINUTE },
    ));

  it("behind by 10 minutes: 'Signature not yet current'; signed at the Date header's time it succeeds", () =>
    withEmulator(
      async (emulator) => {
        const refused = await getOidcInfo(emulator.url, DEMO_NETWORK_ID);
        assertWireError(
          refused,
          403,
          "InvalidSignatureException",
          /^Signature not yet current: \d{8}T\d{6}Z is still later than \d{8}T\d{6}Z \(\d{8}T\d{6}Z \+ 5 min\.\)$/,
          "front-door",
        );
        assertOk(
          await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { signingDate: new Date(dateOf(refused)) }),
        );
      },
      { clockSkewMs: -10 * MINUTE },
    ));

  it("within 5 minutes of skew, a request signed with the machine's clock is accepted", () =>
    withEmulator(
      async (emulator) => {
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID));
      },
      { clockSkewMs: 4 * MINUTE },
    ));

  it("setClockSkew changes the clock at run time, for Wickr and STS (STS answers SignatureDoesNotMatch)", () =>
    withEmulator(async (emulator) => {
      assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID));
      emulator.setClockSkew(10 * MINUTE);
      const wickr = await assertDatedBySkewedClock(10 * MINUTE, () =>
        getOidcInfo(emulator.url, DEMO_NETWORK_ID),
      );
      assertWireError(wickr, 403, "InvalidSignatureException", /^Signature expired: /, "front-door");
      const sts = await stsCall(emulator.url);
      assert.equal(sts.status, 403);
      assert.match(sts.text, /<Code>SignatureDoesNotMatch<\/Code><Message>Signature expired: /);
      emulator.setClockSkew(0);
      assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID));
      assert.throws(() => emulator.setClockSkew(Number.NaN), RangeError);
      await assert.rejects(startEmulator({ clockSkewMs: Number.POSITIVE_INFINITY }), RangeError);
    }));

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
