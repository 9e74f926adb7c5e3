import assert from "node:assert/strict";
import { buildQueryString, escapeUri } from "@smithy/core/protocols";
import { scrubSecrets } from "../../provider/wickr/redact";
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

  it("a mix of encodings within one occurrence is found", () => {
    // A proxy that decoded some characters and not others.
    const scrub = (text: string) => scrubSecrets(text, ["a b!c/d"]);
    assert.equal(scrub("x a+b%21c%2Fd y"), "x [REDACTED] y");
    assert.equal(scrub("x a%20b!c/d y"), "x [REDACTED] y");
    assert.equal(scrub("x a b?c/d y"), "x a b?c/d y");
  });
});

/**
 * Encodings of bytes: an endpoint or proxy that answers with base64 of the request line, or hex of a
 * value, or a copy of the secret in upper case. Each expected text is written out or computed here with
 * the standard library, never with the code under test.
 */
describe("scrubSecrets in byte encodings (base64, hex) and case-folded copies", () => {
  const code = "Code!'()* ~+/=&%é-0f1e2d";
  const scrub = (text: string) => scrubSecrets(text, [code]);
  /** base64 of `prefix` + `value` + `suffix`: the value at every alignment the prefix gives it. */
  const base64Of = (prefix: string, value: string, suffix = "|tail") =>
    Buffer.from(`${prefix}${value}${suffix}`, "utf8").toString("base64");
  const urlSafe = (base64: string) => base64.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");

  /** True when some run of 8 characters of the encoded value is still in `scrubbed`. */
  const leaks = (scrubbed: string, encoded: string): boolean => {
    for (let i = 0; i + 8 <= encoded.length; i++) if (scrubbed.includes(encoded.slice(i, i + 8))) return true;
    return false;
  };

  for (const prefix of ["", "G", "GE", "GET /networks/12345678/oidc?code="]) {
    it(`base64 (standard and URL-safe) with ${prefix.length} byte(s) before the secret`, () => {
      const standard = base64Of(prefix, code);
      const message = `upstream said: ${standard} (rejected)`;
      const scrubbed = scrub(message);
      assert.match(scrubbed, /\[REDACTED\]/);
      assert.ok(!leaks(scrubbed, Buffer.from(code, "utf8").toString("base64").slice(2, -2)), scrubbed);
      assert.ok(scrubbed.startsWith("upstream said: ") && scrubbed.endsWith(" (rejected)"));
      const safe = scrub(`x=${urlSafe(standard)};`);
      assert.match(safe, /\[REDACTED\]/, safe);
    });
  }

  it("base64 of the request line as the serializer puts it on the wire (the code percent-encoded)", () => {
    const request = serializeGetOidcInfo(ENDPOINT, { networkId: "12345678", clientId: "cid", code });
    const line = `GET ${request.path}?${buildQueryString(request.query)} HTTP/1.1`;
    for (const shift of ["", "a", "ab"]) {
      const encoded = Buffer.from(shift + line, "utf8").toString("base64");
      const scrubbed = scrub(`echo: ${encoded}`);
      const wire = Buffer.from(escapeUri(code), "utf8").toString("base64").slice(2, -2);
      assert.match(scrubbed, /\[REDACTED\]/, `shift ${shift.length}`);
      assert.ok(!leaks(scrubbed, wire), `shift ${shift.length}: ${scrubbed}`);
    }
  });

  it("hex of the secret, lower and upper case, and hex of its percent-encoded form", () => {
    const hex = Buffer.from(code, "utf8").toString("hex");
    assert.equal(scrub(`hex ${hex} end`), "hex [REDACTED] end");
    assert.equal(scrub(`HEX ${hex.toUpperCase()} END`), "HEX [REDACTED] END");
    const wireHex = Buffer.from(encodeURIComponent(code), "utf8").toString("hex");
    assert.equal(scrub(`wire=${wireHex}`), "wire=[REDACTED]");
  });

  it("the secret upper-cased, lower-cased, and upper-cased after percent-encoding", () => {
    assert.equal(scrub(`A ${code.toUpperCase()} B`), "A [REDACTED] B");
    assert.equal(scrub(`A ${code.toLowerCase()} B`), "A [REDACTED] B");
    assert.equal(scrub(`A ${encodeURIComponent(code).toUpperCase()} B`), "A [REDACTED] B");
  });

  it("base64 inside JSON with escaped slashes, and percent-encoded base64", () => {
    const encoded = base64Of("xy", code);
    const scrubbed = scrub(JSON.stringify({ echo: encoded }).replace(/\//g, "\\/"));
    assert.match(scrubbed, /\[REDACTED\]/);
    assert.match(scrub(`q=${encodeURIComponent(encoded)}`), /\[REDACTED\]/);
  });

  it("does not redact base64 or hex of other values", () => {
    const other = Buffer.from("an ordinary request line that holds no secret at all", "utf8");
    const text = `b64 ${other.toString("base64")} hex ${other.toString("hex")}`;
    assert.equal(scrub(text), text);
  });

  it("a secret of 4 to 5 characters is scrubbed raw; its base64 is too short to look for", () => {
    assert.equal(scrubSecrets("pin=ab12;", ["ab12"]), "pin=[REDACTED];");
    const text = `b64=${Buffer.from("ab12").toString("base64")}`;
    assert.equal(scrubSecrets(text, ["ab12"]), text);
  });
});

describe("scrubSecrets on long and adversarial texts", () => {
  it("a 1 MB message with the secret at both ends, base64 in the middle: all three cut, the rest kept", () => {
    const secret = "s3cret-value-0123456789abcdef";
    const filler = "x".repeat(512 * 1024);
    const middle = Buffer.from(`code=${secret}`).toString("base64");
    const text = `${secret}${filler}${middle}${filler}${secret.toUpperCase()}`;
    const scrubbed = scrubSecrets(text, [secret]);
    assert.equal(scrubbed.split("[REDACTED]").length - 1, 3);
    assert.ok(scrubbed.startsWith(`[REDACTED]${filler}`));
    assert.ok(scrubbed.endsWith(`${filler}[REDACTED]`));
  });

  it("runs of escape starters with nothing after them (%, \\\\, &) are kept as they are", () => {
    const text = `${"%".repeat(10_000)}${"\\".repeat(10_000)}${"&".repeat(10_000)}&#;&#x;&amp`;
    assert.equal(scrubSecrets(text, ["some-secret"]), text);
  });
});
