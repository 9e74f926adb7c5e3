/**
 * The emulator serves the contract's GetOidcInfo and RegisterOidcConfig: shapes, validation, state.
 * Requests are signed with `@smithy/signature-v4` directly, never with the project's client.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { Agent, request as httpRequest } from "node:http";
import { DEMO_NETWORK_ID, EMPTY_OIDC_INFO, demoSeed } from "..";
import { assertOk, assertWireError } from "../support/assert-wire";
import { getOidcInfo, signedFetch, signHeaders } from "../support/signed-fetch";
import { withEmulator } from "../support/with-emulator";
import { withinTurns } from "../../tests/helpers/event-loop";

const demoInfo = demoSeed().networks[0]?.openidConnectInfo;

/** Every member of `openidConnectInfo` in the contract (the API model; see emulator/api-model.ts), in its order. */
const CONTRACT_OIDC_MEMBERS = [
  "applicationName",
  "clientId",
  "companyId",
  "scopes",
  "issuer",
  "clientSecret",
  "secret",
  "redirectUrl",
  "userId",
  "customUsername",
  "caCertificate",
  "applicationId",
  "ssoTokenBufferMinutes",
  "extraAuthParams",
];

function save(url: string, body: unknown, networkId = DEMO_NETWORK_ID, op = "save") {
  return signedFetch(url, {
    method: "POST",
    path: `/networks/${networkId}/oidc/${op}`,
    body: JSON.stringify(body),
  });
}

describe("emulator: GetOidcInfo", () => {
  it("serves the demo seed with every contract field", () =>
    withEmulator(async (emulator) => {
      const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID);
      assertOk(response);
      assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
      assert.deepEqual(Object.keys(response.json), ["openidConnectInfo"]);
      const info = response.json.openidConnectInfo as Record<string, unknown>;
      assert.deepEqual(Object.keys(info).sort(), [...CONTRACT_OIDC_MEMBERS].sort());
      assert.deepEqual(info, demoInfo);
      assert.equal(info.applicationId, 1);
      assert.equal(info.ssoTokenBufferMinutes, 5);
      const [entry] = emulator.log;
      assert.equal(entry?.operation, "GetOidcInfo");
      assert.equal(entry?.networkId, DEMO_NETWORK_ID);
      assert.equal(entry?.region, "us-east-1");
      assert.equal(entry?.tokenExchange, false);
    }));

  it("answers the empty triple for a network without OIDC", () =>
    withEmulator(async (emulator) => {
      emulator.addNetwork({ networkId: "87654321", openidConnectInfo: EMPTY_OIDC_INFO });
      const response = await getOidcInfo(emulator.url, "87654321");
      assertOk(response);
      assert.deepEqual(response.json, { openidConnectInfo: { companyId: "", issuer: "", scopes: "" } });
    }));

  it("answers 404 ResourceNotFoundError for an unknown or deleted network", () =>
    withEmulator(async (emulator) => {
      assertWireError(await getOidcInfo(emulator.url, "99999999"), 404, "ResourceNotFoundError", /99999999/);
      emulator.deleteNetwork(DEMO_NETWORK_ID);
      assertWireError(await getOidcInfo(emulator.url, DEMO_NETWORK_ID), 404, "ResourceNotFoundError");
      assert.equal(emulator.count("GetOidcInfo", { status: 404 }), 2);
    }));

  it("answers 422 ValidationError naming networkId when it is not 8 digits", () =>
    withEmulator(async (emulator) => {
      for (const bad of ["1234", "abcdefgh", "123456789", "1234 678"]) {
        const response = await getOidcInfo(emulator.url, bad);
        assertWireError(response, 422, "ValidationError");
        assert.deepEqual(response.json.reasons, [
          { field: "networkId", reason: "must be exactly 8 digits (^[0-9]{8}$)" },
        ]);
      }
    }));

  it("closes keep-alive connections on close()", async () => {
    await withEmulator(async (emulator) => {
      const agent = new Agent({ keepAlive: true });
      const headers = await signHeaders(emulator.url, { path: `/networks/${DEMO_NETWORK_ID}/oidc` });
      const status = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          `${emulator.url}/networks/${DEMO_NETWORK_ID}/oidc`,
          { agent, headers },
          (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          },
        );
        req.on("error", reject).end();
      });
      assert.equal(status, 200);
      const [idle] = Object.values(agent.freeSockets).flat();
      assert.ok(idle && !idle.destroyed, "the agent keeps the connection open, idle");
      // An idle keep-alive connection stays open until the server's keepAliveTimeout (5 s by default)
      // fires: a close() that waited for it would wait on a timer while the event loop turns idly.
      const closedByServer = once(idle, "close");
      await withinTurns(emulator.close());
      await closedByServer;
      agent.destroy();
    });
  });
});

describe("emulator: RegisterOidcConfig", () => {
  it("merges the sent fields, keeps the others, ignores members it does not take", () =>
    withEmulator(async (emulator) => {
      const sent = {
        companyId: "new-co",
        issuer: "https://idp.example.com/v2",
        scopes: "openid",
        ssoTokenBufferMinutes: 10,
      };
      const response = await save(emulator.url, { ...sent, clientSecret: "must-be-ignored" });
      assertOk(response);
      const expected = { ...demoInfo, ...sent };
      assert.deepEqual(response.json, expected);
      assert.deepEqual(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo, expected);
      assert.deepEqual((await getOidcInfo(emulator.url, DEMO_NETWORK_ID)).json.openidConnectInfo, expected);
      assert.equal(emulator.count("RegisterOidcConfig", { networkId: DEMO_NETWORK_ID, status: 200 }), 1);
    }));

  it("answers 422 ValidationError with one reason per bad field", () =>
    withEmulator(async (emulator) => {
      const response = await save(emulator.url, { issuer: 5, ssoTokenBufferMinutes: 1.5, userId: "ok" });
      assertWireError(response, 422, "ValidationError");
      assert.deepEqual(response.json.reasons, [
        { field: "companyId", reason: "is required" },
        { field: "scopes", reason: "is required" },
        { field: "issuer", reason: "must be a string" },
        { field: "ssoTokenBufferMinutes", reason: "must be an integer" },
      ]);
      assert.deepEqual(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo, demoInfo, "nothing stored");
    }));

  it("answers 400 for a non-JSON body and 404 for an unknown network", () =>
    withEmulator(async (emulator) => {
      const path = `/networks/${DEMO_NETWORK_ID}/oidc/save`;
      assertWireError(
        await signedFetch(emulator.url, { method: "POST", path, body: "{nope" }),
        400,
        "BadRequestError",
      );
      const minimal = { companyId: "c", issuer: "https://i", scopes: "openid" };
      assertWireError(await save(emulator.url, minimal, "99999999"), 404, "ResourceNotFoundError");
    }));

  it("programmatic registerOidcConfig is what GetOidcInfo answers next (drift)", () =>
    withEmulator(async (emulator) => {
      emulator.registerOidcConfig(DEMO_NETWORK_ID, {
        scopes: "openid email",
        clientSecret: "rotated-NOT-REAL",
      });
      const info = (await getOidcInfo(emulator.url, DEMO_NETWORK_ID)).json.openidConnectInfo;
      assert.deepEqual(info, { ...demoInfo, scopes: "openid email", clientSecret: "rotated-NOT-REAL" });
      assert.throws(() => emulator.registerOidcConfig("99999999", { scopes: "x" }), /No network 99999999/);
    }));

  it("network() returns a copy the caller cannot use to change the emulator", () =>
    withEmulator(async (emulator) => {
      const copy = emulator.network(DEMO_NETWORK_ID);
      assert.ok(copy);
      copy.openidConnectInfo.issuer = "https://changed.example.com";
      assert.equal(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.issuer, demoInfo?.issuer);
      assert.equal(emulator.network("99999999"), undefined);
    }));

  it("RegisterOidcConfigTest answers the discovered endpoints and stores nothing", () =>
    withEmulator(async (emulator) => {
      const response = await save(
        emulator.url,
        { issuer: "https://idp.example.com/t/", scopes: "openid email" },
        DEMO_NETWORK_ID,
        "test",
      );
      assertOk(response);
      assert.equal(response.json.issuer, "https://idp.example.com/t");
      assert.equal(response.json.tokenEndpoint, "https://idp.example.com/t/protocol/openid-connect/token");
      assert.deepEqual(response.json.scopesSupported, ["openid", "email"]);
      assert.deepEqual(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo, demoInfo);
      assertWireError(
        await save(emulator.url, { scopes: "openid" }, DEMO_NETWORK_ID, "test"),
        422,
        "ValidationError",
      );
      assert.equal(emulator.count("RegisterOidcConfigTest"), 2);
    }));
});
