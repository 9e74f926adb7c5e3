// Loaded by mocha before any test file (`require` in .mocharc.json, tests/fast.mocharc.json and
// tests/engine/.mocharc.json). Its `mochaHooks` are root hooks: they run around every test of the run.
// The AWS SDK warns once per process that its 2027 releases need Node 22; the tests may run
// Node 20, so the warning says nothing about the code under test and only buries test output.
process.env["AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED"] ??= "true";

/**
 * Calls `reset` on the module at `path` (relative to this file) if a test has loaded it. A registry
 * that was never loaded holds nothing, and loading the provider here would only slow down the runs
 * that do not use it in-process (the engine tests run it in Pulumi's provider process).
 */
function ifLoaded<Module>(path: string, reset: (module: Module) => void): () => void {
  return () => {
    const loaded = require.cache[require.resolve(path)];
    if (loaded) reset(loaded.exports as Module);
  };
}

/**
 * Every piece of process-wide state the provider keeps for the life of a provider process. A test
 * starts without any of it, so what one test's clients, credentials, throttling or memoised reads
 * left behind cannot change the next test's outcome (an emulator port is reused, a cool-down lingers).
 */
const PROCESS_STATE_RESETS: (() => void)[] = [
  ifLoaded<typeof import("../provider/wickr/shared-clients")>("../provider/wickr/shared-clients", (m) =>
    m.clearSharedClients(),
  ),
  ifLoaded<typeof import("../provider/wickr/credentials")>("../provider/wickr/credentials", (m) =>
    m.clearSharedCredentials(),
  ),
  ifLoaded<typeof import("../provider/retry/coordinator-registry")>(
    "../provider/retry/coordinator-registry",
    (m) => m.clearCoordinators(),
  ),
  ifLoaded<typeof import("../provider/pulumi/read-memo")>("../provider/pulumi/read-memo", (m) =>
    m.clearReadMemo(),
  ),
];

let envBefore: NodeJS.ProcessEnv = {};

/** Puts `process.env` back to `saved`; returns the names of the variables that differed. */
function restoreEnv(saved: NodeJS.ProcessEnv): string[] {
  const changed = new Set<string>();
  for (const key of Object.keys(process.env)) {
    if (!(key in saved)) {
      changed.add(key);
      delete process.env[key];
    }
  }
  for (const [key, value] of Object.entries(saved)) {
    if (process.env[key] !== value) {
      changed.add(key);
      process.env[key] = value;
    }
  }
  return [...changed].sort();
}

/** Mocha root hooks (a root hook plugin: this file is loaded with `--require`). */
export const mochaHooks = {
  beforeEach(): void {
    for (const reset of PROCESS_STATE_RESETS) reset();
    envBefore = { ...process.env };
  },
  afterEach(this: Mocha.Context): void {
    // A test that sets an environment variable must put it back (tests/helpers/aws-env.ts does); one
    // that does not would change every later test, so its change is undone here and named.
    const changed = restoreEnv(envBefore);
    if (changed.length > 0) {
      process.emitWarning(
        `"${this.currentTest?.fullTitle() ?? "a test"}" changed process.env without restoring it: ${changed.join(", ")}; restored (use withAwsEnv from tests/helpers/aws-env.ts)`,
      );
    }
  },
};
