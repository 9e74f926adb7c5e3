/**
 * The building blocks of input validation: how a value is described in a failure, rules for one value,
 * and the check of an object's members (unknown members included). Pure; no Pulumi or AWS imports, so
 * the client can use the same rules as `check`.
 */

/** A field-level problem with an argument, as Pulumi `check` failures want them. */
export interface InputFailure {
  property: string;
  reason: string;
}

/** How a check treats values it cannot judge or must not show. */
export interface CheckOptions {
  /**
   * True for a value the engine does not know yet (during preview, a value computed from another
   * resource). Such a value is not judged, nor is any check across fields that needs it. Default: none.
   */
  isUnknown?: (value: unknown) => boolean;
  /** Top-level settings whose values came from secrets: failures name their type, never their value. */
  secretFields?: readonly string[];
}

/**
 * A rule for one value that is present (not `undefined`; `null` is judged): the reason it is wrong,
 * naming `property` and the fix, or undefined when it is fine. `show` describes the value as the
 * failure may show it.
 */
export type ValueRule = (
  value: unknown,
  property: string,
  show: (value: unknown) => string,
) => string | undefined;

/** The value's kind, never its content: "a number", "an empty string", "null", … */
export function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (value === "") return "an empty string";
  const type = typeof value;
  return type === "object" || type === "undefined" ? `an ${type}` : `a ${type}`;
}

/** Like {@link typeOf}, but shows numbers, booleans and short strings: for values that are not secret. */
export function shown(value: unknown): string {
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (typeof value === "string" && value !== "" && value.length <= 40)
    return `the string ${JSON.stringify(value)}`;
  return typeOf(value);
}

/** True for a plain object (not null, not an array). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A number rule: `expected` completes "must be …"; `ok` is asked only for finite numbers. */
export function numberRule(expected: string, ok: (value: number) => boolean): ValueRule {
  return (value, property, show) =>
    typeof value === "number" && Number.isFinite(value) && ok(value)
      ? undefined
      : `${property} must be ${expected}, got ${show(value)}`;
}

/** Booleans must be booleans: the string "false" would otherwise be taken as true. */
export const booleanRule: ValueRule = (value, property, show) =>
  typeof value === "boolean" ? undefined : `${property} must be true or false, got ${show(value)}`;

/** A string whose content is not judged (and never shown). */
export const anyStringRule: ValueRule = (value, property) =>
  typeof value === "string" ? undefined : `${property} must be a string, got ${typeOf(value)}`;

/**
 * Problems with an object argument: not an object (`null` included), members it does not know, and
 * each known member by its rule. Unknown values (see {@link CheckOptions.isUnknown}) are skipped; a
 * member whose name is not known is reported even when its value is unknown.
 */
export function objectFailures(
  value: unknown,
  property: string,
  rules: Readonly<Record<string, ValueRule>>,
  example: string,
  options: CheckOptions & { show?: (value: unknown) => string } = {},
): InputFailure[] {
  const isUnknown = options.isUnknown ?? (() => false);
  if (value === undefined || isUnknown(value)) return [];
  if (!isRecord(value)) {
    return [{ property, reason: `${property} must be an object, e.g. ${example}, got ${typeOf(value)}` }];
  }
  const failures = unknownMemberFailures(value, Object.keys(rules), `${property}.`, "member");
  for (const [key, rule] of Object.entries(rules)) {
    const member = value[key];
    if (member === undefined || isUnknown(member)) continue;
    const reason = rule(member, `${property}.${key}`, options.show ?? shown);
    if (reason !== undefined) failures.push({ property: `${property}.${key}`, reason });
  }
  return failures;
}

/**
 * One failure per member of `value` that is set (not `undefined` or `null`) but not in `known` nor in
 * `accepted`, listing the known names and suggesting the closest one when it looks like a misspelling.
 */
export function unknownMemberFailures(
  value: Readonly<Record<string, unknown>>,
  known: readonly string[],
  prefix: string,
  noun: string,
  accepted: readonly string[] = [],
): InputFailure[] {
  const failures: InputFailure[] = [];
  for (const [key, member] of Object.entries(value)) {
    if (known.includes(key) || accepted.includes(key) || member === undefined || member === null) continue;
    const name = key.length <= 60 ? key : `${key.slice(0, 57)}…`;
    const closest = closestName(key, known);
    const hint = closest === undefined ? "" : ` (did you mean ${closest}?)`;
    failures.push({
      property: `${prefix}${name}`,
      reason: `${prefix}${name} is not a known ${noun}${hint}; known ${noun}s: ${known.join(", ")}`,
    });
  }
  return failures;
}

/**
 * The known name a misspelt `key` most likely meant: the same letters ignoring case, `_` and `-`, or
 * at most two edits away (fewer for short names). Undefined when none is that close.
 */
function closestName(key: string, known: readonly string[]): string | undefined {
  const normal = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");
  const wanted = normal(key);
  if (wanted.length > 100) return undefined;
  const limit = Math.min(2, Math.floor(wanted.length / 3));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const name of known) {
    const distance = editDistance(wanted, normal(name));
    if (distance < bestDistance) [best, bestDistance] = [name, distance];
  }
  return best;
}

/** Levenshtein distance. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      row.push(Math.min((previous[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, substitution));
    }
    previous = row;
  }
  return previous[b.length] ?? 0;
}
