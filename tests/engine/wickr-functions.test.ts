/**
 * The function forms inside a real program. `getWickrOidcInfo` and `getWickrOidcInfoOutput` run in the
 * program process (dynamic providers cannot serve invokes), so with inline programs they run in this
 * test process: its AWS environment is this process's, and connection settings come from stack config
 * only, as in a user's program.
 */
import assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import { getWickrOidcInfo, getWickrOidcInfoOutput, WickrOidcInfo } from "pulumi-wickr-oidc";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  DEMO_SECRET_ACCESS_KEY,
  startEmulator,
  type Emulator,
} from "../../emulator";
import { withAwsEnv } from "../helpers/aws-env";
import { addNetworkLike, awsEnv, CLI_TIMEOUT_MS, SECRET_SIG } from "./wickr-fixtures";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";

/**
 * Runs `run` and fails if the process emitted a warning meanwhile (the program runs in this process,
 * so a `PromiseRejectionHandledWarning` from the package would be emitted here).
 */
async function withWarnings<T>(run: () => Promise<T>): Promise<T> {
  const warnings: string[] = [];
  const listen = (warning: Error): void => void warnings.push(`${warning.name}: ${warning.message}`);
  process.on("warning", listen);
  try {
    const result = await run();
    await new Promise((resolve) => setTimeout(resolve, 100)); // warnings are emitted on a later tick
    assert.deepEqual(warnings, [], "no process warning while the program ran");
    return result;
  } finally {
    process.off("warning", listen);
  }
}

const KEYS = { AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY };

describe("function forms under the engine (stack config only)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let stacks: TestStack[] = [];

  /** A stack whose only connection settings are `aws:region` and a secret `wickr:endpoint`. */
  const stackWith = async (project: string, program: () => Promise<Record<string, unknown>>) => {
    const t = await createTestStack({
      project,
      envVars: awsEnv(emulator),
      config: {
        "aws:region": { value: DEMO_REGION },
        "wickr:endpoint": { value: emulator.url, secret: true },
      },
      program,
    });
    stacks.push(t);
    return t;
  };
  const withKeys = <T>(run: () => Promise<T>): Promise<T> => withAwsEnv(KEYS, run);
  const seeded = () => emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
  });
  afterEach(async () => {
    for (const t of stacks) await t.cleanup();
    stacks = [];
  });
  after(() => emulator.close());

  it("getWickrOidcInfoOutput: plain fields plain, sensitive ones secret, though the endpoint is a secret", async () => {
    const t = await stackWith("wickr-fn-output", async () => {
      const info = getWickrOidcInfoOutput({ networkId: DEMO_NETWORK_ID });
      return {
        issuer: info.issuer,
        scopes: info.scopes,
        applicationId: info.applicationId,
        region: info.region,
        networkId: info.networkId,
        clientSecret: info.clientSecret,
        secret: info.secret,
      };
    });
    emulator.resetLog();
    await withKeys(() => t.up());
    const outputs = await t.outputs();
    const network = seeded();
    assert.deepEqual(outputs["issuer"], { value: network?.issuer, secret: false });
    assert.deepEqual(outputs["scopes"], { value: network?.scopes, secret: false });
    assert.deepEqual(outputs["applicationId"], { value: network?.applicationId, secret: false });
    assert.deepEqual(
      outputs["region"],
      { value: DEMO_REGION, secret: false },
      "aws:region from stack config",
    );
    assert.deepEqual(outputs["networkId"], { value: DEMO_NETWORK_ID, secret: false });
    assert.deepEqual(outputs["clientSecret"], { value: network?.clientSecret, secret: true });
    assert.deepEqual(outputs["secret"], { value: network?.secret, secret: true });
    assert.equal(emulator.log.at(-1)?.region, DEMO_REGION, "the request was signed for aws:region");
    const raw = await t.rawState();
    assert.ok(!raw.includes(String(network?.clientSecret)) && !raw.includes(String(network?.secret)));
    assert.ok(raw.includes(SECRET_SIG));
  });

  it("getWickrOidcInfo (promise form) in a program reads aws:region and wickr:endpoint from stack config", async () => {
    const t = await stackWith("wickr-fn-promise", async () => {
      const { openidConnectInfo } = await getWickrOidcInfo({ networkId: DEMO_NETWORK_ID });
      return {
        issuer: openidConnectInfo?.issuer,
        clientSecret: pulumi.secret(openidConnectInfo?.clientSecret),
      };
    });
    emulator.resetLog();
    const { output } = await withWarnings(() => withKeys(() => t.up()));
    const outputs = await t.outputs();
    assert.deepEqual(outputs["issuer"], { value: seeded()?.issuer, secret: false });
    assert.equal(outputs["clientSecret"]?.secret, true);
    assert.equal(emulator.log.at(-1)?.region, DEMO_REGION);
    assert.doesNotMatch(output, /Missing Region/);
  });

  it("dependsOn: the call waits for the resource; a preview that creates it leaves the result unknown", async () => {
    const other = "87654321";
    addNetworkLike(emulator, other, { issuer: "https://idp.example.com/realms/other" });
    const t = await stackWith("wickr-fn-depends", async () => {
      const sso = new WickrOidcInfo("sso", { networkId: DEMO_NETWORK_ID });
      const info = getWickrOidcInfoOutput({ networkId: other }, { dependsOn: [sso] });
      return { otherIssuer: info.issuer };
    });
    emulator.resetLog();
    const preview = await withKeys(() => t.preview());
    assert.equal(
      emulator.count("GetOidcInfo"),
      0,
      "neither the new resource nor the waiting call read in preview",
    );
    assert.match(preview.output, /otherIssuer\s*:\s*\[unknown\]/, "the result shows as unknown");

    emulator.resetLog();
    await withKeys(() => t.up());
    const order = emulator.log.filter((e) => e.operation === "GetOidcInfo").map((e) => e.networkId);
    assert.deepEqual(order, [DEMO_NETWORK_ID, other], "the resource is read first, then the call is made");
    assert.equal((await t.outputs())["otherIssuer"]?.value, "https://idp.example.com/realms/other");
  });

  it("a failing call fails the run with the service's error, once, and no rejection warning", async () => {
    const t = await stackWith("wickr-fn-failing", async () => {
      const info = getWickrOidcInfoOutput({ networkId: "99999999" });
      return { issuer: info.issuer };
    });
    emulator.resetLog();
    const failure = await withWarnings(() =>
      withKeys(() => t.up()).then(
        () => assert.fail("up succeeded for a network that does not exist"),
        (error: { output?: string; message: string }) => `${error.message}\n${error.output ?? ""}`,
      ),
    );
    assert.match(failure, /ResourceNotFoundError/);
    assert.doesNotMatch(failure, /Missing Region/);
    assert.equal(emulator.count("GetOidcInfo"), 1, "a 404 is not retried");
  });
});
