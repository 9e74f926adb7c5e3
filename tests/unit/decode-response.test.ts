import assert from "node:assert/strict";
import { decodeGetOidcInfoResponse } from "../../provider/wickr/decode-response";
import { isWickrError, type WickrError } from "../../provider/wickr/errors";

const CANARY = "canary-wrong-type-value-9f3a";

/** The error `decodeGetOidcInfoResponse` throws for `body`; fails the test when it decodes. */
function decodeFailure(body: string): WickrError {
  try {
    decodeGetOidcInfoResponse(body);
  } catch (error) {
    assert.ok(isWickrError(error), `not a WickrError: ${String(error)}`);
    return error;
  }
  assert.fail(`expected ${body} to be rejected`);
}

const REQUIRED = { companyId: "acme", scopes: "openid email", issuer: "https://idp.example.com" };

describe("decodeGetOidcInfoResponse", () => {
  it("{} has no openidConnectInfo", () => {
    const error = decodeFailure("{}");
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /openidConnectInfo/);
  });

  it("an empty body has no openidConnectInfo", () => {
    const error = decodeFailure("");
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /openidConnectInfo/);
  });

  it("an error shape in a 2xx body is named as such", () => {
    const error = decodeFailure('{"__type":"AccessDeniedException","message":"x"}');
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /openidConnectInfo/);
    assert.match(error.message, /looks like an error: AccessDeniedException/);
  });

  it("an error shape with a namespaced code is named by its clean name", () => {
    const error = decodeFailure('{"code":"com.amazonaws.wickr#ForbiddenError"}');
    assert.match(error.message, /looks like an error: ForbiddenError\)/);
  });

  it('{"openidConnectInfo":null} has no openidConnectInfo', () => {
    const error = decodeFailure('{"openidConnectInfo":null}');
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /openidConnectInfo/);
  });

  it("openidConnectInfo that is not an object is rejected", () => {
    const error = decodeFailure('{"openidConnectInfo":"acme"}');
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /openidConnectInfo is not a JSON object/);
  });

  for (const member of ["companyId", "scopes", "issuer"]) {
    it(`a missing ${member} is named`, () => {
      const info: Record<string, string> = { ...REQUIRED };
      delete info[member];
      const error = decodeFailure(JSON.stringify({ openidConnectInfo: info }));
      assert.equal(error.name, "MalformedResponseError");
      assert.match(error.message, new RegExp(`required member ${member}$`));
    });
    it(`a null ${member} counts as missing`, () => {
      const error = decodeFailure(JSON.stringify({ openidConnectInfo: { ...REQUIRED, [member]: null } }));
      assert.match(error.message, new RegExp(`required member ${member}$`));
    });
  }

  it("names every missing required member", () => {
    const error = decodeFailure('{"openidConnectInfo":{"clientId":"c"}}');
    assert.match(error.message, /required members companyId, scopes, issuer$/);
  });

  it("accepts the three required members as empty strings, and invents nothing", () => {
    const result = decodeGetOidcInfoResponse(
      '{"openidConnectInfo":{"companyId":"","issuer":"","scopes":""}}',
    );
    assert.deepEqual(result, { openidConnectInfo: { companyId: "", issuer: "", scopes: "" } });
    assert.deepEqual(Object.keys(result), ["openidConnectInfo"]);
    assert.deepEqual(Object.keys(result.openidConnectInfo ?? {}).sort(), ["companyId", "issuer", "scopes"]);
  });

  it("keeps members that were sent, drops unknown ones and nulls", () => {
    const result = decodeGetOidcInfoResponse(
      JSON.stringify({
        openidConnectInfo: { ...REQUIRED, applicationId: 3, userId: null, futureMember: "x" },
        tokenInfo: { accessToken: "at", expiresIn: 3600, extra: true },
        extraTopLevel: 1,
      }),
    );
    assert.deepEqual(result, {
      openidConnectInfo: { ...REQUIRED, applicationId: 3 },
      tokenInfo: { accessToken: "at", expiresIn: 3600 },
    });
  });

  const wrongTypes: [string, unknown, string][] = [
    ["issuer", { nested: CANARY }, "openidConnectInfo.issuer should be a string"],
    ["clientSecret", [CANARY], "openidConnectInfo.clientSecret should be a string"],
    ["applicationId", CANARY, "openidConnectInfo.applicationId should be an integer"],
    ["ssoTokenBufferMinutes", 1.5, "openidConnectInfo.ssoTokenBufferMinutes should be an integer"],
  ];
  for (const [member, value, message] of wrongTypes) {
    it(`a wrong type of ${member} names the member and the type, never the value`, () => {
      const error = decodeFailure(JSON.stringify({ openidConnectInfo: { ...REQUIRED, [member]: value } }));
      assert.equal(error.name, "MalformedResponseError");
      assert.equal(error.message, message);
      assert.ok(!error.message.includes(CANARY), error.message);
      assert.ok(!(error.stack ?? "").includes(CANARY));
    });
  }

  it("a wrong type in tokenInfo names the member, never the value", () => {
    const error = decodeFailure(
      JSON.stringify({ openidConnectInfo: REQUIRED, tokenInfo: { expiresIn: CANARY } }),
    );
    assert.equal(error.message, "tokenInfo.expiresIn should be an integer");
  });

  it("a body that is not JSON says so, without the body", () => {
    const error = decodeFailure(`<html>${CANARY}</html>`);
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /not JSON/);
    assert.ok(!error.message.includes(CANARY));
  });

  it("a JSON array is not a JSON object", () => {
    const error = decodeFailure(JSON.stringify([{ openidConnectInfo: REQUIRED }]));
    assert.equal(error.name, "MalformedResponseError");
    assert.match(error.message, /not a JSON object/);
  });

  it("a JSON scalar is not a JSON object", () => {
    assert.match(decodeFailure('"openidConnectInfo"').message, /not a JSON object/);
    assert.match(decodeFailure("null").message, /not a JSON object/);
  });
});
