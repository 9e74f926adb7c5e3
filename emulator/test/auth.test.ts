/**
 * The front door: SigV4 verification with the AWS error names, the clock, session tokens, and IAM-style
 * permissions. Every request here is signed by `@smithy/signature-v4` itself.
 */
import assert from "node:assert/strict";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  type SeedCredentials,
  demoSeed,
  startEmulator,
} from "..";
import { assertOk, assertWireError } from "../support/assert-wire";
import { DEMO_CREDENTIALS, getOidcInfo, requestUrl, signHeaders, signedFetch } from "../support/signed-fetch";
import { ManualClock, withEmulator } from "../support/with-emulator";

const OIDC_PATH = `/networks/${DEMO_NETWORK_ID}/oidc`;
const MINUTE = 60_000;
/** Real AWS's text, trailing space included. */
const WRONG_REGION = "Credential should be scoped to a valid region. ";

const user = (overrides: Partial<SeedCredentials>): SeedCredentials => ({
  accessKeyId: "AKIAEMULATORTEST0002",
  secretAccessKey: "test-secret-NOT-REAL",
  arn: "arn:aws:iam::123456789012:user/x",
  account: "123456789012",
  userId: "AIDAEMULATORTEST0002",
  ...overrides,
});

describe("emulator: SigV4 front door", () => {
  it("answers 403 InvalidSignatureException for a wrong secret key, per the contract", () =>
    withEmulator(async (emulator) => {
      const credentials = { ...DEMO_CREDENTIALS, secretAccessKey: "not-the-secret" };
      const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials });
      assertWireError(
        response,
        403,
        "InvalidSignatureException",
        "The request signature we calculated does not match the signature you provided. " +
          "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
        "front-door",
      );
      assert.deepEqual(Object.keys(response.json), ["message"]);
      const [entry] = emulator.log;
      assert.equal(entry?.errorName, "InvalidSignatureException");
      assert.equal(entry?.accessKeyId, DEMO_ACCESS_KEY_ID);
    }));

  it("answers 403 UnrecognizedClientException for an unknown access key", () =>
    withEmulator(async (emulator) => {
      const credentials = { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" };
      const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials });
      const message = "The security token included in the request is invalid.";
      assertWireError(response, 403, "UnrecognizedClientException", message, "front-door");
    }));

  it("answers 403 MissingAuthenticationToken / IncompleteSignature for missing or garbled headers", () =>
    withEmulator(async (emulator) => {
      const missing = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { unsigned: true });
      assertWireError(
        missing,
        403,
        "MissingAuthenticationTokenException",
        "Missing Authentication Token",
        "front-door",
      );
      const garbled = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
        unsigned: true,
        headers: { authorization: "AWS4-HMAC-SHA256 Credential=AKIA/x", "x-amz-date": "20260101T000000Z" },
      });
      assertWireError(garbled, 403, "IncompleteSignatureException", /requires 'SignedHeaders'/, "front-door");
    }));

  it("answers 403 'Signature expired' beyond 5 minutes of skew, either way, using the injected clock", async () => {
    const clock = new ManualClock(Date.parse("2030-01-01T12:00:00Z"));
    await withEmulator(
      async (emulator) => {
        const at = (offset: number) => ({ signingDate: new Date(clock.time + offset) });
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, at(-4 * MINUTE)));
        const late = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, at(-6 * MINUTE));
        const expired =
          "Signature expired: 20300101T115400Z is now earlier than 20300101T115500Z (20300101T120000Z - 5 min.)";
        assertWireError(late, 403, "InvalidSignatureException", expired, "front-door");
        const early = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, at(6 * MINUTE));
        assertWireError(early, 403, "InvalidSignatureException", /^Signature not yet current/, "front-door");
      },
      { now: clock.now },
    );
  });

  it("checks session tokens: required, matching, and 403 ExpiredTokenException after expiresAt", async () => {
    const clock = new ManualClock();
    const temporary = user({
      accessKeyId: "ASIAEMULATORTEST0003",
      sessionToken: "session-token-NOT-REAL",
      expiresAt: new Date(clock.time + 10 * MINUTE).toISOString(),
    });
    const seed = { ...demoSeed(), credentials: [temporary] };
    await withEmulator(
      async (emulator) => {
        const credentials = { ...temporary };
        const signingDate = clock.date();
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials, signingDate }));
        const noToken = { accessKeyId: temporary.accessKeyId, secretAccessKey: temporary.secretAccessKey };
        const invalid = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          credentials: noToken,
          signingDate,
        });
        assertWireError(invalid, 403, "UnrecognizedClientException", undefined, "front-door");
        const wrong = { ...credentials, sessionToken: "other-token" };
        assertWireError(
          await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials: wrong, signingDate }),
          403,
          "UnrecognizedClientException",
          undefined,
          "front-door",
        );
        clock.advance(11 * MINUTE);
        const expired = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          credentials,
          signingDate: clock.date(),
        });
        const message = "The security token included in the request is expired";
        assertWireError(expired, 403, "ExpiredTokenException", message, "front-door");
      },
      { seed, now: clock.now },
    );
  });

  it("requires the signing service `wickr` for /networks paths (checked before the region)", () =>
    withEmulator(async (emulator) => {
      const wrongService = "Credential should be scoped to correct service: 'wickr'. ";
      for (const region of [DEMO_REGION, "eu-central-2"]) {
        const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { service: "sts", region });
        assertWireError(response, 403, "InvalidSignatureException", wrongService, "front-door");
      }
    }));

  it("covers the query and the body: a change after signing is rejected", () =>
    withEmulator(async (emulator) => {
      const signed = { path: OIDC_PATH, query: { clientId: "a" } };
      const headers = await signHeaders(emulator.url, signed);
      delete headers.host;
      const swapped = await fetch(requestUrl(emulator.url, { ...signed, query: { clientId: "b" } }), {
        headers,
      });
      assert.equal(swapped.status, 403);
      assert.equal(swapped.headers.get("x-amzn-errortype")?.split(":")[0], "InvalidSignatureException");

      const post = {
        method: "POST",
        path: `${OIDC_PATH}/save`,
        body: '{"companyId":"a","issuer":"i","scopes":"s"}',
      };
      const postHeaders = await signHeaders(emulator.url, post);
      delete postHeaders.host;
      const body = post.body.replace('"a"', '"b"');
      const tampered = await fetch(`${emulator.url}${post.path}`, {
        method: "POST",
        headers: postHeaders,
        body,
      });
      assert.equal(tampered.status, 403);
      assert.equal(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.companyId, "example-corp");
    }));

  it("refuses a signature scoped to another region: 403 InvalidSignatureException, as real AWS", () =>
    withEmulator(async (emulator) => {
      assert.equal(emulator.region, DEMO_REGION);
      const response = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { region: "eu-central-2" });
      assertWireError(response, 403, "InvalidSignatureException", WRONG_REGION, "front-door");
      assert.deepEqual(Object.keys(response.json), ["message"]);
      assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { region: DEMO_REGION }));
      assert.deepEqual(
        emulator.log.map((e) => [e.region, e.status, e.errorName]),
        [
          ["eu-central-2", 403, "InvalidSignatureException"],
          [DEMO_REGION, 200, undefined],
        ],
      );
    }));

  it("takes its region from the `region` option: that region is accepted, the demo region refused", async () => {
    const nobody = user({ allow: [] });
    await withEmulator(
      async (emulator) => {
        assert.equal(emulator.region, "eu-west-1");
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { region: "eu-west-1" }));
        const demoRegion = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { region: DEMO_REGION });
        assertWireError(demoRegion, 403, "InvalidSignatureException", WRONG_REGION, "front-door");
        // The region is the emulator's in the network ARNs permissions are checked against, too.
        const denied = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, {
          credentials: nobody,
          region: "eu-west-1",
        });
        assertWireError(
          denied,
          403,
          "ForbiddenError",
          /arn:aws:wickr:eu-west-1:123456789012:network\/12345678/,
        );
      },
      { region: "eu-west-1", seed: { ...demoSeed(), credentials: [...demoSeed().credentials, nobody] } },
    );
  });

  it("rejects a malformed `region` option", async () => {
    for (const region of ["", "EU-WEST-1", "eu west 1", "-eu"]) {
      await assert.rejects(startEmulator({ region }), RangeError);
    }
  });

  it("answers 403 ForbiddenError naming the principal and the action when not allowed", async () => {
    const reader = user({ allow: ["wickr:GetOidcInfo"] });
    const nobody = user({
      accessKeyId: "AKIAEMULATORTEST0004",
      arn: "arn:aws:iam::123456789012:user/nobody",
      allow: ["sts:GetCallerIdentity"],
    });
    await withEmulator(
      async (emulator) => {
        const denied = await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials: nobody });
        assertWireError(
          denied,
          403,
          "ForbiddenError",
          "User: arn:aws:iam::123456789012:user/nobody is not authorized to perform: wickr:GetOidcInfo on resource: " +
            "arn:aws:wickr:us-east-1:123456789012:network/12345678 because no identity-based policy allows the wickr:GetOidcInfo action",
        );
        assertOk(await getOidcInfo(emulator.url, DEMO_NETWORK_ID, { credentials: reader }));
        const body = JSON.stringify({ companyId: "c", issuer: "https://i", scopes: "openid" });
        const write = await signedFetch(emulator.url, {
          method: "POST",
          path: `${OIDC_PATH}/save`,
          body,
          credentials: reader,
        });
        assertWireError(write, 403, "ForbiddenError", /wickr:RegisterOidcConfig/);
      },
      { seed: { ...demoSeed(), credentials: [reader, nobody] } },
    );
  });

  it("answers 404 UnknownOperationException for an unrouted path, after authentication", () =>
    withEmulator(async (emulator) => {
      assertWireError(
        await signedFetch(emulator.url, { path: "/networks" }),
        404,
        "UnknownOperationException",
        undefined,
        "front-door",
      );
      const unsigned = await signedFetch(emulator.url, { path: "/networks", unsigned: true });
      assert.equal(unsigned.status, 403);
      assert.equal(emulator.count("Unknown"), 2);
    }));
});
