/**
 * Runs a project's program in this process the way the Node.js language host's run script
 * (`@pulumi/pulumi/cmd/run/run.js`) runs it in a fresh process: in the program folder, `.ts` compiled
 * by ts-node with the options the host passes, the entry module required anew, and a function export
 * called and awaited; what it returns (or the module's exports) becomes the stack outputs.
 *
 * "Anew": before each run the project's own modules (files below the project or program folder, not in
 * a `node_modules` folder) are dropped from `require.cache`, so every engine run executes the program
 * from the top, as a new host process would. Packages in `node_modules` stay loaded: the program
 * must share this process's `@pulumi/pulumi`, whose runtime state the language server sets up.
 */
import * as fs from "node:fs";
import Module, { createRequire } from "node:module";
import * as path from "node:path";
import type { NodeProject } from "./project-entry";

/** The part of a ts-node service used here. */
interface TsService {
  compile(code: string, fileName: string): string;
}

/** A `.ts` file being loaded: Node's CommonJS module with its internal `_compile`. */
interface CompilingModule extends NodeJS.Module {
  _compile(code: string, fileName: string): unknown;
}

type ExtensionHandler = (module: NodeJS.Module, fileName: string) => unknown;

/** The run in progress: which files belong to the project and who compiles them. */
let active: { dirs: string[]; service: TsService | undefined } | undefined;
const services = new Map<string, TsService>();
let hookInstalled = false;

/**
 * Returns the program function for a language server: it changes to the program folder, drops the
 * project's modules from `require.cache`, requires the entry point and returns its outputs.
 *
 * @param sdkRequire a `require` that resolves from the project (its `@pulumi/pulumi`, ts-node, TypeScript).
 */
export function projectProgram(project: NodeProject, sdkRequire: NodeJS.Require): () => Promise<unknown> {
  return async () => {
    process.chdir(project.programDir);
    const dirs = [...new Set([project.rootDir, project.programDir])];
    forgetModules(dirs);
    installTsHook();
    active = { dirs, service: project.typescript ? tsService(project, sdkRequire) : undefined };
    if (project.warning !== undefined) {
      (sdkRequire("@pulumi/pulumi") as typeof import("@pulumi/pulumi")).log.warn(project.warning);
    }
    const exported: unknown = require(project.programPath);
    return typeof exported === "function" ? await (exported as () => unknown)() : exported;
  };
}

/** Ends the run: files loaded from now on are compiled by whoever compiled them before. */
export function endProgramRun(): void {
  active = undefined;
}

function belongsTo(dirs: readonly string[], fileName: string): boolean {
  if (fileName.split(path.sep).includes("node_modules")) return false;
  return dirs.some((dir) => fileName === dir || fileName.startsWith(dir + path.sep));
}

function forgetModules(dirs: readonly string[]): void {
  for (const fileName of Object.keys(require.cache)) {
    if (belongsTo(dirs, fileName)) delete require.cache[fileName];
  }
}

/**
 * Wraps the `.ts` loader once. During a run, project files are compiled by the project's own ts-node
 * service; every other file goes to the loader that was there before (e.g. this process's ts-node),
 * so a caller running under ts-node with another tsconfig is not affected. (With `typescript: false`
 * a project's `.ts` files also go to that loader, where the real host would load them as JavaScript.)
 */
function installTsHook(): void {
  if (hookInstalled) return;
  hookInstalled = true;
  const extensions = (Module as unknown as { _extensions: Record<string, ExtensionHandler> })._extensions;
  const previous = extensions[".ts"] ?? (extensions[".js"] as ExtensionHandler);
  extensions[".ts"] = (module, fileName) => {
    const service = active?.service;
    if (!service || !belongsTo(active?.dirs ?? [], fileName)) return previous(module, fileName);
    // What Node's own `.js` loader does; not that loader itself, which another ts-node may have wrapped.
    const code = fs.readFileSync(fileName, "utf8").replace(/^\uFEFF/, "");
    return (module as CompilingModule)._compile(service.compile(code, fileName), fileName);
  };
}

/**
 * A ts-node service configured as the run script configures it (`@pulumi/pulumi/cmd/run/run.js`):
 * the program folder's tsconfig if there is one, `transpileOnly` from `PULUMI_NODEJS_TRANSPILE_ONLY` or
 * the tsconfig's `noCheck`, and defaults of ES2020 with `nodenext` modules (TypeScript ≥ 4.7) under
 * the tsconfig's own options. One service per program folder and tsconfig, created on first use.
 */
function tsService(project: NodeProject, sdkRequire: NodeJS.Require): TsService {
  const tsconfig = path.resolve(project.programDir, project.tsconfig);
  const key = `${project.programDir}\0${tsconfig}`;
  const cached = services.get(key);
  if (cached) return cached;

  const tsutils = sdkRequire("@pulumi/pulumi/tsutils") as {
    loadTypeScriptCompilerOptions(tsConfigPath: string): Record<string, unknown>;
    typeScriptRequireStrings(): { tsnodeRequire: string; typescriptRequire: string };
  };
  const fromSdk = createRequire(sdkRequire.resolve("@pulumi/pulumi/tsutils"));
  const { tsnodeRequire, typescriptRequire } = tsutils.typeScriptRequireStrings();
  const compilerOptions = tsutils.loadTypeScriptCompilerOptions(tsconfig);
  const ts = fromSdk(typescriptRequire) as { version: string };
  const [major = 0, minor = 0] = ts.version.split(".").map(Number);
  const useNodeNext = major > 4 || (major === 4 && minor >= 7);
  const transpileOnlyEnv = process.env["PULUMI_NODEJS_TRANSPILE_ONLY"];
  const tsNode = fromSdk(tsnodeRequire) as { create(options: object): TsService };
  const service = tsNode.create({
    compiler: fromSdk.resolve(typescriptRequire),
    cwd: project.programDir,
    transpileOnly: transpileOnlyEnv ? transpileOnlyEnv === "true" : compilerOptions["noCheck"],
    project: tsconfig,
    skipProject: !fs.existsSync(tsconfig),
    compilerOptions: {
      target: "ES2020",
      module: useNodeNext ? "nodenext" : "commonjs",
      moduleResolution: useNodeNext ? "nodenext" : "node",
      sourceMap: "true",
      ...compilerOptions,
    },
  });
  services.set(key, service);
  return service;
}
