/**
 * Taking a raw request apart without losing what was signed: the path stays percent-encoded (SigV4
 * signs it that way), the query is decoded the way `@smithy/querystring-parser` decodes it (`+` stays `+`).
 */
import type { IncomingMessage } from "node:http";

/** Decoded query; a repeated name becomes an array, as SigV4 canonicalises it. */
export type RawQuery = Record<string, string | string[]>;

/** Split `req.url` into its raw path and raw query string. */
export function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf("?");
  return q < 0 ? { path: url, rawQuery: "" } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // A malformed escape is kept as sent; the signature check will then fail on it.
  }
}

/** Parse a query string into decoded names and values. */
export function parseQuery(rawQuery: string): RawQuery {
  const query: RawQuery = {};
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const eq = pair.indexOf("=");
    const name = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? "" : decode(pair.slice(eq + 1));
    const previous = query[name];
    query[name] =
      previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return query;
}

/** The first value of each name: the API's members are single-valued. */
export function firstValues(query: RawQuery): Record<string, string> {
  return Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? (v[0] ?? "") : v]));
}

/** True for an `application/x-www-form-urlencoded` body (the STS query protocol). */
export function isFormEncoded(req: IncomingMessage): boolean {
  return (req.headers["content-type"] ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");
}

/** The body as a flat object for the log (JSON object or form fields), before redaction. */
export function bodyForLog(
  body: Buffer,
  form: URLSearchParams | undefined,
): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  if (form) return Object.fromEntries(form);
  try {
    const json: unknown = JSON.parse(body.toString("utf8"));
    if (typeof json === "object" && json !== null && !Array.isArray(json))
      return json as Record<string, unknown>;
  } catch {
    // Not JSON: fall through to the size-only description, which cannot leak anything.
  }
  return { unparsedBytes: body.length };
}
