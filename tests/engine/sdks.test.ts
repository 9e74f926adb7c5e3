/**
 * The SDKs generated from the schema (issue 12): generation is reproducible and the checked-in sdk/
 * is its output, the Go SDK compiles, docs/sdks.md shows the example programs that
 * tests/engine/languages.test.ts runs, and the plugin serves the same schema to
 * `pulumi package get-schema`. See docs/sdks.md.
 *
 * Needs Go (the generator is built from the Go module proxy the first time, minutes; then cached
 * with the Pulumi CLI, see scripts/gen-sdks/run.sh); the get-schema test needs the CLI
 * (tests/engine/cli.ts) and `npm run build`. There is no .NET SDK on the machines this runs on, so
 * the .NET SDK is checked as generated output only. Each test runs alone with `--grep`.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, runPulumi } from "./cli";
import { run } from "./languages/language";

const SDK = path.join(REPO_ROOT, "sdk");
const DOC = path.join(REPO_ROOT, "docs", "sdks.md");
/** Where docs/sdks.md's commands expect this repository. */
const DOC_REPO_PATH = "/path/to/pulumi-wickr-oidc";
const RUN_SH = path.join(REPO_ROOT, "scripts", "gen-sdks", "run.sh");
const PLUGIN = path.join(REPO_ROOT, "bin", "pulumi-resource-wickr-oidc");
const REGENERATE = "run `npm run gen:sdks` (bash scripts/gen-sdks/run.sh) and commit sdk/";
/** A cold generator build, or a cold build of the Pulumi Go SDK, takes minutes on two cores. */
const BUILD_TIMEOUT_MS = 20 * 60_000;

/** Every file under `dir`, as '/'-separated paths relative to it, sorted. */
async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await fs.readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const relative = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...(await listFiles(dir, relative)));
    else files.push(relative);
  }
  return files.sort();
}

/** The files that differ between two trees: changed, only in `expected`, only in `actual`. */
async function compareTrees(expected: string, actual: string): Promise<string[]> {
  const [want, got] = await Promise.all([listFiles(expected), listFiles(actual)]);
  const problems: string[] = [];
  for (const file of want) {
    if (!got.includes(file)) problems.push(`${file}: in sdk/ but no longer generated`);
    else if (
      !(await fs.readFile(path.join(expected, file))).equals(await fs.readFile(path.join(actual, file)))
    )
      problems.push(`${file}: differs`);
  }
  for (const file of got) if (!want.includes(file)) problems.push(`${file}: generated but missing from sdk/`);
  return problems;
}

/** The `go` command: on PATH, else where the official installer puts it. */
function goCommand(): string {
  const candidates = (process.env["PATH"] ?? "").split(path.delimiter).map((dir) => path.join(dir, "go"));
  return [...candidates, "/usr/local/go/bin/go"].find((file) => existsSync(file)) ?? "go";
}

/** The fenced blocks of docs/sdks.md whose info string is `language`, in order. */
async function docBlocks(language: string): Promise<string[]> {
  const text = await fs.readFile(DOC, "utf8");
  const blocks: string[] = [];
  const fence = /^```(\S*)\n([\s\S]*?)^```$/gm;
  for (let match = fence.exec(text); match; match = fence.exec(text))
    if (match[1] === language) blocks.push(match[2] ?? "");
  return blocks;
}

/** The one block of docs/sdks.md in `language` that contains `marker`. */
async function docBlock(language: string, marker: string): Promise<string> {
  const found = (await docBlocks(language)).filter((block) => block.includes(marker));
  assert.equal(found.length, 1, `docs/sdks.md should have one \`\`\`${language} block with "${marker}"`);
  return found[0] ?? "";
}

/** A copy of sdk/<part> in a fresh temporary folder, so builds leave the checked-in tree untouched. */
async function copyOfSdk(part: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), `wickr-sdk-${part}-`));
  const dir = path.join(root, part);
  await fs.cp(path.join(SDK, part), dir, { recursive: true });
  return { dir, cleanup: () => fs.rm(root, { recursive: true, force: true }) };
}

describe("SDKs generated from the schema (scripts/gen-sdks, sdk/)", function () {
  it("one command regenerates sdk/ byte for byte (schema, Go, Python, .NET, Java)", async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    const out = await fs.mkdtemp(path.join(os.tmpdir(), "wickr-gen-sdks-"));
    try {
      await run("bash", [RUN_SH, "--out", out], { cwd: REPO_ROOT });
      const problems = await compareTrees(SDK, out);
      assert.deepEqual(
        problems,
        [],
        `the checked-in sdk/ is not what the generator writes now:\n  ${problems.join("\n  ")}\n${REGENERATE}`,
      );
      // What each language's SDK consists of, so a generator that silently drops a part is noticed.
      const files = await listFiles(out);
      for (const expected of [
        "schema.json",
        "go/go.mod",
        "go/wickroidc/wickrOidcInfo.go",
        "go/wickroidc/getOidcInfo.go",
        "go/wickroidc/provider.go",
        "go/wickroidc/config/config.go",
        "python/pyproject.toml",
        "python/README.md",
        "python/pulumi_wickr_oidc/wickr_oidc_info.py",
        "python/pulumi_wickr_oidc/get_oidc_info.py",
        "python/pulumi_wickr_oidc/provider.py",
        "python/pulumi_wickr_oidc/config/vars.py",
        "dotnet/Pulumi.WickrOidc.csproj",
        "dotnet/WickrOidcInfo.cs",
        "dotnet/GetOidcInfo.cs",
        "dotnet/Provider.cs",
        "dotnet/Config/Config.cs",
        "dotnet/logo.png",
        "java/pom.xml",
        "java/src/main/java/com/pulumi/wickroidc/WickrOidcInfo.java",
        "java/src/main/java/com/pulumi/wickroidc/WickroidcFunctions.java",
        "java/src/main/java/com/pulumi/wickroidc/Provider.java",
        "java/src/main/resources/com/pulumi/wickr-oidc/plugin.json",
        "java/src/main/resources/com/pulumi/wickr-oidc/version.txt",
      ])
        assert.ok(files.includes(expected), `${expected} was not generated`);
    } finally {
      await fs.rm(out, { recursive: true, force: true });
    }
  });

  it("the Go SDK compiles and passes go vet (against github.com/pulumi/pulumi/sdk/v3 from the Go module proxy)", async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    const { dir, cleanup } = await copyOfSdk("go");
    try {
      // -mod=mod: the copy's go.mod gains the Pulumi Go SDK's dependencies and a go.sum, as a user's would.
      const env = { GOFLAGS: "-mod=mod", GOTOOLCHAIN: "local" };
      await run("nice", ["-n", "10", goCommand(), "build", "./..."], { cwd: dir, env });
      await run("nice", ["-n", "10", goCommand(), "vet", "./..."], { cwd: dir, env });
    } finally {
      await cleanup();
    }
  });

  it("docs/sdks.md's Go program compiles against the SDK, required as the page says (replace)", async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    // The page's repository path is a copy of sdk/go, so `go mod tidy` cannot touch the checked-in tree.
    const { dir: sdkCopy, cleanup } = await copyOfSdk("go");
    const program = path.join(path.dirname(sdkCopy), "program");
    try {
      await fs.mkdir(program);
      await fs.writeFile(path.join(program, "main.go"), await docBlock("go", "wickroidc.NewWickrOidcInfo"));
      const commands = (await docBlock("sh", "go mod edit")).replaceAll(`${DOC_REPO_PATH}/sdk/go`, sdkCopy);
      assert.ok(commands.includes(sdkCopy), `the go mod edit block names no ${DOC_REPO_PATH}/sdk/go`);
      const env = {
        GOTOOLCHAIN: "local",
        PATH: `${path.dirname(goCommand())}${path.delimiter}${process.env["PATH"] ?? ""}`,
      };
      await run(goCommand(), ["mod", "init", "example.com/wickr-sso"], { cwd: program, env });
      await run("bash", ["-euo", "pipefail", "-c", commands], { cwd: program, env });
      await run("nice", ["-n", "10", goCommand(), "build", "-o", os.devNull, "."], { cwd: program, env });
    } finally {
      await cleanup();
    }
  });

  it("docs/sdks.md shows each example program exactly as examples/ has it (the programs CI runs)", async () => {
    // tests/engine/languages.test.ts runs these files; the page must show what runs.
    for (const [language, marker, file] of [
      ["python", "def wickr_sso", "examples/python/__main__.py"],
      ["go", "func wickrSSO", "examples/go/main.go"],
      ["java", "static void wickrSso", "examples/java/src/main/java/wickrsso/App.java"],
    ] as const) {
      assert.equal(
        await docBlock(language, marker),
        await fs.readFile(path.join(REPO_ROOT, file), "utf8"),
        file,
      );
    }
  });

  it("`pulumi package get-schema` on the plugin returns sdk/schema.json", async function () {
    this.timeout(BUILD_TIMEOUT_MS);
    assert.ok(
      existsSync(path.join(REPO_ROOT, "dist", "provider", "plugin", "main.js")),
      "the plugin runs dist/provider/plugin/main.js: run `npm run build` first",
    );
    const home = await fs.mkdtemp(path.join(os.tmpdir(), "wickr-get-schema-"));
    try {
      const stdout = await runPulumi(["package", "get-schema", PLUGIN], home, {
        PULUMI_HOME: path.join(home, ".pulumi"),
        PULUMI_SKIP_UPDATE_CHECK: "true",
      });
      // The CLI prints the schema as Go reads it (its own key order): compare the JSON, not the bytes.
      // A key Pulumi's schema model does not have is dropped there: such a key means nothing to any
      // generator and belongs out of provider/plugin/schema.ts.
      const checkedIn = JSON.parse(await fs.readFile(path.join(SDK, "schema.json"), "utf8")) as unknown;
      assert.deepEqual(JSON.parse(stdout) as unknown, checkedIn);
    } finally {
      await fs.rm(home, { recursive: true, force: true });
    }
  });
});
