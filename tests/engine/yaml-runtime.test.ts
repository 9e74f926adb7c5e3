/**
 * Pulumi YAML programs under the real CLI. `scripts/pulumi-yaml-install.sh` builds Pulumi YAML's
 * language host from the Go module proxy and the harness puts it on the CLI's `PATH`, so a project
 * folder with `runtime: yaml` runs as a user runs it: `pulumi up` starts `pulumi-language-yaml`.
 * Next to TypeScript inline programs of the same file backend: config, outputs, secrets, and
 * StackReferences in both directions.
 *
 * Each test has a backend of its own and runs alone with `--grep`.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as pulumi from "@pulumi/pulumi";
import { createBackend, ensurePulumiCli, ensureYamlLanguageHost, type TestBackend } from "./harness";

/** How the file backend writes a secret: `{ "<sig key>": "<secret sig>", "ciphertext": ... }`. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
/** A cold build of the CLI and the YAML host takes minutes. */
const INSTALL_TIMEOUT_MS = 20 * 60_000;
/** Two stacks' `up`, then their destroy and removal. */
const TEST_TIMEOUT_MS = 180_000;

/** The part of a file backend's `<stack>.json` read here. */
interface StateFile {
  checkpoint: { latest: { resources: { type: string; id?: string }[] } };
}

const canary = (label: string): string => `${label}-canary-${randomBytes(8).toString("hex")}`;

/** Asserts that `text` (state, export) holds the secret only as ciphertext. */
function assertEncrypted(where: string, text: string, plaintext: string): void {
  assert.ok(!text.includes(plaintext), `${where} leaks the plaintext of a secret`);
  assert.ok(text.includes(SECRET_SIG), `${where} holds no secret envelope`);
}

describe("Pulumi YAML programs (real pulumi CLI, pulumi-language-yaml)", function () {
  this.timeout(TEST_TIMEOUT_MS);
  let backend: TestBackend | undefined;

  before(async function () {
    this.timeout(INSTALL_TIMEOUT_MS);
    await ensurePulumiCli();
    await ensureYamlLanguageHost();
  });
  afterEach(async () => {
    await backend?.cleanup();
    backend = undefined;
  });

  it("runs a program with config and outputs, and stores its fn::secret output encrypted", async () => {
    const token = canary("yaml-token");
    backend = await createBackend("yaml-basics");
    const t = await backend.createProjectStack({
      stack: "basics",
      files: {
        "Pulumi.yaml": [
          "name: yaml-basics",
          "runtime: yaml",
          "config:",
          "  greeting:",
          "    type: string",
          "  token:",
          "    type: string",
          "variables:",
          "  audience: engine tests",
          "outputs:",
          "  greeting: ${greeting}",
          "  message: ${greeting}, ${audience}",
          "  words:",
          "    - ${greeting}",
          "    - yaml",
          "  token:",
          "    fn::secret: ${token}",
          "",
        ].join("\n"),
      },
      // Plain config: the program itself makes the token secret.
      config: { greeting: { value: "hello" }, token: { value: token } },
    });

    const { result } = await t.up();
    assert.equal(result.summary.result, "succeeded");
    assert.deepEqual(result.summary.resourceChanges, { create: 1 });
    assert.deepEqual(await t.outputs(), {
      greeting: { value: "hello", secret: false },
      message: { value: "hello, engine tests", secret: false },
      words: { value: ["hello", "yaml"], secret: false },
      token: { value: token, secret: true },
    });
    assertEncrypted("raw state", await t.rawState(), token);
    assertEncrypted("pulumi stack export", await t.exportWithoutSecrets(), token);
    assert.deepEqual(JSON.parse(await t.stackOutputJson()), {
      greeting: "hello",
      message: "hello, engine tests",
      words: ["hello", "yaml"],
      token: "[secret]",
    });
  });

  it("a YAML stack reads a TypeScript stack's outputs through a StackReference", async () => {
    const token = canary("ts-token");
    backend = await createBackend("yaml-reads-ts");
    const producer = await backend.createStack({
      project: "ts-producer",
      stack: "ts",
      program: async () => ({ region: "us-east-1", token: pulumi.secret(token) }),
    });
    await producer.up();
    const consumer = await backend.createProjectStack({
      stack: "yaml",
      files: {
        "Pulumi.yaml": [
          "name: yaml-consumer",
          "runtime: yaml",
          "resources:",
          "  ref:",
          "    type: pulumi:pulumi:StackReference",
          "    properties:",
          `      name: ${producer.fullyQualifiedName}`,
          "outputs:",
          '  region: ${ref.outputs["region"]}',
          '  token: ${ref.outputs["token"]}',
          "",
        ].join("\n"),
      },
    });

    const { result } = await consumer.up();
    // A StackReference is read, not created: the engine counts only the stack as created.
    assert.deepEqual(result.summary.resourceChanges, { create: 1 });
    const state = JSON.parse(await consumer.rawState()) as StateFile;
    const references = state.checkpoint.latest.resources.filter(
      (r) => r.type === "pulumi:pulumi:StackReference",
    );
    assert.deepEqual(
      references.map((r) => r.id),
      [producer.fullyQualifiedName],
    );
    assert.deepEqual(await consumer.outputs(), {
      region: { value: "us-east-1", secret: false },
      token: { value: token, secret: true },
    });
    assertEncrypted("the YAML stack's raw state", await consumer.rawState(), token);
  });

  it("a TypeScript stack reads a YAML stack's outputs through a StackReference", async () => {
    const token = canary("yaml-token");
    backend = await createBackend("ts-reads-yaml");
    const producer = await backend.createProjectStack({
      stack: "yaml",
      files: {
        "Pulumi.yaml": [
          "name: yaml-producer",
          "runtime: yaml",
          "outputs:",
          "  endpoint: https://sso.example.test",
          "  token:",
          `    fn::secret: ${token}`,
          "",
        ].join("\n"),
      },
    });
    await producer.up();
    const consumer = await backend.createStack({
      project: "ts-consumer",
      stack: "ts",
      program: async () => {
        const ref = new pulumi.StackReference("producer", { name: producer.fullyQualifiedName });
        return { endpoint: ref.getOutput("endpoint"), token: ref.getOutput("token") };
      },
    });

    await consumer.up();
    assert.deepEqual(await consumer.outputs(), {
      endpoint: { value: "https://sso.example.test", secret: false },
      token: { value: token, secret: true },
    });
    assertEncrypted("the TypeScript stack's raw state", await consumer.rawState(), token);
  });
});
