/**
 * The provider plugin (`pulumi-resource-wickr-oidc`) under the real engine, from a Pulumi YAML program
 * run by YAML's own language host: the resource and the `getOidcInfo` invoke against the emulator,
 * secrets encrypted (canaries), drift failing `preview --expect-no-changes` with the line on the
 * resource, an explicit provider, `pulumi import`, stack references between a YAML stack and a
 * TypeScript one, and hostile endpoints (a secret copied into a plain member; a lost answer to a
 * single-use code).
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  DEMO_CLIENT_ID,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  DEMO_REGION,
  type Emulator,
  startEmulator,
} from "../../emulator";
import { type FaultProxy, startFaultProxy } from "../helpers/fault-proxy";
import {
  createBackend,
  ensurePulumiCli,
  ensureYamlLanguageHost,
  REPO_ROOT,
  type TestBackend,
} from "./harness";
import {
  addNetworkLike,
  assertNoCanaryInAnyEncoding,
  awsEnv,
  canary,
  CLI_TIMEOUT_MS,
  diagnosticsOf,
  expectFailure,
  runCli,
  SECRET_SIG,
} from "./wickr-fixtures";

const TYPE = "wickr-oidc:index:WickrOidcInfo";
/** The folder holding the plugin's executable, as a YAML project names it under `plugins.providers`. */
const PLUGIN_DIR = path.join(REPO_ROOT, "bin");

/** A YAML project using the plugin from this repository's `bin/`. */
function yamlProject(name: string, body: string): string {
  return `name: ${name}
runtime: yaml
plugins:
  providers:
    - name: wickr-oidc
      path: ${PLUGIN_DIR}
${body}`;
}

describe("provider plugin from Pulumi YAML (real pulumi CLI, YAML language host)", function () {
  this.timeout(180_000);
  const secrets = { clientSecret: canary("clientSecret"), secret: canary("secret") };
  let emulator: Emulator;
  let backend: TestBackend;

  const config = (endpoint: string) => ({
    "wickr-oidc:region": { value: DEMO_REGION },
    "wickr-oidc:endpoint": { value: endpoint },
  });

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    await ensureYamlLanguageHost();
    emulator = await startEmulator();
    emulator.registerOidcConfig(DEMO_NETWORK_ID, secrets);
    backend = await createBackend("plugin-yaml");
  });
  after(async () => {
    await backend?.cleanup();
    await emulator?.close();
  });

  it("up: the resource's and the invoke's fields right; secrets encrypted in state and outputs", async () => {
    const t = await backend.createProjectStack({
      files: {
        "Pulumi.yaml": yamlProject(
          "wickr-yaml-basic",
          `resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
variables:
  info:
    fn::invoke:
      function: wickr-oidc:index:getOidcInfo
      arguments:
        networkId: "${DEMO_NETWORK_ID}"
outputs:
  issuer: \${sso.issuer}
  scopes: \${sso.scopes}
  region: \${sso.region}
  clientSecret: \${sso.clientSecret}
  secret: \${sso.secret}
  invokeIssuer: \${info.issuer}
  invokeSecret: \${info.secret}
`,
        ),
      },
      envVars: awsEnv(emulator),
      config: config(emulator.url),
    });
    emulator.resetLog();
    const { output } = await t.up();
    const outputs = await t.outputs();
    const network = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
    assert.deepEqual(outputs["issuer"], { value: network?.issuer, secret: false });
    assert.deepEqual(outputs["scopes"], { value: network?.scopes, secret: false });
    assert.deepEqual(outputs["region"], { value: DEMO_REGION, secret: false });
    assert.deepEqual(outputs["clientSecret"], { value: secrets.clientSecret, secret: true });
    assert.deepEqual(outputs["secret"], { value: secrets.secret, secret: true });
    assert.equal(outputs["invokeIssuer"]?.value, network?.issuer);
    assert.deepEqual(outputs["invokeSecret"], { value: secrets.secret, secret: true });
    // One read for the resource and one for the invoke (the preview pass of `up` is skipped here).
    assert.equal(emulator.count("GetOidcInfo"), 2);
    const raw = await t.rawState();
    assertNoCanaryInAnyEncoding("the raw state", raw, secrets);
    assertNoCanaryInAnyEncoding("the output of up", output, secrets);
    assertNoCanaryInAnyEncoding("pulumi stack export", await t.exportWithoutSecrets(), secrets);
    assert.ok(raw.includes(SECRET_SIG));
    const printed = JSON.parse(await t.stackOutputJson()) as Record<string, unknown>;
    assert.equal(printed["clientSecret"], "[secret]");

    // Drift: a change in Wickr fails `preview --expect-no-changes`, the line on the resource.
    emulator.registerOidcConfig(DEMO_NETWORK_ID, { issuer: "https://idp.example.com/realms/yaml-drift" });
    const { text } = await expectFailure(t.preview({ expectNoChanges: true }));
    assert.match(text, /no changes were expected/);
    const lines = diagnosticsOf(text, `${TYPE} (sso)`);
    assert.ok(
      lines.some((l) => /changed outside Pulumi: issuer ".*wickr-demo" → ".*yaml-drift"/.test(l)),
      text,
    );
    assertNoCanaryInAnyEncoding("the output of the drift preview", text, secrets);
    await t.up();
    assert.equal((await t.outputs())["issuer"]?.value, "https://idp.example.com/realms/yaml-drift");
    const { result } = await t.preview({ expectNoChanges: true });
    assert.equal(result.changeSummary["update"], undefined);
  });

  it("the README's YAML example runs as written (the plugin path pointed at this repository)", async () => {
    const readme = await fs.readFile(path.join(REPO_ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Use from any language"));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    assert.ok(block, 'README.md has a ```yaml block under "Use from any language"');
    const installed = "path: node_modules/pulumi-wickr-oidc/bin";
    assert.ok(block.includes(installed), "the example names the plugin folder of a user's install");
    const t = await backend.createProjectStack({
      files: { "Pulumi.yaml": block.replace(installed, `path: ${PLUGIN_DIR}`) },
      envVars: awsEnv(emulator),
      config: { ...config(emulator.url), "wickr-sso:networkId": { value: DEMO_NETWORK_ID } },
    });
    await t.up();
    const outputs = await t.outputs();
    const network = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
    assert.deepEqual(outputs["issuer"], { value: network?.issuer, secret: false });
    assert.deepEqual(outputs["clientSecret"], { value: secrets.clientSecret, secret: true });
    assert.deepEqual(
      outputs["invokeScopes"],
      { value: network?.scopes, secret: true },
      "as the comment says",
    );
    assertNoCanaryInAnyEncoding("the raw state", await t.rawState(), secrets);
  });

  it("an explicit provider resource reads through its own settings; `pulumi import` adopts a network by id", async () => {
    const other = "71000001";
    addNetworkLike(emulator, other, { issuer: "https://idp.example.com/realms/explicit", ...secrets });
    const t = await backend.createProjectStack({
      files: {
        "Pulumi.yaml": yamlProject(
          "wickr-yaml-explicit",
          `resources:
  west:
    type: pulumi:providers:wickr-oidc
    properties:
      region: ${DEMO_REGION}
      endpoint: ${emulator.url}
  sso:
    type: ${TYPE}
    properties:
      networkId: "${other}"
    options:
      provider: \${west}
outputs:
  issuer: \${sso.issuer}
`,
        ),
      },
      envVars: awsEnv(emulator),
    });
    await t.up();
    assert.equal((await t.outputs())["issuer"]?.value, "https://idp.example.com/realms/explicit");

    // Import into a stack whose default provider is configured by stack config.
    const i = await backend.createProjectStack({
      files: { "Pulumi.yaml": yamlProject("wickr-yaml-import", "resources: {}\n") },
      envVars: awsEnv(emulator),
      config: config(emulator.url),
    });
    const printed = await runCli(i, ["import", TYPE, "adopted", other, "--yes"]);
    assertNoCanaryInAnyEncoding("the output of pulumi import", printed, secrets);
    const raw = await i.rawState();
    const adopted = (
      JSON.parse(raw) as {
        checkpoint: { latest: { resources: { type: string; outputs: Record<string, unknown> }[] } };
      }
    ).checkpoint.latest.resources.find((r) => r.type === TYPE);
    assert.equal(adopted?.outputs["issuer"], "https://idp.example.com/realms/explicit");
    assertNoCanaryInAnyEncoding("the state after import", raw, secrets);
  });

  it("a changed provider setting updates the resource in place: the stored code is never sent again", async () => {
    const code = canary("code");
    emulator.addAuthorizationCode({
      networkId: DEMO_NETWORK_ID,
      code,
      clientId: DEMO_CLIENT_ID,
      tokens: {
        accessToken: canary("accessToken"),
        idToken: canary("idToken"),
        refreshToken: canary("refreshToken"),
      },
    });
    const t = await backend.createProjectStack({
      files: {
        "Pulumi.yaml": yamlProject(
          "wickr-yaml-settings",
          `config:
  code:
    type: string
    secret: true
  clientSecret:
    type: string
    secret: true
resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
      tokenRequest:
        clientId: ${DEMO_CLIENT_ID}
        clientSecret: \${clientSecret}
        code: \${code}
        grantType: authorization_code
outputs:
  accessToken: \${sso.accessToken}
`,
        ),
      },
      envVars: awsEnv(emulator),
      config: {
        ...config(emulator.url),
        "wickr-yaml-settings:code": { value: code, secret: true },
        "wickr-yaml-settings:clientSecret": { value: secrets.clientSecret, secret: true },
      },
    });
    const exchanges = (): number => emulator.count("GetOidcInfo", { tokenExchange: true });
    const before = exchanges();
    await t.up();
    assert.equal(exchanges() - before, 1);
    const tokens = (await t.outputs())["accessToken"];
    await t.stack.setConfig("wickr-oidc:timeoutMs", { value: "20000" });
    const { result } = await t.up();
    assert.deepEqual(
      result.summary.resourceChanges,
      { same: 1, update: 1 },
      "the resource updated, not replaced (the default provider is not counted)",
    );
    assert.equal(exchanges() - before, 1, "the code was exchanged once, at create");
    assert.deepEqual((await t.outputs())["accessToken"], tokens, "the tokens obtained then are kept");
  });

  it("stack references: a TypeScript stack reads a YAML stack's outputs, and a YAML stack a TypeScript one's", async () => {
    const yaml = await backend.createProjectStack({
      files: {
        "Pulumi.yaml": yamlProject(
          "wickr-yaml-producer",
          `resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
outputs:
  issuer: \${sso.issuer}
  clientSecret: \${sso.clientSecret}
`,
        ),
      },
      envVars: awsEnv(emulator),
      config: config(emulator.url),
    });
    await yaml.up();
    const ts = await backend.createStack({
      project: "wickr-ts-consumer",
      envVars: awsEnv(emulator),
      program: async () => {
        const ref = new pulumi.StackReference(yaml.fullyQualifiedName);
        return { issuer: ref.getOutput("issuer"), clientSecret: ref.getOutput("clientSecret") };
      },
    });
    await ts.up();
    const tsOutputs = await ts.outputs();
    assert.equal(tsOutputs["issuer"]?.value, (await yaml.outputs())["issuer"]?.value);
    assert.equal(tsOutputs["clientSecret"]?.secret, true, "a secret stays secret across the reference");

    const back = await backend.createProjectStack({
      files: {
        "Pulumi.yaml": yamlProject(
          "wickr-yaml-consumer",
          `resources:
  ref:
    type: pulumi:pulumi:StackReference
    properties:
      name: ${ts.fullyQualifiedName}
outputs:
  issuer: \${ref.outputs["issuer"]}
  clientSecret: \${ref.outputs["clientSecret"]}
`,
        ),
      },
      envVars: awsEnv(emulator),
    });
    await back.up();
    const backOutputs = await back.outputs();
    assert.equal(backOutputs["issuer"]?.value, tsOutputs["issuer"]?.value);
    assert.equal(backOutputs["clientSecret"]?.secret, true);
    assertNoCanaryInAnyEncoding("the consumer's state", await back.rawState(), secrets);
  });

  describe("at a hostile endpoint (fault proxy)", () => {
    let proxy: FaultProxy;
    before(async () => {
      proxy = await startFaultProxy(emulator.url);
    });
    after(() => proxy?.close());

    it("a secret copied into a plain member is refused and nothing is stored", async () => {
      const t = await backend.createProjectStack({
        files: {
          "Pulumi.yaml": yamlProject(
            "wickr-yaml-echo",
            `resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
outputs:
  issuer: \${sso.issuer}
`,
          ),
        },
        envVars: awsEnv(emulator),
        config: config(proxy.url),
      });
      proxy.mode = { kind: "echo-into-fields", what: "response" };
      const echoed = await expectFailure(t.up());
      assert.match(echoed.text, /MalformedResponseError.*holds a secret value/);
      assertNoCanaryInAnyEncoding("the output of up (echo)", echoed.text, secrets);
      const raw = await t.rawState();
      assertNoCanaryInAnyEncoding("the raw state", raw, secrets);
      assert.ok(!raw.includes(`"type": "${TYPE}"`), "no resource was stored");
    });

    it("SIGINT to `pulumi up` ends a call stuck on a silent server through the engine's Cancel, no pending operation", async () => {
      const t = await backend.createProjectStack({
        files: {
          "Pulumi.yaml": yamlProject(
            "wickr-yaml-cancel",
            `resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
`,
          ),
        },
        envVars: awsEnv(emulator),
        config: { ...config(proxy.url), "wickr-oidc:timeoutMs": { value: "60000" } },
      });
      proxy.mode = { kind: "stall" };
      const controller = new AbortController();
      const before = proxy.requests;
      const running = t.up({ signal: controller.signal });
      let ended: unknown;
      running.catch((error: unknown) => (ended = error ?? "ended"));
      for (let waited = 0; proxy.requests === before; waited += 100) {
        if (ended !== undefined)
          assert.fail(
            `up ended before reaching the endpoint: ${ended instanceof Error ? ended.message : "?"}`,
          );
        assert.ok(waited < 120_000, "the plugin never reached the (silent) endpoint");
        await new Promise((r) => setTimeout(r, 100));
      }
      controller.abort(); // the Automation API sends SIGINT to the CLI, which sends Cancel to the plugin
      const { text } = await expectFailure(running);
      assert.match(text, /the Pulumi engine cancelled the operation \(Ctrl-C or SIGTERM\)/);
      assert.doesNotMatch(text, /RequestTimeoutError/, "not ended by the 60 s attempt timeout");
      assert.equal(proxy.requests - before, 1, "no attempt after the cancellation");
      const exported = JSON.parse(await t.exportWithoutSecrets()) as {
        deployment: { pending_operations?: unknown[] };
      };
      assert.deepEqual(exported.deployment.pending_operations ?? [], []);
      proxy.mode = { kind: "pass" };
    });

    it("a lost answer to a token exchange: the single-use code reached the service once, and the error says so", async () => {
      const code = canary("code");
      const codeVerifier = canary("verifier");
      const all = { ...secrets, code, codeVerifier };
      emulator.addAuthorizationCode({
        networkId: DEMO_NETWORK_ID,
        code,
        clientId: DEMO_CLIENT_ID,
        redirectUri: DEMO_REDIRECT_URL,
        codeChallenge: createHash("sha256").update(codeVerifier).digest("base64url"),
        tokens: {
          accessToken: canary("accessToken"),
          idToken: canary("idToken"),
          refreshToken: canary("refreshToken"),
        },
      });
      const t = await backend.createProjectStack({
        files: {
          "Pulumi.yaml": yamlProject(
            "wickr-yaml-code",
            `config:
  code:
    type: string
    secret: true
  verifier:
    type: string
    secret: true
resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
      tokenRequest:
        clientId: ${DEMO_CLIENT_ID}
        code: \${code}
        codeVerifier: \${verifier}
        redirectUri: ${DEMO_REDIRECT_URL}
        grantType: authorization_code
outputs:
  issuer: \${sso.issuer}
`,
          ),
        },
        envVars: awsEnv(emulator),
        config: {
          ...config(proxy.url),
          "wickr-yaml-code:code": { value: code, secret: true },
          "wickr-yaml-code:verifier": { value: codeVerifier, secret: true },
        },
      });
      proxy.mode = { kind: "lose-answer" };
      const before = emulator.count("GetOidcInfo", { tokenExchange: true });
      const lost = await expectFailure(t.up());
      assert.equal(
        emulator.count("GetOidcInfo", { tokenExchange: true }) - before,
        1,
        "the code reached the service once",
      );
      assert.match(lost.text, /CodeMayBeUsedError/);
      assert.match(lost.text, /Get a new authorization code/);
      assertNoCanaryInAnyEncoding("the output of up (lost answer)", lost.text, all);
      assertNoCanaryInAnyEncoding("the raw state", await t.rawState(), all);
    });
  });
});
