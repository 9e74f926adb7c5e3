import { REDACTED, isSensitiveField } from "./sensitive";

/**
 * Replaces every occurrence of the given secret values in `text`. Used as a last pass over any
 * message built from service output, so a value the service echoes back is never shown.
 * Values shorter than 4 characters are skipped: redacting them would mangle ordinary words.
 */
export function scrubSecrets(text: string, secrets: Iterable<string | undefined>): string {
  let out = text;
  const values = [
    ...new Set([...secrets].filter((s): s is string => typeof s === "string" && s.length >= 4)),
  ];
  // Longest first, so a secret that contains another is replaced whole.
  values.sort((a, b) => b.length - a.length);
  for (const value of values) out = out.split(value).join(REDACTED);
  for (const value of values) {
    const encoded = encodeURIComponent(value);
    if (encoded !== value) out = out.split(encoded).join(REDACTED);
  }
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
