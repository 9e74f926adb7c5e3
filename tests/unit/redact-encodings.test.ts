import assert from "node:assert/strict";
import { buildQueryString, escapeUri } from "@smithy/core/protocols";
import { scrubSecrets, secretPattern } from "../../provider/wickr/redact";
import { serializeGetOidcInfo } from "../../provider/wickr/serialize-request";

/**
 * Secrets made of each character class the encoders treat differently. The sub-delims `!'()*` are
 * the interesting ones: `encodeURIComponent` leaves them, smithy's `escapeUri` (the signer and
 * `NodeHttpHandler`) writes them as %21 %27 %28 %29 %2A.
 */
const SECRETS: Record<string, string> = {
  "unreserved letters, digits and -._~": "Az09-._~zZ",
  "sub-delims !'()*": "ab!'()*cd",
  space: "pass word here",
  plus: "a+b+c+d",
  slash: "a/b/c/d",
  percent: "50%off%20x",
  "& = ? #": "a&b=c?d#e",
  'double quote "': 'say "hi" now',
  backslash: "C:\\dir\\file",
  "< >": "<tag>x</tag>",
  "non-ASCII é": "caf\u00e9-secret",
  "astral 😀": "smile\u{1F600}face",
  "control characters \\n \\t \\u0001": "line1\nline2\tx\u0001y",
  "all of them at once": "!'()* +/%\u00e9\u{1F600}&=?#\"\\<>\n\t\u0001-._~",
};

/** Percent-encoding with lower-case hex digits. */
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (m) => m.toLowerCase());
/** Every UTF-16 code unit outside ASCII as `\uXXXX` (Python's `json.dumps`, Java's Jackson with ASCII output). */
const asciiOnlyJson = (json: string) =>
  json.replace(/[^\x00-\x7f]/g, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
/** The entities an HTML template escapes with. */
const htmlEscape = (text: string) =>
  text
    .replace(/&/g, "&amp;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;");

const ENDPOINT = "https://admin.wickr.us-east-1.amazonaws.com";

describe("scrubSecrets in every encoding of every character class", () => {
  for (const [label, secret] of Object.entries(SECRETS)) {
    describe(`a secret with ${label}`, () => {
      const scrub = (text: string) => scrubSecrets(text, [secret]);

      it("raw", () => assert.equal(scrub(`before ${secret} after`), "before [REDACTED] after"));

      it("as the real serializer puts it on the wire (path?query of NodeHttpHandler)", () => {
        const request = serializeGetOidcInfo(ENDPOINT, {
          networkId: "12345678",
          clientId: "cid",
          clientSecret: secret,
        });
        const wire = `${request.path}?${buildQueryString(request.query)}`;
        assert.equal(scrub(wire), "/networks/12345678/oidc?clientId=cid&clientSecret=[REDACTED]");
      });

      it("as the SigV4 canonical query value (escapeUri)", () =>
        assert.equal(scrub(`X-Secret=${escapeUri(secret)}&x=1`), "X-Secret=[REDACTED]&x=1"));

      it("encodeURIComponent", () =>
        assert.equal(scrub(`?s=${encodeURIComponent(secret)}#top`), "?s=[REDACTED]#top"));

      it("encodeURIComponent applied twice", () =>
        assert.equal(scrub(`next=${encodeURIComponent(encodeURIComponent(secret))};`), "next=[REDACTED];"));

      it("percent-encoded with lower-case hex", () =>
        assert.equal(scrub(`s=${lowerHex(encodeURIComponent(secret))}.`), "s=[REDACTED]."));

      it("form encoding (URLSearchParams)", () =>
        assert.equal(
          scrub(new URLSearchParams({ clientSecret: secret, tail: "t" }).toString()),
          "clientSecret=[REDACTED]&tail=t",
        ));

      it("inside a JSON document (JSON.stringify)", () =>
        assert.equal(
          scrub(JSON.stringify({ message: "rejected " + secret, ok: false })),
          '{"message":"rejected [REDACTED]","ok":false}',
        ));

      it("inside a JSON document with every non-ASCII character as \\uXXXX", () =>
        assert.equal(
          scrub(asciiOnlyJson(JSON.stringify({ message: "rejected " + secret }))),
          '{"message":"rejected [REDACTED]"}',
        ));

      it("HTML-escaped (&amp; &quot; &#39; &lt; &gt;)", () =>
        assert.equal(scrub(`<p>${htmlEscape(secret)}</p>`), "<p>[REDACTED]</p>"));
    });
  }

  it("the sub-delims in each percent form, written out", () => {
    const secret = "ab!'()*cd";
    for (const form of [
      "ab%21%27%28%29%2Acd", // escapeUri
      "ab%21%27%28%29%2acd", // lower-case hex
      "ab%2521%2527%2528%2529%252Acd", // escapeUri, then encoded again
      "ab!'()*cd", // encodeURIComponent leaves them
      "ab!&#39;()*cd", // HTML
    ]) {
      assert.equal(scrubSecrets(`[${form}]`, [secret]), "[[REDACTED]]", form);
    }
  });

  it("non-ASCII and astral characters in each form, written out", () => {
    const secret = "caf\u00e9\u{1F600}";
    for (const form of [
      "caf%C3%A9%F0%9F%98%80",
      "caf%c3%a9%f0%9f%98%80",
      "caf%25C3%25A9%25F0%259F%2598%2580",
      "caf\\u00e9\\ud83d\\ude00",
      "caf\\u00E9\\uD83D\\uDE00",
    ]) {
      assert.equal(scrubSecrets(`<${form}>`, [secret]), "<[REDACTED]>", form);
    }
  });

  it("a space as + (form encoding), %20 (escapeUri) and raw", () => {
    for (const form of ["pass+word", "pass%20word", "pass word"]) {
      assert.equal(scrubSecrets(`x ${form} y`, ["pass word"]), "x [REDACTED] y", form);
    }
  });

  it("leaves secrets shorter than 4 characters alone", () => {
    const text = "abc is here, and so is a!b and %C3%A9x";
    assert.equal(scrubSecrets(text, ["abc", "a!b", "\u00e9x", ""]), text);
  });

  it("a secret that contains another is replaced whole, in whichever order they are given", () => {
    const text = "outer=xx-canary-inner-yy inner=canary-inner";
    const expected = "outer=[REDACTED] inner=[REDACTED]";
    assert.equal(scrubSecrets(text, ["canary-inner", "xx-canary-inner-yy"]), expected);
    assert.equal(scrubSecrets(text, ["xx-canary-inner-yy", "canary-inner"]), expected);
  });

  it("replaces every occurrence and keeps the text around them intact", () => {
    const text = 'start s3cr3t!val middle s3cr3t%21val end "s3cr3t!val"';
    assert.equal(
      scrubSecrets(text, ["s3cr3t!val", undefined]),
      'start [REDACTED] middle [REDACTED] end "[REDACTED]"',
    );
  });

  it("does not mangle ordinary words", () => {
    const text =
      "The password was wrong; see https://idp.example.com/a+b?x=1&y=%20 (café, cafe, hunter2, 100%)";
    assert.equal(scrubSecrets(text, ["hunter2!", "caf\u00e9s", "passw0rd"]), text);
  });

  it("secretPattern matches a mix of encodings within one occurrence", () => {
    // A proxy that decoded some characters and not others.
    const pattern = secretPattern("a b!c/d");
    assert.equal("x a+b%21c%2Fd y".replace(pattern, "#"), "x # y");
    assert.equal("x a%20b!c/d y".replace(pattern, "#"), "x # y");
    assert.equal("x a b?c/d y".replace(pattern, "#"), "x a b?c/d y");
  });
});
