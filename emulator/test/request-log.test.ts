/** The request log: per-operation counts, and redaction of every sensitive value (query and body). */
import assert from "node:assert/strict";
import { request as httpRequest } from "node:http";
import { SENSITIVE_REQUEST_FIELDS } from "../../provider/wickr/sensitive-fields";
import { DEMO_CLIENT_ID, DEMO_NETWORK_ID, DEMO_SECRET_ACCESS_KEY } from "..";
import { getOidcInfo, signedFetch } from "../support/signed-fetch";
import { withEmulator } from "../support/with-emulator";

const CANARY = "canary-secret-NOT-REAL-7f3a";
/** The request members the emulator must redact, written out: the one list must not shrink unnoticed. */
const SENSITIVE_QUERY_MEMBERS = ["clientSecret", "code", "codeVerifier"];

/** Run `body` while recording everything written to stdout. */
async function captureStdout(body: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const original = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await body();
  } finally {
    process.stdout.write = original;
  }
  return chunks.join("");
}

describe("emulator: request log", () => {
  it("plants its canaries in the one list of sensitive request members, which holds exactly these", () => {
    assert.deepEqual([...SENSITIVE_REQUEST_FIELDS], SENSITIVE_QUERY_MEMBERS);
  });

  it("redacts sensitive query values and body members, and prints nothing", () =>
    withEmulator(async (emulator) => {
      const query = Object.fromEntries(SENSITIVE_QUERY_MEMBERS.map((name) => [name, `${CANARY}-${name}`]));
      const printed = await captureStdout(async () => {
        await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { query: { ...query, clientId: DEMO_CLIENT_ID } });
        const body = JSON.stringify({
          companyId: "c",
          issuer: "https://i",
          scopes: "openid",
          secret: CANARY,
        });
        await signedFetch(emulator.url, {
          method: "POST",
          path: `/networks/${DEMO_NETWORK_ID}/oidc/save`,
          body,
        });
      });
      const [get, save] = emulator.log;
      for (const name of SENSITIVE_QUERY_MEMBERS) assert.equal(get?.query[name], "[REDACTED]", name);
      assert.equal(get?.query.clientId, DEMO_CLIENT_ID, "non-sensitive values are kept");
      assert.equal(save?.body?.secret, "[REDACTED]");
      assert.equal(save?.body?.companyId, "c");
      const everything = JSON.stringify(emulator.log);
      assert.ok(!everything.includes(CANARY), "no canary in the log");
      assert.ok(!everything.includes(DEMO_SECRET_ACCESS_KEY), "no signing secret in the log");
      assert.ok(!printed.includes(CANARY), "nothing secret on stdout");
      assert.equal(printed, "", "the emulator prints nothing per request");
    }));

  it("counts per operation with filters; resetLog empties the live view", () =>
    withEmulator(async (emulator) => {
      const log = emulator.log;
      await getOidcInfo(emulator.url, DEMO_NETWORK_ID);
      await getOidcInfo(emulator.url, DEMO_NETWORK_ID);
      await getOidcInfo(emulator.url, "99999999");
      await signedFetch(emulator.url, {
        method: "POST",
        path: `/networks/${DEMO_NETWORK_ID}/oidc/save`,
        body: "{}",
      });
      assert.equal(emulator.count("GetOidcInfo"), 3);
      assert.equal(emulator.count("GetOidcInfo", { networkId: DEMO_NETWORK_ID }), 2);
      assert.equal(emulator.count("GetOidcInfo", { status: 404 }), 1);
      assert.equal(emulator.count("RegisterOidcConfig", { status: 422 }), 1);
      assert.equal(emulator.count("AssumeRole"), 0);
      assert.equal(log.length, 4, "emulator.log is live");
      const entry = log[0];
      assert.equal(entry?.method, "GET");
      assert.equal(entry?.path, `/networks/${DEMO_NETWORK_ID}/oidc`);
      assert.equal(typeof entry?.time, "number");
      emulator.resetLog();
      assert.equal(log.length, 0);
      assert.equal(emulator.count("GetOidcInfo"), 0);
    }));

  it("logs the User-Agent each request carried (unsigned, as the SDKs send it), and none when absent", () =>
    withEmulator(async (emulator) => {
      const agent = "example-client/1.2.3 ua/2.1 os/linux#6.8.0 lang/js md/nodejs#20.20.2";
      const answer = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { headers: { "user-agent": agent } });
      assert.equal(
        answer.status,
        200,
        `verified without user-agent among the signed headers: ${answer.text}`,
      );
      assert.equal(emulator.log[0]?.userAgent, agent);
      // Node's http client sends no User-Agent of its own (fetch would send "node").
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(`${emulator.url}/networks/${DEMO_NETWORK_ID}/oidc`, (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
      });
      assert.equal(status, 403, "unsigned");
      assert.equal(emulator.log.length, 2);
      assert.ok(!("userAgent" in (emulator.log[1] ?? {})), "no userAgent member when none was sent");
    }));
});
