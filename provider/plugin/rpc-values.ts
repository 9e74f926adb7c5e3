/**
 * Property values as the engine sends them to a provider that accepts secrets, and as it must get
 * them back: a secret is `{ [SIG_KEY]: SECRET_SIG, value }`, a value not known during preview is the
 * `UNKNOWN` string (pulumi/pulumi sdk/go/common/resource/plugin/rpc.go).
 */

/** The key of the signature of a special value. */
export const SIG_KEY = "4dabf18193072939515e22adb298388d";
/** The signature of a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A value not known during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG
  );
}

/** `value` with every secret wrapper removed, at any depth. */
export function unwrapSecrets(value: unknown): unknown {
  if (isSecret(value)) return unwrapSecrets(value.value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

/** Whether `value` is a secret or holds one. */
export function holdsSecret(value: unknown): boolean {
  if (isSecret(value)) return true;
  if (Array.isArray(value)) return value.some(holdsSecret);
  if (typeof value === "object" && value !== null) return Object.values(value).some(holdsSecret);
  return false;
}

/** The names of the top-level properties of `record` that are or hold secrets. */
export function secretKeys(record: Record<string, unknown>): string[] {
  return Object.keys(record).filter((key) => holdsSecret(record[key]));
}

/** `value` as a secret. */
export function secret(value: unknown): Record<string, unknown> {
  return { [SIG_KEY]: SECRET_SIG, value };
}

/** A copy of `record` with the properties named in `keys` made secrets (those that are set). */
export function withSecrets(
  record: Record<string, unknown>,
  keys: Iterable<string>,
): Record<string, unknown> {
  const out = { ...record };
  for (const key of keys) if (out[key] !== undefined && !isSecret(out[key])) out[key] = secret(out[key]);
  return out;
}

/** A copy without `undefined` anywhere (a protobuf Struct cannot hold it). */
export function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined);
  if (typeof value === "object" && value !== null)
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, withoutUndefined(v)]),
    );
  return value;
}
