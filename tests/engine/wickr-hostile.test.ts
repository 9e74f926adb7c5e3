/**
 * The package's promises at a hostile or broken endpoint, under the real engine: a programmable proxy
 * (tests/helpers/fault-proxy.ts) stands between the provider and the emulator and misbehaves. Each
 * case asserts the promise itself — no canary in state, export, outputs or any console output, in any
 * encoding; how often the single-use code reached the service; outputs identical before and after;
 * that a failure stopped where the retry budget or a cancellation says it must (by the error's words and
 * the proxy's request count, never by the wall clock) — not merely that the run failed.
 *
 * The tests share one stack, brought to a baseline before them; each leaves it unchanged (that is
 * what most of them assert). After a failed test the next one first re-establishes a baseline, so each
 * runs alone with `--grep` and a failure does not spread.
 *
 * Canaries are made of the characters the encoders treat specially (`!'()*`, space, `+/=&%`, non-ASCII),
 * because a secret leaks in its escaped form first.
 */
import * as assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import type * as auto from "@pulumi/pulumi/automation";
import { WickrOidcInfo, type WickrOidcInfoArgs } from "pulumi-wickr-oidc";
import {
  DEMO_ACCOUNT,
  DEMO_CLIENT_ID,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  type Emulator,
  startEmulator,
} from "../../emulator";
import { type FaultProxy, refusedUrl, startFaultProxy } from "../helpers/fault-proxy";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import {
  armPkceCode,
  assertNoCanaryInAnyEncoding,
  awsEnv,
  canaryAccessKeyId,
  CLI_TIMEOUT_MS,
  demoArgs,
  expectFailure,
  exportAll,
  resourcesOfType,
  SECRET_SIG,
  WICKR_TYPE,
} from "./wickr-fixtures";

/** A canary with the characters encoders treat specially; `header` leaves out what a header can't carry. */
function specialCanary(label: string, header = false): string {
  const hex = randomBytes(6).toString("hex");
  return header ? `${label}+/=!'()*-${hex}` : `${label}!'()* ~+/=&%é-${hex}`;
}

/** Retries that keep each failing run short; the budget is what the deadline cases measure against. */
const RETRY = { baseDelayMs: 1, throttlingBaseDelayMs: 50, maxAttempts: 3, totalBudgetMs: 4000 };

describe("WickrOidcInfo at a hostile or broken endpoint (real pulumi CLI, fault proxy)", function () {
  this.timeout(180_000);
  const networkSecrets = { clientSecret: specialCanary("clientSecret"), secret: specialCanary("secret") };
  const keys = {
    accessKeyId: canaryAccessKeyId(),
    secretAccessKey: specialCanary("secretAccessKey"),
    sessionToken: specialCanary("sessionToken", true),
  };
  /** Every value that must never be printed or stored in plaintext; grows as codes are minted. */
  const canaries: Record<string, string> = {
    ...networkSecrets,
    secretAccessKey: keys.secretAccessKey,
    sessionToken: keys.sessionToken,
  };
  /** Everything the engine printed; checked for canaries when recorded ({@link record}), baseline ups at the end. */
  const printed: [string, string][] = [];

  let emulator: Emulator;
  let proxy: FaultProxy;
  let t: TestStack;
  let args: () => WickrOidcInfoArgs;
  let baseline: auto.OutputMap;
  let storedRequest: WickrOidcInfoArgs["tokenRequest"];
  /** How many times a baseline was established (the label of its token request). */
  let baselines = 0;
  /** Set after a failed test: the stack may no longer hold {@link baseline}. */
  let dirty = false;

  /** A token request with a new single-use code (armed at the emulator) and new canary tokens. */
  const freshTokenRequest = (label: string): NonNullable<WickrOidcInfoArgs["tokenRequest"]> => {
    const code = specialCanary(`code-${label}`);
    const codeVerifier = specialCanary(`verifier-${label}`);
    const tokens = {
      accessToken: specialCanary(`accessToken-${label}`),
      idToken: specialCanary(`idToken-${label}`),
      refreshToken: specialCanary(`refreshToken-${label}`),
    };
    Object.assign(canaries, { [`code-${label}`]: code, [`codeVerifier-${label}`]: codeVerifier });
    for (const [name, value] of Object.entries(tokens)) canaries[`${name}-${label}`] = value;
    armPkceCode(emulator, { code, codeVerifier, tokens });
    return {
      clientId: DEMO_CLIENT_ID,
      clientSecret: networkSecrets.clientSecret,
      code,
      codeVerifier,
      redirectUri: DEMO_REDIRECT_URL,
      grantType: "authorization_code",
    };
  };

  /** Exchanges of any code that reached the service (the emulator), processed or not. */
  const exchangesAtService = (): number => emulator.count("GetOidcInfo", { tokenExchange: true });

  /** Records what a run printed, after checking it holds no canary in any encoding. */
  const record = (label: string, text: string): void => {
    printed.push([label, text]);
    assertNoCanaryInAnyEncoding(label, text, canaries);
  };

  /** Runs an engine operation that must fail; records its output and returns the whole text. */
  const mustFail = async (label: string, operation: Promise<unknown>): Promise<string> => {
    const failure = await expectFailure(operation);
    record(label, failure.text);
    return failure.text;
  };

  /**
   * Brings the stack to a new baseline: the pass-through proxy, a fresh token request (a new code, new
   * canary tokens) exchanged by an `up`, and its outputs as {@link baseline}. A fresh code, because the
   * stack may hold any token request after a failed test, and a used code cannot be exchanged again.
   */
  const establishBaseline = async (): Promise<void> => {
    proxy.mode = { kind: "pass" };
    emulator.setClockSkew(0);
    storedRequest = freshTokenRequest(`baseline-${++baselines}`);
    args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest: storedRequest });
    const before = exchangesAtService();
    const { output } = await t.up();
    printed.push([`up (baseline ${baselines})`, output]);
    baseline = await t.outputs();
    assert.equal(exchangesAtService() - before, 1, "the baseline exchange used its code once");
    assert.equal(baseline["accessToken"]?.secret, true);
  };

  /** The promise that matters most: a failed run leaves the stack exactly as it was. */
  const assertUnchanged = async (label: string): Promise<void> => {
    assert.deepEqual(await t.outputs(), baseline, `${label}: the stack's outputs changed`);
    const raw = await t.rawState();
    assertNoCanaryInAnyEncoding(`${label}: raw state`, raw, canaries);
    const [resource] = resourcesOfType(raw, WICKR_TYPE);
    for (const field of ["clientSecret", "secret", "accessToken", "tokenRequest"]) {
      const stored = resource?.outputs?.[field] as Record<string, unknown> | undefined;
      assert.ok(
        stored && Object.values(stored).includes(SECRET_SIG),
        `${label}: outputs.${field} is ciphertext`,
      );
    }
  };

  /** Seconds the provider reports it spent ("… over 4.0 s"): printed for a reader, never asserted on. */
  const reportedSeconds = (text: string): string => /over (\d+\.\d) s/.exec(text)?.[1] ?? "?";

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    emulator.registerOidcConfig(DEMO_NETWORK_ID, networkSecrets);
    emulator.addCredentials({
      ...keys,
      arn: `arn:aws:iam::${DEMO_ACCOUNT}:user/hostile`,
      account: DEMO_ACCOUNT,
      userId: "AIDAHOSTILEUSER001",
    });
    proxy = await startFaultProxy(emulator.url);
    t = await createTestStack({
      project: "wickr-hostile",
      envVars: awsEnv(emulator, keys),
      program: async () => exportAll(new WickrOidcInfo("sso", args())),
    });
    await establishBaseline();
  });
  beforeEach(async () => {
    proxy.mode = { kind: "pass" };
    emulator.setClockSkew(0);
    args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest: storedRequest });
    if (dirty) {
      await establishBaseline();
      dirty = false;
    } else if (resourcesOfType(await t.rawState(), WICKR_TYPE).some((r) => r.initErrors?.length)) {
      // A failed exchange leaves the resource recorded with the code's digest and its error, which the
      // engine retries with an update at the next `up`; this one converges it (a read, no code sent).
      printed.push(["up (converge)", (await t.up()).output]);
    }
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") dirty = true;
  });
  after(async () => {
    await t?.cleanup();
    await proxy?.close();
    await emulator?.close();
  });

  it("an endpoint that echoes the request line in its errors (400, 403, 500, and 200) shows no secret", async () => {
    for (const status of [400, 403, 500, 200]) {
      const tokenRequest = freshTokenRequest(`echo-${status}`);
      args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest });
      proxy.mode = { kind: "echo", status };
      const before = proxy.requests;
      const text = await mustFail(`up, echo ${status}`, t.up());
      assert.match(
        text,
        status === 200 ? /MalformedResponseError/ : /rejected GET \/networks\/12345678\/oidc\?/,
        `echo ${status}: the echo reached the console`,
      );
      assert.equal(proxy.requests - before, 1, `echo ${status}: a request with a code is sent once`);
      await assertUnchanged(`echo ${status}`);
    }
  });

  it("a 200 that copies a secret into a plain-text member (issuer, extraAuthParams, …) is refused, state unchanged", async () => {
    const cases = [
      { what: "request", field: "openidConnectInfo.issuer" },
      { what: "response", field: "openidConnectInfo.(applicationName|extraAuthParams)" },
      { what: "token", field: "openidConnectInfo.customUsername" },
    ] as const;
    for (const { what, field } of cases) {
      const tokenRequest = freshTokenRequest(`echo-into-${what}`);
      args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest });
      proxy.mode = { kind: "echo-into-fields", what };
      const before = proxy.requests;
      const text = await mustFail(`up, echo into fields (${what})`, t.up());
      assert.match(text, new RegExp(`MalformedResponseError.*${field} holds a secret value`), what);
      assert.equal(proxy.requests - before, 1, `${what}: a request with a code is sent once`);
      // A plain read (preview of the stored request: no code sent) is refused the same way.
      args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest: storedRequest });
      if (what !== "request") {
        const preview = await mustFail(`preview, echo into fields (${what})`, t.preview());
        assert.match(preview, new RegExp(`${field} holds a secret value`), `${what}, preview`);
      }
      await assertUnchanged(`echo into fields (${what})`);
    }
  });

  it("a lost answer after the service used the code: sent once, the error says to get a new code, tokens kept", async () => {
    const cases: [string, FaultProxy["mode"]][] = [
      ["connection reset", { kind: "lose-answer" }],
      ["502", { kind: "lose-answer-status", status: 502 }],
      ["504", { kind: "lose-answer-status", status: 504 }],
    ];
    for (const [label, mode] of cases) {
      const tokenRequest = freshTokenRequest(`lost-${label.replace(/ /g, "-")}`);
      args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest });
      proxy.mode = mode;
      const before = exchangesAtService();
      const text = await mustFail(`up, lost answer (${label})`, t.up());
      assert.equal(exchangesAtService() - before, 1, `${label}: the code reached the service exactly once`);
      assert.match(text, /CodeMayBeUsedError/);
      assert.match(text, /may already be used; it was not sent again\. Get a new authorization code/);
      await assertUnchanged(`lost answer (${label})`);
    }
  });

  it("a lost answer, then the same `up` again: the code reached the service once in all; the rerun refuses before any request", async () => {
    const tokenRequest = freshTokenRequest("lost-then-rerun");
    args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest });
    proxy.mode = { kind: "lose-answer" };
    const before = exchangesAtService();
    const first = await mustFail("up, lost answer (update)", t.up());
    assert.match(first, /CodeMayBeUsedError/);
    assert.match(first, /recorded in the stack as possibly used/);
    // The endpoint works again, as it would when a person (or a CI retry) runs the same `up`.
    proxy.mode = { kind: "pass" };
    const requests = proxy.requests;
    for (const [label, run] of [
      ["preview", () => t.preview()],
      ["up", () => t.up()],
    ] as const) {
      const text = await mustFail(`${label} after a lost answer`, run());
      assert.match(
        text,
        /tokenRequest\.code was sent to the service by an earlier run that did not complete .* Nothing was sent\. Get a new authorization code/,
        label,
      );
    }
    assert.equal(proxy.requests - requests, 0, "the reruns sent no request at all");
    assert.equal(exchangesAtService() - before, 1, "the code reached the service once in all");
    await assertUnchanged("lost answer, then rerun");
    const [resource] = resourcesOfType(await t.rawState(), WICKR_TYPE);
    const digest = createHash("sha256")
      .update(canaries["code-lost-then-rerun"] ?? "")
      .digest("hex");
    const spent = resource?.outputs?.["__spentCodes"] as string[] | undefined;
    assert.equal(spent?.at(-1), `sha256:${digest}`, "the stack records the code's digest, not the code");
    // A new code is exchanged, and the tokens of the lost exchange are replaced by its own.
    const next = freshTokenRequest("after-rerun");
    args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest: next });
    record("up with a new code", (await t.up()).output);
    assert.equal(exchangesAtService() - before, 2);
    const outputs = await t.outputs();
    assert.equal(outputs["accessToken"]?.value, canaries["accessToken-after-rerun"]);
    storedRequest = next;
    baseline = outputs;
  });

  it("a lost answer on create, then the same `up` again: the code reached the service once in all", async () => {
    const tokenRequest = freshTokenRequest("lost-on-create");
    const created = await createTestStack({
      project: "wickr-hostile-create",
      envVars: awsEnv(emulator, keys),
      program: async () =>
        exportAll(
          new WickrOidcInfo("sso", demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest })),
        ),
    });
    try {
      proxy.mode = { kind: "lose-answer" };
      const before = exchangesAtService();
      assert.match(await mustFail("up, lost answer (create)", created.up()), /CodeMayBeUsedError/);
      proxy.mode = { kind: "pass" };
      const requests = proxy.requests;
      const rerun = await mustFail("up after a lost answer on create", created.up());
      assert.match(
        rerun,
        /tokenRequest\.code was sent to the service by an earlier run .* Get a new authorization code/,
      );
      assert.equal(proxy.requests - requests, 0, "the rerun sent no request at all");
      assert.equal(exchangesAtService() - before, 1, "the code reached the service once in all");
      const raw = await created.rawState();
      assertNoCanaryInAnyEncoding("raw state after a lost answer on create", raw, canaries);
      const [resource] = resourcesOfType(raw, WICKR_TYPE);
      assert.equal(resource?.id, DEMO_NETWORK_ID, "the resource is recorded, with the code's digest");
      assert.equal((resource?.outputs?.["__spentCodes"] as unknown[] | undefined)?.length, 1);
      const exported = JSON.parse(await created.exportWithoutSecrets()) as {
        deployment: { pending_operations?: unknown[] };
      };
      assert.deepEqual(exported.deployment.pending_operations ?? [], [], "no pending operation");
    } finally {
      proxy.mode = { kind: "pass" };
      await created.cleanup();
    }
  });

  it("an endpoint that echoes base64, hex or upper-cased copies of the code, client secret and verifier shows none of them", async () => {
    for (const status of [400, 500]) {
      const tokenRequest = freshTokenRequest(`echo-encoded-${status}`);
      args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest });
      proxy.mode = { kind: "echo-encoded", status };
      const before = proxy.requests;
      // `mustFail` checks the console for every canary in every encoding (wickr-fixtures `encodingsOf`).
      const text = await mustFail(`up, encoded echo ${status}`, t.up());
      assert.match(
        text,
        /rejected: request line \(base64, offset 0\)/,
        `echo ${status}: the echo reached the console`,
      );
      assert.match(text, /\[REDACTED\]/);
      assert.equal(proxy.requests - before, 1, `echo ${status}: a request with a code is sent once`);
      await assertUnchanged(`encoded echo ${status}`);
    }
  });

  it("a 200 that copies base64, hex or an upper-cased copy of the code into issuer is refused, nothing stored", async () => {
    for (const encoding of ["base64", "hex", "upper"] as const) {
      const tokenRequest = freshTokenRequest(`into-issuer-${encoding}`);
      args = () => demoArgs(emulator, { endpoint: proxy.url, retry: RETRY, tokenRequest });
      proxy.mode = { kind: "echo-encoded-into-issuer", encoding };
      const before = proxy.requests;
      const text = await mustFail(`up, ${encoding} of the code in issuer`, t.up());
      assert.match(text, /MalformedResponseError.*openidConnectInfo\.issuer holds a secret value/, encoding);
      assert.equal(proxy.requests - before, 1, `${encoding}: a request with a code is sent once`);
      await assertUnchanged(`${encoding} of the code in issuer`);
    }
  });

  it("a 200 without openidConnectInfo, or without its required members, never erases the outputs", async () => {
    for (const mode of [{ kind: "no-payload" }, { kind: "missing-required" }] as const) {
      proxy.mode = mode;
      const preview = await mustFail(`preview, ${mode.kind}`, t.preview());
      assert.match(preview, /MalformedResponseError/);
      assert.match(
        preview,
        mode.kind === "no-payload"
          ? /the response has no openidConnectInfo \(it looks like an error: AccessDeniedException\)/
          : /openidConnectInfo lacks the required members companyId, scopes, issuer/,
      );
      await mustFail(`up, ${mode.kind}`, t.up());
      await mustFail(`refresh, ${mode.kind}`, t.refresh());
      await assertUnchanged(mode.kind);
    }
  });

  it("a huge body is cut off at 1 MiB and not retried; a huge content-length is not read at all", async () => {
    proxy.mode = { kind: "oversized", bytes: 600 * 1024 * 1024 };
    const before = proxy.requests;
    const text = await mustFail("up, 600 MB body", t.up());
    assert.match(text, /MalformedResponseError.*larger than the 1024 KiB/);
    assert.equal(proxy.requests - before, 1, "not retried");
    const sentMiB = proxy.bodyBytesSent / (1024 * 1024);
    console.log(`      600 MB body: ${sentMiB.toFixed(1)} MiB left the proxy before the client hung up`);
    assert.ok(sentMiB < 16, `the client stopped reading early (${sentMiB.toFixed(1)} MiB sent)`);
    proxy.mode = { kind: "oversized-declared", bytes: 600 * 1024 * 1024 };
    assert.match(await mustFail("up, 600 MB content-length", t.up()), /content-length 629145600/);
    await assertUnchanged("oversized");
  });

  it("a stalled body or a silent server fails within the retry budget", async () => {
    for (const mode of [{ kind: "stall-body" }, { kind: "stall" }] as const) {
      proxy.mode = mode;
      const before = proxy.requests;
      args = () =>
        demoArgs(emulator, {
          endpoint: proxy.url,
          retry: RETRY,
          timeoutMs: 1500,
          tokenRequest: storedRequest,
        });
      const text = await mustFail(`up, ${mode.kind}`, t.up());
      assert.match(text, /RequestTimeoutError/);
      console.log(
        `      ${mode.kind}: failed after ${reportedSeconds(text)} s (budget 4 s, timeoutMs 1.5 s)`,
      );
      // Two 1.5 s attempts leave 1 s of the 4 s budget: the last attempt must be cut to it (or not be
      // made), whatever the machine's speed. An attempt that outlived the budget would end "within
      // 1500 ms (timeoutMs)" after the third try.
      assert.match(
        text,
        /within \d+ ms \(the rest of retry\.totalBudgetMs\)|the retry budget of 4 s \(retry\.totalBudgetMs\) would run out/,
        `${mode.kind}: the budget, not timeoutMs, ended the last attempt`,
      );
      const attempts = proxy.requests - before;
      assert.ok(attempts >= 2 && attempts <= RETRY.maxAttempts, `${mode.kind}: ${attempts} attempts`);
      await assertUnchanged(mode.kind);
    }
  });

  it("a reset connection is retried for a read; a refused one fails in seconds, naming host:port", async () => {
    proxy.mode = { kind: "reset" };
    const before = proxy.requests;
    assert.match(await mustFail("up, reset", t.up()), /NetworkError.*ECONNRESET/);
    assert.equal(proxy.requests - before, RETRY.maxAttempts, "a read without a code is retried");
    await assertUnchanged("reset");

    const refused = await refusedUrl();
    const port = new URL(refused).port;
    // Default retry settings: a dead endpoint must not take the two-minute budget to fail.
    args = () => demoArgs(emulator, { endpoint: refused, retry: {}, tokenRequest: storedRequest });
    const text = await mustFail("up, refused", t.up());
    assert.match(text, new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port} \\(connection refused\\)`));
    assert.match(text, /\(3 attempts over \d+\.\d s\)/, "retried twice, not ten times");
    // The hint above is given only when retries stopped because the endpoint is unreachable; a run that
    // waited out the two-minute budget would say so instead.
    assert.doesNotMatch(text, /retry budget/, "stopped for the dead endpoint, not by the budget");
    console.log(
      `      refused: failed after ${reportedSeconds(text)} s with default retry settings (budget 120 s)`,
    );
    await assertUnchanged("refused");
  });

  it("a clock 10 minutes off is corrected from the service's Date header: preview and up succeed", async () => {
    emulator.setClockSkew(10 * 60_000);
    const before = emulator.count("GetOidcInfo");
    const { output } = await t.preview({ expectNoChanges: true });
    record("preview, skewed clock", output);
    assert.equal(emulator.count("GetOidcInfo") - before, 2, "one refused, one signed at the service's time");
    record("up, skewed clock", (await t.up()).output);
    assert.deepEqual(await t.outputs(), baseline);
  });

  it("a signature scoped to another region is refused as real AWS refuses it, and not retried", async () => {
    args = () =>
      demoArgs(emulator, {
        endpoint: proxy.url,
        region: "eu-west-1",
        retry: RETRY,
        tokenRequest: storedRequest,
      });
    const before = emulator.count("GetOidcInfo");
    const text = await mustFail("up, wrong region", t.up());
    assert.match(
      text,
      /InvalidSignatureException \(HTTP 403\): Credential should be scoped to a valid region/,
    );
    assert.equal(emulator.count("GetOidcInfo") - before, 1);
    await assertUnchanged("wrong region");
  });

  it("SIGINT to `pulumi up` ends a call stuck on a silent server at once, state intact", async () => {
    proxy.mode = { kind: "stall" };
    args = () =>
      demoArgs(emulator, {
        endpoint: proxy.url,
        retry: { totalBudgetMs: 120_000 },
        timeoutMs: 60_000,
        tokenRequest: storedRequest,
      });
    const controller = new AbortController();
    const before = proxy.requests;
    const running = t.up({ signal: controller.signal });
    // Until the call is stuck at the proxy (mocha's timeout bounds the wait).
    while (proxy.requests === before) await new Promise((r) => setTimeout(r, 100));
    controller.abort(); // the Automation API sends SIGINT to the CLI
    const text = await mustFail("up, SIGINT", running);
    // Had the provider not heard the engine's Cancel, the call would have ended by its 60 s attempt
    // timeout (RequestTimeoutError) and been retried; instead it ends with the reason the provider
    // gives a cancellation (provider/pulumi/engine-cancellation.ts), after one request.
    assert.match(
      text,
      /RequestAbortedError: the call was cancelled: the Pulumi engine cancelled the operation \(Ctrl-C or SIGTERM\)/,
      "the call ended because the engine cancelled it",
    );
    assert.doesNotMatch(text, /RequestTimeoutError/, "not by the attempt timeout");
    assert.equal(proxy.requests - before, 1, "no attempt after the cancellation");
    const exported = JSON.parse(await t.exportWithoutSecrets()) as {
      deployment: { pending_operations?: unknown[] };
    };
    assert.deepEqual(exported.deployment.pending_operations ?? [], [], "no pending operation left behind");
    await assertUnchanged("SIGINT");
  });

  it("SIGINT while a token exchange waits on a silent server: the code is recorded, the rerun refuses it", async () => {
    proxy.mode = { kind: "stall" };
    const tokenRequest = freshTokenRequest("sigint-exchange");
    args = () =>
      demoArgs(emulator, {
        endpoint: proxy.url,
        retry: { totalBudgetMs: 120_000 },
        timeoutMs: 60_000,
        tokenRequest,
      });
    const controller = new AbortController();
    const before = proxy.requests;
    const running = t.up({ signal: controller.signal });
    while (proxy.requests === before) await new Promise((r) => setTimeout(r, 100));
    controller.abort();
    const text = await mustFail("up, SIGINT during an exchange", running);
    assert.match(
      text,
      /RequestAbortedError: the call was cancelled: the Pulumi engine cancelled the operation/,
    );
    assert.match(text, /recorded in the stack as possibly used/);
    // The request left this machine, so the code may have reached the service: never sent again.
    proxy.mode = { kind: "pass" };
    const rerun = await mustFail("up after SIGINT during an exchange", t.up());
    assert.match(rerun, /tokenRequest\.code was sent to the service by an earlier run that did not complete/);
    assert.equal(proxy.requests - before, 1, "one request in all: the rerun sent none");
    await assertUnchanged("SIGINT during an exchange");
  });

  it("nothing printed by any run holds a canary, in any encoding (baseline ups included)", () => {
    // Every other run is checked as it is recorded. The baseline ups run in hooks and are checked here,
    // so that a leak there fails a test instead of a hook (which would skip every test).
    assert.ok(printed.length >= 1, `runs recorded: ${printed.length}`);
    for (const [label, text] of printed) assertNoCanaryInAnyEncoding(label, text, canaries);
  });
});

describe("WickrOidcInfo arguments at preview (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
  });
  after(async () => {
    await emulator?.close();
  });

  it("bad arguments fail preview, each naming the field and the fix, before any request (a 1 MB code too)", async () => {
    const t = await createTestStack({
      project: "wickr-bad-args",
      envVars: awsEnv(emulator),
      program: async () => {
        const args = {
          ...demoArgs(emulator),
          endpoint: "http://169.254.169.254/latest",
          useFipsEndpoint: "false",
          throttling: null,
          retry: { maxAttempts: 3, timeoutMs: 5 },
          tokenRequest: { client_secret: "x", code: "c".repeat(1024 * 1024) },
        } as unknown as WickrOidcInfoArgs;
        return exportAll(new WickrOidcInfo("sso", args));
      },
    });
    try {
      const { text } = await expectFailure(t.preview());
      for (const expected of [
        /endpoint uses plain http:\/\/ to a non-loopback host; use https:\/\//,
        /useFipsEndpoint must be true or false, got the string "false"/,
        /throttling must be an object/,
        /retry\.timeoutMs is not a known member.*known members: maxAttempts, baseDelayMs/,
        /tokenRequest\.client_secret is not a known member \(did you mean clientSecret\?\)/,
        /tokenRequest\.code must be at most 2048 characters \(an OAuth authorization code is a few hundred characters at most.*\), got a string of 1048576/,
      ]) {
        assert.match(text, expected);
      }
      assert.equal(emulator.count("GetOidcInfo"), 0, "no request was made");
    } finally {
      await t.cleanup();
    }
  });

  it("values computed from other resources are accepted anywhere in the arguments at preview", async () => {
    const t = await createTestStack({
      project: "wickr-computed-args",
      envVars: awsEnv(emulator),
      program: async () => {
        const first = new WickrOidcInfo("first", demoArgs(emulator));
        // Unknown during the first preview: `first` does not exist yet.
        const computed = first.ssoTokenBufferMinutes.apply(() => 3);
        const second = new WickrOidcInfo("second", {
          ...demoArgs(emulator),
          region: first.region,
          retry: { maxAttempts: computed, totalBudgetMs: computed.apply((n) => n * 10_000) },
          throttling: { maxConcurrency: computed },
          timeoutMs: computed.apply((n) => n * 1000),
        } as unknown as WickrOidcInfoArgs);
        return { issuer: second.issuer };
      },
    });
    try {
      const { output } = await t.preview();
      assert.match(output, /\+ {2}pulumi-nodejs:dynamic\/wickr:WickrOidcInfo second create/);
      await t.up();
      assert.equal(
        (await t.outputs())["issuer"]?.value,
        emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.issuer,
      );
    } finally {
      await t.cleanup();
    }
  });
});

describe("WickrOidcInfo keeps secret stack config secret (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let t: TestStack;

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it("`pulumi config set --secret wickr:endpoint` is stored encrypted and kept out of error messages", async () => {
    t = await createTestStack({
      project: "wickr-secret-config",
      envVars: awsEnv(emulator),
      config: { "wickr:endpoint": { value: emulator.url, secret: true } },
      program: async () => {
        const args: WickrOidcInfoArgs = { networkId: DEMO_NETWORK_ID, region: "us-east-1", retry: RETRY };
        return exportAll(new WickrOidcInfo("sso", args));
      },
    });
    const { output } = await t.up();
    const host = new URL(emulator.url).host;
    const [resource] = resourcesOfType(await t.rawState(), WICKR_TYPE);
    for (const side of ["inputs", "outputs"] as const) {
      const stored = resource?.[side]?.["endpoint"] as Record<string, unknown> | undefined;
      assert.ok(stored && Object.values(stored).includes(SECRET_SIG), `${side}.endpoint is ciphertext`);
    }
    const outputs = await t.outputs();
    assert.deepEqual(outputs["issuer"]?.secret, false, "plain outputs stay plain");
    const stores: [string, string][] = [
      ["raw state", await t.rawState()],
      ["stack export", await t.exportWithoutSecrets()],
      ["stack output --json", await t.stackOutputJson()],
      ["up", output],
    ];
    for (const [where, text] of stores) {
      assert.ok(!text.includes(host), `${where} shows the secret endpoint`);
    }

    const refused = await refusedUrl();
    await t.stack.setConfig("wickr:endpoint", { value: refused, secret: true });
    const failure = await expectFailure(t.up());
    assert.match(failure.text, /Could not connect to \[REDACTED\]/);
    assert.ok(!failure.text.includes(new URL(refused).host), "the failure names no secret host:port");
  });
});
