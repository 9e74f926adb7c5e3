/**
 * `npm run demo`: the whole story on the embedded default, the local Wickr emulator.
 *
 * Starts the emulator with the demo seed, makes sure the Pulumi CLI is built, and with a file backend
 * under `.work/demo/` (git-ignored): deploys the basic and consumer stacks, prints their outputs (secrets
 * masked), changes the network through RegisterOidcConfig, shows the drift being detected (preview and
 * the refresh Pulumi Deployments runs), applies it, and prints a summary. Exits non-zero on any failure.
 */
import * as auto from "@pulumi/pulumi/automation";
import { rmSync, mkdirSync } from "node:fs";
import * as path from "node:path";
import { basicProgram } from "../examples/basic/program";
import { consumerProgram } from "../examples/consumer/program";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  DEMO_SECRET_ACCESS_KEY,
  startEmulator,
} from "../tests/emulator";
import { signedFetch } from "../tests/emulator/support/signed-fetch";
import { ensurePulumiCli } from "../tests/engine/harness";

const ROOT = path.resolve(__dirname, "..");
const DEMO_DIR = path.join(ROOT, ".work", "demo");
const started = Date.now();
let stepNo = 0;

function step(text: string): void {
  stepNo++;
  console.log(`\n[${stepNo}] ${text}  (+${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

function show(outputs: auto.OutputMap, names?: readonly string[]): void {
  for (const name of names ?? Object.keys(outputs).sort()) {
    const o = outputs[name];
    if (!o) continue;
    console.log(`    ${name.padEnd(22)} ${o.secret ? "[secret]" : JSON.stringify(o.value)}`);
  }
}

/** Runs `fn` expecting it to fail with "no changes were expected"; returns the drift lines it printed. */
async function expectDrift(what: string, fn: (out: (s: string) => void) => Promise<unknown>): Promise<void> {
  let text = "";
  try {
    await fn((s) => (text += s));
  } catch (error) {
    text += String((error as Error).message);
    if (!/no changes were expected/.test(text)) throw error;
    const lines = text
      .split("\n")
      .map((l) => l.trim().replace(/^pulumi:pulumi:Stack \S+ (running )?/, ""))
      .filter((l) => /changed outside Pulumi|~ 1 to update/.test(l));
    console.log(`    ${what}: drift detected (exit non-zero, as CI wants)`);
    for (const line of new Set(lines)) console.log(`      ${line}`);
    return;
  }
  throw new Error(`${what}: expected drift to be detected, but it reported no changes`);
}

async function main(): Promise<void> {
  step("Starting the local Wickr Admin API emulator (demo seed, SigV4-verified)");
  const emulator = await startEmulator();
  console.log(`    ${emulator.url}  network ${DEMO_NETWORK_ID}, access key ${DEMO_ACCESS_KEY_ID} (fake)`);
  try {
    step("Making sure the Pulumi CLI is built (the first build takes several minutes)");
    const bin = await ensurePulumiCli();
    console.log(`    ${bin}`);

    rmSync(DEMO_DIR, { recursive: true, force: true });
    mkdirSync(path.join(DEMO_DIR, "backend"), { recursive: true });
    const envVars = {
      PULUMI_BACKEND_URL: `file://${path.join(DEMO_DIR, "backend")}`,
      PULUMI_CONFIG_PASSPHRASE: "demo-passphrase",
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_SELF_MANAGED_STATE_GZIP: "false",
      AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY,
      AWS_ENDPOINT_URL_STS: emulator.url,
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
      PATH: `${bin}${path.delimiter}${process.env["PATH"] ?? ""}`,
    };
    const pulumiCommand = await auto.PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
    const workspace = (project: string, dir: string) => ({
      pulumiCommand,
      envVars,
      pulumiHome: path.join(DEMO_DIR, "home"),
      workDir: path.join(DEMO_DIR, dir),
      projectSettings: { name: project, runtime: "nodejs" as const },
    });
    mkdirSync(path.join(DEMO_DIR, "basic"), { recursive: true });
    mkdirSync(path.join(DEMO_DIR, "consumer"), { recursive: true });
    const basic = await auto.LocalWorkspace.createOrSelectStack(
      { stackName: "demo", projectName: "wickr-oidc-basic", program: async () => basicProgram() },
      workspace("wickr-oidc-basic", "basic"),
    );
    await basic.setAllConfig({
      networkId: { value: DEMO_NETWORK_ID },
      "wickr:region": { value: DEMO_REGION },
      "wickr:endpoint": { value: emulator.url },
    });
    const consumer = await auto.LocalWorkspace.createOrSelectStack(
      { stackName: "demo", projectName: "wickr-oidc-consumer", program: async () => consumerProgram() },
      workspace("wickr-oidc-consumer", "consumer"),
    );
    await consumer.setConfig("producerStack", { value: "organization/wickr-oidc-basic/demo" });

    step("pulumi up — basic stack reads network settings into typed outputs");
    emulator.resetLog();
    const up1 = await basic.up();
    console.log(
      `    ${JSON.stringify(up1.summary.resourceChanges)}; GetOidcInfo calls: ${emulator.count("GetOidcInfo")}`,
    );
    show(await basic.outputs());

    step("pulumi up — consumer stack reads them through a StackReference");
    await consumer.up();
    show(await consumer.outputs());

    step("pulumi preview --expect-no-changes — nothing changed remotely");
    emulator.resetLog();
    await basic.preview({ expectNoChanges: true });
    console.log(`    no changes; GetOidcInfo calls: ${emulator.count("GetOidcInfo")}`);

    step("Someone changes the network in the Wickr console (RegisterOidcConfig, signed HTTP POST)");
    const current = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
    const changed = {
      companyId: current?.companyId ?? "",
      scopes: `${current?.scopes ?? "openid"} offline_access`,
      issuer: "https://idp.example.com/realms/wickr-demo-v2",
      secret: "rotated-demo-secret-NOT-REAL",
    };
    const register = await signedFetch(emulator.url, {
      method: "POST",
      path: `/networks/${DEMO_NETWORK_ID}/oidc/save`,
      body: JSON.stringify(changed),
      headers: { "content-type": "application/json" },
    });
    if (register.status !== 200)
      throw new Error(`RegisterOidcConfig answered ${register.status}: ${register.text}`);
    console.log(`    issuer → ${changed.issuer}, scopes → "${changed.scopes}", secret → (rotated, hidden)`);

    step("Drift detection");
    await expectDrift("pulumi preview --expect-no-changes", (out) =>
      basic.preview({ expectNoChanges: true, onOutput: out }),
    );
    await expectDrift("pulumi refresh --preview-only --expect-no-changes (Pulumi Deployments)", (out) =>
      basic.previewRefresh({ expectNoChanges: true, onOutput: out }),
    );

    step("pulumi up — the new values reach the outputs, then the consumer stack");
    emulator.resetLog();
    const up2 = await basic.up();
    console.log(
      `    basic: ${JSON.stringify(up2.summary.resourceChanges)}; GetOidcInfo calls: ${emulator.count("GetOidcInfo")}`,
    );
    const consumerUp = await consumer.up();
    console.log(`    consumer: ${JSON.stringify(consumerUp.summary.resourceChanges)}`);
    show(await consumer.outputs(), ["issuer", "scopes", "discoveryUrl", "secret"]);

    step("pulumi preview --expect-no-changes — clean again");
    await basic.preview({ expectNoChanges: true });
    console.log("    no changes");

    step("pulumi destroy — no API call");
    emulator.resetLog();
    await consumer.destroy();
    await basic.destroy();
    console.log(`    destroyed; GetOidcInfo calls: ${emulator.count("GetOidcInfo")}`);

    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `\nDemo passed in ${seconds} s: outputs read, secrets kept secret, drift detected and applied, consumer updated.`,
    );
    console.log(`State and logs are in ${path.relative(ROOT, DEMO_DIR)}/ (git-ignored).`);
  } finally {
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(`\nDemo FAILED at step ${stepNo}: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
