import assert from "node:assert/strict";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { ProjectError, readNodeProject, resolveEntryPoint, splitMain } from "../../scripts/project-entry";

const REPO_ROOT = path.resolve(__dirname, "..", "..");

describe("readNodeProject: the program `pulumi up` runs in a project folder", () => {
  it("examples/basic runs its index.ts", () => {
    const project = readNodeProject(path.join(REPO_ROOT, "examples", "basic"));
    assert.equal(project.name, "wickr-oidc-basic");
    assert.equal(project.programPath, path.join(REPO_ROOT, "examples", "basic", "index.ts"));
    assert.equal(project.typescript, true);
    assert.equal(project.warning, undefined);
  });

  it("examples/consumer runs its index.ts", () => {
    const project = readNodeProject(path.join(REPO_ROOT, "examples", "consumer"));
    assert.equal(project.programPath, path.join(REPO_ROOT, "examples", "consumer", "index.ts"));
  });

  it("the repository root runs examples/basic/index.ts, in examples/basic", () => {
    const project = readNodeProject(REPO_ROOT);
    assert.equal(project.rootDir, REPO_ROOT);
    assert.equal(project.programDir, path.join(REPO_ROOT, "examples", "basic"));
    assert.equal(project.programPath, path.join(REPO_ROOT, "examples", "basic", "index.ts"));
  });

  it("refuses a folder without Pulumi.yaml", () => {
    assert.throws(() => readNodeProject(path.join(REPO_ROOT, "scripts")), ProjectError);
  });
});

describe("splitMain and resolveEntryPoint: the engine's and the run script's rules", () => {
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "project-entry-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("no main: the project folder and '.'; a folder: that folder and '.'; a file: its folder and name", () => {
    write("app/index.ts", "");
    assert.deepEqual(splitMain(dir, ""), { programDir: dir, entry: "." });
    assert.deepEqual(splitMain(dir, "app/"), { programDir: path.join(dir, "app"), entry: "." });
    assert.deepEqual(splitMain(dir, "app/index.ts"), {
      programDir: path.join(dir, "app"),
      entry: "index.ts",
    });
    assert.throws(() => splitMain(dir, "missing.ts"), /project 'main' could not be read/);
  });

  it("entry '.' inside another package runs that package's exports, not the folder's index", () => {
    write(
      "package.json",
      JSON.stringify({ main: "lib/main.js", exports: { ".": { default: "./dist/index.js" } } }),
    );
    write("dist/index.js", "");
    write("examples/basic/index.ts", "");
    const programDir = path.join(dir, "examples", "basic");
    assert.deepEqual(resolveEntryPoint(programDir, "."), { programPath: path.join(dir, "dist", "index.js") });
    assert.deepEqual(resolveEntryPoint(programDir, "index.ts"), {
      programPath: path.join(programDir, "index.ts"),
    });
  });

  it("a declared entry point that does not exist: the folder itself, with the host's warning", () => {
    write("package.json", JSON.stringify({ main: "bin/missing.js" }));
    const { programPath, warning } = resolveEntryPoint(dir, ".");
    assert.equal(programPath, dir + path.sep);
    assert.match(warning ?? "", /Could not find entry point 'bin\/missing.js'/);
  });

  it('refuses an ES module package ("type": "module")', () => {
    write("package.json", JSON.stringify({ type: "module" }));
    assert.throws(() => resolveEntryPoint(dir, "index.ts"), ProjectError);
  });
});
