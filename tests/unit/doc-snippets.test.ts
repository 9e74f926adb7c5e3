/**
 * The TypeScript a user copies from the documentation compiles: every ```ts / ```typescript block of
 * README.md and docs/**\/*.md, and every file under examples/, type-checked with the repository's own
 * compiler options (tsconfig.json: `strict`, `noUncheckedIndexedAccess`, …) in one in-process program.
 * `pulumi-wickr-oidc` and its subpaths are mapped to the sources (provider/index.ts, emulator/index.ts),
 * so no build is needed.
 *
 * Each block is its own module, so it must import what it uses. A block that is not meant to compile
 * (one that shows a mistake, say) is marked on the line right before its fence:
 *
 *     <!-- not-typechecked: shows the error a typo in an argument gives -->
 *
 * A marker without a reason fails, and so does a marker on a block that compiles (it is stale) or one
 * that is not right before a TypeScript block.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";

const ROOT = path.resolve(__dirname, "..", "..");

/** Where the blocks are compiled from: a folder that does not exist, so no real file is shadowed. */
const VIRTUAL_DIR = path.join(ROOT, ".doc-snippets");

/** One ```ts block of a Markdown file. */
export interface Snippet {
  /** The Markdown file, relative to the repository root. */
  file: string;
  /** The line of the opening fence (1-based); the code starts on the next line. */
  fenceLine: number;
  code: string;
  /** How far the fence is indented (in a list item): the columns removed from each line of `code`. */
  indent: number;
  /** Set when the block is marked `not-typechecked`: the reason given. */
  notTypechecked?: string;
}

/** A Markdown file to check: its name (for messages) and its text. */
export interface MarkdownDoc {
  file: string;
  text: string;
}

/** A marker: an HTML comment alone on its line (a mention in prose or in a code block is not one). */
const MARKER = /^\s*<!--\s*not-typechecked\b\s*(?::\s*)?(.*?)\s*-->\s*$/;
const TS_LANGUAGES = new Set(["ts", "typescript"]);

/**
 * The TypeScript blocks of a Markdown text, and the problems with its markers (`file:line: …`).
 * Fences are ``` or ~~~ (three or more), indented or not (in a list item); the indentation of the
 * opening fence is removed from the block's lines.
 */
export function extractSnippets(doc: MarkdownDoc): { snippets: Snippet[]; problems: string[] } {
  const lines = doc.text.split(/\r?\n/);
  const snippets: Snippet[] = [];
  const problems: string[] = [];
  const usedMarkers = new Set<number>();
  /** Lines inside fenced blocks (fences included): never read as Markdown. */
  const inCode = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/.exec(lines[i] ?? "");
    if (!open) continue;
    const [, indent = "", fence = "```", info = ""] = open;
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    let end = i + 1;
    while (end < lines.length && !close.test(lines[end] ?? "")) end++;
    if (TS_LANGUAGES.has(info.toLowerCase())) {
      const code = lines
        .slice(i + 1, end)
        .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
        .join("\n");
      const snippet: Snippet = { file: doc.file, fenceLine: i + 1, code, indent: indent.length };
      const marker = i > 0 ? MARKER.exec(lines[i - 1] ?? "") : null;
      if (marker) {
        usedMarkers.add(i - 1);
        const reason = marker[1] ?? "";
        if (reason === "")
          problems.push(
            `${doc.file}:${i}: the not-typechecked marker gives no reason: write <!-- not-typechecked: why -->`,
          );
        snippet.notTypechecked = reason;
      }
      snippets.push(snippet);
    }
    for (let k = i; k <= end; k++) inCode.add(k);
    i = end; // the closing fence; a block's content is never read as Markdown
  }
  lines.forEach((line, i) => {
    if (MARKER.test(line) && !usedMarkers.has(i) && !inCode.has(i))
      problems.push(
        `${doc.file}:${i + 1}: a not-typechecked marker must be on the line right before a \`\`\`ts block`,
      );
  });
  return { snippets, problems };
}

/** The repository's compiler options (tsconfig.json), for checking only, with the package mapped to its sources. */
function compilerOptions(): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(path.join(ROOT, "tsconfig.json"), ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  const converted = ts.convertCompilerOptionsFromJson(
    (config as { compilerOptions?: unknown }).compilerOptions,
    ROOT,
  );
  if (converted.errors.length > 0)
    throw new Error(
      converted.errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, "\n")).join("\n"),
    );
  return {
    ...converted.options,
    noEmit: true,
    declaration: false,
    // Every block is a module of its own, with or without an import: names never clash between blocks.
    moduleDetection: ts.ModuleDetectionKind.Force,
    paths: {
      "pulumi-wickr-oidc": [path.join(ROOT, "provider", "index.ts")],
      "pulumi-wickr-oidc/provider-host": [path.join(ROOT, "provider", "provider-host.ts")],
      "pulumi-wickr-oidc/emulator": [path.join(ROOT, "emulator", "index.ts")],
    },
  };
}

/** Every `.ts` file under `dir` (relative to the root), sorted. */
function typescriptFilesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(dir, f))
    .sort();
}

/** Every `.md` file under `dir` (relative to the root), sorted. */
function markdownFilesUnder(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".md"))
    .map((f) => path.join(dir, f))
    .sort();
}

/** What {@link checkDocs} found. */
export interface CheckResult {
  /** Every block found, marked or not. */
  snippets: Snippet[];
  /** One line per problem: `file:line:column: TS1234 message`, or a marker problem. */
  failures: string[];
}

/**
 * Type-checks the TypeScript blocks of `docs` and the `files` (real files, relative to the root) in one
 * program, and reports each problem with the Markdown file and line (or the file and line).
 */
export function checkDocs(docs: readonly MarkdownDoc[], files: readonly string[] = []): CheckResult {
  const snippets: Snippet[] = [];
  const failures: string[] = [];
  for (const doc of docs) {
    const found = extractSnippets(doc);
    snippets.push(...found.snippets);
    failures.push(...found.problems);
  }
  const virtual = new Map<string, Snippet>();
  for (const snippet of snippets) {
    const name = `${snippet.file.replace(/[^\w.-]/g, "_")}-L${snippet.fenceLine}.ts`;
    virtual.set(path.join(VIRTUAL_DIR, name), snippet);
  }

  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (name) => virtual.has(path.resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => virtual.get(path.resolve(name))?.code ?? readFile.call(host, name);
  host.getSourceFile = (name, language, onError, shouldCreate) => {
    const snippet = virtual.get(path.resolve(name));
    return snippet
      ? ts.createSourceFile(name, snippet.code, language, true, ts.ScriptKind.TS)
      : getSourceFile.call(host, name, language, onError, shouldCreate);
  };
  const realFiles = files.map((f) => path.join(ROOT, f));
  const program = ts.createProgram({ rootNames: [...virtual.keys(), ...realFiles], options, host });

  const describe = (d: ts.Diagnostic, where: string): string =>
    `${where}: TS${d.code} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  for (const d of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()])
    failures.push(describe(d, "compiler options"));

  const diagnosticsOf = (sourceFile: ts.SourceFile): readonly ts.Diagnostic[] => [
    ...program.getSyntacticDiagnostics(sourceFile),
    ...program.getSemanticDiagnostics(sourceFile),
  ];
  const position = (d: ts.Diagnostic): { line: number; column: number } => {
    if (!d.file || d.start === undefined) return { line: 0, column: 0 };
    const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
    return { line, column: character + 1 };
  };

  for (const [name, snippet] of virtual) {
    const sourceFile = program.getSourceFile(name);
    assert.ok(sourceFile, `the block at ${snippet.file}:${snippet.fenceLine} is in the program`);
    const diagnostics = diagnosticsOf(sourceFile);
    if (snippet.notTypechecked !== undefined) {
      if (diagnostics.length === 0)
        failures.push(
          `${snippet.file}:${snippet.fenceLine}: the block is marked not-typechecked but compiles: remove the marker`,
        );
      continue;
    }
    for (const d of diagnostics) {
      const { line, column } = position(d);
      failures.push(
        describe(d, `${snippet.file}:${snippet.fenceLine + 1 + line}:${column + snippet.indent}`),
      );
    }
  }
  for (const [i, file] of realFiles.entries()) {
    const sourceFile = program.getSourceFile(file);
    assert.ok(sourceFile, `${files[i]} is in the program`);
    for (const d of diagnosticsOf(sourceFile)) {
      const { line, column } = position(d);
      failures.push(describe(d, `${files[i]}:${line + 1}:${column}`));
    }
  }
  return { snippets, failures };
}

/** A document with one of each mistake, at known lines: proves the check can fail, and where it points. */
const SELF_CHECK: MarkdownDoc = {
  file: "self-check.md",
  text: [
    "# Self-check", // 1
    "", // 2
    "```ts", // 3
    'import { WickrOidcInfo } from "pulumi-wickr-oidc";', // 4
    "", // 5
    'const sso = new WickrOidcInfo("sso", { networkId: "12345678", regoin: "us-east-1" });', // 6
    "export const issuer = sso.issuer;", // 7
    "```", // 8
    "", // 9
    "<!-- not-typechecked -->", // 10
    "```typescript", // 11
    "const n: number = 'not a number';", // 12
    "```", // 13
    "", // 14
    "<!-- not-typechecked: claims to fail, but compiles -->", // 15
    "```ts", // 16
    "export const fine = 1;", // 17
    "```", // 18
    "", // 19
    "- in a list:", // 20
    "", // 21
    "  ```ts", // 22
    '  import { getWickrOidcInfoOutput } from "pulumi-wickr-oidc";', // 23
    '  const info = getWickrOidcInfoOutput({ networkId: "12345678" });', // 24
    "  export const n: number = info.issuer;", // 25
    "  ```", // 26
    "", // 27
    "<!-- not-typechecked: shows a mistake on purpose -->", // 28
    "```ts", // 29
    "const wrong: string = 1;", // 30
    "```", // 31
    "", // 32
    "```ts", // 33
    'import { startEmulator } from "pulumi-wickr-oidc/emulator";', // 34
    "export const started: Promise<{ url: string }> = startEmulator();", // 35
    "```", // 36
    "", // 37
    "<!-- not-typechecked: not before a block -->", // 38
    "", // 39
    "```sh", // 40
    "pulumi up", // 41
    "```", // 42
    "", // 43
    "Mention `<!-- not-typechecked: why -->` in prose: not a marker.", // 44
    "", // 45
    "```md", // 46
    "<!-- not-typechecked -->", // 47
    "```", // 48
  ].join("\n"),
};

const DOC_FILES = ["README.md", ...markdownFilesUnder("docs")];
const EXAMPLE_FILES = typescriptFilesUnder("examples");

describe("documentation snippets type-check (strict, as tsconfig.json)", function () {
  this.timeout(60_000);
  let result: CheckResult;
  const failuresOf = (file: string): string[] => result.failures.filter((f) => f.startsWith(`${file}:`));

  before(() => {
    const docs = DOC_FILES.map((file) => ({ file, text: readFileSync(path.join(ROOT, file), "utf8") }));
    result = checkDocs([...docs, SELF_CHECK], EXAMPLE_FILES);
  });

  it("the check fails where it should (a wrong argument, a marker without a reason, a stale marker, a wrong type in a list item, a stray marker), and only there", () => {
    assert.deepEqual(
      failuresOf("self-check.md").map((f) => {
        const [where = "", code = ""] = f.split(" ");
        return /^TS\d+$/.test(code) ? `${where} ${code}` : where;
      }),
      [
        "self-check.md:10:",
        "self-check.md:38:",
        "self-check.md:6:63: TS2561",
        "self-check.md:16:",
        "self-check.md:25:16: TS2322",
      ],
      failuresOf("self-check.md").join("\n"),
    );
    assert.match(failuresOf("self-check.md")[0] ?? "", /gives no reason/);
    assert.match(failuresOf("self-check.md")[2] ?? "", /'regoin' does not exist/);
    assert.match(failuresOf("self-check.md")[3] ?? "", /marked not-typechecked but compiles/);
    const found = result.snippets.filter((s) => s.file === "self-check.md");
    assert.deepEqual(
      found.map((s) => [s.fenceLine, s.notTypechecked]),
      [
        [3, undefined],
        [11, ""],
        [16, "claims to fail, but compiles"],
        [22, undefined],
        [29, "shows a mistake on purpose"],
        [33, undefined],
      ],
    );
  });

  it("finds the README's TypeScript blocks", () => {
    const readme = result.snippets.filter((s) => s.file === "README.md");
    assert.ok(readme.length >= 4, `README.md has ${readme.length} TypeScript blocks`);
    assert.ok(EXAMPLE_FILES.length >= 4, `examples: ${EXAMPLE_FILES.join(", ")}`);
  });

  it("the compiler options are the repository's", () => {
    assert.deepEqual(failuresOf("compiler options"), []);
    const options = compilerOptions();
    assert.equal(options.strict, true);
    assert.equal(options.noUncheckedIndexedAccess, true);
  });

  for (const file of [...DOC_FILES, ...EXAMPLE_FILES]) {
    it(`${file}: every TypeScript block compiles`, () => {
      assert.deepEqual(failuresOf(file), [], `\n${failuresOf(file).join("\n")}\n`);
    });
  }
});
