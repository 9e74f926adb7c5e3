/** A shallow copy without the keys whose value is `undefined` (so spreading it never unsets a default). */
export function definedOnly<T extends object>(value: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(value ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The members of `source` named in `fields` whose value is not `undefined`. */
export function pickDefined<T extends object, K extends keyof T>(
  source: Readonly<Partial<T>>,
  fields: readonly K[],
): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const field of fields) if (source[field] !== undefined) out[field] = source[field];
  return out;
}
