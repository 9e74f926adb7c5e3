import { canonicalize } from "./canonical-text";
import { secretForms } from "./secret-forms";
import { REDACTED, isSensitiveField } from "./sensitive-fields";

/**
 * Finds a set of secret values in a text, in every encoding a secret can take on the wire or in an echo
 * of it: any mix of percent-encoding (either case, or twice), form encoding, JSON and JavaScript escapes
 * and HTML entities; the secret upper- or lower-cased; and hex or base64 (standard or URL-safe, at any
 * byte alignment) of the secret as is or as it is written in a URL, a form or JSON. Build one for a set
 * of secrets and use it on every text that could hold them.
 *
 * Linear in the text's length: the text is decoded once into canonical bytes (`canonical-text.ts`) and
 * each form is found by byte search. Values shorter than 4 characters are not looked for: redacting them
 * would mangle ordinary words.
 */
export class SecretMatcher {
  private readonly forms: Buffer[];

  constructor(secrets: Iterable<string | undefined>) {
    const values = new Set([...secrets].filter((s): s is string => typeof s === "string"));
    this.forms = [...values].flatMap(secretForms);
  }

  /** True when there is nothing to look for. */
  get empty(): boolean {
    return this.forms.length === 0;
  }

  /** True when `text` holds one of the secrets, in any encoding. */
  test(text: string): boolean {
    if (this.empty) return false;
    const { bytes } = canonicalize(text);
    return this.forms.some((form) => bytes.includes(form));
  }

  /** `text` with every occurrence of the secrets, in any encoding, replaced by {@link REDACTED}. */
  scrub(text: string): string {
    if (this.empty) return text;
    const { bytes, sources } = canonicalize(text);
    const spans: [number, number][] = [];
    for (const form of this.forms) {
      for (let at = bytes.indexOf(form); at >= 0; at = bytes.indexOf(form, at + 1)) {
        spans.push([sources[at] ?? 0, sourceEnd(sources, at + form.length - 1)]);
      }
    }
    if (spans.length === 0) return text;
    // Overlapping finds (a secret inside another, two encodings of one) are cut out as one.
    spans.sort((a, b) => a[0] - b[0]);
    let out = "";
    let kept = 0;
    for (let k = 0; k < spans.length;) {
      const [start] = spans[k] as [number, number];
      let end = (spans[k] as [number, number])[1];
      for (k++; k < spans.length && (spans[k] as [number, number])[0] <= end; k++)
        end = Math.max(end, (spans[k] as [number, number])[1]);
      out += text.slice(kept, start) + REDACTED;
      kept = end;
    }
    return out + text.slice(kept);
  }
}

/** Where in the text the source of canonical byte `k` ends (a source may give several bytes). */
function sourceEnd(sources: Int32Array, k: number): number {
  const start = sources[k] ?? 0;
  let next = k + 1;
  while ((sources[next] ?? Infinity) === start) next++;
  return sources[next] ?? start + 1;
}

/**
 * Replaces every occurrence of the given secret values in `text`, in every encoding a secret can take
 * (see {@link SecretMatcher}). Used as a last pass over any message built from service output, so a value
 * the service (or a proxy) echoes back is never shown. Values shorter than 4 characters are skipped.
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  return new SecretMatcher(secrets).scrub(text);
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
