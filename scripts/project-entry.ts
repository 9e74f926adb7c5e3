/**
 * Where a Pulumi Node.js project's program is, decided the way `pulumi up` decides it with the real
 * Node.js language host, so that a project folder run by `project-runtime.ts` loads the same module.
 *
 * Two steps, each from the Pulumi source (v3.248):
 * 1. The engine splits `main` of `Pulumi.yaml` into a program folder and an entry point
 *    (`pkg/engine/project.go`, `getPwdMain`): no `main` → the project folder and `.`; a folder →
 *    that folder and `.`; a file → its folder and its name.
 * 2. The host's run script (`@pulumi/pulumi/cmd/run/run.js`) loads `<program folder>/<entry>`. For
 *    the entry `.` it first looks for the nearest `package.json` upwards from the program folder and
 *    uses its `exports` (`.`: `default`, `require` or `import`) or else its `main`, when that file
 *    exists; so a project folder inside another package runs *that package's* entry point.
 */
import * as fs from "node:fs";
import { createRequire } from "node:module";
import * as path from "node:path";

/** A Pulumi Node.js project folder and the module its program is. */
export interface NodeProject {
  /** The folder holding `Pulumi.yaml`. */
  readonly rootDir: string;
  /** The project name. */
  readonly name: string;
  /** The folder the program runs in (the host changes to it): `main`'s folder, else {@link rootDir}. */
  readonly programDir: string;
  /** The module the host requires: a file, or a folder ending in `/` (Node then loads its `index`). */
  readonly programPath: string;
  /** `runtime.options.typescript` (default `true`): compile `.ts` with ts-node. */
  readonly typescript: boolean;
  /** `runtime.options.tsconfig` (default `tsconfig.json`), relative to {@link programDir}. */
  readonly tsconfig: string;
  /** What the host would warn about while resolving the entry point, if anything. */
  readonly warning?: string;
}

/** A project folder this runtime cannot run: no `Pulumi.yaml`, another runtime, a missing `main`. */
export class ProjectError extends Error {
  override readonly name = "ProjectError";
}

interface ProjectFile {
  name?: unknown;
  main?: unknown;
  runtime?: unknown;
}

interface PackageManifest {
  main?: unknown;
  exports?: unknown;
  type?: unknown;
}

/**
 * Reads `<projectDir>/Pulumi.yaml` (or `Pulumi.yml`) and resolves its program.
 *
 * @throws ProjectError when the file is missing, the runtime is not `nodejs`, `main` does not exist,
 *   or the program's package is an ES module package (`"type": "module"`, not supported here).
 */
export function readNodeProject(projectDir: string): NodeProject {
  const rootDir = path.resolve(projectDir);
  const file = ["Pulumi.yaml", "Pulumi.yml"].map((f) => path.join(rootDir, f)).find(fs.existsSync);
  if (!file) throw new ProjectError(`no Pulumi.yaml in ${rootDir}`);
  const project = parseYaml(rootDir, fs.readFileSync(file, "utf8")) as ProjectFile;
  const runtime = typeof project.runtime === "string" ? { name: project.runtime } : project.runtime;
  const { name: runtimeName, options = {} } = (runtime ?? {}) as { name?: unknown; options?: unknown };
  if (runtimeName !== "nodejs") {
    throw new ProjectError(`${file}: runtime is ${String(runtimeName)}, this runtime serves nodejs only`);
  }
  const { typescript = true, tsconfig = "tsconfig.json" } = options as Record<string, unknown>;

  const { programDir, entry } = splitMain(rootDir, typeof project.main === "string" ? project.main : "");
  const { programPath, warning } = resolveEntryPoint(programDir, entry);
  return {
    rootDir,
    name: String(project.name),
    programDir,
    programPath,
    typescript: typescript !== false && typescript !== "false",
    tsconfig: String(tsconfig),
    ...(warning !== undefined ? { warning } : {}),
  };
}

/** The engine's `getPwdMain`: the program folder and the entry point within it. */
export function splitMain(rootDir: string, main: string): { programDir: string; entry: string } {
  if (main === "") return { programDir: rootDir, entry: "." };
  const target = path.resolve(rootDir, main);
  const stat = fs.statSync(target, { throwIfNoEntry: false });
  if (!stat) throw new ProjectError(`project 'main' could not be read: ${target} does not exist`);
  return stat.isDirectory()
    ? { programDir: target, entry: "." }
    : { programDir: path.dirname(target), entry: path.basename(target) };
}

/** The run script's choice of module for `<programDir>/<entry>` (see the file comment). */
export function resolveEntryPoint(
  programDir: string,
  entry: string,
): { programPath: string; warning?: string } {
  let programPath = path.join(programDir, entry);
  const manifestPath = findUp(programDir, "package.json");
  const packageRoot = manifestPath ? path.dirname(manifestPath) : programDir;
  const manifest = manifestPath ? readManifest(manifestPath) : {};
  if (manifest.type === "module") {
    throw new ProjectError(`${manifestPath}: ES module packages ("type": "module") are not supported here`);
  }
  let warning: string | undefined;
  const declared = entry === "." ? declaredEntryPoint(manifest) : undefined;
  if (declared !== undefined) {
    const candidate = path.join(packageRoot, declared);
    if (fs.existsSync(candidate)) programPath = candidate;
    else
      warning = `Could not find entry point '${declared}' specified in package.json; using '${programPath}' instead`;
  }
  if (fs.statSync(programPath, { throwIfNoEntry: false })?.isDirectory()) {
    programPath = programPath.endsWith(path.sep) ? programPath : programPath + path.sep;
  }
  return warning === undefined ? { programPath } : { programPath, warning };
}

function declaredEntryPoint({ exports, main }: PackageManifest): string | undefined {
  if (typeof exports === "string") return exports;
  if (exports !== null && typeof exports === "object") {
    const dot = (exports as Record<string, unknown>)["."];
    if (typeof dot === "string") return dot;
    if (dot !== null && typeof dot === "object") {
      const { default: def, require: req, import: imp } = dot as Record<string, unknown>;
      const chosen = def || req || imp; // the run script's order, falsy values skipped
      return typeof chosen === "string" ? chosen : undefined;
    }
    return undefined;
  }
  return typeof main === "string" && main !== "" ? main : undefined;
}

function findUp(startDir: string, fileName: string): string | undefined {
  for (let dir = startDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, fileName);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readManifest(manifestPath: string): PackageManifest {
  try {
    return JSON.parse(fs.readFileSync(manifestPath, "utf8")) as PackageManifest;
  } catch {
    return {}; // the run script ignores an unreadable manifest too
  }
}

/** Parses YAML with the parser of the project's own `@pulumi/pulumi` (js-yaml), as the SDK does. */
function parseYaml(rootDir: string, text: string): unknown {
  const sdkRequire = createRequire(path.join(rootDir, "package.json"));
  const sdkManifest = sdkRequire.resolve("@pulumi/pulumi/package.json");
  const yaml = createRequire(sdkManifest)("js-yaml") as { load(text: string): unknown };
  return yaml.load(text) ?? {};
}
