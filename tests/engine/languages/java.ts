/**
 * Java: sdk/java built and installed with Maven into the local Maven repository, then the example
 * program (examples/java, a `runtime: java` Maven project) run by Pulumi Java's real language host
 * (built by scripts/pulumi-java-install.sh), which runs `mvn compile exec:java` for every engine pass.
 *
 * Maven's repository is Maven's own (~/.m2/repository): outside the repository, optional. Set
 * PULUMI_WICKR_MAVEN_REPO to use another folder; every Maven run here, the host's included, uses it.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { REPO_ROOT, SDK_DIR, WORK_ROOT } from "../cli";
import { createBackend, ensurePulumiCli, ensureYamlLanguageHost, type TestBackend } from "../harness";
import { copyExample, type Language, run, secondsSince } from "./language";
import { projectFolderStack, withoutNpmBins } from "./language-stack";

const INSTALL_SCRIPT = path.join(REPO_ROOT, "scripts", "pulumi-java-install.sh");
const HERE = path.join(REPO_ROOT, "tests", "engine", "languages", "java");

/** Maven's options: batch mode, and the repository PULUMI_WICKR_MAVEN_REPO names, if any. */
function mavenOptions(): string[] {
  const repo = process.env["PULUMI_WICKR_MAVEN_REPO"];
  return ["-B", "--no-transfer-progress", ...(repo ? [`-Dmaven.repo.local=${repo}`] : [])];
}

/** Builds (or finds) the Java language host; resolves with its folder. Progress goes to stderr. */
function ensureJavaLanguageHost(): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [INSTALL_SCRIPT, "--print-path"], { stdio: ["ignore", "pipe", "inherit"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const dir = stdout.trim().split("\n").pop() ?? "";
      if (code === 0 && path.isAbsolute(dir)) resolve(dir);
      else
        reject(
          new Error(
            `scripts/pulumi-java-install.sh --print-path exited with ${code}; see its messages above`,
          ),
        );
    });
  });
}

/** The Java language (sdk/java is built in a copy under .work/languages/ per run). */
export function java(): Language {
  let hostDir = "";
  let sdkCopy = "";
  let backend: TestBackend | undefined;

  return {
    title: "Java",
    how: "runtime: java Maven project, Pulumi Java's language host",
    async prepare() {
      let started = Date.now();
      hostDir = await ensureJavaLanguageHost();
      console.log(`      (Java: language host ready in ${secondsSince(started)})`);
      await fs.mkdir(path.join(WORK_ROOT, "languages"), { recursive: true });
      sdkCopy = await fs.mkdtemp(path.join(WORK_ROOT, "languages", "java-sdk-"));
      await fs.cp(path.join(REPO_ROOT, "sdk", "java"), sdkCopy, { recursive: true });
      started = Date.now();
      await run("nice", ["-n", "10", "mvn", ...mavenOptions(), "-q", "install"], { cwd: sdkCopy });
      console.log(`      (Java: sdk/java built and installed with Maven in ${secondsSince(started)})`);
      backend = await createBackend("languages-java");
    },
    async createStack({ stack, env, program = "example" }) {
      assert.ok(backend, "prepare() ran");
      const files: Record<string, string> = {};
      const copy = path.join(sdkCopy, `example-${stack}`);
      await copyExample("java", copy);
      for (const file of await fs.readdir(copy, { recursive: true, withFileTypes: true })) {
        if (file.isFile()) {
          const full = path.join(file.parentPath, file.name);
          files[path.relative(copy, full)] = await fs.readFile(full, "utf8");
        }
      }
      // Maven reads .mvn/maven.config for every run in the project, the host's `mvn compile exec:java`.
      const mavenConfig: string[] = [];
      const repo = process.env["PULUMI_WICKR_MAVEN_REPO"];
      if (repo) mavenConfig.push(`-Dmaven.repo.local=${repo}`);
      if (program === "plain-invoke") {
        // The example project with one more class, run instead of App (its pom's `mainClass` property).
        files["src/main/java/wickrsso/PlainInvoke.java"] = await fs.readFile(
          path.join(HERE, "PlainInvoke.java"),
          "utf8",
        );
        mavenConfig.push("-DmainClass=wickrsso.PlainInvoke");
      }
      if (mavenConfig.length > 0) files[".mvn/maven.config"] = `${mavenConfig.join("\n")}\n`;
      // The CLI finds the language host of `runtime: java` on PATH, next to the CLI and YAML's.
      const pathDirs = [
        hostDir,
        await ensurePulumiCli(),
        await ensureYamlLanguageHost(),
        SDK_DIR,
        process.env.PATH ?? "",
      ];
      const t = await backend.createProjectStack({
        files,
        stack,
        envVars: { ...env, PATH: withoutNpmBins(pathDirs.join(path.delimiter)) },
      });
      return projectFolderStack(t);
    },
    checks: [
      {
        title: "sdk/java compiled with Maven; its jar holds the plugin's name and version for the engine",
        async run() {
          const jar = path.join(sdkCopy, "target", "wickr-oidc-0.1.0.jar");
          const listing = await run("jar", ["tf", jar], { cwd: sdkCopy });
          for (const entry of [
            "com/pulumi/wickroidc/WickrOidcInfo.class",
            "com/pulumi/wickr-oidc/plugin.json",
            "com/pulumi/wickr-oidc/version.txt",
          ])
            assert.ok(listing.split("\n").includes(entry), `${jar} has no ${entry}:\n${listing}`);
        },
      },
    ],
    async cleanup() {
      await backend?.cleanup();
      if (sdkCopy !== "" && process.env.PULUMI_WICKR_KEEP_ENGINE_DIRS !== "1")
        await fs.rm(sdkCopy, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}
