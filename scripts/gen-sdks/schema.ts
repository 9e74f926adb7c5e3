/**
 * Prints the provider plugin's package schema (provider/plugin/schema.ts) for this package's version
 * as stable JSON: two-space indentation, keys in the order the schema builds them, one final newline.
 * `scripts/gen-sdks/run.sh` writes it to sdk/schema.json and generates the SDKs from it.
 *
 *   ts-node --transpile-only scripts/gen-sdks/schema.ts [output file]   (stdout when none is given)
 */
import { readFileSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { buildSchema } from "../../provider/plugin/schema";

/** The repository's package.json version: the one the plugin reports (`packageVersionFrom`). */
export function packageVersion(): string {
  const manifest = JSON.parse(readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as {
    version?: unknown;
  };
  if (typeof manifest.version !== "string" || manifest.version === "")
    throw new Error("package.json has no version");
  return manifest.version;
}

/** The schema's text, exactly as sdk/schema.json holds it. */
export function schemaText(version: string = packageVersion()): string {
  return `${JSON.stringify(buildSchema(version), null, 2)}\n`;
}

if (require.main === module) {
  const [output] = process.argv.slice(2);
  if (output === undefined) process.stdout.write(schemaText());
  else writeFileSync(output, schemaText());
}
