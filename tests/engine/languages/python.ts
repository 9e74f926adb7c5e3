/**
 * Python: sdk/python pip-installed into a fresh virtual environment with `pulumi` from PyPI (pinned by
 * python/constraints.txt), the example's type hints checked with mypy, and the example's function run
 * as an Automation API inline program by python/driver.py.
 *
 * pip's download cache is pip's own (PIP_CACHE_DIR, default ~/.cache/pip): outside the repository, and
 * optional (an empty one costs about 20 s more).
 */
import assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT, WORK_ROOT } from "../cli";
import { type BackendFolder, createBackendFolder, removeBackendFolder } from "../harness";
import { copyExample, exampleDir, type Language, run, secondsSince } from "./language";
import { startDriver } from "./language-stack";

const HERE = path.join(REPO_ROOT, "tests", "engine", "languages", "python");
const CONSTRAINTS = path.join(HERE, "constraints.txt");

/** The Python language (a fresh virtual environment under .work/languages/ per run). */
export function python(): Language {
  let venv = "";
  let folder: BackendFolder | undefined;
  const bin = (name: string) => path.join(venv, "bin", name);
  // Pinned everywhere pip resolves, the isolated build of sdk/python (setuptools) included.
  const pipEnv = { PIP_CONSTRAINT: CONSTRAINTS, PIP_DISABLE_PIP_VERSION_CHECK: "1" };

  return {
    title: "Python",
    how: "Automation API inline program (pulumi.automation), sdk/python pip-installed",
    async prepare() {
      await fs.mkdir(path.join(WORK_ROOT, "languages"), { recursive: true });
      venv = await fs.mkdtemp(path.join(WORK_ROOT, "languages", "python-venv-"));
      const started = Date.now();
      await run("python3", ["-m", "venv", venv], { cwd: REPO_ROOT });
      // From a copy: pip builds a local folder in place (build/, *.egg-info), which would change sdk/.
      const sdk = path.join(venv, "sdk-python");
      await fs.cp(path.join(REPO_ROOT, "sdk", "python"), sdk, { recursive: true });
      await run(bin("pip"), ["install", "--constraint", CONSTRAINTS, sdk, "mypy"], {
        cwd: venv,
        env: pipEnv,
      });
      console.log(`      (Python: fresh venv, sdk/python and mypy installed in ${secondsSince(started)})`);
      folder = await createBackendFolder("languages-python");
    },
    async createStack({ stack, env, program = "example" }) {
      assert.ok(folder, "prepare() ran");
      const workDir = path.join(folder.dir, `work-${stack}`);
      const project = await copyExample("python", workDir);
      return startDriver({
        command: bin("python"),
        args: [
          path.join(HERE, "driver.py"),
          ...(program === "example"
            ? ["--program", path.join(workDir, "__main__.py"), "--function", "wickr_sso"]
            : ["--program", path.join(HERE, "plain_invoke.py"), "--function", "plain_invoke"]),
          ...["--project", project, "--stack", stack, "--work-dir", workDir],
        ],
        env: { ...folder.env, ...env, PYTHONDONTWRITEBYTECODE: "1" },
        workDir,
        project,
        stack,
        backendDir: folder.backendDir,
      });
    },
    checks: [
      {
        title: "the installed package is sdk/python at package.json's version, with its type information",
        async run() {
          const shown = await run(bin("pip"), ["show", "--files", "pulumi_wickr_oidc"], { cwd: REPO_ROOT });
          assert.match(shown, /^Version: 0\.1\.0$/m);
          assert.match(shown, /pulumi_wickr_oidc\/py\.typed/);
          assert.match(shown, /pulumi_wickr_oidc\/pulumi-plugin\.json/);
          const pulumi = await run(bin("pip"), ["show", "pulumi"], { cwd: REPO_ROOT });
          assert.match(pulumi, /^Version: 3\.272\.0$/m, "the pulumi SDK constraints.txt pins");
        },
      },
      {
        title: "mypy --strict accepts the example program, and rejects a call with a wrong argument type",
        async run() {
          const program = path.join(exampleDir("python"), "__main__.py");
          const mypy = (file: string) =>
            run(bin("mypy"), ["--strict", "--cache-dir", path.join(venv, "mypy-cache"), file], { cwd: venv });
          const accepted = await mypy(program);
          assert.match(accepted, /^Success: no issues found in 1 source file$/m);
          // The same program with the network id as a number: the SDK's hints must catch it.
          const wrong = path.join(venv, "wrong_type.py");
          const text = await fs.readFile(program, "utf8");
          const broken = text.replace(
            "network_id=network_id, token_request",
            "network_id=12345678, token_request",
          );
          assert.notEqual(broken, text, "the example creates WickrOidcInfo with network_id=network_id");
          await fs.writeFile(wrong, broken);
          const rejected = await mypy(wrong).then(
            () => assert.fail("mypy accepted network_id=12345678"),
            (error: Error) => error.message,
          );
          assert.match(
            rejected,
            /wrong_type\.py:\d+: error: No overload variant of "WickrOidcInfo" matches argument types "str", "int"/,
          );
        },
      },
    ],
    async cleanup() {
      if (folder) await removeBackendFolder(folder);
      if (venv !== "" && process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS !== "1")
        await fs.rm(venv, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
