/**
 * scripts/check-imports.ts: an import of an undeclared package fails `npm test`, naming file and line.
 * Each case lays out a small project in a temporary folder and runs the checker on it.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { checkImports, main, moduleSpecifiers, packageNameOf } from "../../scripts/check-imports";

const ROOT = path.resolve(__dirname, "..", "..");

const MANIFEST = {
  name: "fixture-package",
  dependencies: { "@scope/runtime": "^1.0.0", "runtime-lib": "^1.0.0" },
  peerDependencies: { "peer-lib": "^1.0.0" },
  devDependencies: { "dev-lib": "^1.0.0", "@types/typed-only": "^1.0.0" },
};

/** A project with every root of the default rules, all imports declared. */
const CLEAN: Record<string, string> = {
  "package.json": JSON.stringify(MANIFEST),
  "tsconfig.build.json": JSON.stringify({ include: ["provider"] }),
  "provider/index.ts": [
    'import * as fs from "node:fs";',
    'import { join } from "path";',
    'import type { A } from "@scope/runtime/sub/path";',
    'import { local } from "./local";',
    'export { b } from "runtime-lib";',
    'const peer = require("peer-lib/deep");',
    'const self = require("fixture-package/provider-host");',
    'export const later = () => import("runtime-lib");',
    'export type T = typeof import("@scope/runtime");',
    '// require("in-a-comment") and \'import x from "in-a-string"\' are not imports',
    "export { fs, join, local, peer, self };",
    "export type { A };",
  ].join("\n"),
  "provider/local.ts": "export const local = 1;\n",
  "dist/index.d.ts":
    'import type { A } from "@scope/runtime";\nexport declare const x: import("peer-lib").X;\n',
  "tests/a.test.ts": 'import { d } from "dev-lib";\nimport type { Y } from "typed-only";\n',
  "emulator/server.ts": 'import { d } from "dev-lib";\n',
  "scripts/run.ts": 'import { d } from "dev-lib";\n',
  "bench/run.ts": 'import { d } from "dev-lib";\n',
  "examples/basic/index.ts": 'import { d } from "fixture-package";\n',
  "eslint.config.mjs": 'import x from "dev-lib";\n',
};

let dirs: string[] = [];

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "check-imports-"));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("check-imports", () => {
  afterEach(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    dirs = [];
  });

  it("names the package of a specifier, and nothing for built-ins and paths", () => {
    assert.equal(packageNameOf("@smithy/core/endpoints"), "@smithy/core");
    assert.equal(packageNameOf("@smithy/types"), "@smithy/types");
    assert.equal(packageNameOf("p-retry"), "p-retry");
    assert.equal(packageNameOf("pulumi-wickr-oidc/provider-host"), "pulumi-wickr-oidc");
    for (const none of ["node:fs", "node:assert/strict", "fs", "fs/promises", "./x", "../x", "/abs"]) {
      assert.equal(packageNameOf(none), undefined, none);
    }
  });

  it("reads every kind of import, with its line, and only real ones", () => {
    const text = [
      'import type { A } from "a";',
      'export * from "b";',
      'import c = require("c");',
      'const d = require("d/sub");',
      'const e = require.resolve("e/package.json");',
      'const f = import("f");',
      'type G = import("g").G;',
      '// require("comment")',
      'const s = "require(\\"string\\")";',
      'const h = require.resolve("h", { paths: [sdkFolder] }); // another package\'s own dependency',
    ].join("\n");
    const found = moduleSpecifiers("x.ts", text).map(({ specifier, line, typeOnly }) => [
      specifier,
      line,
      typeOnly,
    ]);
    assert.deepEqual(found, [
      ["a", 1, true],
      ["b", 2, false],
      ["c", 3, false],
      ["d/sub", 4, false],
      ["e/package.json", 5, false],
      ["f", 6, false],
      ["g", 7, true],
    ]);
  });

  it("passes a project whose imports are all declared in the right section", () => {
    assert.deepEqual(checkImports({ projectDir: project(CLEAN) }), { problems: [], filesChecked: 9 });
  });

  it("fails an undeclared package, a devDependency in shipped code, and either in the emitted .d.ts", () => {
    const dir = project({
      ...CLEAN,
      "provider/wickr/signer.ts":
        'import type { X } from "@smithy/types";\nconst y = require("undeclared/sub");\n',
      "provider/uses-dev.ts": '\nimport { d } from "dev-lib";\n',
      "dist/wickr/signer.d.ts":
        'import type { X } from "@smithy/types";\nexport declare const y: import("dev-lib").Y;\n',
      "tests/b.test.ts": 'import { z } from "@other/undeclared";\n',
    });
    const lines: string[] = [];
    assert.equal(
      main([dir], (line) => lines.push(line)),
      1,
    );
    assert.deepEqual(lines, [
      'provider/uses-dev.ts:2: imports "dev-lib", but dev-lib is not in dependencies or peerDependencies (shipped code) of package.json',
      'provider/wickr/signer.ts:1: imports "@smithy/types", but @smithy/types is not in dependencies or peerDependencies (shipped code) of package.json',
      'provider/wickr/signer.ts:2: imports "undeclared/sub", but undeclared is not in dependencies or peerDependencies (shipped code) of package.json',
      'dist/wickr/signer.d.ts:1: imports "@smithy/types", but @smithy/types is not in dependencies or peerDependencies (shipped code) of package.json',
      'dist/wickr/signer.d.ts:2: imports "dev-lib", but dev-lib is not in dependencies or peerDependencies (shipped code) of package.json',
      'tests/b.test.ts:1: imports "@other/undeclared", but @other/undeclared is not in dependencies, peerDependencies or devDependencies of package.json',
      "check-imports: 6 import(s) of undeclared packages in 13 files",
    ]);
  });

  it("judges what the build compiles as shipped code, wherever it lives", () => {
    const dir = project({
      ...CLEAN,
      "tsconfig.build.json": JSON.stringify({
        include: ["provider", "emulator"],
        exclude: ["emulator/test"],
      }),
      "emulator/test/server.test.ts": 'import { d } from "dev-lib";\n',
    });
    const { problems } = checkImports({ projectDir: dir });
    assert.deepEqual(
      problems.map(({ file, line, packageName, scope }) => [file, line, packageName, scope]),
      [["emulator/server.ts", 1, "dev-lib", "runtime"]],
    );
  });

  it("fails when dist/ has not been built", () => {
    const files = { ...CLEAN };
    delete files["dist/index.d.ts"];
    const lines: string[] = [];
    assert.equal(
      main([project(files)], (line) => lines.push(line)),
      2,
    );
    assert.match(lines.join("\n"), /dist does not exist: build it first/);
  });

  it("exits non-zero from the command line (npm run check:imports)", () => {
    const dir = project({ ...CLEAN, "provider/x.ts": 'import "undeclared";\n' });
    const script = path.join(ROOT, "scripts", "check-imports.ts");
    const run = spawnSync(process.execPath, ["-r", "ts-node/register/transpile-only", script, dir], {
      cwd: ROOT,
      encoding: "utf8",
    });
    assert.equal(run.status, 1, run.stderr);
    assert.match(
      run.stderr,
      /^provider\/x\.ts:1: imports "undeclared", but undeclared is not in dependencies/m,
    );
  });
});
