/**
 * `npm run check:imports`: every package the code imports is declared in package.json, in the section
 * that will be there when the code runs. The published code — every source file the build compiles
 * (`tsconfig.build.json`), anything else under `provider/`, and the `dist/**\/*.d.ts` it emits — may
 * use `dependencies` and `peerDependencies` only: a consumer gets no devDependencies, and a strict
 * package manager (pnpm) hides the packages that merely happen to be installed as some other
 * package's dependency. Everything else (tests, the rest of the emulator, scripts, bench, examples)
 * may use devDependencies too.
 *
 * Every module specifier is read from the syntax tree (so one in a comment or a string is not):
 * `import` and `export … from` (type-only included), `import x = require()`, `require()`,
 * `require.resolve()` (not one given `{ paths }`: that resolves from another package's folder), `import()`
 * and `import("…")` types, and `/// <reference types>`. Node built-ins,
 * relative paths and the package's own name (a self-reference through `exports`) need no declaration.
 *
 * @example
 * // CLI: ts-node scripts/check-imports.ts [project directory]  (exit code 1 and file:line on failure)
 * const { problems } = checkImports({ projectDir: "." });
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { isBuiltin } from "node:module";
import * as path from "node:path";
import * as ts from "typescript";

/** Which package.json sections may satisfy an import: `runtime` for shipped code, `development` else. */
export type ImportScope = "runtime" | "development";

/**
 * A set of files and the sections their imports may come from: the files under `root` (a folder or a
 * file) whose names end with one of `extensions`, or the files a tsconfig (`project`) compiles. Paths
 * are relative to the project directory. A file is judged by the first rule that covers it.
 */
export type ImportRule = {
  scope: ImportScope;
  /** When true, a missing root or project is an error (e.g. `dist/` not built yet); else it is skipped. */
  required?: boolean;
} & ({ root: string; extensions: readonly string[] } | { project: string });

/** One import of a package the rule's sections do not declare. */
export interface ImportProblem {
  /** Relative to the project directory, with `/` separators. */
  file: string;
  line: number;
  specifier: string;
  packageName: string;
  scope: ImportScope;
}

/** The package.json members the check reads. */
export interface PackageManifest {
  name?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const SOURCE = [".ts", ".mts", ".cts", ".js", ".mjs", ".cjs"] as const;

/** This project's rules. */
export const DEFAULT_RULES: readonly ImportRule[] = [
  { project: "tsconfig.build.json", scope: "runtime", required: true },
  { root: "dist", scope: "runtime", extensions: [".d.ts"], required: true },
  { root: "provider", scope: "runtime", extensions: SOURCE },
  ...["emulator", "tests", "scripts", "bench", "examples", "eslint.config.mjs"].map((root): ImportRule => ({
    root,
    scope: "development",
    extensions: SOURCE,
  })),
];

const SKIPPED_FOLDERS = new Set(["node_modules", ".git", ".work"]);

/**
 * The package a module specifier names (`@scope/name` or `name`, whatever subpath follows), or
 * undefined for a relative or absolute path and a Node built-in (`node:fs`, `fs/promises`).
 */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier === "" || specifier.startsWith(".") || specifier.startsWith("/")) return undefined;
  if (specifier.startsWith("node:") || isBuiltin(specifier)) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

/** A module specifier as written, with its 1-based line; `typeOnly` when it is needed for types only. */
export interface ModuleReference {
  specifier: string;
  line: number;
  typeOnly: boolean;
}

/** Every module specifier written in `text` (a TypeScript or JavaScript file). */
export function moduleSpecifiers(fileName: string, text: string): ModuleReference[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: ModuleReference[] = [];
  const add = (node: ts.Node | undefined, typeOnly = false) => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push({ specifier: node.text, line: line + 1, typeOnly: typeOnly || source.isDeclarationFile });
    }
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node.moduleSpecifier, node.importClause?.isTypeOnly);
    else if (ts.isExportDeclaration(node)) add(node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isExternalModuleReference(node)) add(node.expression);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node.argument.literal, true);
    else if (ts.isCallExpression(node) && isRequireOrImport(node.expression) && !resolvesElsewhere(node))
      add(node.arguments[0]);
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const reference of source.typeReferenceDirectives) {
    const { line } = source.getLineAndCharacterOfPosition(reference.pos);
    found.push({ specifier: reference.fileName, line: line + 1, typeOnly: true });
  }
  return found;
}

/**
 * `require.resolve(x, { paths })`: resolves `x` from other folders (another package's own
 * dependencies, say), not from this package, so it is not an import this package must declare.
 */
function resolvesElsewhere(call: ts.CallExpression): boolean {
  const callee = call.expression;
  return ts.isPropertyAccessExpression(callee) && callee.name.text === "resolve" && call.arguments.length > 1;
}

/** `require(…)`, `require.resolve(…)` or `import(…)`. */
function isRequireOrImport(callee: ts.Expression): boolean {
  if (callee.kind === ts.SyntaxKind.ImportKeyword) return true;
  if (ts.isIdentifier(callee)) return callee.text === "require";
  return (
    ts.isPropertyAccessExpression(callee) &&
    ts.isIdentifier(callee.expression) &&
    callee.expression.text === "require" &&
    callee.name.text === "resolve"
  );
}

/** The packages a scope may import. */
export function declaredPackages(manifest: PackageManifest, scope: ImportScope): Set<string> {
  const sections = [manifest.dependencies, manifest.peerDependencies];
  if (scope === "development") sections.push(manifest.devDependencies);
  const names = sections.flatMap((section) => Object.keys(section ?? {}));
  return new Set(manifest.name === undefined ? names : [...names, manifest.name]);
}

/** What {@link checkImports} found. */
export interface ImportCheck {
  /** Every import of an undeclared package, rule by rule, in file and line order. */
  problems: ImportProblem[];
  /** How many files were read. */
  filesChecked: number;
}

/**
 * Reads every file under the rules' roots of `projectDir` and reports each import of a package its
 * rule's sections do not declare. An import needed for types only is satisfied by `x` or `@types/x`.
 *
 * @throws Error when a `required` root does not exist.
 */
export function checkImports(options: {
  projectDir: string;
  /** Default: the project directory's package.json. */
  manifest?: PackageManifest;
  rules?: readonly ImportRule[];
}): ImportCheck {
  const { rules = DEFAULT_RULES } = options;
  const projectDir = path.resolve(options.projectDir);
  const manifest =
    options.manifest ??
    (JSON.parse(readFileSync(path.join(projectDir, "package.json"), "utf8")) as PackageManifest);
  const problems: ImportProblem[] = [];
  const judged = new Set<string>();
  for (const rule of rules) {
    const declared = declaredPackages(manifest, rule.scope);
    const where = path.join(projectDir, "root" in rule ? rule.root : rule.project);
    if (!existsSync(where)) {
      if (rule.required)
        throw new Error(`${path.relative(projectDir, where)} does not exist: build it first`);
      continue;
    }
    const files = "root" in rule ? filesUnder(where, rule.extensions) : filesOfProject(where);
    for (const file of files.filter((f) => !judged.has(f))) {
      judged.add(file);
      const relative = path.relative(projectDir, file).split(path.sep).join("/");
      const reported = new Set<string>(); // `require("x") as typeof import("x")` is one problem
      for (const { specifier, line, typeOnly } of moduleSpecifiers(file, readFileSync(file, "utf8"))) {
        const packageName = packageNameOf(specifier);
        if (packageName === undefined || declared.has(packageName)) continue;
        if (typeOnly && declared.has(`@types/${packageName}`)) continue;
        if (reported.has(`${line} ${specifier}`)) continue;
        reported.add(`${line} ${specifier}`);
        problems.push({ file: relative, line, specifier, packageName, scope: rule.scope });
      }
    }
  }
  return { problems, filesChecked: judged.size };
}

/** The source files a tsconfig compiles (its `files`, `include` and `exclude`), sorted. */
function filesOfProject(configPath: string): string[] {
  const host: ts.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"));
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
  return (parsed?.fileNames ?? []).map((file) => path.resolve(file)).sort();
}

function filesUnder(root: string, extensions: readonly string[]): string[] {
  if (!statSync(root).isDirectory()) return [root];
  const files: string[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory() && !SKIPPED_FOLDERS.has(entry.name)) files.push(...filesUnder(full, extensions));
    else if (entry.isFile() && extensions.some((extension) => entry.name.endsWith(extension)))
      files.push(full);
  }
  return files.sort();
}

/** One line per problem, `file:line: …`, naming the sections that would satisfy it. */
export function formatProblem(problem: ImportProblem): string {
  const sections =
    problem.scope === "runtime"
      ? "dependencies or peerDependencies (shipped code)"
      : "dependencies, peerDependencies or devDependencies";
  return `${problem.file}:${problem.line}: imports "${problem.specifier}", but ${problem.packageName} is not in ${sections} of package.json`;
}

/**
 * The CLI: checks `argv[0]` (default: the current directory) and returns the exit code: 0 when every
 * import is declared, 1 when one is not (each listed as `file:line`), 2 when a required root is missing.
 */
export function main(argv: readonly string[], log: (line: string) => void = console.error): number {
  const projectDir = path.resolve(argv[0] ?? ".");
  let check: ImportCheck;
  try {
    check = checkImports({ projectDir });
  } catch (error) {
    log(`check-imports: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  for (const problem of check.problems) log(formatProblem(problem));
  const count = check.problems.length;
  log(
    count === 0
      ? `check-imports: every package imported by ${check.filesChecked} files is declared in package.json`
      : `check-imports: ${count} import(s) of undeclared packages in ${check.filesChecked} files`,
  );
  return count === 0 ? 0 : 1;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
