/**
 * Changing `tokenRequest` between two `up`s, under the real engine. A new authorization code must be
 * exchanged exactly once and its tokens must replace the old ones in the outputs (still secret in the
 * state); removing `tokenRequest` must drop the tokens on the next `up` without any token exchange.
 *
 * Both tests need a stack that holds tokens from an exchange; `givenTokens` brings it there (an `up`
 * only when the stack holds none), so each runs alone with `--grep`.
 */
import * as assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { WickrOidcInfo, type WickrOidcTokenRequestArgs } from "pulumi-wickr-oidc";
import {
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  type Emulator,
  startEmulator,
} from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import {
  armPkceCode,
  assertNoCanary,
  awsEnv,
  canary,
  CLI_TIMEOUT_MS,
  demoArgs,
  exportAll,
  resourcesOfType,
  SECRET_SIG,
  WICKR_TYPE,
} from "./wickr-fixtures";

/** The outputs that come from the token exchange (`tokenInfo`). */
const TOKEN_OUTPUTS = [
  "accessToken",
  "idToken",
  "refreshToken",
  "codeVerifier",
  "codeChallenge",
  "tokenType",
  "expiresIn",
] as const;

/** The token outputs that are stored as secrets. */
const SECRET_TOKEN_OUTPUTS = ["accessToken", "idToken", "refreshToken", "codeVerifier"] as const;

/** A token request with a new code armed at the emulator, and the canary tokens its exchange returns. */
interface MintedRequest {
  request: WickrOidcTokenRequestArgs & { code: string; codeVerifier: string };
  tokens: { accessToken: string; idToken: string; refreshToken: string };
}

describe("WickrOidcInfo when tokenRequest changes (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  let t: TestStack;
  /** What the program passes as `tokenRequest` on the next engine run. */
  let tokenRequest: WickrOidcTokenRequestArgs | undefined;
  /** The request whose exchange gave the stack its tokens; `undefined` when it holds none (or not known). */
  let held: MintedRequest | undefined;

  /** Arms a new single-use code for the demo network; its exchange returns canary tokens. */
  function mintTokenRequest(label: string): MintedRequest {
    const code = canary(`code-${label}`);
    const codeVerifier = canary(`verifier-${label}`);
    const tokens = {
      accessToken: canary(`accessToken-${label}`),
      idToken: canary(`idToken-${label}`),
      refreshToken: canary(`refreshToken-${label}`),
    };
    armPkceCode(emulator, { code, codeVerifier, tokens });
    const request = {
      clientId: DEMO_CLIENT_ID,
      clientSecret: DEMO_CLIENT_SECRET,
      code,
      codeVerifier,
      redirectUri: DEMO_REDIRECT_URL,
      grantType: "authorization_code",
    };
    return { request, tokens };
  }

  /** The stack holds tokens from an exchange (an `up` with a new code, unless it does already). */
  async function givenTokens(): Promise<MintedRequest> {
    if (held !== undefined) return held;
    const minted = mintTokenRequest("first");
    tokenRequest = minted.request;
    await t.up();
    held = minted;
    return minted;
  }

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
    t = await createTestStack({
      project: "wickr-token-request",
      envVars: awsEnv(emulator),
      program: async () => {
        const sso = new WickrOidcInfo("sso", demoArgs(emulator, tokenRequest ? { tokenRequest } : {}));
        return exportAll(sso);
      },
    });
  });
  afterEach(function () {
    if (this.currentTest?.state === "failed") held = undefined;
  });
  after(async () => {
    await t?.cleanup();
    await emulator?.close();
  });

  it("a new code re-exchanges exactly once and its tokens replace the old ones, still secret", async () => {
    const old = await givenTokens();
    const next = mintTokenRequest("next");
    tokenRequest = next.request;
    emulator.resetLog();
    const { result } = await t.up();
    held = next;

    assert.deepEqual(result.summary.resourceChanges, { same: 1, update: 1 });
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 1, "one exchange");
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true, status: 200 }), 1, "it succeeded");
    assert.equal(emulator.count("GetOidcInfo"), 1, "no other call");

    const outputs = await t.outputs();
    for (const [field, value] of Object.entries(next.tokens)) {
      assert.deepEqual(outputs[field], { value, secret: true }, `${field} is the new code's`);
    }
    assert.deepEqual(outputs.codeVerifier, { value: next.request.codeVerifier, secret: true });
    assert.equal(
      outputs.codeChallenge?.value,
      createHash("sha256").update(next.request.codeVerifier).digest("base64url"),
    );
    const raw = await t.rawState();
    const [resource] = resourcesOfType(raw, WICKR_TYPE);
    for (const field of SECRET_TOKEN_OUTPUTS) {
      const stored = resource?.outputs?.[field] as Record<string, unknown> | undefined;
      assert.ok(stored && Object.values(stored).includes(SECRET_SIG), `outputs.${field} is ciphertext`);
    }
    assertNoCanary("the raw state", raw, { ...next.tokens, code: next.request.code });
    assertNoCanary("the outputs", JSON.stringify(outputs), {
      ...old.tokens,
      oldVerifier: old.request.codeVerifier,
    });
  });

  it("removing tokenRequest drops the tokens from the outputs on the next up, without an exchange", async () => {
    const old = await givenTokens();
    tokenRequest = undefined;
    emulator.resetLog();
    const { result } = await t.up();
    held = undefined;

    assert.deepEqual(result.summary.resourceChanges, { same: 1, update: 1 });
    assert.equal(emulator.count("GetOidcInfo", { tokenExchange: true }), 0, "no exchange");
    assert.equal(emulator.count("GetOidcInfo"), 1, "one read of the settings");

    const outputs = await t.outputs();
    for (const field of TOKEN_OUTPUTS) assert.equal(outputs[field]?.value, undefined, `${field} is gone`);
    assert.equal(
      outputs.issuer?.value,
      emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.issuer,
      "the settings stay",
    );
    const [resource] = resourcesOfType(await t.rawState(), WICKR_TYPE);
    for (const field of [...TOKEN_OUTPUTS, "tokenRequest"]) {
      assert.equal(resource?.outputs?.[field], undefined, `the state holds no ${field}`);
    }
    assert.equal(resource?.inputs?.["tokenRequest"], undefined, "nor a tokenRequest input");
    assertNoCanary("the outputs", JSON.stringify(outputs), old.tokens);
  });
});
