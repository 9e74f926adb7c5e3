/**
 * The provider plugin (`pulumi-resource-wickr-oidc`) under the real engine, from a Pulumi YAML program
 * run by YAML's own language host: the resource and the `getOidcInfo` invoke against the emulator,
 * secrets encrypted (canaries), drift failing `preview --expect-no-changes` with the line on the
 * resource, an explicit provider, `pulumi import`, stack references between a YAML stack and a
 * TypeScript one, and hostile endpoints (a secret copied into a plain member; a lost answer to a
 * single-use code).
 */
import * as assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  DEMO_ACCOUNT,
  DEMO_CLIENT_ID,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  DEMO_REGION,
  demoSeed,
  type Emulator,
  startEmulator,
} from "../../emulator";
import { type FaultProxy, refusedUrl, startFaultProxy } from "../helpers/fault-proxy";
import {
  createBackend,
  ensurePulumiCli,
  ensureYamlLanguageHost,
  REPO_ROOT,
  type TestBackend,
  type TestStack,
} from "./harness";
import {
  addNetworkLike,
  armPkceCode,
  assertNoCanaryInAnyEncoding,
  awsEnv,
  canary,
  CLI_TIMEOUT_MS,
  diagnosticsOf,
  expectFailure,
  resourcesOfType,
  runCli,
  SECRET_SIG,
} from "./wickr-fixtures";

const TYPE = "wickr-oidc:index:WickrOidcInfo";
/** The folder holding the plugin's executable, as a YAML project names it under `plugins.providers`. */
const PLUGIN_DIR = path.join(REPO_ROOT, "bin");

/** The body of a YAML program with one resource on the demo network and no outputs. */
const ONE_RESOURCE = `resources:
  sso:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
`;

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

  it("`pulumi import` with a secret roleArn: no canary anywhere, and the next preview expects no changes", async () => {
    const roleArn = `arn:aws:iam::${DEMO_ACCOUNT}:role/${canary("role")}`;
    const seed = demoSeed();
    seed.roles = [...(seed.roles ?? []), { arn: roleArn, allow: ["wickr:GetOidcInfo"] }];
    const roles = await startEmulator({ seed });
    roles.registerOidcConfig(DEMO_NETWORK_ID, secrets);
    try {
      const all = { ...secrets, roleArn };
      const refusedEndpoint = await refusedUrl();
      const i = await backend.createProjectStack({
        files: { "Pulumi.yaml": yamlProject("wickr-yaml-import-role", "resources: {}\n") },
        envVars: awsEnv(roles),
        config: {
          "wickr-oidc:region": { value: DEMO_REGION },
          "wickr-oidc:endpoint": { value: refusedEndpoint, secret: true },
          "wickr-oidc:roleArn": { value: roleArn, secret: true },
        },
      });
      // A secret endpoint that refuses connections: the error names the place, which must not be shown.
      // (The CLI masks a secret config value it is shown as is, but not its host:port.)
      const refused = await runCli(i, ["import", TYPE, "adopted", DEMO_NETWORK_ID, "--yes"]).then(
        () => assert.fail("the import from a refused endpoint succeeded"),
        (error: unknown) => `${(error as Error).message}\n${(error as { output?: string }).output ?? ""}`,
      );
      assert.match(refused, /Could not connect to \[REDACTED\]/);
      assertNoCanaryInAnyEncoding("the failed import's output", refused, {
        ...all,
        endpoint: new URL(refusedEndpoint).host,
      });

      await i.stack.setConfig("wickr-oidc:endpoint", { value: roles.url, secret: true });
      const printed = await runCli(i, ["import", TYPE, "adopted", DEMO_NETWORK_ID, "--yes"]);
      assertNoCanaryInAnyEncoding("the output of pulumi import", printed, all);
      assert.ok(roles.count("AssumeRole", { status: 200 }) >= 1, "the import assumed the (secret) role");
      const [adopted] = resourcesOfType(await i.rawState(), TYPE);
      const stored = adopted?.outputs?.["roleArn"] as Record<string, unknown> | undefined;
      assert.ok(stored && Object.values(stored).includes(SECRET_SIG), "outputs.roleArn is ciphertext");
      assertNoCanaryInAnyEncoding("the state after import", await i.rawState(), all);

      // The program now declares what was imported: nothing to change.
      await fs.writeFile(
        path.join(i.workDir, "Pulumi.yaml"),
        yamlProject(
          "wickr-yaml-import-role",
          `resources:
  adopted:
    type: ${TYPE}
    properties:
      networkId: "${DEMO_NETWORK_ID}"
`,
        ),
      );
      const { output } = await i.preview({ expectNoChanges: true });
      assertNoCanaryInAnyEncoding("the preview after import", output, all);
    } finally {
      await roles.close();
    }
  });

  it("an unreachable endpoint's hint names the plugin's configuration key, wickr-oidc:endpoint", async () => {
    const t = await backend.createProjectStack({
      files: {
        "Pulumi.yaml": yamlProject("wickr-yaml-hint", ONE_RESOURCE),
      },
      envVars: awsEnv(emulator),
      config: config(await refusedUrl()),
    });
    const { text } = await expectFailure(t.up());
    assert.match(
      text,
      /check the provider's `endpoint` \(stack config `wickr-oidc:endpoint`, or AWS_ENDPOINT_URL_WICKR\)/,
    );
    assert.doesNotMatch(text, /wickr:endpoint/);
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
          "Pulumi.yaml": yamlProject("wickr-yaml-cancel", ONE_RESOURCE),
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

    /**
     * A YAML stack whose resource exchanges a code given as secret stack config (with a verifier and the
     * client secret), through the proxy; `newCode` arms a fresh code at the emulator and sets it.
     */
    const tokenExchangeStack = async (project: string) => {
      const codeVerifier = canary("verifier");
      const all: Record<string, string> = { ...secrets, codeVerifier };
      const arm = (label: string): string => {
        const code = canary(`code-${label}`);
        const tokens = { accessToken: canary(`accessToken-${label}`), idToken: canary(`idToken-${label}`) };
        all[`code-${label}`] = code;
        all[`accessToken-${label}`] = tokens.accessToken;
        all[`idToken-${label}`] = tokens.idToken;
        armPkceCode(emulator, { code, codeVerifier, tokens });
        return code;
      };
      const t = await backend.createProjectStack({
        files: {
          "Pulumi.yaml": yamlProject(
            project,
            `config:
  code:
    type: string
    secret: true
  clientSecret:
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
        clientSecret: \${clientSecret}
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
          [`${project}:code`]: { value: arm("first"), secret: true },
          [`${project}:verifier`]: { value: codeVerifier, secret: true },
          [`${project}:clientSecret`]: { value: secrets.clientSecret, secret: true },
        },
      });
      const newCode = (label: string) =>
        t.stack.setConfig(`${project}:code`, { value: arm(label), secret: true });
      return { t, all, newCode };
    };

    it("a lost answer to a token exchange, on create and on update: each code reached the service once, the reruns refuse", async () => {
      const { t, all, newCode } = await tokenExchangeStack("wickr-yaml-code");
      const exchanges = () => emulator.count("GetOidcInfo", { tokenExchange: true });
      /** The lost answer, then the same `up` again with a working endpoint: refused before any request. */
      const loseThenRerun = async (label: string): Promise<void> => {
        proxy.mode = { kind: "lose-answer" };
        const before = exchanges();
        const lost = await expectFailure(t.up());
        assert.equal(exchanges() - before, 1, `${label}: the code reached the service once`);
        assert.match(lost.text, /CodeMayBeUsedError/);
        assert.match(lost.text, /Get a new authorization code/);
        assertNoCanaryInAnyEncoding(`the output of up (lost answer, ${label})`, lost.text, all);
        proxy.mode = { kind: "pass" };
        const requests = proxy.requests;
        const rerun = await expectFailure(t.up());
        assert.match(
          rerun.text,
          /tokenRequest\.code was sent to the service by an earlier run that did not complete .* Nothing was sent\. Get a new authorization code/,
          label,
        );
        assertNoCanaryInAnyEncoding(`the output of the rerun (${label})`, rerun.text, all);
        assert.equal(proxy.requests - requests, 0, `${label}: the rerun sent no request at all`);
        assert.equal(exchanges() - before, 1, `${label}: the code reached the service once in all`);
        assertNoCanaryInAnyEncoding(`the raw state (${label})`, await t.rawState(), all);
      };
      await loseThenRerun("create");

      // A new code works; then the answer to the next one is lost on update.
      await newCode("second");
      const before = exchanges();
      await t.up();
      assert.equal(exchanges() - before, 1, "a new code is exchanged");
      await newCode("third");
      await loseThenRerun("update");
      const [resource] = resourcesOfType(await t.rawState(), TYPE);
      assert.equal(
        (resource?.outputs?.["__spentCodes"] as unknown[] | undefined)?.length,
        2,
        "two codes recorded",
      );
      assert.ok(
        Object.values(resource?.outputs?.["accessToken"] as Record<string, unknown>).includes(SECRET_SIG),
        "the tokens of the second code are kept, encrypted",
      );
    });

    it("an endpoint echoing base64, hex or upper-cased secrets shows none; a 200 with base64 of the code in issuer is refused", async () => {
      const { t, all, newCode } = await tokenExchangeStack("wickr-yaml-encoded");
      proxy.mode = { kind: "echo-encoded", status: 400 };
      const echoed = await expectFailure(t.up());
      assert.match(
        echoed.text,
        /rejected: request line \(base64, offset 0\)/,
        "the echo reached the console",
      );
      assertNoCanaryInAnyEncoding("the output of up (encoded echo)", echoed.text, all);
      await newCode("second");
      proxy.mode = { kind: "echo-encoded-into-issuer", encoding: "base64" };
      const refused = await expectFailure(t.up());
      assert.match(refused.text, /MalformedResponseError.*openidConnectInfo\.issuer holds a secret value/);
      assertNoCanaryInAnyEncoding("the output of up (base64 in issuer)", refused.text, all);
      proxy.mode = { kind: "pass" };
      const raw = await t.rawState();
      assertNoCanaryInAnyEncoding("the raw state", raw, all);
      const [resource] = resourcesOfType(raw, TYPE);
      assert.equal(resource?.outputs?.["issuer"], undefined, "no settings were stored, so no issuer");
    });

    it("kill -9 during a token exchange leaves nothing to record: what a person sees, and what the next `up` does", async () => {
      // Documented in docs/cancellation.md ("Crashes"): the engine gives a provider no way to record a code
      // before it is sent, so after a crash the code must be treated as used. This pins what happens.
      const exchanges = () => emulator.count("GetOidcInfo", { tokenExchange: true });
      /** The processes now running: pid, parent pid and command line. */
      const processes = () =>
        execFileSync("ps", ["-eo", "pid=,ppid=,args="], { encoding: "utf8" })
          .split("\n")
          .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
          .filter((m): m is RegExpExecArray => m !== null)
          .map(([, pid, ppid, args]) => ({ pid: Number(pid), ppid: Number(ppid), args: args ?? "" }));
      /** The `pulumi up` of stack `t`, and the plugin processes it started. */
      const cliOf = (t: TestStack) =>
        processes().filter((p) => p.args.includes("pulumi up") && p.args.includes(`--stack ${t.name}`));
      const pluginsOf = (t: TestStack) => {
        const clis = new Set(cliOf(t).map((p) => p.pid));
        return processes().filter((p) => clis.has(p.ppid) && p.args.includes("pulumi-resource-wickr-oidc"));
      };
      /** Starts `up` with the exchange stalled at the proxy, and kills `target` once the request is there. */
      const killDuringExchange = async (t: TestStack, target: () => number[]) => {
        proxy.mode = { kind: "stall" };
        const before = proxy.requests;
        const running = t.up();
        running.catch(() => undefined);
        while (proxy.requests === before) await new Promise((r) => setTimeout(r, 50));
        const victims = target();
        assert.ok(victims.length > 0, "the process to kill is running");
        for (const pid of victims) process.kill(pid, "SIGKILL");
        const { text } = await expectFailure(running);
        proxy.mode = { kind: "pass" };
        return text;
      };

      // The plugin process dies: the engine reports the step failed; the stack holds no resource.
      const plugin = await tokenExchangeStack("wickr-yaml-kill-plugin");
      const pluginText = await killDuringExchange(plugin.t, () => pluginsOf(plugin.t).map((p) => p.pid));
      assertNoCanaryInAnyEncoding("the output of up (plugin killed)", pluginText, plugin.all);
      assert.match(
        pluginText,
        /WickrOidcInfo sso \*\*creating failed\*\* error: error reading from server: EOF/,
      );
      assert.match(pluginText, /pulumi-resource-wickr-oidc exited prematurely/);
      assert.ok(!(await plugin.t.rawState()).includes(`"type": "${TYPE}"`), "nothing recorded");
      const afterPlugin = exchanges();
      await plugin.t.up();
      assert.equal(
        exchanges() - afterPlugin,
        1,
        "the next up sends the same code again (nothing recorded it)",
      );

      // The CLI dies: the state keeps a pending operation, and the next `up` warns about it by name.
      const cli = await tokenExchangeStack("wickr-yaml-kill-cli");
      const orphans = () => pluginsOf(cli.t).map((p) => p.pid);
      let left: number[] = [];
      await killDuringExchange(cli.t, () => {
        left = orphans();
        return cliOf(cli.t).map((p) => p.pid);
      });
      const exported = JSON.parse(await cli.t.exportWithoutSecrets()) as {
        deployment: { pending_operations?: { type: string; resource: { urn: string } }[] };
      };
      assert.deepEqual(
        exported.deployment.pending_operations?.map((op) => [op.type, op.resource.urn.split("::").pop()]),
        [["creating", "sso"]],
      );
      // The dead CLI's plugin is left running, as the engine leaves it; stop it (if it has not ended).
      for (const pid of left) {
        try {
          process.kill(pid, "SIGKILL");
        } catch {
          // already gone
        }
      }
      // The dead CLI still holds the stack's lock: the next `up` says to run `pulumi cancel`.
      assert.match(
        (await expectFailure(cli.t.up())).text,
        /the stack is currently locked .* `pulumi cancel`/,
      );
      await runCli(cli.t, ["cancel", "--yes"]);
      const afterCli = exchanges();
      const { output } = await cli.t.up();
      assert.equal(exchanges() - afterCli, 1, "the next up sends the same code again (nothing recorded it)");
      assert.match(output, /Attempting to deploy or update resources with 1 pending operations/);
      assert.match(output, /wickr-oidc:index:WickrOidcInfo::sso, interrupted while creating/);
      assertNoCanaryInAnyEncoding("the output of the next up", output, cli.all);
    });
  });
});
