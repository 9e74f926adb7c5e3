/**
 * Typed readers for untrusted seed JSON. Each failure names the exact field (`networks[0].networkId`),
 * because a seed is hand-written and "invalid seed" alone sends the reader hunting.
 */

/** A seed that does not have the documented shape. `field` is the path of the first bad field. */
export class SeedError extends Error {
  override readonly name = "SeedError";
  /** Path of the offending field, e.g. `networks[0].openidConnectInfo.applicationId`. */
  readonly field: string;

  constructor(field: string, problem: string, options?: { cause?: unknown }) {
    super(`Invalid seed: ${field || "(root)"}: ${problem}`, options);
    this.field = field;
  }
}

/** A JSON object whose keys have been checked against a list of known names. */
export type JsonObject = Record<string, unknown>;

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string"
    ? `the string ${JSON.stringify(value)}`
    : `${typeof value} ${String(value)}`;
}

/** Read an object, rejecting unknown keys (a typo like `openIdConnectInfo` must not pass silently). */
export function readObject(value: unknown, path: string, known: readonly string[]): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SeedError(path, `expected an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!known.includes(key)) {
      throw new SeedError(join(path, key), `unknown field (expected one of: ${known.join(", ")})`);
    }
  }
  return value as JsonObject;
}

/** Read an array member; missing is an error only when `required`. */
export function readArray(obj: JsonObject, key: string, path: string, required: boolean): unknown[] {
  const value = obj[key];
  if (value === undefined && !required) return [];
  if (!Array.isArray(value))
    throw new SeedError(join(path, key), `expected an array, got ${describe(value)}`);
  return value;
}

/** Options of {@link readString}. */
export interface StringRule {
  required?: boolean;
  pattern?: RegExp;
  /** How to describe `pattern` in the error. */
  expected?: string;
}

/** Read a string member. */
export function readString(
  obj: JsonObject,
  key: string,
  path: string,
  rule: StringRule = {},
): string | undefined {
  const value = obj[key];
  const field = join(path, key);
  if (value === undefined) {
    if (rule.required) throw new SeedError(field, "is required");
    return undefined;
  }
  if (typeof value !== "string") throw new SeedError(field, `expected a string, got ${describe(value)}`);
  if (rule.pattern && !rule.pattern.test(value)) {
    throw new SeedError(field, `expected ${rule.expected ?? String(rule.pattern)}, got ${describe(value)}`);
  }
  return value;
}

/** Read a required string member. */
export function requireString(obj: JsonObject, key: string, path: string, rule: StringRule = {}): string {
  return readString(obj, key, path, { ...rule, required: true }) as string;
}

/** Read an optional integer member within `[min, max]`. */
export function readInteger(
  obj: JsonObject,
  key: string,
  path: string,
  min: number,
  max: number,
): number | undefined {
  const value = obj[key];
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
    throw new SeedError(join(path, key), `expected an integer from ${min} to ${max}, got ${describe(value)}`);
  }
  return value;
}

/** Read an optional array of strings. */
export function readStringArray(obj: JsonObject, key: string, path: string): string[] | undefined {
  if (obj[key] === undefined) return undefined;
  return readArray(obj, key, path, true).map((item, i) => {
    if (typeof item !== "string") {
      throw new SeedError(`${join(path, key)}[${i}]`, `expected a string, got ${describe(item)}`);
    }
    return item;
  });
}

/** Read an optional ISO 8601 timestamp, kept as given. */
export function readTimestamp(obj: JsonObject, key: string, path: string): string | undefined {
  const value = readString(obj, key, path);
  if (value !== undefined && Number.isNaN(Date.parse(value))) {
    throw new SeedError(join(path, key), `expected an ISO 8601 timestamp, got ${describe(value)}`);
  }
  return value;
}

/** `path.key`, or `key` at the root. */
export function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
