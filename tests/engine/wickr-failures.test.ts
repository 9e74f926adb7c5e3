/**
 * What a user sees when things go wrong: a network that is gone, an invalid network id, credentials
 * that are unknown or lack permission, and a failing service during `up` or `refresh` (which must
 * leave the stack's outputs as they were).
 *
 * Every test runs alone (`--grep`): each creates its own stack or first brings the shared one to the
 * condition it needs.
 */
import * as assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { WickrOidcInfo, type WickrOidcInfoArgs } from "pulumi-wickr-oidc";
import { DEMO_ACCOUNT, type Emulator, startEmulator } from "../../emulator";
import { createTestStack, ensurePulumiCli, type TestStack } from "./harness";
import {
  demoArgs,
  addNetworkLike,
  awsEnv,
  type AwsKeys,
  canary,
  canaryAccessKeyId,
  CLI_TIMEOUT_MS,
  expectFailure,
  FAST_RETRY,
  resourcesOfType,
  WICKR_TYPE,
} from "./wickr-fixtures";

describe("WickrOidcInfo failures (real pulumi CLI)", function () {
  this.timeout(120_000);
  let emulator: Emulator;
  const stacks: TestStack[] = [];

  /** A stack with one `WickrOidcInfo` on the emulator; `args` and `env` adjust it. */
  async function stackFor(
    project: string,
    args: Partial<WickrOidcInfoArgs> & { networkId: string },
    env: Record<string, string> = awsEnv(emulator),
  ): Promise<TestStack> {
    const t = await createTestStack({
      project,
      envVars: env,
      program: async () => {
        const sso = new WickrOidcInfo("sso", demoArgs(emulator, args));
        return { issuer: sso.issuer, secret: sso.secret, networkId: sso.networkId };
      },
    });
    stacks.push(t);
    return t;
  }

  before(async function () {
    this.timeout(CLI_TIMEOUT_MS);
    await ensurePulumiCli();
    emulator = await startEmulator();
  });
  after(async () => {
    for (const t of stacks.reverse()) await t.cleanup();
    await emulator?.close();
  });

  describe("a network that no longer exists", () => {
    const networkId = "23456789";

    it("refresh reports the resource deleted and drops it from the state", async () => {
      addNetworkLike(emulator, networkId);
      const t = await stackFor("wickr-gone", { networkId });
      await t.up();
      assert.equal(resourcesOfType(await t.rawState(), WICKR_TYPE).length, 1);

      emulator.deleteNetwork(networkId);
      emulator.resetLog();
      const { result } = await t.refresh();
      assert.deepEqual(result.summary.resourceChanges, { same: 1, delete: 1 });
      assert.deepEqual(resourcesOfType(await t.rawState(), WICKR_TYPE), []);
      assert.equal(emulator.count("GetOidcInfo", { status: 404 }), 1);
    });

    it("up of a new stack fails, naming the network id and ResourceNotFoundError", async () => {
      emulator.deleteNetwork(networkId); // gone, whether or not the test above ran
      const t = await stackFor("wickr-gone-new", { networkId });
      emulator.resetLog();
      const { text } = await expectFailure(t.up());
      assert.match(text, /ResourceNotFoundError/);
      assert.match(text, new RegExp(`Wickr network ${networkId}\\b`));
      assert.equal(emulator.count("GetOidcInfo"), 1, "a 404 is not retried");
      assert.deepEqual(resourcesOfType(await t.rawState(), WICKR_TYPE), []);
    });
  });

  it("an invalid network id fails at preview, naming networkId and 8 digits, before any request", async () => {
    const t = await stackFor("wickr-bad-id", { networkId: "1234" });
    emulator.resetLog();
    const { text } = await expectFailure(t.preview());
    assert.match(text, /networkId must be exactly 8 digits/);
    assert.match(text, /"1234"/);
    assert.deepEqual(emulator.log, [], "the emulator saw no request");
  });

  describe("credentials", () => {
    const networkId = "45678901";

    before(() => addNetworkLike(emulator, networkId));

    it("unknown to AWS: up fails with UnrecognizedClientException and the masked key id", async () => {
      const keys: AwsKeys = {
        accessKeyId: canaryAccessKeyId(),
        secretAccessKey: canary("unknown-secret-key"),
      };
      const t = await stackFor("wickr-unknown-keys", { networkId }, awsEnv(emulator, keys));
      emulator.resetLog();
      const { text } = await expectFailure(t.up());
      assert.match(text, /UnrecognizedClientException \(HTTP 403\)/);
      assert.match(text, new RegExp(`access key id \\*+${keys.accessKeyId.slice(-4)}\\b`), "masked key id");
      assert.ok(!text.includes(keys.accessKeyId), "the whole access key id is not shown");
      assert.match(text, /check AWS_ACCESS_KEY_ID/);
      assert.ok(!text.includes(keys.secretAccessKey), "the secret access key is not shown");
      assert.equal(emulator.count("GetOidcInfo"), 1, "an authentication failure is not retried");
    });

    it("without wickr:GetOidcInfo: up fails naming the principal ARN and the permission", async () => {
      const arn = `arn:aws:iam::${DEMO_ACCOUNT}:user/no-wickr-${randomBytes(3).toString("hex")}`;
      const keys: AwsKeys = { accessKeyId: canaryAccessKeyId(), secretAccessKey: canary("no-wickr-key") };
      emulator.addCredentials({
        ...keys,
        arn,
        account: DEMO_ACCOUNT,
        userId: "AIDANOWICKR0000001",
        allow: ["sts:GetCallerIdentity"],
      });
      // The STS endpoint comes from the resource's `stsEndpoint` here, not from the environment.
      const env = awsEnv(emulator, keys);
      delete env.AWS_ENDPOINT_URL_STS;
      const t = await stackFor("wickr-no-permission", { networkId, stsEndpoint: emulator.url }, env);
      emulator.resetLog();
      const { text } = await expectFailure(t.up());
      assert.match(text, /ForbiddenError \(HTTP 403\)/);
      assert.ok(text.includes(`Called as ${arn}.`), "names the caller's ARN");
      assert.match(text, /needs IAM permission wickr:GetOidcInfo/);
      assert.ok(!text.includes(keys.secretAccessKey), "the secret access key is not shown");
      assert.equal(emulator.count("GetCallerIdentity"), 1, "the caller was looked up on the STS endpoint");
    });
  });

  describe("a failed up or refresh leaves the previous outputs in place", () => {
    const networkId = "56789012";
    let t: TestStack;
    /** The stack's outputs as created, before any remote change. */
    let original: Awaited<ReturnType<TestStack["outputs"]>>;
    /** True when the stack may no longer hold {@link original} (a change was brought in, or a test failed). */
    let moved = false;
    const issuer = `https://idp.example.com/realms/changed-${randomBytes(3).toString("hex")}`;
    const secret = canary("changed-secret");

    before(async () => {
      addNetworkLike(emulator, networkId);
      t = await stackFor("wickr-failed-runs", { networkId, retry: { ...FAST_RETRY, maxAttempts: 1 } });
      await t.up();
      original = await t.outputs();
    });
    afterEach(function () {
      if (this.currentTest?.state === "failed") moved = true;
    });

    /** The network changed after the stack read it; the stack still holds {@link original}. */
    async function givenRemoteChange(): Promise<void> {
      if (moved) {
        addNetworkLike(emulator, networkId);
        await t.up();
        moved = false;
      }
      emulator.registerOidcConfig(networkId, { issuer, secret });
    }

    it("up fails on a 403 after a remote change, and the outputs stay as they were", async () => {
      await givenRemoteChange();
      emulator.injectFaults({ kind: "error", status: 403, name: "ForbiddenError" }, 1, "GetOidcInfo");
      const { text } = await expectFailure(t.up());
      assert.match(text, /ForbiddenError \(HTTP 403\)/);
      assert.deepEqual(await t.outputs(), original);
    });

    it("refresh fails on a 500 (no retry), and the outputs stay as they were", async () => {
      await givenRemoteChange();
      emulator.resetLog();
      emulator.injectFaults({ kind: "error", status: 500, name: "InternalServerError" }, 1, "GetOidcInfo");
      const { text } = await expectFailure(t.refresh());
      assert.match(text, /InternalServerError \(HTTP 500\)/);
      assert.equal(emulator.count("GetOidcInfo"), 1, "retry.maxAttempts 1: one attempt");
      assert.deepEqual(await t.outputs(), original);
    });

    it("the next up, with the service healthy again, brings the change in", async () => {
      await givenRemoteChange();
      const { result } = await t.up();
      moved = true;
      assert.deepEqual(result.summary.resourceChanges, { same: 1, update: 1 });
      const after = await t.outputs();
      assert.equal(after.issuer?.value, issuer);
      assert.equal(after.secret?.secret, true);
      assert.notDeepEqual(after.secret?.value, original.secret?.value);
    });
  });
});
