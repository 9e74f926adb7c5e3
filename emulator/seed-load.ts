/**
 * Loading and validating seeds. The same checks run on a JSON file (`loadSeed`) and on a seed passed
 * in code (`startEmulator` calls `validateSeed`), so a test cannot start an emulator a file could not.
 */
import { readFileSync } from "node:fs";
import { type JsonObject, SeedError, readArray, readObject } from "./seed-fields";
import {
  CODE_KEYS,
  CREDENTIAL_KEYS,
  NETWORK_KEYS,
  ROLE_KEYS,
  readCode,
  readCredentials,
  readNetwork,
  readRole,
} from "./seed-items";
import type { Seed } from "./seed";

/** Read `obj[key]` as an array of objects with `known` keys, each read by `read`. */
function readList<T>(
  obj: JsonObject,
  key: string,
  required: boolean,
  known: readonly string[],
  read: (item: JsonObject, path: string) => T,
): T[] {
  return readArray(obj, key, "", required).map((item, i) =>
    read(readObject(item, `${key}[${i}]`, known), `${key}[${i}]`),
  );
}

function rejectDuplicates<T>(items: T[], list: string, keyOf: (item: T) => string, field: string): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key)) throw new SeedError(`${list}[${i}].${field}`, "duplicate");
    seen.add(key);
  });
}

/**
 * Check that `value` is a {@link Seed} and return a clean copy.
 *
 * @throws {@link SeedError} naming the first bad field.
 */
export function validateSeed(value: unknown): Seed {
  // `$schema` lets an editor check and complete a seed file against seed.schema.json.
  const root = readObject(value, "", ["$schema", "credentials", "roles", "networks", "authorizationCodes"]);
  const credentials = readList(root, "credentials", true, CREDENTIAL_KEYS, readCredentials);
  const roles = readList(root, "roles", false, ROLE_KEYS, readRole);
  const networks = readList(root, "networks", true, NETWORK_KEYS, readNetwork);
  const codes = readList(root, "authorizationCodes", false, CODE_KEYS, readCode);
  rejectDuplicates(credentials, "credentials", (c) => c.accessKeyId, "accessKeyId");
  rejectDuplicates(roles, "roles", (r) => r.arn, "arn");
  rejectDuplicates(networks, "networks", (n) => n.networkId, "networkId");
  rejectDuplicates(codes, "authorizationCodes", (c) => `${c.networkId}/${c.code}`, "code");
  codes.forEach((c, i) => {
    if (!networks.some((n) => n.networkId === c.networkId)) {
      throw new SeedError(`authorizationCodes[${i}].networkId`, `no network ${c.networkId} in networks`);
    }
  });
  return { credentials, roles, networks, authorizationCodes: codes };
}

/**
 * Read and validate a JSON seed file.
 *
 * @throws {@link SeedError} when the file cannot be read, is not JSON, or has a bad field.
 */
export function loadSeed(file: string): Seed {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new SeedError(file, "cannot read the file", { cause });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new SeedError(file, `not valid JSON (${(cause as Error).message})`, { cause });
  }
  return validateSeed(json);
}
