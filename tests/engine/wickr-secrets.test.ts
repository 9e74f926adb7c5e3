/**
 * No plaintext secrets: canaries planted in every sensitive place (the network's secrets, a token
 * request, the tokens the exchange returns, the AWS credentials of the provider process) must never
 * show up in what Pulumi stores or prints.
 *
 * The canaries are derived from the project's one list of sensitive fields (`SENSITIVE_FIELDS`): a
 * field added there without a place to plant it here fails the first test.
 *
 * The tests share one stack but do not depend on each other: each first brings the stack to the
 * condition it needs (`givenEmptyStack`, `givenCreatedStack`, `givenResource`), which costs an engine
 * run only when an earlier test left the stack elsewhere. Run any one alone with `--grep`.
 */
import * as assert from "node:assert/strict";
import * as auto from "@pulumi/pulumi/automation";
import {
  SECRET_OUTPUT_FIELDS,
  SENSITIVE_FIELDS,
  WICKR_OIDC_INFO_SECRET_OUTPUTS,
  WickrOidcInfo,
} from "pulumi-wickr-oidc";
import {
  DEMO_ACCOUNT,
  DEMO_CLIENT_ID,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  type Emulator,
  startEmulator,
} from "../../emulator";
import { captureOutput, serialized } from "./engineRun";
import { createTestStack, EngineRunError, ensurePulumiCli, type TestStack } from "./harness";
import {
  armPkceCode,
  assertNoCanary,
  awsEnv,
  canary,
  canaryAccessKeyId,
  CLI_TIMEOUT_MS,
  demoArgs,
  expectFailure,
  exportAll,
  resourcesOfType,
  runCli,
  SECRET_SIG,
  serializedProvider,
  WICKR_TYPE,
} from "./wickr-fixtures";

/** Sensitive names that are the same value under another name (credential file vs. header spelling). */
const SAME_VALUE_AS: Readonly<Record<string, string>> = {
  SecretAccessKey: "secretAccessKey",
  SessionToken: "sessionToken",
  "x-amz-security-token": "sessionToken",
};
/** Sensitive names whose value nobody can choose, so no canary can be planted. */
const NOT_PLANTABLE: Readonly<Record<string, string>> = {
  authorization: "the SigV4 Authorization header is computed per request from the secret access key",
};

/** One canary per sensitive value, named after its field. */
function sensitiveCanaries(): Record<string, string> {
  const canaries: Record<string, string> = {};
  for (const field of SENSITIVE_FIELDS) {
    if (NOT_PLANTABLE[field] !== undefined) continue;
    const name = SAME_VALUE_AS[field] ?? field;
    canaries[name] ??= canary(name);
  }
  return canaries;
}

/** The engine's own verbose logging, which prints property values it sends or receives as they are. */
const ENGINE_VERBOSE_LEAKS: readonly { source: string; pattern: RegExp }[] = [
  {
    source: "engine gRPC property (un)marshaling, sdk/go/common/resource/plugin/rpc.go, logging.V(9)",
    pattern: /^\{"time":"[^"]*","level":"INFO","msg":"(?:Unm|M)arshaling property for RPC\[.*?\]: \w+=/,
  },
  {
    source: "step generator, pkg/resource/deploy/step_generator.go, logging.V(7)",
    pattern: /^\{"time":"[^"]*","level":"INFO","msg":"Planner decided to create '[^']*' \(inputs=map\[/,
  },
  {
    source:
      "Node.js SDK debug log of the program, sdk/nodejs/runtime/resource.ts (log.debug), relayed into the engine log",
    pattern:
      /^\{"time":"[^"]*","level":"INFO","msg":"(?:eventSink::Debug\(<\{%reset%\}>)?RegisterResource RPC finished: resource:\w+\[[^\]]*\]; err: null, resp: /,
  },
];

describe("WickrOidcInfo keeps secrets out of plaintext (real pulumi CLI)", function () {
  this.timeout(120_000);
  const canaries = sensitiveCanaries();
  const planted: Record<string, string> = {};
  const plant = (name: string, where: string): string => {
    const value = canaries[name];
    assert.ok(value !== undefined, `${name} is not in SENSITIVE_FIELDS any more`);
    planted[name] = where;
    return value;
  };
  const keys = {
    accessKeyId: canaryAccessKeyId(),
    secretAccessKey: plant("secretAccessKey", "AWS_SECRET_ACCESS_KEY of the provider process"),
    sessionToken: plant("sessionToken", "AWS_SESSION_TOKEN of the provider process"),
  };
  const tokenRequest = {
    clientId: DEMO_CLIENT_ID,
    clientSecret: plant("clientSecret", "the network's clientSecret and tokenRequest.clientSecret"),
    code: plant("code", "tokenRequest.code"),
    codeVerifier: plant("codeVerifier", "tokenRequest.codeVerifier"),
    redirectUri: DEMO_REDIRECT_URL,
    grantType: "authorization_code",
  };
  const networkSecret = plant("secret", "the network's secret");
  const tokens = {
    accessToken: plant("accessToken", "the token exchange's accessToken"),
    idToken: plant("idToken", "the token exchange's idToken"),
    refreshToken: plant("refreshToken", "the token exchange's refreshToken"),
  };
  /** Everything that must not appear: the sensitive values plus the access key id and a later secret. */
  const all: Record<string, string> = {
    ...canaries,
    accessKeyId: keys.accessKeyId,
    driftedSecret: canary("drifted-secret"),
  };
  const awsCanaries = { accessKeyId: keys.accessKeyId, ...pick(canaries, "secretAccessKey", "sessionToken") };

  let emulator: Emulator;
  let t: TestStack;
  const armCode = (): void =>
    armPkceCode(emulator, { code: tokenRequest.code, codeVerifier: tokenRequest.codeVerifier, tokens });

  /**
   * What the stack holds: no resource (`empty`), the resource as created from the canary network
   * (`created`), the resource after the network's secret changed (`changed`), or not known
   * (`undefined`: a test failed half-way).
   */
  let holds: "empty" | "created" | "changed" | undefined = "empty";

  /** The network's secrets as planted, and the canary code armed (unused) for the next exchange. */
  const restoreNetwork = (): void => {
    emulator.registerOidcConfig(DEMO_NETWORK_ID, {
      clientSecret: tokenRequest.clientSecret,
      secret: networkSecret,
    });
    armCode();
  };

  /** No resource in the stack; the next `up` creates it, exchanging the canary code. */
  async function givenEmptyStack(): Promise<void> {
    restoreNetwork();
    if (holds === "empty") return;
    await t.destroy();
    holds = "empty";
  }

  /** The resource holds the planted network secrets and the canary tokens, no drift since. */
  async function givenCreatedStack(): Promise<void> {
    if (holds === "created") return;
    restoreNetwork();
    await t.up();
    holds = "created";
  }

  /** The resource exists, whatever the network's secret is. */
  async function givenResource(): Promise<void> {
    if (holds === "created" || holds === "changed") return;
    await givenCreatedStack();
  }

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator(); // the tests plant the network's secrets (restoreNetwork)
    emulator.addCredentials({
      ...keys,
      arn: `arn:aws:iam::${DEMO_ACCOUNT}:user/canary`,
      account: DEMO_ACCOUNT,
      userId: "AIDACANARYUSER0001",
    });
    t = await createTestStack({
      project: "wickr-secrets",
      envVars: awsEnv(emulator, keys),
      program: async () => {
        const sso = new WickrOidcInfo("sso", demoArgs(emulator, { tokenRequest }));
        return exportAll(sso);
      },
    });
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") holds = undefined;
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it("plants a canary for every sensitive field, and up stores each secret output encrypted", async () => {
    const plantable = Object.keys(canaries).sort();
    assert.deepEqual(Object.keys(planted).sort(), plantable, "every sensitive field has a planted canary");

    await givenEmptyStack();
    emulator.resetLog();
    const { output } = await t.up({ diff: true });
    holds = "created";
    assertNoCanary("the output of up --diff (create)", output, all);
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true, status: 200 }), 1);

    // The canaries really flowed: the decrypted outputs hold them, flagged secret.
    const outputs = await t.outputs();
    for (const field of SECRET_OUTPUT_FIELDS) {
      assert.deepEqual(outputs[field], { value: canaries[field], secret: true }, `output ${field}`);
    }
    // The state holds ciphertext for every secret output and for the token request (inputs too).
    const [resource] = resourcesOfType(await t.rawState(), WICKR_TYPE);
    for (const field of WICKR_OIDC_INFO_SECRET_OUTPUTS) {
      const stored = resource?.outputs?.[field] as Record<string, unknown> | undefined;
      assert.ok(stored && Object.values(stored).includes(SECRET_SIG), `outputs.${field} is ciphertext`);
    }
    const storedRequest = resource?.inputs?.["tokenRequest"] as Record<string, unknown> | undefined;
    assert.ok(storedRequest && Object.values(storedRequest).includes(SECRET_SIG), "inputs.tokenRequest");
  });

  it("no canary in the raw state, `pulumi stack export` or `pulumi stack output --json`", async () => {
    await givenCreatedStack();
    await assertStoresClean();
    const printedOutputs = JSON.parse(await t.stackOutputJson()) as Record<string, unknown>;
    for (const field of SECRET_OUTPUT_FIELDS) assert.equal(printedOutputs[field], "[secret]", field);
  });

  it("the serialized provider is small and holds nothing secret", async () => {
    await givenCreatedStack();
    const raw = await t.rawState();
    const text = serializedProvider(raw, WICKR_TYPE, "sso");
    const bytes = Buffer.byteLength(text, "utf8");
    console.log(`      serialized provider (__provider): ${bytes} bytes\n${indent(text)}`);
    assert.ok(bytes < 10 * 1024, `__provider is ${bytes} bytes`);
    assertNoCanary("__provider", text, all);
    assert.ok(!text.includes(emulator.url), "__provider captures no setting");
    const [resource] = resourcesOfType(raw, WICKR_TYPE);
    assert.equal(resource?.outputs?.["__provider"], text, "outputs.__provider is the same text");
  });

  it("no canary in the console output of preview, refresh and up while a secret changes remotely", async () => {
    await givenCreatedStack();
    const printed: [string, string][] = [];
    emulator.registerOidcConfig(DEMO_NETWORK_ID, { secret: all.driftedSecret });
    holds = "changed";
    printed.push(["preview", (await t.preview()).output]);
    printed.push(["preview --diff", (await t.preview({ diff: true })).output]);
    printed.push(["refresh --diff", await runCli(t, ["refresh", "--diff", "--yes", "--skip-preview"])]);
    printed.push(["up --diff", (await t.up({ diff: true })).output]);
    printed.push(["refresh", (await t.refresh()).output]);
    printed.push(["up", (await t.up()).output]);
    assert.deepEqual((await t.outputs()).secret, { value: all.driftedSecret, secret: true });
    // The drift was shown by name, so the runs above did print about the changed secret.
    const shown = printed.map(([, text]) => text).join("\n");
    assert.ok(shown.includes("secret (secret, value hidden)"), "the drift of `secret` is reported");
    for (const [operation, text] of printed) assertNoCanary(`the output of ${operation}`, text, all);
    await assertStoresClean();
  });

  it("no canary in the console output of destroy, nor in the state it leaves", async () => {
    await givenResource();
    const { output } = await t.destroy({ diff: true });
    holds = "empty";
    assertNoCanary("the output of destroy --diff", output, all);
    assertNoCanary("the raw state after destroy", await t.rawState(), all);
  });

  it("at -v=9 only the engine's own logging prints secrets, and never the AWS credentials", async () => {
    await givenEmptyStack(); // this up creates the resource, exchanging the (re-armed) code
    const { stdout, stderr } = await upSplit(t, { logToStdErr: true, logVerbosity: 9 });
    holds = "created";
    assert.match(stderr, /"v":9\}/, "the engine logged at level 9");
    assertNoCanary("the console output of up -v=9", stdout, all);
    assertNoCanary("the engine log of up -v=9", stderr, awsCanaries);

    const leaks = new Map<string, number>();
    const seen = new Set<string>();
    for (const line of stderr.split("\n")) {
      const leaked = Object.keys(all).filter((name) => line.includes(all[name] ?? "\0"));
      if (leaked.length === 0) continue;
      leaked.forEach((name) => seen.add(name));
      const known = ENGINE_VERBOSE_LEAKS.find(({ pattern }) => pattern.test(line));
      assert.ok(
        known,
        `a line of the -v=9 log that no known engine pattern explains leaks ${leaked}:\n${line}`,
      );
      leaks.set(known.source, (leaks.get(known.source) ?? 0) + 1);
    }
    console.log(
      "      canary lines in the -v=9 engine log, by source (the engine's own, not the provider's):",
    );
    for (const [source, lines] of leaks) console.log(`        ${lines} × ${source}`);
    console.log(`        canaries printed there: ${[...seen].sort().join(", ") || "none"}`);

    const { output } = await t.destroy();
    holds = "empty";
    assertNoCanary("the output of destroy", output, all);
  });

  it("a failing token exchange whose error echoes the request's secrets prints none of them", async () => {
    await givenEmptyStack(); // a create: the up exchanges the code
    // A proxy or a service that repeats the request in its error message: the worst case for a
    // client whose client secret and code travel in the query string.
    const echoed = pick(canaries, "clientSecret", "code", "codeVerifier", "secretAccessKey", "sessionToken");
    const message = `invalid request ${Object.values(echoed).join(" ")}`;
    emulator.injectFaults({ kind: "error", status: 400, name: "BadRequestError", message }, 1, "GetOidcInfo");
    const { text } = await expectFailure(t.up());
    assert.match(text, /BadRequestError \(HTTP 400\): invalid request \[REDACTED\]/);
    assertNoCanary("the output of the failed up", text, all);
    assertNoCanary("the raw state after the failed up", await t.rawState(), all);
  });

  async function assertStoresClean(): Promise<void> {
    assertNoCanary("the raw state file", await t.rawState(), all);
    assertNoCanary("pulumi stack export", await t.exportWithoutSecrets(), all);
    assertNoCanary("pulumi stack output --json", await t.stackOutputJson(), all);
  }
});

/** `up` with stdout and stderr captured apart, so that log lines stay whole. */
function upSplit(t: TestStack, options: auto.UpOptions): Promise<{ stdout: string; stderr: string }> {
  return serialized(async () => {
    const out = captureOutput();
    const err = captureOutput();
    try {
      await t.stack.up({ ...options, onOutput: out.handlers.onOutput, onError: err.handlers.onError });
      return { stdout: out.text(), stderr: err.text() };
    } catch (cause) {
      throw new EngineRunError("up", t.fullyQualifiedName, `${out.text()}${err.text()}`, { cause });
    }
  });
}

function pick(record: Record<string, string>, ...names: string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, record[name] ?? assert.fail(`no canary ${name}`)]));
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `        | ${line}`)
    .join("\n");
}
