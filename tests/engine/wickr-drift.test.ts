/**
 * Drift: the network's settings change outside Pulumi. `preview` must show the resource updating and
 * name what changed (a secret by name only), `--expect-no-changes` previews of `up` and `refresh` must
 * fail, and `up` must bring the new values into the outputs and into resources that depend on them.
 * Every engine run costs one `GetOidcInfo` call.
 *
 * The tests share one stack but do not depend on each other: each first sets up the drift it needs
 * (`givenDrift`: the network changed after the stack's last `up`; `givenCaughtUp`: an `up` brought the
 * change in), which costs an `up` only when an earlier test left the stack elsewhere. Run any one alone
 * with `--grep`.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { WickrOidcInfo } from "pulumi-wickr-oidc";
import { isDeepStrictEqual } from "node:util";
import { DEMO_NETWORK_ID, type Emulator, type OpenidConnectInfo, startEmulator } from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import {
  demoArgs,
  assertNoCanary,
  awsEnv,
  canary,
  CLI_TIMEOUT_MS,
  expectFailure,
  diagnosticsOf,
  linesWith,
  previewRefresh,
  resourcesOfType,
  runCli,
  restoreDemoNetwork,
  serializedProvider,
} from "./wickr-fixtures";

/** A dependent resource: it stores its input `value` and exports it. Captures nothing. */
const echoProvider: pulumi.dynamic.ResourceProvider<{ value: string }, { value: string }> = {
  async create(inputs) {
    return { id: "echo", outs: { value: inputs.value } };
  },
  async diff(_id, olds, news) {
    return { changes: olds.value !== news.value };
  },
  async update(_id, _olds, news) {
    return { outs: { value: news.value } };
  },
};

class Echo extends pulumi.dynamic.Resource {
  declare readonly value: pulumi.Output<string>;

  constructor(name: string, args: { value: pulumi.Input<string> }) {
    super(echoProvider, name, { value: args.value }, {}, "test", "Echo");
  }
}

const ECHO_TYPE = "pulumi-nodejs:dynamic/test:Echo";
const driftLine = (fields: string): string =>
  `WickrOidcInfo: the OIDC settings of Wickr network ${DEMO_NETWORK_ID} changed outside Pulumi: ${fields}`;
const UPDATE_LINE = /^~\s+pulumi-nodejs:dynamic\/wickr:WickrOidcInfo sso update\b/;
const NO_CHANGES_EXPECTED = /no changes were expected for (preview|refresh) but changes were proposed/;

describe("WickrOidcInfo drift (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let t: TestStack;
  /**
   * The changes to the seeded demo network that the stack's last `up` recorded (`{}`: none);
   * `undefined` when not known (a test failed half-way).
   */
  let recorded: Partial<OpenidConnectInfo> | undefined = {};

  /** Sets the demo network to its seed settings changed by `overrides`. */
  function setNetwork(overrides: Partial<OpenidConnectInfo>): void {
    restoreDemoNetwork(emulator);
    emulator.registerOidcConfig(DEMO_NETWORK_ID, overrides);
  }

  /**
   * The network differs from what the stack recorded by `change` only: changed outside Pulumi after the
   * last `up`. Runs an `up` first only when the stack already holds part of `change`.
   */
  async function givenDrift(change: Partial<OpenidConnectInfo>): Promise<Partial<OpenidConnectInfo>> {
    const held = recorded;
    if (
      held === undefined ||
      Object.entries(change).some(([k, v]) => held[k as keyof OpenidConnectInfo] === v)
    ) {
      setNetwork({});
      await t.up();
      recorded = {};
    }
    const network = { ...recorded, ...change };
    setNetwork(network);
    return network;
  }

  /** The network has `change` and an `up` has brought it into the stack. */
  async function givenCaughtUp(change: Partial<OpenidConnectInfo>): Promise<void> {
    const network = { ...recorded, ...change };
    setNetwork(network);
    if (isDeepStrictEqual(recorded, network)) return;
    await t.up();
    recorded = network;
  }

  /** The resource's `driftedFields` as the state holds it (a refresh does not run the program). */
  async function storedDrift(): Promise<unknown> {
    const [resource] = resourcesOfType(await t.rawState(), "pulumi-nodejs:dynamic/wickr:WickrOidcInfo");
    return resource?.outputs?.["driftedFields"];
  }

  /** Runs an engine operation with a fresh emulator log and checks it made exactly one call. */
  async function oneCall<R>(operation: () => Promise<R>): Promise<R> {
    emulator.resetLog();
    const result = await operation();
    assert.equal(emulator.count("GetOidcInfo"), 1, "GetOidcInfo calls in this run");
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 0, "token exchanges in this run");
    return result;
  }

  /** The drift lines of `output`; prints them for the report. */
  function driftLines(label: string, output: string): string[] {
    const lines = [...linesWith(output, "changed outside Pulumi"), ...linesWith(output, UPDATE_LINE)];
    console.log(`      ${label}:\n${lines.map((line) => `        | ${line}`).join("\n")}`);
    return lines;
  }
  /**
   * Asserts that the output shows the resource updating and names the drifted field (`fields`: the
   * line's end, values included), attached to the resource, not to the Stack.
   */
  function assertDriftShown(label: string, output: string, fields: string): void {
    const lines = driftLines(label, output);
    assert.ok(
      lines.some((line) => line.endsWith(driftLine(fields))),
      `names ${fields}`,
    );
    assert.ok(
      diagnosticsOf(output, "pulumi-nodejs:dynamic/wickr:WickrOidcInfo (sso)").includes(driftLine(fields)),
      "the drift line is among the resource's diagnostics",
    );
    assert.deepEqual(
      diagnosticsOf(output, "pulumi:pulumi:Stack").filter((line) => line.includes("changed outside Pulumi")),
      [],
      "and not among the Stack's",
    );
    assert.ok(
      lines.some((line) => UPDATE_LINE.test(line)),
      "shows the resource updating",
    );
  }

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    t = await createTestStack({
      project: "wickr-drift",
      envVars: awsEnv(emulator),
      program: async () => {
        const sso = new WickrOidcInfo("sso", demoArgs(emulator));
        const echo = new Echo("echo", { value: sso.issuer });
        return {
          issuer: sso.issuer,
          secret: sso.secret,
          driftedFields: sso.driftedFields,
          echoed: echo.value,
        };
      },
    });
    await t.up();
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") recorded = undefined;
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it("the dependent resource's serialized provider captures nothing", async () => {
    const text = serializedProvider(await t.rawState(), ECHO_TYPE, "echo");
    assert.ok(Buffer.byteLength(text) < 4096, `${Buffer.byteLength(text)} bytes`);
    const secret = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.secret ?? "";
    for (const value of [secret, emulator.url, "AWS_", "process.env"]) {
      assert.ok(!text.includes(value), `the echo provider captures ${value}`);
    }
  });

  describe("a plain setting changed outside Pulumi", () => {
    const issuer = `https://idp.example.com/realms/rotated-${randomBytes(4).toString("hex")}`;
    /** The drift line's end: the field, its stored value and its current one. */
    const issuerDrift = `issuer "https://idp.example.com/realms/wickr-demo" → "${issuer}"`;

    it("preview shows the resource updating and names the changed field", async () => {
      await givenDrift({ issuer });
      const { result, output } = await oneCall(() => t.preview());
      // The dependent updates too: during a preview the new issuer is not known yet.
      assert.deepEqual(result.changeSummary, { same: 1, update: 2 });
      assertDriftShown("preview", output, issuerDrift);
    });

    it("preview --expect-no-changes fails", async () => {
      await givenDrift({ issuer });
      const { text } = await oneCall(() => expectFailure(t.preview({ expectNoChanges: true })));
      assert.match(text, NO_CHANGES_EXPECTED);
      assert.ok(text.includes(driftLine(issuerDrift)));
    });

    it("refresh --preview-only --expect-no-changes fails", async () => {
      await givenDrift({ issuer });
      const { output, text } = await oneCall(() =>
        expectFailure(previewRefresh(t, { expectNoChanges: true })),
      );
      assert.match(text, NO_CHANGES_EXPECTED);
      assertDriftShown("refresh --preview-only --expect-no-changes", output, issuerDrift);
    });

    it("up brings the new value into the outputs and into the dependent resource", async () => {
      const network = await givenDrift({ issuer });
      const { result } = await oneCall(() => t.up());
      recorded = network;
      assert.deepEqual(result.summary.resourceChanges, { same: 1, update: 2 });
      const outputs = await t.outputs();
      assert.equal(outputs.issuer?.value, issuer);
      assert.equal(outputs.echoed?.value, issuer);
      assert.deepEqual(outputs.driftedFields?.value, []);
    });

    it("the next preview --expect-no-changes passes", async () => {
      await givenCaughtUp({ issuer });
      const { result } = await oneCall(() => t.preview({ expectNoChanges: true }));
      assert.deepEqual(result.changeSummary, { same: 3 });
    });
  });

  describe("a plain `pulumi refresh` that accepts drift", () => {
    const scopes = `openid profile email rotated-${randomBytes(4).toString("hex")}`;

    it("names the drift on the resource's row, one call for the run (Automation API: no preview pass)", async () => {
      await givenDrift({ scopes });
      const { output } = await oneCall(() => t.refresh());
      recorded = undefined; // the outputs hold the new scopes; the dependent does not yet
      const line = driftLine(`scopes "openid profile email" → "${scopes}"`);
      assert.ok(
        diagnosticsOf(output, "pulumi-nodejs:dynamic/wickr:WickrOidcInfo (sso)").includes(line),
        output,
      );
      assert.deepEqual(await storedDrift(), ["scopes"], "the resource's driftedFields in the state");
    });

    it("the next preview says why the resource updates, on its row, with one call", async () => {
      if (!isDeepStrictEqual(await storedDrift(), ["scopes"])) {
        await givenDrift({ scopes });
        await t.refresh();
      }
      const { output, result } = await oneCall(() => t.preview());
      assert.deepEqual(result.changeSummary, { same: 1, update: 2 });
      const why = diagnosticsOf(output, "pulumi-nodejs:dynamic/wickr:WickrOidcInfo (sso)");
      console.log(`      preview after refresh:\n${why.map((l) => `        | ${l}`).join("\n")}`);
      assert.deepEqual(why, [
        `WickrOidcInfo: a refresh recorded that the OIDC settings of Wickr network ${DEMO_NETWORK_ID} changed outside Pulumi (scopes); \`pulumi up\` brings the outputs and their dependents up to date, and changes nothing in Wickr`,
      ]);
      // And `up` records it: nothing is left to do afterwards.
      await t.up();
      recorded = { scopes };
      const { result: after } = await oneCall(() => t.preview({ expectNoChanges: true }));
      assert.deepEqual(after.changeSummary, { same: 3 });
    });

    it("`pulumi refresh --yes` from the CLI: one call per engine pass (its preview pass, then the refresh), drift or not", async () => {
      await givenCaughtUp({ scopes });
      for (const drift of [false, true]) {
        if (drift)
          setNetwork({
            ...recorded,
            issuer: `https://idp.example.com/realms/cli-${randomBytes(3).toString("hex")}`,
          });
        emulator.resetLog();
        const printed = await runCli(t, ["refresh", "--yes"]);
        assert.equal(emulator.count("GetOidcInfo"), 2, `drift ${drift}: one call in each of the two passes`);
        emulator.resetLog();
        if (drift)
          setNetwork({
            ...recorded,
            issuer: `https://idp.example.com/realms/cli-${randomBytes(3).toString("hex")}`,
          });
        await runCli(t, ["refresh", "--yes", "--skip-preview"]);
        assert.equal(
          emulator.count("GetOidcInfo"),
          1,
          `drift ${drift}: --skip-preview runs one pass, one call`,
        );
        if (drift) assert.match(printed, /changed outside Pulumi: issuer/);
      }
      recorded = undefined; // the stack now holds a refreshed issuer: the next test starts over
    });
  });

  describe("only `secret` changed outside Pulumi", () => {
    const secret = canary("rotated-secret");

    it("preview shows the resource updating and names `secret` without its value", async () => {
      await givenDrift({ secret });
      const { result, output } = await oneCall(() => t.preview());
      // The dependent shows an update too: during a preview the resource's new outputs are not known.
      assert.deepEqual(result.changeSummary, { same: 1, update: 2 });
      assertDriftShown("preview", output, "secret (secret, value hidden)");
      assertNoCanary("the preview", output, { secret });
    });

    it("preview --expect-no-changes fails without showing the value", async () => {
      await givenDrift({ secret });
      const { text } = await oneCall(() => expectFailure(t.preview({ expectNoChanges: true })));
      assert.match(text, NO_CHANGES_EXPECTED);
      assert.ok(text.includes(driftLine("secret (secret, value hidden)")));
      assertNoCanary("the failed preview", text, { secret });
    });

    it("refresh --preview-only --expect-no-changes fails without showing the value", async () => {
      await givenDrift({ secret });
      const { output, text } = await oneCall(() =>
        expectFailure(previewRefresh(t, { expectNoChanges: true })),
      );
      assert.match(text, NO_CHANGES_EXPECTED);
      assertDriftShown("refresh --preview-only --expect-no-changes", output, "secret (secret, value hidden)");
      assertNoCanary("the failed refresh preview", text, { secret });
    });

    it("up stores the new secret, still secret; the dependent stays the same", async () => {
      const network = await givenDrift({ secret });
      const issuer = (await t.outputs()).issuer?.value; // what the stack held before the change
      const { result, output } = await oneCall(() => t.up());
      recorded = network;
      assert.deepEqual(result.summary.resourceChanges, { same: 2, update: 1 });
      assertNoCanary("the up", output, { secret });
      const outputs = await t.outputs();
      assert.deepEqual(outputs.secret, { value: secret, secret: true });
      assert.equal(outputs.issuer?.value, issuer);
      assert.equal(outputs.echoed?.value, issuer);
      assert.deepEqual(outputs.driftedFields?.value, []);
      assertNoCanary("the raw state", await t.rawState(), { secret });
    });

    it("the next preview --expect-no-changes passes", async () => {
      await givenCaughtUp({ secret });
      const { result } = await oneCall(() => t.preview({ expectNoChanges: true }));
      assert.deepEqual(result.changeSummary, { same: 3 });
    });
  });
});
