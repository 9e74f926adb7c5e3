/** GetOidcInfo with a `code`: the OAuth exchange's checks, its single use, and the tokens it mints. */
import assert from "node:assert/strict";
import {
  DEMO_AUTHORIZATION_CODE,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CODE_CHALLENGE,
  DEMO_CODE_VERIFIER,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  demoSeed,
} from "..";
import { assertOk, assertWireError } from "../support/assert-wire";
import { getOidcInfo } from "../support/signed-fetch";
import { ManualClock, withEmulator } from "../support/with-emulator";

const exchange = {
  code: DEMO_AUTHORIZATION_CODE,
  clientId: DEMO_CLIENT_ID,
  clientSecret: DEMO_CLIENT_SECRET,
  codeVerifier: DEMO_CODE_VERIFIER,
  redirectUri: DEMO_REDIRECT_URL,
  grantType: "authorization_code",
};

function jwtPayload(token: unknown): Record<string, unknown> {
  assert.equal(typeof token, "string");
  const parts = String(token).split(".");
  assert.equal(parts.length, 3, "JWT-shaped: header.payload.signature");
  for (const part of parts) assert.match(part, /^[A-Za-z0-9_-]+$/);
  return JSON.parse(Buffer.from(parts[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

describe("emulator: token exchange", () => {
  it("exchanges a valid code for JWT-shaped tokens and logs it redacted", async () => {
    const clock = new ManualClock();
    await withEmulator(
      async (emulator) => {
        const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          query: exchange,
          signingDate: clock.date(),
        });
        assertOk(response);
        assert.ok(response.json.openidConnectInfo);
        const token = response.json.tokenInfo as Record<string, unknown>;
        assert.equal(token.tokenType, "Bearer");
        assert.equal(token.expiresIn, 3600);
        assert.equal(token.codeVerifier, DEMO_CODE_VERIFIER);
        assert.equal(token.codeChallenge, DEMO_CODE_CHALLENGE);
        assert.equal(typeof token.refreshToken, "string");
        for (const name of ["accessToken", "idToken"]) {
          const claims = jwtPayload(token[name]);
          assert.equal(claims.iss, "https://idp.example.com/realms/wickr-demo");
          assert.equal(claims.aud, DEMO_CLIENT_ID);
          assert.equal(typeof claims.sub, "string");
          assert.equal(claims.exp, Math.floor(clock.time / 1000) + 3600);
        }
        const [entry] = emulator.log;
        assert.equal(entry?.tokenExchange, true);
        assert.deepEqual(entry?.query, {
          code: "[REDACTED]",
          clientId: DEMO_CLIENT_ID,
          clientSecret: "[REDACTED]",
          codeVerifier: "[REDACTED]",
          redirectUri: DEMO_REDIRECT_URL,
          grantType: "authorization_code",
        });
        assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true, status: 200 }), 1);
        assert.equal(emulator.count("GetOidcInfo", { tokenExchange: false }), 0);
      },
      { now: clock.now },
    );
  });

  it("lets seeded tokens override the minted ones (canaries)", async () => {
    const seed = demoSeed();
    const tokens = {
      accessToken: "canary-access-NOT-REAL",
      idToken: "canary-id-NOT-REAL",
      refreshToken: "canary-refresh",
    };
    seed.authorizationCodes = [{ networkId: DEMO_NETWORK_ID, code: "c1", clientId: DEMO_CLIENT_ID, tokens }];
    await withEmulator(
      async (emulator) => {
        const query = { code: "c1", clientId: DEMO_CLIENT_ID, clientSecret: DEMO_CLIENT_SECRET };
        const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { query });
        assertOk(response);
        assert.deepEqual(response.json.tokenInfo, { ...tokens, tokenType: "Bearer", expiresIn: 3600 });
      },
      { seed },
    );
  });

  it("refuses to reuse a code (400 invalid_grant)", () =>
    withEmulator(async (emulator) => {
      assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { query: exchange }));
      const again = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { query: exchange });
      assertWireError(again, 400, "BadRequestError", /^invalid_grant/);
      assert.ok(!again.text.includes(DEMO_AUTHORIZATION_CODE), "the code is not echoed");
    }));

  it("refuses a wrong PKCE verifier (400) without burning the code", () =>
    withEmulator(async (emulator) => {
      const bad = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
        query: { ...exchange, codeVerifier: "wrong-verifier" },
      });
      assertWireError(bad, 400, "BadRequestError", /PKCE/);
      const withoutVerifier: Record<string, string> = { ...exchange };
      delete withoutVerifier.codeVerifier;
      assertWireError(
        await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { query: withoutVerifier }),
        400,
        "BadRequestError",
      );
      assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { query: exchange }));
    }));

  it("refuses a wrong client secret (401 UnauthorizedError) without echoing it", () =>
    withEmulator(async (emulator) => {
      const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
        query: { ...exchange, clientSecret: "guess-NOT-REAL" },
      });
      assertWireError(response, 401, "UnauthorizedError", /^invalid_client/);
      assert.ok(!response.text.includes("guess-NOT-REAL"));
    }));

  it("refuses another client's code, a different redirectUri, and an unsupported grant (400)", () =>
    withEmulator(async (emulator) => {
      const cases = [
        { clientId: "someone-else" },
        { redirectUri: "https://evil.example.com/cb" },
        { grantType: "password" },
      ];
      for (const change of cases) {
        const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          query: { ...exchange, ...change },
        });
        assertWireError(response, 400, "BadRequestError");
      }
      assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true, status: 400 }), 3);
    }));
});
