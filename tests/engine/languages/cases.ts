/**
 * THE description of what every language's program shows under the real engine, and the assertions
 * that check it: tests/engine/languages.test.ts runs each case for each language (language.ts), so a
 * language added there gets all of them.
 *
 * The example programs (examples/<language>/) share one contract. They read stack config `networkId`
 * and, for a token exchange, `clientId`, `redirectUri`, and `clientSecret`, `code` and `codeVerifier`
 * (secret); they create
 * `WickrOidcInfo` "sso", call the Output form of `getOidcInfo`, and export the names of
 * {@link EXPORTED}. Provider settings are stack config (`wickr-oidc:region`, `wickr-oidc:endpoint`).
 * Expected values are written out here, never read back from the emulator or the list under test.
 */
import assert from "node:assert/strict";
import type * as auto from "@pulumi/pulumi/automation";
import { DEMO_CLIENT_ID, DEMO_REDIRECT_URL, DEMO_REGION, type Emulator } from "../../../emulator";
import type { FaultProxy } from "../../helpers/fault-proxy";
import {
  addNetworkLike,
  armPkceCode,
  assertNoCanaryInAnyEncoding,
  awsEnv,
  canary,
  diagnosticsOf,
  expectFailure,
} from "../wickr-fixtures";
import type { Language, Program } from "./language";
import type { LanguageStack } from "./language-stack";

/** The issuer of every network these cases read, and the one drift changes it to. */
const ISSUER = "https://idp.example.com/realms/wickr-languages";
const DRIFTED_ISSUER = "https://idp.example.com/realms/wickr-languages-drifted";

/** The stack outputs every example program exports. */
export const EXPORTED = [
  "issuer",
  "scopes",
  "region",
  "clientSecret",
  "secret",
  "accessToken",
  "invokeIssuer",
] as const;

/**
 * What a user sees of the function (`getOidcInfo`, a real invoke) in each language, checked by the
 * cases below (Output form) and noted in docs/sdks.md. Every SDK here makes the WHOLE result of the
 * Output form secret when any field of it is (clientSecret, secret and the tokens always are), so a
 * plain field such as `issuer` read from it is secret too; per-field secrecy comes from the resource.
 */
export const INVOKE_RESULT_SECRET: Readonly<Record<string, boolean>> = { Python: true, Go: true, Java: true };

/**
 * The function's plain (not Output) form as a user of each language meets it, reading a secret field
 * of the result (the test programs of `Program` "plain-invoke"): Go refuses a result that holds
 * secrets; Python and Java hand secrets out as plain values, so a program that exports one stores and
 * prints it in plain text (docs/sdks.md says to use the Output form).
 */
export const PLAIN_INVOKE: Readonly<Record<string, { refused: RegExp } | { secretsAsPlainValues: true }>> = {
  Python: { secretsAsPlainValues: true },
  Go: {
    refused:
      /unexpected secret result returned to invoke call, consider using the output-versioned variant of the invoke/,
  },
  Java: { secretsAsPlainValues: true },
};

/** What the shared cases need around a language. */
export interface CaseContext {
  language: Language;
  emulator: Emulator;
  proxy: FaultProxy;
}

/** One case: a title and its body. */
export interface LanguageCase {
  title: string;
  run(context: CaseContext): Promise<void>;
}

let networks = 0;
/**
 * A network of its own (drift changes it) with the demo network's settings, the issuer above and canary
 * secrets, and a single-use authorization code that the emulator exchanges for canary tokens. Returns
 * the network id and every canary: the client secret is both a setting of the network and what the
 * program authenticates the exchange with.
 */
function newNetworkWithCode(emulator: Emulator) {
  const networkId = String(71_700_000 + ++networks);
  const canaries = {
    clientSecret: canary("clientSecret"),
    secret: canary("secret"),
    code: canary("code"),
    codeVerifier: canary("codeVerifier"),
    accessToken: canary("accessToken"),
    idToken: canary("idToken"),
    refreshToken: canary("refreshToken"),
  };
  addNetworkLike(emulator, networkId, {
    issuer: ISSUER,
    clientSecret: canaries.clientSecret,
    secret: canaries.secret,
  });
  armPkceCode(emulator, {
    networkId,
    code: canaries.code,
    codeVerifier: canaries.codeVerifier,
    tokens: {
      accessToken: canaries.accessToken,
      idToken: canaries.idToken,
      refreshToken: canaries.refreshToken,
    },
  });
  return { networkId, canaries };
}

/** The stack config of the example programs: the network, a token exchange, the provider's endpoint. */
function programConfig(
  networkId: string,
  canaries: { clientSecret: string; code: string; codeVerifier: string },
  endpoint: string,
): Record<string, auto.ConfigValue> {
  return {
    networkId: { value: networkId },
    clientId: { value: DEMO_CLIENT_ID },
    redirectUri: { value: DEMO_REDIRECT_URL },
    clientSecret: { value: canaries.clientSecret, secret: true },
    code: { value: canaries.code, secret: true },
    codeVerifier: { value: canaries.codeVerifier, secret: true },
    "wickr-oidc:region": { value: DEMO_REGION },
    "wickr-oidc:endpoint": { value: endpoint },
  };
}

/** Stacks created by the cases of one language, destroyed and removed by {@link cleanupStacks}. */
const stacks = new Map<Language, LanguageStack[]>();

async function newStack(
  context: CaseContext,
  name: string,
  program: Program = "example",
): Promise<LanguageStack> {
  const stack = await context.language.createStack({
    stack: `${name}-${Math.random().toString(16).slice(2, 10)}`,
    env: awsEnv(context.emulator),
    program,
  });
  stacks.set(context.language, [...(stacks.get(context.language) ?? []), stack]);
  return stack;
}

/** Destroys and removes every stack the cases created for `language`. Never throws. */
export async function cleanupStacks(language: Language): Promise<void> {
  for (const stack of (stacks.get(language) ?? []).reverse()) await stack.cleanup();
  stacks.delete(language);
}

/** The lifecycle stack of a language, brought up once however many cases use it (see {@link once}). */
const lifecycles = new Map<Language, Promise<Lifecycle>>();
interface Lifecycle {
  stack: LanguageStack;
  networkId: string;
  canaries: Record<string, string>;
  upOutput: string;
  /** The emulator's GetOidcInfo calls of that `up`: all, and token exchanges. */
  calls: { all: number; exchanges: number };
  outputs: auto.OutputMap;
}

function lifecycle(context: CaseContext): Promise<Lifecycle> {
  let started = lifecycles.get(context.language);
  if (!started) {
    started = (async () => {
      const { emulator } = context;
      const { networkId, canaries } = newNetworkWithCode(emulator);
      const stack = await newStack(context, "lifecycle");
      await stack.setConfig(programConfig(networkId, canaries, emulator.url));
      const before = {
        all: emulator.count("GetOidcInfo"),
        exchanges: emulator.count("GetOidcInfo", { tokenExchange: true }),
      };
      const { output } = await stack.up();
      const calls = {
        all: emulator.count("GetOidcInfo") - before.all,
        exchanges: emulator.count("GetOidcInfo", { tokenExchange: true }) - before.exchanges,
      };
      return { stack, networkId, canaries, upOutput: output, calls, outputs: await stack.outputs() };
    })();
    lifecycles.set(context.language, started);
  }
  return started;
}

/** The cases, in the order they run. */
export const CASES: readonly LanguageCase[] = [
  {
    title:
      "up: the resource's fields and the Output-form invoke's values are right; sensitive ones are secret",
    async run(context) {
      const { outputs, canaries, calls } = await lifecycle(context);
      const invokeSecret = INVOKE_RESULT_SECRET[context.language.title];
      assert.ok(
        invokeSecret !== undefined,
        `INVOKE_RESULT_SECRET has no entry for ${context.language.title}`,
      );
      const expected: auto.OutputMap = {
        issuer: { value: ISSUER, secret: false },
        scopes: { value: "openid profile email", secret: false },
        region: { value: "us-east-1", secret: false },
        clientSecret: { value: canaries["clientSecret"], secret: true },
        secret: { value: canaries["secret"], secret: true },
        accessToken: { value: canaries["accessToken"], secret: true },
        invokeIssuer: { value: ISSUER, secret: invokeSecret },
      };
      assert.deepEqual(Object.keys(expected).sort(), [...EXPORTED].sort());
      assert.deepEqual(outputs, expected);
      // One read with the code's exchange for the resource, one read for the invoke.
      assert.deepEqual(calls, { all: 2, exchanges: 1 });
    },
  },
  {
    title: "no canary in the raw state, `pulumi stack export` (without --show-secrets) or the console",
    async run(context) {
      const { stack, canaries, upOutput } = await lifecycle(context);
      const raw = await stack.rawState();
      assertNoCanaryInAnyEncoding("the raw state", raw, canaries);
      assert.ok(raw.includes('"ciphertext"'), "the state holds secrets, encrypted");
      assertNoCanaryInAnyEncoding("pulumi stack export", await stack.exportWithoutSecrets(), canaries);
      assertNoCanaryInAnyEncoding("the output of up", upOutput, canaries);
      // The engine found the plugin through the example's Pulumi.yaml (plugins.providers), not on PATH.
      assert.doesNotMatch(upOutput, /using pulumi-resource-wickr-oidc from \$PATH/);
      const printed = JSON.parse(await stack.stackOutputJson()) as Record<string, unknown>;
      assert.equal(printed["clientSecret"], "[secret]");
      assert.equal(printed["accessToken"], "[secret]");
      assert.equal(printed["issuer"], ISSUER);
    },
  },
  {
    title:
      "drift fails `preview --expect-no-changes` and `refresh --preview-only --expect-no-changes`; destroy makes no call",
    async run(context) {
      const { stack, networkId, canaries } = await lifecycle(context);
      const { emulator } = context;
      emulator.registerOidcConfig(networkId, { issuer: DRIFTED_ISSUER });
      const preview = await expectFailure(stack.preview({ expectNoChanges: true }));
      assert.match(preview.text, /no changes were expected/);
      const lines = diagnosticsOf(preview.text, "wickr-oidc:index:WickrOidcInfo (sso)");
      assert.ok(
        lines.some((l) => l.includes(`changed outside Pulumi: issuer "${ISSUER}" → "${DRIFTED_ISSUER}"`)),
        `the drift line on the resource:\n${preview.text}`,
      );
      const refresh = await expectFailure(stack.previewRefresh({ expectNoChanges: true }));
      assert.match(refresh.text, /no changes were expected/);
      assert.match(refresh.text, /~ +wickr-oidc:index:WickrOidcInfo sso/);
      for (const [where, text] of [
        ["preview", preview.text],
        ["refresh --preview-only", refresh.text],
      ] as const)
        assertNoCanaryInAnyEncoding(`the output of ${where}`, text, canaries);

      const before = emulator.count("GetOidcInfo");
      await stack.destroy();
      assert.equal(emulator.count("GetOidcInfo") - before, 0, "destroy made no Wickr call");
    },
  },
  {
    title:
      "a lost answer to a token exchange: the code reached the service once, the error says so, and the rerun refuses it",
    async run(context) {
      const { emulator, proxy } = context;
      const { networkId, canaries } = newNetworkWithCode(emulator);
      const stack = await newStack(context, "lost-answer");
      await stack.setConfig(programConfig(networkId, canaries, proxy.url));
      const before = emulator.count("GetOidcInfo", { tokenExchange: true });
      proxy.mode = { kind: "lose-answer" };
      try {
        const lost = await expectFailure(stack.up());
        assert.equal(
          emulator.count("GetOidcInfo", { tokenExchange: true }) - before,
          1,
          "the code reached the service once",
        );
        assert.match(lost.text, /CodeMayBeUsedError/);
        assert.match(lost.text, /Get a new authorization code/);
        assertNoCanaryInAnyEncoding("the output of up (lost answer)", lost.text, canaries);
        assertNoCanaryInAnyEncoding("the raw state", await stack.rawState(), canaries);
        // The same `up` again, the endpoint healthy: the recorded code is refused (the program's own
        // function call still reads, so the proxy sees that read, never the code).
        proxy.mode = { kind: "pass" };
        const rerun = await expectFailure(stack.up());
        assert.match(
          rerun.text,
          /tokenRequest\.code was sent to the service by an earlier run that did not complete/,
        );
        assert.equal(
          emulator.count("GetOidcInfo", { tokenExchange: true }) - before,
          1,
          "the code reached the service once in all",
        );
      } finally {
        proxy.mode = { kind: "pass" };
      }
    },
  },
  {
    title: "the function's plain form: what the language's SDK does with a result holding secrets",
    async run(context) {
      const { emulator, language } = context;
      const expected = PLAIN_INVOKE[language.title];
      assert.ok(expected, `PLAIN_INVOKE has no entry for ${language.title}`);
      const { networkId, canaries } = newNetworkWithCode(emulator);
      const stack = await newStack(context, "plain-invoke", "plain-invoke");
      await stack.setConfig({
        networkId: { value: networkId },
        "wickr-oidc:region": { value: DEMO_REGION },
        "wickr-oidc:endpoint": { value: emulator.url },
      });
      if ("refused" in expected) {
        const refused = await expectFailure(stack.up());
        assert.match(refused.text, expected.refused);
        assertNoCanaryInAnyEncoding("the output of up", refused.text, canaries);
      } else {
        await stack.up();
        assert.deepEqual(await stack.outputs(), {
          plainIssuer: { value: ISSUER, secret: false },
          plainClientSecret: { value: canaries.clientSecret, secret: false },
        });
        // What a user then sees: the secret in plain text, in the state and in `pulumi stack output`.
        assert.ok((await stack.rawState()).includes(canaries.clientSecret));
        const printed = JSON.parse(await stack.stackOutputJson()) as Record<string, unknown>;
        assert.equal(printed["plainClientSecret"], canaries.clientSecret);
      }
    },
  },
];
