/**
 * A response that copies a secret into a member stored in plain text is refused, whatever the encoding.
 */
import * as assert from "node:assert/strict";
import { refuseEchoedSecrets } from "../../provider/wickr/echo-guard";
import { MalformedResponseError } from "../../provider/wickr/errors";
import type { GetOidcInfoResponse } from "../../provider/wickr/api-types";

const SECRET = "s3cr3t !'()*+/=&%é";
const base = (): GetOidcInfoResponse => ({
  openidConnectInfo: {
    companyId: "acme",
    scopes: "openid",
    issuer: "https://idp.example",
    secret: "network-secret-value",
  },
});

describe("refuseEchoedSecrets", () => {
  it("passes a faithful response, secrets in their secret members included", () => {
    const response = base();
    response.openidConnectInfo!.clientSecret = SECRET;
    response.tokenInfo = { accessToken: SECRET, tokenType: "Bearer", expiresIn: 3600 };
    assert.doesNotThrow(() => refuseEchoedSecrets(response, [SECRET, undefined, "abc"]));
  });

  const encodings: [string, (s: string) => string][] = [
    ["as is", (s) => s],
    ["encodeURIComponent", encodeURIComponent],
    ["twice percent-encoded", (s) => encodeURIComponent(encodeURIComponent(s))],
    ["JSON-escaped", (s) => JSON.stringify(s).slice(1, -1).replace(/é/g, "\\u00e9")],
    ["form-encoded", (s) => new URLSearchParams({ x: s }).toString().slice(2)],
  ];
  for (const [label, encode] of encodings) {
    it(`refuses a request secret copied ${label} into issuer, naming the member, not the value`, () => {
      const response = base();
      response.openidConnectInfo!.issuer = `https://idp.example/?q=${encode(SECRET)}`;
      assert.throws(
        () => refuseEchoedSecrets(response, [SECRET]),
        (error: unknown) =>
          error instanceof MalformedResponseError &&
          /openidConnectInfo\.issuer holds a secret value/.test(error.message) &&
          !error.message.includes("s3cr3t"),
      );
    });
  }

  it("refuses the response's own secret copied into a plain member of either part", () => {
    const intoInfo = base();
    intoInfo.openidConnectInfo!.extraAuthParams = "prompt=login&s=network-secret-value";
    assert.throws(() => refuseEchoedSecrets(intoInfo, []), /openidConnectInfo\.extraAuthParams/);
    const intoTokens = base();
    intoTokens.tokenInfo = { idToken: "id-token-value", tokenType: "id-token-value" };
    assert.throws(() => refuseEchoedSecrets(intoTokens, []), /tokenInfo\.tokenType/);
  });

  it("does not look for values shorter than 4 characters (they would match ordinary words)", () => {
    const response = base();
    assert.doesNotThrow(() => refuseEchoedSecrets(response, ["idp", ""]));
  });
});
