/**
 * The credential scope of a SigV4 signature must name the endpoint's region and the service's signing
 * name (`wickr`, the model's `aws.auth#sigv4`), as the AWS front door requires: anything else is a 403
 * `InvalidSignatureException` with real AWS's wording, trailing space included, before the service (or
 * the signature itself) is looked at. Signed by `@smithy/signature-v4` for each service named here.
 *
 * Real AWS's wording, as services answer it in a JSON `message` (public reports):
 * - region: `{"message":"Credential should be scoped to a valid region. "}` (a restJson1 service,
 *   kedacore/keda#5419, 2024);
 * - service: `{"message":"Credential should be scoped to correct service: 'batch'. "}` (the expected
 *   signing name in quotes; cllunsford/aws-signing-proxy#25).
 */
import assert from "node:assert/strict";
import { DEMO_NETWORK_ID, DEMO_REGION, type Emulator } from "..";
import { type OperationModel, WICKR_SERVICE, operationModel } from "../api-model";
import { FRONT_DOOR_ERROR_NAMESPACE } from "../wire-errors";
import { type TestResponse, signedFetch } from "../support/signed-fetch";
import { withEmulator } from "../support/with-emulator";
import { assertAwsHeaders } from "./model-assert";

const WRONG_REGION = "Credential should be scoped to a valid region. ";
const WRONG_SERVICE = "Credential should be scoped to correct service: 'wickr'. ";

const OPERATIONS = [operationModel("GetOidcInfo"), operationModel("RegisterOidcConfig")];
const SAVE_BODY = { companyId: "scope-co", issuer: "https://idp.example.com/scope", scopes: "openid" };

function send(emulator: Emulator, op: OperationModel, scope: { region?: string; service?: string }) {
  return signedFetch(emulator.url, {
    method: op.method,
    path: op.uri.replace("{networkId}", DEMO_NETWORK_ID),
    body: op.method === "POST" ? JSON.stringify(SAVE_BODY) : undefined,
    ...scope,
  });
}

function assertRefused(response: TestResponse, message: string): void {
  assert.equal(response.status, 403, response.text);
  assert.equal(
    response.headers.get("x-amzn-errortype"),
    `InvalidSignatureException:${FRONT_DOOR_ERROR_NAMESPACE}`,
  );
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  assertAwsHeaders(response);
  assert.deepEqual(response.json, { message });
}

describe("signature scope: region and service must match, as real AWS requires", () => {
  for (const op of OPERATIONS) {
    it(`${op.name}: a signature scoped to another region is 403 InvalidSignatureException`, () =>
      withEmulator(async (emulator) => {
        assert.equal(emulator.region, DEMO_REGION);
        for (const region of ["eu-west-1", "us-west-2", "cn-north-1"]) {
          assertRefused(await send(emulator, op, { region }), WRONG_REGION);
        }
        const ok = await send(emulator, op, { region: DEMO_REGION, service: WICKR_SERVICE.signingName });
        assert.equal(ok.status, 200, ok.text);
        assertAwsHeaders(ok);
        const refused = emulator.log.filter((e) => e.status === 403);
        assert.deepEqual(
          refused.map((e) => [e.operation, e.region, e.errorName]),
          ["eu-west-1", "us-west-2", "cn-north-1"].map((r) => [op.name, r, "InvalidSignatureException"]),
        );
      }));

    it(`${op.name}: a signature scoped to another service (execute-api, s3, sts) is 403 InvalidSignatureException`, () =>
      withEmulator(async (emulator) => {
        for (const service of ["execute-api", "s3", "sts"]) {
          assertRefused(await send(emulator, op, { service }), WRONG_SERVICE);
          // The service is checked first: a scope wrong in both names the service.
          assertRefused(await send(emulator, op, { service, region: "eu-west-1" }), WRONG_SERVICE);
        }
      }));
  }

  it("a refused RegisterOidcConfig changes nothing", () =>
    withEmulator(async (emulator) => {
      const before = emulator.network(DEMO_NETWORK_ID);
      const save = operationModel("RegisterOidcConfig");
      assertRefused(await send(emulator, save, { region: "eu-west-1" }), WRONG_REGION);
      assertRefused(await send(emulator, save, { service: "execute-api" }), WRONG_SERVICE);
      assert.deepEqual(emulator.network(DEMO_NETWORK_ID), before);
    }));

  it("the region is the emulator's: one started for ap-southeast-2 refuses the demo region", () =>
    withEmulator(
      async (emulator) => {
        for (const op of OPERATIONS) {
          assertRefused(await send(emulator, op, { region: DEMO_REGION }), WRONG_REGION);
          assert.equal((await send(emulator, op, { region: "ap-southeast-2" })).status, 200);
        }
      },
      { region: "ap-southeast-2" },
    ));
});
