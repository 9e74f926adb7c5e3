/**
 * The layout's rules, checked on the source: which part may import which. A reader can then trust the
 * folder names — the API client and the retry core work without Pulumi, and the package never loads
 * the emulator.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs";
import * as path from "node:path";

const ROOT = path.resolve(__dirname, "..", "..");

function sourcesUnder(dir: string): string[] {
  return fs
    .readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f));
}

/** Every module specifier a file imports, requires or dynamically imports, with its line. */
function importsOf(file: string): { spec: string; line: number }[] {
  const lines = fs.readFileSync(path.join(ROOT, file), "utf8").split("\n");
  const found: { spec: string; line: number }[] = [];
  lines.forEach((text, i) => {
    for (const m of text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)["']([^"']+)["']/g)) {
      if (m[1]) found.push({ spec: m[1], line: i + 1 });
    }
  });
  return found;
}

/** Where a relative specifier lands, relative to the repository root; bare specifiers as they are. */
function target(file: string, spec: string): string {
  return spec.startsWith(".") ? path.relative(ROOT, path.resolve(ROOT, path.dirname(file), spec)) : spec;
}

function violations(dir: string, forbidden: (target: string) => boolean): string[] {
  return sourcesUnder(dir).flatMap((file) =>
    importsOf(file)
      .filter(({ spec }) => forbidden(target(file, spec)))
      .map(({ spec, line }) => `${file}:${line} imports ${spec}`),
  );
}

describe("layout", () => {
  it("has the parts a reader looks for", () => {
    for (const dir of [
      "provider/wickr",
      "provider/retry",
      "provider/pulumi",
      "provider/util",
      "emulator",
      "emulator/test",
    ]) {
      assert.ok(fs.statSync(path.join(ROOT, dir)).isDirectory(), `${dir} exists`);
    }
    // The published entry points: the library, and the subpath every existing stack's state names.
    assert.ok(fs.existsSync(path.join(ROOT, "provider", "index.ts")));
    assert.ok(fs.existsSync(path.join(ROOT, "provider", "provider-host.ts")));
  });

  it("only provider/pulumi imports @pulumi/pulumi", () => {
    const pulumi = (t: string) => t === "@pulumi/pulumi" || t.startsWith("@pulumi/pulumi/");
    assert.deepEqual(
      ["provider/wickr", "provider/retry", "provider/util"].flatMap((d) => violations(d, pulumi)),
      [],
    );
  });

  it("the client and the retry core never reach into the Pulumi part", () => {
    const intoPulumi = (t: string) => t.startsWith("provider/pulumi");
    assert.deepEqual(
      ["provider/wickr", "provider/retry", "provider/util"].flatMap((d) => violations(d, intoPulumi)),
      [],
    );
  });

  it("provider/util depends on nothing local", () => {
    assert.deepEqual(
      violations("provider/util", (t) => t.startsWith("provider/")),
      [],
    );
  });

  it("nothing under provider/ loads the emulator or test code", () => {
    const outside = (t: string) => t.startsWith("emulator") || t.startsWith("tests") || t.startsWith("..");
    assert.deepEqual(violations("provider", outside), []);
  });

  it("the layout test itself sees imports (a forbidden import is found)", () => {
    // Guards the checks above against a parser that silently finds nothing.
    const found = importsOf("provider/pulumi/resource.ts").map(({ spec }) => spec);
    assert.ok(found.includes("@pulumi/pulumi"), `resource.ts imports @pulumi/pulumi: ${found.join(", ")}`);
    assert.deepEqual(violations("provider/pulumi", (t) => t === "@pulumi/pulumi").length > 0, true);
  });
});
