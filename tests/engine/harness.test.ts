/**
 * Proves the engine harness with a trivial dynamic provider (no Wickr code): the real CLI runs
 * the provider process, keeps a secret output encrypted everywhere it stores it, and carries
 * plain and secret outputs across a StackReference.
 *
 * Each test runs alone with `--grep`: the stack's first `up` is run by whichever test needs it first.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import * as fs from "node:fs/promises";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type * as auto from "@pulumi/pulumi/automation";
import { createBackend, createTestStack, ensurePulumiCli, type TestBackend, type TestStack } from "./harness";

/** How the file backend writes a secret: `{ "<sig key>": "<secret sig>", "ciphertext": ... }`. */
const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
const CLI_TIMEOUT_MS = 15 * 60_000;
const ENGINE_TIMEOUT_MS = 60_000;

interface NoteInputs {
  text: string;
  /** Where the provider process leaves `created-<id>` / `deleted-<id>` files. */
  markerDir: string;
}
interface NoteOutputs extends NoteInputs {
  /** Read from the provider process's environment at call time, like a credential. */
  token: string;
}

const noteProvider: pulumi.dynamic.ResourceProvider<NoteInputs, NoteOutputs> = {
  async create(inputs) {
    // Loaded inside the method: runs in the provider process, not captured by the serializer.
    const { randomUUID } = require("node:crypto") as typeof import("node:crypto");
    const { writeFile } = require("node:fs/promises") as typeof import("node:fs/promises");
    const id = randomUUID();
    await writeFile(`${inputs.markerDir}/created-${id}`, "");
    const token = process.env.HARNESS_TEST_TOKEN ?? "";
    return { id, outs: { text: inputs.text, markerDir: inputs.markerDir, token } };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete(id, props) {
    const { writeFile } = require("node:fs/promises") as typeof import("node:fs/promises");
    await writeFile(`${props.markerDir}/deleted-${id}`, "");
  },
};

class Note extends pulumi.dynamic.Resource {
  declare readonly text: pulumi.Output<string>;
  declare readonly token: pulumi.Output<string>;

  constructor(name: string, args: { text: pulumi.Input<string>; markerDir: string }) {
    super(
      noteProvider,
      name,
      { ...args, token: undefined },
      { additionalSecretOutputs: ["token"] },
      "harness",
      "Note",
    );
  }
}

const canary = (label: string): string => `${label}-canary-${randomBytes(8).toString("hex")}`;

describe("engine harness (real pulumi CLI)", function () {
  this.timeout(ENGINE_TIMEOUT_MS);

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
  });

  describe("a stack with one dynamic resource", () => {
    const token = canary("token");
    let markerDir: string;
    let t: TestStack;
    /** The stack's first `up` (the create) and the id it gave the note; `undefined` until run, or after destroy. */
    let created: Promise<{ result: auto.UpResult; noteId: string }> | undefined;
    const givenCreated = (): Promise<{ result: auto.UpResult; noteId: string }> =>
      (created ??= t
        .up()
        .then(async ({ result }) => ({ result, noteId: String((await t.outputs()).id?.value) })));

    before(async () => {
      markerDir = await fs.mkdtemp(path.join(os.tmpdir(), "harness-markers-"));
      t = await createTestStack({
        project: "harness",
        envVars: { HARNESS_TEST_TOKEN: token },
        program: async () => {
          const note = new Note("note", { text: "hello", markerDir });
          return { id: note.id, text: note.text, token: note.token };
        },
      });
    });
    after(async () => {
      await t?.cleanup();
      await fs.rm(markerDir, { recursive: true, force: true });
    });

    it("up creates the resource in the provider process and marks the token output secret", async () => {
      const { result, noteId } = await givenCreated();
      assert.equal(result.summary.resourceChanges?.create, 2); // the stack and the note
      const outputs = await t.outputs();
      assert.deepEqual(outputs.text, { value: "hello", secret: false });
      assert.deepEqual(outputs.token, { value: token, secret: true });
      assert.deepEqual(await fs.readdir(markerDir), [`created-${noteId}`]);
    });

    it("stores the token only as ciphertext (raw state, stack export, stack output)", async () => {
      const { noteId } = await givenCreated();
      for (const [where, text] of [
        ["raw state", await t.rawState()],
        ["pulumi stack export", await t.exportWithoutSecrets()],
      ]) {
        assert.ok(text?.includes("hello"), `${where} holds the plain output`);
        assert.ok(!text?.includes(token), `${where} leaks the token`);
        assert.ok(text?.includes(SECRET_SIG), `${where} holds no secret envelope`);
      }
      const printed = JSON.parse(await t.stackOutputJson()) as Record<string, unknown>;
      assert.deepEqual(printed, { id: noteId, text: "hello", token: "[secret]" });
    });

    it("previews no changes after up", async () => {
      await givenCreated();
      const { result } = await t.preview({ expectNoChanges: true });
      assert.deepEqual(result.changeSummary, { same: 2 });
    });

    it("refresh reads the resource back and keeps the token secret", async () => {
      await givenCreated();
      const { result } = await t.refresh();
      assert.deepEqual(result.summary.resourceChanges, { same: 2 });
      assert.deepEqual((await t.outputs()).token, { value: token, secret: true });
      assert.ok(!(await t.rawState()).includes(token));
    });

    it("destroy deletes the resource through the provider", async () => {
      const { noteId } = await givenCreated();
      const { result } = await t.destroy();
      created = undefined;
      assert.equal(result.summary.resourceChanges?.delete, 2);
      assert.deepEqual((await fs.readdir(markerDir)).sort(), [`created-${noteId}`, `deleted-${noteId}`]);
      const state = JSON.parse(await t.rawState()) as { checkpoint: { latest?: { resources?: unknown[] } } };
      assert.equal(state.checkpoint.latest?.resources?.length ?? 0, 0);
    });
  });

  describe("a StackReference between two stacks of one backend", () => {
    const secret = canary("shared");
    let backend: TestBackend;
    let consumer: TestStack;

    before(async () => {
      backend = await createBackend("stackref");
      const producer = await backend.createStack({
        project: "producer",
        program: async () => ({ plain: "visible", secret: pulumi.secret(secret) }),
      });
      await producer.up();
      consumer = await backend.createStack({
        project: "consumer",
        program: async () => {
          const ref = new pulumi.StackReference(producer.fullyQualifiedName);
          return { plain: ref.getOutput("plain"), secret: ref.getOutput("secret") };
        },
      });
    });
    after(async () => {
      await backend?.cleanup();
    });

    it("reads a plain output as plain and a secret output as secret", async () => {
      await consumer.up();
      const outputs = await consumer.outputs();
      assert.deepEqual(outputs.plain, { value: "visible", secret: false });
      assert.deepEqual(outputs.secret, { value: secret, secret: true });
      assert.ok(!(await consumer.rawState()).includes(secret), "the consumer's state leaks the secret");
    });
  });
});
