/**
 * `scripts/project-runtime.ts` behaves like the Node.js language host where a program could tell the
 * difference: each engine run executes the program from the top (module-level code included), the
 * module's exports are the stack outputs, and TypeScript is type-checked.
 */
import * as assert from "node:assert/strict";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import { EngineRunError } from "./engineRun";
import { type BackendFolder, createBackendFolder, removeBackendFolder } from "./harness";
import { initProjectStack, type ProjectStack } from "./project-stack";
import { CLI_TIMEOUT_MS } from "./wickr-fixtures";

const PULUMI_YAML = "name: runtime-fixture\nruntime:\n  name: nodejs\nmain: index.ts\n";

/** Module-level code only: nothing runs again unless the module is loaded again. */
const PROGRAM = `import * as pulumi from "@pulumi/pulumi";

const config = new pulumi.Config();
export const greeting = "hello " + config.require("who");
export const hidden = pulumi.secret("kept-secret");
`;

describe("the project runtime (real pulumi CLI, a project folder of its own)", function () {
  this.timeout(120_000);
  let folder: BackendFolder;
  let projectDir: string;
  let stack: ProjectStack;

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    folder = await createBackendFolder("project-runtime");
    projectDir = path.join(folder.dir, "project");
    await fs.mkdir(projectDir);
    await fs.writeFile(path.join(projectDir, "Pulumi.yaml"), PULUMI_YAML);
    await fs.writeFile(path.join(projectDir, "index.ts"), PROGRAM);
    stack = await initProjectStack({ folder, projectDir, stack: "test", config: { who: "alice" } });
  });
  after(async () => {
    await stack?.cleanup();
    if (folder) await removeBackendFolder(folder);
  });

  it("runs the program afresh on every engine run: the module's exports are the outputs", async () => {
    await stack.run(["up", "--yes"]);
    assert.deepEqual(await stack.outputs(), { greeting: "hello alice", hidden: "[secret]" });
    await stack.run(["config", "set", "who", "bob"]);
    await stack.run(["up", "--yes"]);
    assert.deepEqual(await stack.outputs({ showSecrets: true }), {
      greeting: "hello bob",
      hidden: "kept-secret",
    });
  });

  it("type-checks the program as the host does: a type error fails the run and is shown", async () => {
    const index = path.join(projectDir, "index.ts");
    await fs.writeFile(index, `${PROGRAM}export const broken: number = "not a number";\n`);
    try {
      const failure = await stack.run(["preview"]).then(
        () => assert.fail("preview succeeded despite a type error"),
        (error: unknown) => error,
      );
      assert.ok(failure instanceof EngineRunError);
      assert.match(failure.output, /TS2322: Type 'string' is not assignable to type 'number'/);
    } finally {
      await fs.writeFile(index, PROGRAM);
    }
  });
});
