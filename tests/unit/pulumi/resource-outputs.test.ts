/** The outputs the provider stores: what buildOutputs writes, what tokensOf keeps, what counts as drift. */
import assert from "node:assert/strict";
import {
  buildOutputs,
  changedConfigFields,
  sameTokenRequest,
  tokensOf,
} from "../../../provider/pulumi/resource-outputs";
import type { GetOidcInfoResponse } from "../../../provider/wickr/api-types";

const CONFIG = {
  applicationName: "App",
  clientId: "client",
  companyId: "company",
  scopes: "openid",
  issuer: "https://idp.example",
  clientSecret: "client-secret-NOT-REAL",
  secret: "secret-NOT-REAL",
  redirectUrl: "https://app.example/cb",
  userId: "sub",
  customUsername: "name",
  caCertificate: "PEM",
  applicationId: 2,
  ssoTokenBufferMinutes: 7,
  extraAuthParams: "prompt=login",
};
const TOKENS = {
  codeVerifier: "verifier-NOT-REAL",
  codeChallenge: "challenge",
  accessToken: "access-NOT-REAL",
  idToken: "id-NOT-REAL",
  refreshToken: "refresh-NOT-REAL",
  tokenType: "Bearer",
  expiresIn: 3600,
};
const OLD_TOKENS = { accessToken: "old-access-NOT-REAL", refreshToken: "old-refresh-NOT-REAL" };

describe("buildOutputs", () => {
  it("puts every response field at top level with the settings, network id, region and drift list", () => {
    const outs = buildOutputs(
      {
        networkId: "12345678",
        endpoint: "https://wickr.example",
        timeoutMs: 5_000,
        retry: { maxAttempts: 2 },
      },
      "eu-west-1",
      { openidConnectInfo: CONFIG, tokenInfo: TOKENS },
      {},
      ["scopes"],
    );
    assert.deepEqual(outs, {
      ...CONFIG,
      ...TOKENS,
      endpoint: "https://wickr.example",
      timeoutMs: 5_000,
      retry: { maxAttempts: 2 },
      networkId: "12345678",
      region: "eu-west-1",
      driftedFields: ["scopes"],
    });
  });

  it("writes no undefined anywhere: unset settings and absent fields have no key", () => {
    const outs = buildOutputs(
      { networkId: "12345678", region: undefined, endpoint: undefined, tokenRequest: undefined },
      "us-east-1",
      { openidConnectInfo: { companyId: "c", scopes: "s", issuer: "i", clientSecret: undefined } },
    );
    assert.deepEqual(outs, {
      companyId: "c",
      scopes: "s",
      issuer: "i",
      networkId: "12345678",
      region: "us-east-1",
      driftedFields: [],
    });
  });

  it("the resolved region wins over the region input", () => {
    const outs = buildOutputs({ networkId: "12345678", region: "us-east-1" }, "us-gov-west-1", {});
    assert.equal(outs.region, "us-gov-west-1");
  });

  it("tokens: the response's replace the earlier ones; without tokenInfo the earlier ones stay", () => {
    const replaced = buildOutputs(
      { networkId: "12345678" },
      "r",
      { tokenInfo: { accessToken: "new" } },
      OLD_TOKENS,
    );
    assert.equal(replaced.accessToken, "new");
    assert.equal("refreshToken" in replaced, false, "no mix of old and new tokens");
    const kept = buildOutputs({ networkId: "12345678" }, "r", { openidConnectInfo: CONFIG }, OLD_TOKENS);
    assert.equal(kept.accessToken, "old-access-NOT-REAL");
    assert.equal(kept.refreshToken, "old-refresh-NOT-REAL");
  });

  it("stores the token request when given, and the secret settings' names only when there are some", () => {
    const request = { clientId: "c", code: "code-NOT-REAL" };
    const withBoth = buildOutputs(
      { networkId: "12345678", tokenRequest: request, secretConnectionSettings: ["endpoint"] },
      "r",
      {},
    );
    assert.deepEqual(withBoth.tokenRequest, request);
    assert.deepEqual(withBoth.secretConnectionSettings, ["endpoint"]);
    const withNone = buildOutputs({ networkId: "12345678", secretConnectionSettings: [] }, "r", {});
    assert.equal("secretConnectionSettings" in withNone, false);
    assert.equal("tokenRequest" in withNone, false);
  });

  it("copies the drift list rather than sharing it", () => {
    const drifted = ["issuer"];
    const outs = buildOutputs({ networkId: "12345678" }, "r", {}, {}, drifted);
    drifted.push("scopes");
    assert.deepEqual(outs.driftedFields, ["issuer"]);
  });
});

describe("tokensOf", () => {
  it("keeps the token fields that are set, nothing else", () => {
    const outputs = { ...CONFIG, ...OLD_TOKENS, idToken: undefined, networkId: "12345678", region: "r" };
    assert.deepEqual(tokensOf(outputs), OLD_TOKENS);
  });

  it("keeps all seven token fields", () => {
    assert.deepEqual(tokensOf({ ...TOKENS, ...CONFIG }), {
      codeVerifier: "verifier-NOT-REAL",
      codeChallenge: "challenge",
      accessToken: "access-NOT-REAL",
      idToken: "id-NOT-REAL",
      refreshToken: "refresh-NOT-REAL",
      tokenType: "Bearer",
      expiresIn: 3600,
    });
  });

  it("is empty without tokens", () => {
    assert.deepEqual(tokensOf({ ...CONFIG, networkId: "12345678" }), {});
  });
});

describe("changedConfigFields", () => {
  const stored = { ...CONFIG, networkId: "12345678", region: "r", driftedFields: [] };

  it("is empty when the network still has the stored settings (tokens aside)", () => {
    assert.deepEqual(changedConfigFields({ ...stored, ...TOKENS }, { openidConnectInfo: CONFIG }), []);
  });

  it("lists the changed fields in the order of the API's model", () => {
    const fresh = {
      openidConnectInfo: { ...CONFIG, extraAuthParams: "", secret: "rotated", applicationId: 3 },
    };
    assert.deepEqual(changedConfigFields(stored, fresh), ["secret", "applicationId", "extraAuthParams"]);
  });

  it("a field the network no longer has, or newly has, is a change", () => {
    const { caCertificate: _gone, ...withoutCa } = CONFIG;
    assert.deepEqual(changedConfigFields(stored, { openidConnectInfo: withoutCa }), ["caCertificate"]);
    const { userId: _missing, ...storedWithoutUserId } = stored;
    assert.deepEqual(changedConfigFields(storedWithoutUserId, { openidConnectInfo: CONFIG }), ["userId"]);
  });

  it("an absent field and an undefined one are the same", () => {
    const fresh: GetOidcInfoResponse = { openidConnectInfo: { ...CONFIG, customUsername: undefined } };
    const { customUsername: _absent, ...storedWithout } = stored;
    assert.deepEqual(changedConfigFields(storedWithout, fresh), []);
  });

  it("a response without settings changes every stored one", () => {
    assert.deepEqual(changedConfigFields({ scopes: "s", issuer: "i", networkId: "12345678" }, {}), [
      "scopes",
      "issuer",
    ]);
  });
});

describe("sameTokenRequest", () => {
  it("no request and an empty one are the same; undefined members do not count", () => {
    assert.equal(sameTokenRequest(undefined, {}), true);
    assert.equal(sameTokenRequest({ code: "a", url: undefined }, { code: "a" }), true);
  });

  it("any member that differs, appears or disappears makes another exchange", () => {
    assert.equal(sameTokenRequest({ code: "a" }, { code: "b" }), false);
    assert.equal(sameTokenRequest({ code: "a" }, { code: "a", certificate: "pem" }), false);
    assert.equal(sameTokenRequest({ code: "a", clientSecret: "s" }, { code: "a" }), false);
    assert.equal(sameTokenRequest({ code: "a" }, undefined), false);
  });
});
