/**
 * The provider plugin from every Pulumi language this repository has an SDK and a runtime for, under
 * the real CLI against the emulator: Python and Go programs through their own Automation API (inline
 * programs, so no language host is needed), Java through Pulumi Java's real language host. Each
 * language runs the same cases (languages/cases.ts) on its example program (examples/<language>/),
 * plus checks of its own (languages/<language>.ts). YAML programs: plugin-yaml.test.ts.
 *
 * Needs python3 with pip and venv, Go, a JDK and Maven, and the package registries (PyPI, the Go module
 * proxy, Maven Central) or warm caches; minutes the first time. The CI legs run it on the newest leg
 * only: WICKR_LANGUAGE_PROGRAMS=skip (set by .ci/matrix.sh for the others) skips it.
 */
import { startEmulator, type Emulator } from "../../emulator";
import { type FaultProxy, startFaultProxy } from "../helpers/fault-proxy";
import { ensurePulumiCli, ensureYamlLanguageHost } from "./harness";
import { CASES, cleanupStacks } from "./languages/cases";
import { go } from "./languages/go";
import { java } from "./languages/java";
import type { Language } from "./languages/language";
import { python } from "./languages/python";
import { CLI_TIMEOUT_MS } from "./wickr-fixtures";

/** Every language, in the order they run; a new language is one more entry (and its file). */
const LANGUAGES: readonly Language[] = [python(), go(), java()];

describe("the provider plugin from Python, Go and Java programs (real pulumi CLI)", function () {
  this.timeout(5 * 60_000);
  let emulator: Emulator;
  let proxy: FaultProxy;

  before(async function () {
    if (process.env["WICKR_LANGUAGE_PROGRAMS"] === "skip") {
      console.log("      (WICKR_LANGUAGE_PROGRAMS=skip: the language programs run on another CI leg)");
      this.skip();
    }
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    await ensureYamlLanguageHost();
    emulator = await startEmulator();
    proxy = await startFaultProxy(emulator.url);
  });
  after(async () => {
    await proxy?.close();
    await emulator?.close();
  });

  for (const language of LANGUAGES) {
    describe(`${language.title}: ${language.how}`, function () {
      before(async function () {
        // A cold install (pip, Go modules, Maven, the Java host) takes minutes on two cores.
        this.timeout(30 * 60_000);
        await language.prepare();
      });
      after(async function () {
        this.timeout(5 * 60_000);
        await cleanupStacks(language);
        await language.cleanup();
      });

      for (const check of language.checks) it(check.title, () => check.run());
      for (const c of CASES) it(c.title, () => c.run({ language, emulator, proxy }));
    });
  }
});
