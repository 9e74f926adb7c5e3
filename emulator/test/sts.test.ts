/**
 * STS through the real `@aws-sdk/client-sts` pointed at the emulator: the query protocol the SDK
 * actually speaks (form-encoded POST /, XML answers), AssumeRole, and GetCallerIdentity.
 */
import assert from "node:assert/strict";
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  STSServiceException,
} from "@aws-sdk/client-sts";
import { DEMO_ACCOUNT, DEMO_NETWORK_ID, DEMO_REGION, DEMO_ROLE_ARN, DEMO_USER_ARN, demoSeed } from "..";
import { assertOk, assertWireError } from "../support/assert-wire";
import { DEMO_CREDENTIALS, type TestCredentials, getOidcInfo, signedFetch } from "../support/signed-fetch";
import { ManualClock, withEmulator } from "../support/with-emulator";

function sts(url: string, credentials: TestCredentials = DEMO_CREDENTIALS, region = DEMO_REGION): STSClient {
  return new STSClient({ endpoint: url, region, credentials, maxAttempts: 1 });
}

async function assumeDemoRole(
  url: string,
  extra: Partial<{ DurationSeconds: number; ExternalId: string }> = {},
) {
  const client = sts(url);
  try {
    return await client.send(
      new AssumeRoleCommand({ RoleArn: DEMO_ROLE_ARN, RoleSessionName: "emulator-test", ...extra }),
    );
  } finally {
    client.destroy();
  }
}

async function expectStsError(promise: Promise<unknown>, name: string, status: number): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof STSServiceException, String(error));
    assert.equal(error.name, name);
    assert.equal(error.$metadata.httpStatusCode, status);
    assert.match(error.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
    return true;
  });
}

describe("emulator: STS via the real STSClient", () => {
  it("GetCallerIdentity answers the caller's ARN, account and user id", () =>
    withEmulator(async (emulator) => {
      const client = sts(emulator.url);
      const identity = await client.send(new GetCallerIdentityCommand({}));
      client.destroy();
      assert.equal(identity.Arn, DEMO_USER_ARN);
      assert.equal(identity.Account, DEMO_ACCOUNT);
      assert.equal(identity.UserId, "AIDAEMULATORDEMO0001");
      assert.equal(emulator.count("GetCallerIdentity", { status: 200 }), 1);
      assert.equal(emulator.log[0]?.body?.Action, "GetCallerIdentity");
    }));

  it("AssumeRole issues temporary credentials that work, with the role's permissions, until they expire", async () => {
    const clock = new ManualClock();
    await withEmulator(
      async (emulator) => {
        const answer = await assumeDemoRole(emulator.url, { DurationSeconds: 900 });
        const issued = answer.Credentials;
        assert.ok(issued?.AccessKeyId && issued.SecretAccessKey && issued.SessionToken && issued.Expiration);
        assert.match(issued.AccessKeyId, /^ASIA[A-Z0-9]{16}$/);
        assert.equal(issued.Expiration.getTime(), Math.floor(clock.time / 1000) * 1000 + 900_000);
        assert.equal(
          answer.AssumedRoleUser?.Arn,
          `arn:aws:sts::${DEMO_ACCOUNT}:assumed-role/wickr-oidc-reader/emulator-test`,
        );
        assert.match(answer.AssumedRoleUser?.AssumedRoleId ?? "", /^AROA[A-Z0-9]+:emulator-test$/);
        const credentials = {
          accessKeyId: issued.AccessKeyId,
          secretAccessKey: issued.SecretAccessKey,
          sessionToken: issued.SessionToken,
        };
        const client = sts(emulator.url, credentials);
        const identity = await client.send(new GetCallerIdentityCommand({}));
        client.destroy();
        assert.equal(identity.Arn, answer.AssumedRoleUser?.Arn);

        const signingDate = clock.date();
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials, signingDate }));
        const body = JSON.stringify({ companyId: "c", issuer: "https://i", scopes: "openid" });
        const path = `/networks/${DEMO_NETWORK_ID}/oidc/save`;
        const write = await signedFetch(emulator.url, {
          method: "POST",
          path,
          body,
          credentials,
          signingDate,
        });
        assertWireError(
          write,
          403,
          "ForbiddenError",
          /assumed-role\/wickr-oidc-reader\/emulator-test .*wickr:RegisterOidcConfig/,
        );

        clock.advance(900_000);
        const late = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          credentials,
          signingDate: clock.date(),
        });
        assertWireError(late, 403, "ExpiredTokenException", undefined, "front-door");
        assert.equal(emulator.log[0]?.body?.RoleArn, DEMO_ROLE_ARN);
      },
      { now: clock.now },
    );
  });

  it("AssumeRole defaults to the role's duration and answers 403 AccessDenied for a wrong ExternalId or unknown role", async () => {
    const clock = new ManualClock();
    const seed = demoSeed();
    seed.roles = [{ arn: DEMO_ROLE_ARN, externalId: "expected-external-id" }];
    await withEmulator(
      async (emulator) => {
        await expectStsError(assumeDemoRole(emulator.url, { ExternalId: "wrong" }), "AccessDenied", 403);
        await expectStsError(assumeDemoRole(emulator.url), "AccessDenied", 403);
        const answer = await assumeDemoRole(emulator.url, { ExternalId: "expected-external-id" });
        assert.equal(
          answer.Credentials?.Expiration?.getTime(),
          Math.floor(clock.time / 1000) * 1000 + 3_600_000,
        );
        const client = sts(emulator.url);
        const unknown = new AssumeRoleCommand({
          RoleArn: "arn:aws:iam::123456789012:role/nope",
          RoleSessionName: "s1",
        });
        await expectStsError(client.send(unknown), "AccessDenied", 403);
        const tooShort = new AssumeRoleCommand({
          RoleArn: DEMO_ROLE_ARN,
          RoleSessionName: "s1",
          DurationSeconds: 60,
        });
        await expectStsError(client.send(tooShort), "ValidationError", 400);
        client.destroy();
        assert.equal(emulator.count("AssumeRole", { status: 403 }), 3);
      },
      { seed, now: clock.now },
    );
  });

  it("answers authentication failures with STS's own codes (XML)", () =>
    withEmulator(async (emulator) => {
      const wrongSecret = sts(emulator.url, { ...DEMO_CREDENTIALS, secretAccessKey: "wrong" });
      await expectStsError(wrongSecret.send(new GetCallerIdentityCommand({})), "SignatureDoesNotMatch", 403);
      wrongSecret.destroy();
      const unknownKey = sts(emulator.url, { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" });
      await expectStsError(unknownKey.send(new GetCallerIdentityCommand({})), "InvalidClientTokenId", 403);
      unknownKey.destroy();
      const wickrScoped = await signedFetch(emulator.url, {
        method: "POST",
        path: "/",
        body: "Action=GetCallerIdentity&Version=2011-06-15",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(wickrScoped.status, 403);
      assert.match(wickrScoped.text, /<Code>SignatureDoesNotMatch<\/Code>.*correct service: 'sts'/);
      assert.equal(emulator.count("GetCallerIdentity", { status: 403 }), 3);
    }));

  it("requires the emulator's region, as a regional STS endpoint does: SignatureDoesNotMatch otherwise", async () => {
    await withEmulator(async (emulator) => {
      const elsewhere = sts(emulator.url, DEMO_CREDENTIALS, "eu-west-1");
      await assert.rejects(elsewhere.send(new GetCallerIdentityCommand({})), (error: unknown) => {
        assert.ok(error instanceof STSServiceException, String(error));
        assert.equal(error.name, "SignatureDoesNotMatch");
        assert.equal(error.$metadata.httpStatusCode, 403);
        assert.equal(error.message, "Credential should be scoped to a valid region. ");
        return true;
      });
      elsewhere.destroy();
      assert.equal(emulator.log[0]?.region, "eu-west-1");
    });
    await withEmulator(
      async (emulator) => {
        const client = sts(emulator.url, DEMO_CREDENTIALS, "eu-west-1");
        assert.equal((await client.send(new GetCallerIdentityCommand({}))).Arn, DEMO_USER_ARN);
        client.destroy();
        await expectStsError(assumeDemoRole(emulator.url), "SignatureDoesNotMatch", 403);
      },
      { region: "eu-west-1" },
    );
  });
});
