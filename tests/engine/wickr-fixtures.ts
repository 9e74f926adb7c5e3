/**
 * Shared pieces of the `WickrOidcInfo` engine tests: the AWS environment of a stack, fast retry
 * settings, canaries, failure capture, `previewRefresh` through the harness queue, and readers of the
 * raw state file.
 *
 * Programs import `WickrOidcInfo` from `pulumi-wickr-oidc` (that is `dist/`): run `npm run build`
 * before these tests, as a user's project would use the built package.
 */
import * as assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import * as path from "node:path";
import type * as pulumi from "@pulumi/pulumi";
import * as auto from "@pulumi/pulumi/automation";
import type { WickrOidcInfo, WickrOidcInfoArgs } from "pulumi-wickr-oidc";
import { ALL_OUTPUT_FIELDS } from "../../provider/pulumi/resource-outputs";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_AUTHORIZATION_CODE,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CODE_VERIFIER,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  DEMO_REGION,
  DEMO_SECRET_ACCESS_KEY,
  demoSeed,
  type Emulator,
  type OpenidConnectInfo,
} from "../../emulator";
import { captureOutput, serialized } from "./engineRun";
import { EngineRunError, ensurePulumiCli, type EngineRun, type TestStack } from "./harness";

/** Time for `ensurePulumiCli()` in a `before` hook: a cold build of the CLI takes minutes. */
export const CLI_TIMEOUT_MS = 15 * 60_000;

/** The resource type the engine records for `WickrOidcInfo`. */
export const WICKR_TYPE = "pulumi-nodejs:dynamic/wickr:WickrOidcInfo";

/** How the file backend writes a secret: `{ "<sig key>": "<secret sig>", "ciphertext": ... }`. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

/** Retries that never slow a test down (the throttling test uses the defaults instead). */
export const FAST_RETRY = { baseDelayMs: 1, throttlingBaseDelayMs: 50, maxAttempts: 3 };

/** Arguments of a `WickrOidcInfo` on the emulator's demo network with fast retries; `extra` wins. */
export function demoArgs(emulator: Emulator, extra: Partial<WickrOidcInfoArgs> = {}): WickrOidcInfoArgs {
  return {
    networkId: DEMO_NETWORK_ID,
    region: DEMO_REGION,
    endpoint: emulator.url,
    retry: FAST_RETRY,
    ...extra,
  };
}

/** AWS credentials as a stack's environment carries them. */
export interface AwsKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** The emulator's demo user. */
export const DEMO_KEYS: AwsKeys = {
  accessKeyId: DEMO_ACCESS_KEY_ID,
  secretAccessKey: DEMO_SECRET_ACCESS_KEY,
};

/**
 * The environment of a stack whose provider talks to `emulator` with `keys`: credentials only
 * through the environment (never captured by the program), no shared AWS files, no instance
 * metadata, and STS (caller-identity hint) on the emulator rather than the internet.
 */
export function awsEnv(emulator: Emulator, keys: AwsKeys = DEMO_KEYS): Record<string, string> {
  return {
    AWS_ACCESS_KEY_ID: keys.accessKeyId,
    AWS_SECRET_ACCESS_KEY: keys.secretAccessKey,
    ...(keys.sessionToken !== undefined ? { AWS_SESSION_TOKEN: keys.sessionToken } : {}),
    AWS_ENDPOINT_URL_STS: emulator.url,
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
  };
}

/** A unique value to plant and then look for: `<label>-canary-<hex>`. */
export function canary(label: string): string {
  return `${label}-canary-${randomBytes(8).toString("hex")}`;
}

/**
 * Arms a single-use `code` at the emulator for the demo client and redirect URL, bound to the PKCE
 * `codeVerifier` (S256), whose exchange returns `tokens`; on the demo network unless `networkId` says.
 */
export function armPkceCode(
  emulator: Emulator,
  armed: { code: string; codeVerifier: string; tokens: Record<string, string>; networkId?: string },
): void {
  emulator.addAuthorizationCode({
    networkId: armed.networkId ?? DEMO_NETWORK_ID,
    code: armed.code,
    clientId: DEMO_CLIENT_ID,
    redirectUri: DEMO_REDIRECT_URL,
    codeChallenge: createHash("sha256").update(armed.codeVerifier).digest("base64url"),
    tokens: armed.tokens,
  });
}

/** An access key id the emulator accepts (`[A-Z0-9]{16,128}`) that is also a unique canary. */
export function canaryAccessKeyId(): string {
  return `AKIACANARY${randomBytes(8).toString("hex").toUpperCase()}`;
}

/**
 * The forms a value takes on the wire or in an echo of it: raw, percent-encoded the way the SigV4
 * signer and the HTTP handler do (`escapeUri`) and the way most servers do (`encodeURIComponent`),
 * encoded twice, form-encoded, JSON-escaped, upper- and lower-cased, and hex and base64 (standard and
 * URL-safe, at each of the three byte alignments it can have in a longer text) of the value and of its
 * `escapeUri` form (what a request line holds). Written with the encoders themselves, not the
 * redactor's code, so a gap in the redactor shows up here. Of a base64 form, the middle is taken (4
 * characters off each end): the ends mix in the bytes around the value.
 */
export function encodingsOf(value: string): Record<string, string> {
  const { escapeUri } = require("@smithy/core/protocols") as typeof import("@smithy/core/protocols");
  const forms: Record<string, string> = {
    raw: value,
    escapeUri: escapeUri(value),
    encodeURIComponent: encodeURIComponent(value),
    "encodeURIComponent twice": encodeURIComponent(encodeURIComponent(value)),
    "form-encoded": new URLSearchParams({ v: value }).toString().slice(2),
    "JSON-escaped": JSON.stringify(value).slice(1, -1),
    "upper-cased": value.toUpperCase(),
    "lower-cased": value.toLowerCase(),
  };
  for (const [label, text] of [
    ["", value],
    [" of escapeUri", escapeUri(value)],
  ] as const) {
    const bytes = Buffer.from(text, "utf8");
    forms[`hex${label}`] = bytes.toString("hex");
    forms[`HEX${label}`] = bytes.toString("hex").toUpperCase();
    for (const shift of [0, 1, 2]) {
      const base64 = Buffer.concat([Buffer.alloc(shift), bytes])
        .toString("base64")
        .slice(4, -4);
      forms[`base64${label} at offset ${shift}`] = base64;
      forms[`base64url${label} at offset ${shift}`] = base64.replace(/\+/g, "-").replace(/\//g, "_");
    }
  }
  return forms;
}

/** Asserts that no canary occurs in `text` in any of the {@link encodingsOf} forms. */
export function assertNoCanaryInAnyEncoding(
  where: string,
  text: string,
  canaries: Readonly<Record<string, string>>,
): void {
  for (const [name, value] of Object.entries(canaries)) {
    for (const [form, encoded] of Object.entries(encodingsOf(value))) {
      assert.ok(!text.includes(encoded), `${where} contains the ${name} canary (${form})`);
    }
  }
}

/** Asserts that none of `canaries` occurs in `text`; the message names the place and the canary. */
export function assertNoCanary(
  where: string,
  text: string,
  canaries: Readonly<Record<string, string>>,
): void {
  for (const [name, value] of Object.entries(canaries)) {
    assert.ok(!text.includes(value), `${where} contains the ${name} canary`);
  }
}

/** What a failed engine operation printed. */
export interface Failure {
  /** The console output streamed while it ran. */
  output: string;
  /** `output` plus the error's message (the CLI's stderr and exit code): where to look for a text. */
  text: string;
}

/** Runs an engine operation that must fail and returns what it printed. */
export async function expectFailure(operation: Promise<unknown>): Promise<Failure> {
  try {
    await operation;
  } catch (error) {
    assert.ok(error instanceof EngineRunError, `expected an EngineRunError, got ${String(error)}`);
    return { output: error.output, text: `${error.output}\n${error.message}` };
  }
  assert.fail("the engine operation succeeded, but it was expected to fail");
}

/**
 * `pulumi refresh --preview-only` through the harness queue, with its output captured. (The
 * Automation API's `refresh({ previewOnly: true })` returns the summary of the last real update;
 * `previewRefresh` returns the preview's own.)
 */
export function previewRefresh(
  t: TestStack,
  options: Omit<auto.RefreshOptions, "onOutput" | "onError"> = {},
): Promise<EngineRun<auto.PreviewResult>> {
  return serialized(async () => {
    const capture = captureOutput();
    try {
      const result = await t.stack.previewRefresh({ ...options, ...capture.handlers });
      return { result, output: capture.text() };
    } catch (cause) {
      throw new EngineRunError("preview-refresh", t.fullyQualifiedName, capture.text(), { cause });
    }
  });
}

/**
 * Runs `pulumi <args> --stack <stack> --non-interactive` in the stack's work folder with its
 * environment, through the harness queue, and returns stdout and stderr together. For CLI options the
 * Automation API does not pass on (e.g. `refresh --diff`); only for commands that do not run the
 * program.
 */
export function runCli(t: TestStack, args: string[]): Promise<string> {
  return serialized(async () => {
    const pulumi = path.join(await ensurePulumiCli(), "pulumi");
    const env = { ...process.env, ...t.stack.workspace.envVars };
    const argv = [...args, "--stack", t.fullyQualifiedName, "--non-interactive"];
    return new Promise<string>((resolve, reject) => {
      execFile(
        pulumi,
        argv,
        { cwd: t.workDir, env, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const output = `${stdout}${stderr}`;
          if (error)
            reject(new EngineRunError(args.join(" "), t.fullyQualifiedName, output, { cause: error }));
          else resolve(output);
        },
      );
    });
  });
}

/** Every output `WickrOidcInfo` declares, keyed by name: what a program exports to show them all. */
export function exportAll(sso: WickrOidcInfo): Record<string, pulumi.Output<unknown>> {
  const outputs = sso as unknown as Record<string, pulumi.Output<unknown>>;
  const all: Record<string, pulumi.Output<unknown>> = {};
  for (const field of ALL_OUTPUT_FIELDS) {
    const output = outputs[field];
    assert.ok(output, `WickrOidcInfo has no output property ${field}`);
    all[field] = output;
  }
  return all;
}

/**
 * Adds network `networkId` to the emulator with the demo network's settings, changed by `overrides`.
 * Tests that delete or change a network use one of their own, so other tests keep the demo network.
 */
export function addNetworkLike(
  emulator: Emulator,
  networkId: string,
  overrides: Partial<OpenidConnectInfo> = {},
): OpenidConnectInfo {
  const demo = emulator.network(DEMO_NETWORK_ID);
  assert.ok(demo, "the emulator has the demo network");
  const openidConnectInfo = { ...demo.openidConnectInfo, ...overrides };
  emulator.addNetwork({ networkId, openidConnectInfo });
  return openidConnectInfo;
}

/**
 * Puts the demo network back as the emulator was seeded: its settings, and its authorization code armed
 * again (unused). Tests that share a stack call it to return to their starting point.
 */
export function restoreDemoNetwork(emulator: Emulator): void {
  const seed = demoSeed();
  for (const network of seed.networks) {
    if (network.networkId === DEMO_NETWORK_ID) emulator.addNetwork(network);
  }
  for (const code of seed.authorizationCodes ?? []) {
    if (code.networkId === DEMO_NETWORK_ID) emulator.addAuthorizationCode(code);
  }
}

/**
 * Setup that several independent tests need, paid once: runs `setup` the first time the returned
 * function is called (by whichever test runs first) and gives every caller the same promise, a failure
 * included.
 *
 * @example
 * const consumerUp = once(() => consumer.up());
 * it("...", async () => { const { result } = await consumerUp(); ... });
 */
export function once<T>(setup: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= setup());
}

/** A token request that exchanges the demo network's authorization code (single use per emulator). */
export const DEMO_TOKEN_REQUEST = {
  clientId: DEMO_CLIENT_ID,
  clientSecret: DEMO_CLIENT_SECRET,
  code: DEMO_AUTHORIZATION_CODE,
  codeVerifier: DEMO_CODE_VERIFIER,
  redirectUri: DEMO_REDIRECT_URL,
  grantType: "authorization_code",
};

/** One resource of a state file. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  /** The reasons of a partial failure (a failed exchange records the resource with them). */
  initErrors?: string[];
}

/** The resources of a raw state file (`TestStack.rawState()`). */
export function stateResources(rawState: string): StateResource[] {
  const state = JSON.parse(rawState) as { checkpoint: { latest?: { resources?: StateResource[] } } };
  return state.checkpoint.latest?.resources ?? [];
}

/** The resources of `type` in a raw state file. */
export function resourcesOfType(rawState: string, type: string): StateResource[] {
  return stateResources(rawState).filter((r) => r.type === type);
}

/** The serialized provider (`__provider` input) of the resource named `name` of `type`. */
export function serializedProvider(rawState: string, type: string, name: string): string {
  const resource = resourcesOfType(rawState, type).find((r) => r.urn.endsWith(`::${name}`));
  const text = resource?.inputs?.["__provider"];
  assert.equal(typeof text, "string", `no __provider input for ${type} ${name} in the state`);
  return text as string;
}

/** The lines of `output` that contain `needle`, trimmed (for reports and precise assertions). */
export function linesWith(output: string, needle: string | RegExp): string[] {
  return output
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => (typeof needle === "string" ? line.includes(needle) : needle.test(line)));
}

/**
 * The messages the CLI's "Diagnostics:" section lists under one resource, e.g.
 * `pulumi-nodejs:dynamic/wickr:WickrOidcInfo (sso)` or `pulumi:pulumi:Stack (project-stack)`: what a
 * person reads as attached to that resource once the run is over.
 */
export function diagnosticsOf(output: string, resource: string | RegExp): string[] {
  const lines = output.split("\n");
  const start = lines.findIndex((line) => line.trim() === "Diagnostics:");
  if (start < 0) return [];
  const found: string[] = [];
  let inside = false;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break; // the next section ("Outputs:", "Resources:")
    const header = /^ {2}(\S.*\)):$/.exec(line)?.[1];
    if (header !== undefined) {
      inside = typeof resource === "string" ? header.startsWith(resource) : resource.test(header);
      continue;
    }
    if (inside && line.trim() !== "") found.push(line.trim());
  }
  return found;
}
