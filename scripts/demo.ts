/**
 * `npm run demo`: the whole story on the embedded default, the local Wickr emulator.
 *
 * Starts the emulator the way a user would (the package's `wickr-admin-emulator` bin, sourcing the
 * shell lines it prints), makes sure the Pulumi CLI is built, and with a file backend
 * under `.work/demo/` (git-ignored) runs `pulumi` in the project folders `examples/basic` and
 * `examples/consumer` exactly as a user would (`stack init`, `config set`, `up`, ...; the folders' own
 * programs, served by `scripts/project-runtime.ts` in place of the Node.js language host): deploys the
 * basic and consumer stacks, prints their outputs (secrets masked), changes the network through
 * RegisterOidcConfig (`wickr-admin-emulator set-oidc`), shows the drift being detected (preview and the refresh Pulumi Deployments runs),
 * applies it, and prints a summary. Every CLI output goes to `.work/demo/pulumi.log`. Removes its stacks
 * (and so their `Pulumi.demo.yaml` files) at the end. Exits non-zero on any failure.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { createInterface } from "node:readline";
import * as path from "node:path";
import { promisify } from "node:util";
import { DEMO_ACCESS_KEY_ID, DEMO_NETWORK_ID, DEMO_REGION } from "../emulator";
import { ensurePulumiCli } from "../tests/engine/harness";
import { type ProjectRun, runProject } from "./project-runtime";

const ROOT = path.resolve(__dirname, "..");
const DEMO_DIR = path.join(ROOT, ".work", "demo");
const LOG_FILE = path.join(DEMO_DIR, "pulumi.log");
const STACK = "demo";
const BASIC_DIR = path.join(ROOT, "examples", "basic");
const CONSUMER_DIR = path.join(ROOT, "examples", "consumer");
/** The package's bin, as `npx wickr-admin-emulator` runs it from a user's install. */
const EMULATOR_BIN = path.join(ROOT, "dist", "emulator", "cli.js");
const started = Date.now();
let stepNo = 0;

function step(text: string): void {
  stepNo++;
  console.log(`\n[${stepNo}] ${text}  (+${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

/** Prints `pulumi stack output --json` as name / value lines; secrets arrive as "[secret]". */
function show(outputsJson: string, names?: readonly string[]): void {
  const outputs = JSON.parse(outputsJson) as Record<string, unknown>;
  for (const name of names ?? Object.keys(outputs).sort()) {
    if (!(name in outputs)) continue;
    const value = outputs[name];
    console.log(`    ${name.padEnd(22)} ${value === "[secret]" ? "[secret]" : JSON.stringify(value)}`);
  }
}

/** The CLI's last resource summary ("+ 2 created", "1 unchanged"; `up` prints its preview's first), on one line. */
function resourceSummary(output: string): string {
  const lines = output.split("\n").map((line) => line.trim());
  const start = lines.lastIndexOf("Resources:");
  if (start === -1) return "(no resource summary)";
  const rest = lines.slice(start + 1);
  const end = rest.indexOf("");
  return (end === -1 ? rest : rest.slice(0, end)).join(", ");
}

/** Prints what a drift check printed: the changed fields and the planned update. */
function showDrift(what: string, run: ProjectRun): void {
  if (run.code === 0) throw new Error(`${what}: expected drift to be detected, but it reported no changes`);
  if (!/no changes were expected/.test(run.output)) {
    throw new Error(`${what} failed for another reason (exit ${run.code}):\n${run.output}`);
  }
  const lines = run.output
    .split("\n")
    .map((l) => l.trim().replace(/^pulumi:pulumi:Stack \S+ (running )?/, ""))
    .filter((l) => /changed outside Pulumi|~ 1 to update/.test(l));
  console.log(`    ${what}: drift detected (exit ${run.code}, as CI wants)`);
  for (const line of new Set(lines)) console.log(`      ${line}`);
}

/** A running `wickr-admin-emulator`: its shell lines, and the operations it served (from `--verbose`). */
interface RunningEmulator {
  child: ChildProcess;
  /** What sourcing its `export` lines gives a shell. */
  env: Record<string, string>;
  /** Requests of `operation` since the last {@link RunningEmulator.mark}. */
  count(operation: string): Promise<number>;
  mark(): Promise<void>;
}

/** `wickr-admin-emulator --port 0 --env-out FILE --verbose`, waiting until it listens. */
async function startEmulatorCli(): Promise<RunningEmulator> {
  const envOut = path.join(DEMO_DIR, "wickr-emulator.env");
  rmSync(envOut, { force: true }); // a previous demo's file names a port that is gone
  const child = spawn(process.execPath, [EMULATOR_BIN, "--port", "0", "--env-out", envOut, "--verbose"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  const operations: string[] = [];
  createInterface({ input: child.stderr! }).on("line", (line) => {
    try {
      operations.push(String((JSON.parse(line) as { operation?: unknown }).operation));
    } catch {
      appendFileSync(LOG_FILE, `[emulator] ${line}\n`);
    }
  });
  for (let waited = 0; !existsSync(envOut); waited += 100) {
    if (child.exitCode !== null || waited > 30_000) throw new Error("the emulator did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const env = Object.fromEntries(
    readFileSync(envOut, "utf8")
      .split("\n")
      .filter((line) => line.startsWith("export "))
      .map((line) => line.slice("export ".length).split("=", 2) as [string, string]),
  );
  // --verbose prints the log every 200 ms: wait a flush before reading it.
  const flushed = () => new Promise((resolve) => setTimeout(resolve, 400));
  let since = 0;
  return {
    child,
    env,
    count: async (operation) => (
      await flushed(),
      operations.slice(since).filter((o) => o === operation).length
    ),
    mark: async () => {
      await flushed();
      since = operations.length;
    },
  };
}

async function main(): Promise<void> {
  mkdirSync(DEMO_DIR, { recursive: true });
  rmSync(LOG_FILE, { force: true }); // one demo's commands, not every demo's
  step(
    "Starting the local Wickr Admin API emulator: npx wickr-admin-emulator --env-out …; . ./wickr-emulator.env",
  );
  const emulator = await startEmulatorCli();
  console.log(
    `    ${emulator.env.AWS_ENDPOINT_URL_WICKR}  network ${DEMO_NETWORK_ID}, access key ${DEMO_ACCESS_KEY_ID} (fake), region ${emulator.env.AWS_REGION}`,
  );
  try {
    step("Making sure the Pulumi CLI is built (the first build takes several minutes)");
    const cliDir = await ensurePulumiCli();
    console.log(`    ${cliDir}`);

    rmSync(path.join(DEMO_DIR, "backend"), { recursive: true, force: true });
    rmSync(path.join(DEMO_DIR, "home"), { recursive: true, force: true });
    mkdirSync(path.join(DEMO_DIR, "backend"), { recursive: true });
    // Left by an interrupted demo; its backend is gone, so its stack config is stale too.
    for (const dir of [BASIC_DIR, CONSUMER_DIR])
      rmSync(path.join(dir, `Pulumi.${STACK}.yaml`), { force: true });
    const env = {
      PULUMI_BACKEND_URL: `file://${path.join(DEMO_DIR, "backend")}`,
      PULUMI_HOME: path.join(DEMO_DIR, "home"),
      PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SELF_MANAGED_STATE_GZIP: "false",
      ...emulator.env, // endpoint, fake keys and region, as a user's shell has them
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    };
    /** `pulumi <args> --stack demo` in `dir`; throws with the CLI's output unless `allowFailure`. */
    const pulumi = async (dir: string, args: string[], allowFailure = false): Promise<ProjectRun> => {
      const stackArgs = args[0] === "stack" && args[1] === "init" ? [] : ["--stack", STACK];
      const command = `pulumi ${[...args, ...stackArgs].join(" ")}`;
      const run = await runProject({
        projectDir: dir,
        args: [...args, ...stackArgs, "--non-interactive"],
        env,
        cliDir,
      });
      appendFileSync(
        LOG_FILE,
        `\n$ cd ${path.relative(ROOT, dir)} && ${command}   # exit ${run.code}\n${run.output}`,
      );
      if (run.code !== 0 && !allowFailure) {
        throw new Error(`${command} in ${path.relative(ROOT, dir)} exited with ${run.code}:\n${run.output}`);
      }
      return run;
    };
    const removeStacks = async () => {
      for (const dir of [CONSUMER_DIR, BASIC_DIR])
        await pulumi(dir, ["stack", "rm", "--yes", "--force"], true);
    };

    try {
      step("pulumi stack init + config set, in examples/basic and examples/consumer");
      await pulumi(BASIC_DIR, ["stack", "init", STACK]);
      await pulumi(BASIC_DIR, ["config", "set", "networkId", DEMO_NETWORK_ID]);
      await pulumi(BASIC_DIR, ["config", "set", "wickr:region", DEMO_REGION]);
      await pulumi(CONSUMER_DIR, ["stack", "init", STACK]);
      await pulumi(CONSUMER_DIR, [
        "config",
        "set",
        "producerStack",
        `organization/wickr-oidc-basic/${STACK}`,
      ]);
      console.log(`    organization/wickr-oidc-basic/${STACK}, organization/wickr-oidc-consumer/${STACK}`);

      step("pulumi up — basic stack reads network settings into typed outputs");
      await emulator.mark();
      const up1 = await pulumi(BASIC_DIR, ["up", "--yes"]);
      console.log(
        `    ${resourceSummary(up1.output)}; GetOidcInfo calls: ${await emulator.count("GetOidcInfo")}`,
      );
      show((await pulumi(BASIC_DIR, ["stack", "output", "--json"])).stdout);

      step("pulumi up — consumer stack reads them through a StackReference");
      await pulumi(CONSUMER_DIR, ["up", "--yes"]);
      show((await pulumi(CONSUMER_DIR, ["stack", "output", "--json"])).stdout);

      step("pulumi preview --expect-no-changes — nothing changed remotely");
      await emulator.mark();
      await pulumi(BASIC_DIR, ["preview", "--expect-no-changes"]);
      console.log(`    no changes; GetOidcInfo calls: ${await emulator.count("GetOidcInfo")}`);

      step("Someone changes the network in the Wickr console: npx wickr-admin-emulator set-oidc …");
      const issuer = "https://idp.example.com/realms/wickr-demo-v2";
      const scopes = "openid profile email offline_access";
      const setOidc = [
        ...["set-oidc", "--network", DEMO_NETWORK_ID, "--issuer", issuer, "--scopes", scopes],
        ...["--secret", "rotated-demo-secret-NOT-REAL"],
      ];
      await promisify(execFile)(process.execPath, [EMULATOR_BIN, ...setOidc], {
        env: { ...process.env, ...env },
      });
      console.log(`    issuer → ${issuer}, scopes → "${scopes}", secret → (rotated, hidden)`);

      step("Drift detection");
      showDrift(
        "pulumi preview --expect-no-changes",
        await pulumi(BASIC_DIR, ["preview", "--expect-no-changes"], true),
      );
      showDrift(
        "pulumi refresh --preview-only --expect-no-changes (Pulumi Deployments)",
        await pulumi(BASIC_DIR, ["refresh", "--preview-only", "--expect-no-changes"], true),
      );

      step("pulumi up — the new values reach the outputs, then the consumer stack");
      await emulator.mark();
      const up2 = await pulumi(BASIC_DIR, ["up", "--yes"]);
      const calls = await emulator.count("GetOidcInfo"); // `up` is two engine runs: its preview, then the update
      console.log(
        `    basic: ${resourceSummary(up2.output)}; GetOidcInfo calls: ${calls} (preview + update)`,
      );
      const consumerUp = await pulumi(CONSUMER_DIR, ["up", "--yes"]);
      console.log(`    consumer: ${resourceSummary(consumerUp.output)}`);
      show((await pulumi(CONSUMER_DIR, ["stack", "output", "--json"])).stdout, [
        "issuer",
        "scopes",
        "discoveryUrl",
        "secret",
      ]);

      step("pulumi preview --expect-no-changes — clean again");
      await pulumi(BASIC_DIR, ["preview", "--expect-no-changes"]);
      console.log("    no changes");

      step("pulumi destroy — no API call");
      await emulator.mark();
      await pulumi(CONSUMER_DIR, ["destroy", "--yes"]);
      await pulumi(BASIC_DIR, ["destroy", "--yes"]);
      console.log(`    destroyed; GetOidcInfo calls: ${await emulator.count("GetOidcInfo")}`);
    } finally {
      await removeStacks(); // also deletes examples/*/Pulumi.demo.yaml
    }

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nDemo passed in ${seconds} s: outputs read, secrets kept secret, drift detected and applied, consumer updated.`,
    );
    console.log(`Every pulumi command and its output: ${path.relative(ROOT, LOG_FILE)} (git-ignored).`);
  } finally {
    const exited = once(emulator.child, "exit");
    emulator.child.kill("SIGTERM"); // what Ctrl-C does to it
    await exited;
  }
}

main().catch((error: unknown) => {
  console.error(`\nDemo FAILED at step ${stepNo}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
