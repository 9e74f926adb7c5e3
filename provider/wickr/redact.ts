import { escapeUri } from "@smithy/core/protocols";
import { REDACTED, isSensitiveField } from "./sensitive-fields";

/** Values shorter than this are not scrubbed: redacting them would mangle ordinary words. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every literal way one character of a secret can be written on the wire or in an echo of it: as is,
 * in the percent forms of the encoders that put secrets on the wire (`escapeUri` is what the SigV4
 * signer and `NodeHttpHandler`'s `buildQueryString` use for query values; `encodeURIComponent` what
 * most servers and proxies use to echo), form encoding (`+` for a space), JSON and JavaScript string
 * escapes (short and `\uXXXX`, either case), and HTML entities. Percent forms of any case, and
 * percent-encoded twice, are matched by {@link percentPattern} on top of these.
 */
function characterForms(char: string): string[] {
  const forms = new Set<string>([char, escapeUri(char), encodeURIComponent(char)]);
  if (char === " ") forms.add("+");
  forms.add(JSON.stringify(char).slice(1, -1));
  // JSON and JavaScript may escape any UTF-16 code unit as \uXXXX (astral characters as a pair).
  const units = [...Array(char.length).keys()].map((i) => char.charCodeAt(i).toString(16).padStart(4, "0"));
  forms.add(units.map((u) => `\\u${u}`).join("")).add(units.map((u) => `\\u${u.toUpperCase()}`).join(""));
  for (const entity of HTML_ENTITIES[char] ?? []) forms.add(entity);
  const code = char.codePointAt(0) ?? 0;
  forms.add(`&#${code};`).add(`&#x${code.toString(16)};`);
  return [...forms];
}

/**
 * The character's UTF-8 bytes percent-encoded, whether or not an encoder would have encoded it (an
 * over-eager proxy may encode anything), hex digits in either case, each byte optionally encoded
 * twice (`%2541` for `A`).
 */
function percentPattern(char: string): string {
  return [...Buffer.from(char, "utf8")]
    .map((byte) => {
      const hex = byte.toString(16).toUpperCase().padStart(2, "0");
      const digits = [...hex].map((d) => (/[A-F]/.test(d) ? `[${d}${d.toLowerCase()}]` : d)).join("");
      return `%(?:25)?${digits}`;
    })
    .join("");
}

const HTML_ENTITIES: Readonly<Record<string, readonly string[]>> = {
  "&": ["&amp;"],
  "<": ["&lt;"],
  ">": ["&gt;"],
  '"': ["&quot;"],
  "'": ["&apos;", "&#39;"],
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");

/**
 * A pattern that matches `secret` in any of its encodings, even mixed within one occurrence (a proxy
 * that decodes some characters and not others). Built per code point, so it follows the encoders.
 */
export function secretPattern(secret: string): RegExp {
  const parts = [...secret].map((char) => {
    const forms = characterForms(char).sort((a, b) => b.length - a.length);
    return `(?:${[percentPattern(char), ...forms.map(escapeRegExp)].join("|")})`;
  });
  return new RegExp(parts.join(""), "g");
}

/**
 * Replaces every occurrence of the given secret values in `text`, in every encoding a secret can take
 * on the wire or in an echo (see {@link secretPattern}). Used as a last pass over any message built
 * from service output, so a value the service (or a proxy) echoes back is never shown.
 * Values shorter than 4 characters are skipped: redacting them would mangle ordinary words.
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  const values = [
    ...new Set(
      [...secrets].filter((s): s is string => typeof s === "string" && s.length >= MIN_SECRET_LENGTH),
    ),
  ];
  // Longest first, so a secret that contains another is replaced whole.
  values.sort((a, b) => b.length - a.length);
  let out = text;
  for (const value of values) out = out.replace(secretPattern(value), REDACTED);
  return out;
}

/** A copy of a flat record with the values of sensitive fields replaced by {@link REDACTED}. */
export function redactFields<T extends object>(record: T): { [K in keyof T]: T[K] | typeof REDACTED } {
  return Object.fromEntries(
    Object.entries(record).map(([k, v]) => [k, v !== undefined && isSensitiveField(k) ? REDACTED : v]),
  ) as { [K in keyof T]: T[K] | typeof REDACTED };
}

/** A URL without its query string or fragment: the only form of a URL that may be logged or thrown. */
export function urlWithoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut >= 0 ? url.slice(0, cut) : url;
}
