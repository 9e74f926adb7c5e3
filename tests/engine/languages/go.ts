/**
 * Go: the example program (examples/go, a user's project) builds as it is, and its function runs as an
 * Automation API inline program: go/driver.go is compiled together with examples/go/main.go, unchanged,
 * against sdk/go (a `replace`) and the Pulumi Go SDK of go/go.mod and go/go.sum.
 *
 * Go's module and build caches are Go's own (GOMODCACHE, GOCACHE): outside the repository, optional.
 */
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import { REPO_ROOT, WORK_ROOT } from "../cli";
import { type BackendFolder, createBackendFolder, removeBackendFolder } from "../harness";
import { copyExample, exampleDir, goCommand, type Language, run, secondsSince } from "./language";
import { startDriver } from "./language-stack";

const HERE = path.join(REPO_ROOT, "tests", "engine", "languages", "go");
const SDK_MODULE = "github.com/pulumi-wickr-oidc/pulumi-wickr-oidc/sdk/go";

/** The Go language (the driver is built under .work/languages/ per run). */
export function go(): Language {
  let buildDir = "";
  let folder: BackendFolder | undefined;
  const driver = () => path.join(buildDir, "driver");
  const goEnv = { GOTOOLCHAIN: "local", GOFLAGS: "-mod=readonly" };
  const replaceSdk = (dir: string) =>
    run(goCommand(), ["mod", "edit", `-replace=${SDK_MODULE}=${path.join(REPO_ROOT, "sdk", "go")}`], {
      cwd: dir,
      env: goEnv,
    });

  return {
    title: "Go",
    how: "Automation API inline program (sdk/go/auto), sdk/go by replace",
    async prepare() {
      await fs.mkdir(path.join(WORK_ROOT, "languages"), { recursive: true });
      buildDir = await fs.mkdtemp(path.join(WORK_ROOT, "languages", "go-driver-"));
      for (const file of ["driver.go", "plain_invoke.go", "go.mod", "go.sum"])
        await fs.copyFile(path.join(HERE, file), path.join(buildDir, file));
      await fs.copyFile(path.join(exampleDir("go"), "main.go"), path.join(buildDir, "main.go"));
      await replaceSdk(buildDir);
      const started = Date.now();
      await run("nice", ["-n", "10", goCommand(), "build", "-o", driver(), "."], {
        cwd: buildDir,
        env: goEnv,
      });
      console.log(`      (Go: driver built with examples/go/main.go in ${secondsSince(started)})`);
      folder = await createBackendFolder("languages-go");
    },
    async createStack({ stack, env, program = "example" }) {
      assert.ok(folder, "prepare() ran");
      const workDir = path.join(folder.dir, `work-${stack}`);
      const project = await copyExample("go", workDir);
      return startDriver({
        command: driver(),
        args: ["-project", project, "-stack", stack, "-work-dir", workDir, "-program", program],
        env: { ...folder.env, ...env },
        workDir,
        project,
        stack,
        backendDir: folder.backendDir,
      });
    },
    checks: [
      {
        title: "examples/go builds and passes go vet as a user's project (its go.mod, sdk/go by replace)",
        async run() {
          const copy = await fs.mkdtemp(path.join(os.tmpdir(), "wickr-example-go-"));
          try {
            await copyExample("go", copy);
            await replaceSdk(copy);
            const goMod = await fs.readFile(path.join(copy, "go.mod"), "utf8");
            assert.match(
              goMod,
              /^require \(\n\tgithub\.com\/pulumi-wickr-oidc\/pulumi-wickr-oidc\/sdk\/go v0\.0\.0$/m,
            );
            await run("nice", ["-n", "10", goCommand(), "build", "-o", os.devNull, "."], {
              cwd: copy,
              env: goEnv,
            });
            await run("nice", ["-n", "10", goCommand(), "vet", "."], { cwd: copy, env: goEnv });
          } finally {
            await fs.rm(copy, { recursive: true, force: true });
          }
        },
      },
    ],
    async cleanup() {
      if (folder) await removeBackendFolder(folder);
      if (buildDir !== "" && process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS !== "1")
        await fs.rm(buildDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
