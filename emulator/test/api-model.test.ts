/**
 * The API model table, pinned: every member of GetOidcInfo, RegisterOidcConfig (and
 * RegisterOidcConfigTest) and of the modelled errors is written out literally once here, as read from
 * the official model (aws/aws-sdk-js-v3 `codegen/sdk-codegen/aws-models/wickr.json` and
 * `clients/client-wickr/src/schemas/schemas_0.ts`). A table edit that drops, renames, retypes or
 * unmarks a member fails here; the emulator's own data model and routes must agree with the table.
 */
import assert from "node:assert/strict";
import {
  ERRORS,
  type MemberModel,
  OIDC_CONFIG_INFO,
  OIDC_TOKEN_INFO,
  OPERATIONS,
  WICKR_SERVICE,
  type WickrOperationName,
  inputMembers,
  operationModel,
} from "../api-model";
import { routeRequest } from "../routes";
import {
  EMPTY_OIDC_INFO,
  NETWORK_ID_PATTERN,
  OIDC_FIELDS,
  OIDC_INTEGER_FIELDS,
  OIDC_STRING_FIELDS,
} from "../seed";
import { isSensitiveField } from "../../provider/wickr/sensitive-fields";
import { shapeProblems } from "./model-assert";

/** `name:type`, `!` when required, `*` when sensitive, `@location` for inputs. */
function pin(member: MemberModel & { location?: string }): string {
  const flags = `${member.required ? "!" : ""}${member.sensitive ? "*" : ""}`;
  return `${member.name}:${member.type}${flags}${member.location ? `@${member.location}` : ""}`;
}

const OIDC_CONFIG_INFO_PINNED = [
  "applicationName:string",
  "clientId:string",
  "companyId:string!",
  "scopes:string!",
  "issuer:string!",
  "clientSecret:string*",
  "secret:string*",
  "redirectUrl:string",
  "userId:string",
  "customUsername:string",
  "caCertificate:string",
  "applicationId:integer",
  "ssoTokenBufferMinutes:integer",
  "extraAuthParams:string",
];

describe("API model table (pinned to the official Wickr model)", () => {
  it("GetOidcInfo: GET /networks/{networkId}/oidc, its query members, and both response structures", () => {
    const op = operationModel("GetOidcInfo");
    assert.deepEqual([op.method, op.uri], ["GET", "/networks/{networkId}/oidc"]);
    assert.deepEqual(op.input.map(pin), [
      "networkId:string!@label",
      "clientId:string@query",
      "code:string@query",
      "grantType:string@query",
      "redirectUri:string@query",
      "url:string@query",
      "clientSecret:string*@query",
      "codeVerifier:string@query",
      "certificate:string@query",
    ]);
    assert.deepEqual(op.output.map(pin), ["openidConnectInfo:structure", "tokenInfo:structure"]);
    assert.deepEqual(OIDC_CONFIG_INFO.map(pin), OIDC_CONFIG_INFO_PINNED);
    assert.deepEqual(OIDC_TOKEN_INFO.map(pin), [
      "codeVerifier:string",
      "codeChallenge:string",
      "accessToken:string",
      "idToken:string",
      "refreshToken:string",
      "tokenType:string",
      "expiresIn:long",
    ]);
    assert.deepEqual(OIDC_CONFIG_INFO.find((m) => m.name === "applicationId")?.range, { min: 1, max: 10 });
    assert.equal(op.input[0]?.pattern?.source, "^[0-9]{8}$");
  });

  it("RegisterOidcConfig: POST /networks/{networkId}/oidc/save, its body members, OidcConfigInfo back", () => {
    const op = operationModel("RegisterOidcConfig");
    assert.deepEqual([op.method, op.uri], ["POST", "/networks/{networkId}/oidc/save"]);
    assert.deepEqual(op.input.map(pin), [
      "networkId:string!@label",
      "companyId:string!@body",
      "customUsername:string@body",
      "extraAuthParams:string@body",
      "issuer:string!@body",
      "scopes:string!@body",
      "secret:string*@body",
      "ssoTokenBufferMinutes:integer@body",
      "userId:string@body",
    ]);
    assert.deepEqual(op.output.map(pin), OIDC_CONFIG_INFO_PINNED);
  });

  it("RegisterOidcConfigTest: POST /networks/{networkId}/oidc/test and the discovered endpoints", () => {
    const op = operationModel("RegisterOidcConfigTest");
    assert.deepEqual([op.method, op.uri], ["POST", "/networks/{networkId}/oidc/test"]);
    assert.deepEqual(op.input.map(pin), [
      "networkId:string!@label",
      "extraAuthParams:string@body",
      "issuer:string!@body",
      "scopes:string!@body",
      "certificate:string@body",
    ]);
    assert.deepEqual(op.output.map(pin), [
      "tokenEndpoint:string",
      "userinfoEndpoint:string",
      "responseTypesSupported:string-list",
      "scopesSupported:string-list",
      "issuer:string",
      "authorizationEndpoint:string",
      "endSessionEndpoint:string",
      "logoutEndpoint:string",
      "grantTypesSupported:string-list",
      "revocationEndpoint:string",
      "tokenEndpointAuthMethodsSupported:string-list",
      "microsoftMultiRefreshToken:boolean",
    ]);
  });

  it("the seven modelled errors: status, fault, members (InternalServerError's message is required)", () => {
    const pinned = ERRORS.map(
      (e) =>
        `${e.name} ${e.status} ${e.fault} ` +
        e.members.map((m) => `${pin(m)}${m.members ? `[${m.members.map(pin).join(",")}]` : ""}`).join(" "),
    );
    assert.deepEqual(pinned, [
      "BadRequestError 400 client message:string",
      "UnauthorizedError 401 client message:string",
      "ForbiddenError 403 client message:string",
      "ResourceNotFoundError 404 client message:string",
      "ValidationError 422 client reasons:list[field:string,reason:string] message:string",
      "RateLimitError 429 client message:string",
      "InternalServerError 500 server message:string!",
    ]);
    assert.equal(
      ERRORS.find((e) => e.name === "RateLimitError")?.members[0]?.default,
      "Too many requests sent",
    );
    for (const op of OPERATIONS) assert.deepEqual([...op.errors].sort(), ERRORS.map((e) => e.name).sort());
  });

  it("the service: SigV4 signing name wickr, restJson1, API version 2024-02-01", () => {
    assert.deepEqual(WICKR_SERVICE, { signingName: "wickr", protocol: "restJson1", version: "2024-02-01" });
  });
});

describe("API model table: the emulator agrees with it", () => {
  it("the seed's OpenidConnectInfo has exactly OidcConfigInfo's members, with the same types", () => {
    const names = (type: string) => OIDC_CONFIG_INFO.filter((m) => m.type === type).map((m) => m.name);
    assert.deepEqual([...OIDC_FIELDS].sort(), OIDC_CONFIG_INFO.map((m) => m.name).sort());
    assert.deepEqual([...OIDC_STRING_FIELDS].sort(), names("string").sort());
    assert.deepEqual([...OIDC_INTEGER_FIELDS].sort(), names("integer").sort());
    // "A network without OIDC" answers exactly the required members, empty.
    const requiredNames = OIDC_CONFIG_INFO.filter((m) => m.required).map((m) => m.name);
    assert.deepEqual(Object.keys(EMPTY_OIDC_INFO).sort(), requiredNames.sort());
    assert.deepEqual(shapeProblems(OIDC_CONFIG_INFO, EMPTY_OIDC_INFO), []);
  });

  it("the seed's networkId rule is the model's NetworkId pattern", () => {
    for (const op of OPERATIONS) {
      assert.equal(inputMembers(op, "label")[0]?.pattern?.source, NETWORK_ID_PATTERN.source, op.name);
    }
  });

  it("routes every operation by the model's method and URI, and nothing else", () => {
    for (const op of OPERATIONS) {
      const path = op.uri.replace("{networkId}", "12345678");
      const other = op.method === "GET" ? "POST" : "GET";
      assert.deepEqual(routeRequest(op.method, path, undefined), {
        operation: op.name satisfies WickrOperationName,
        service: WICKR_SERVICE.signingName,
        networkId: "12345678",
      });
      assert.equal(routeRequest(other, path, undefined).operation, "Unknown", `${other} ${path}`);
      assert.equal(routeRequest(op.method, `${path}/more`, undefined).operation, "Unknown");
    }
  });

  it("every member the model marks sensitive is redacted by the emulator's request log", () => {
    const sensitive = OPERATIONS.flatMap((op) => [...op.input, ...op.output])
      .flatMap((m): MemberModel[] => [m, ...(m.members ?? [])])
      .filter((m) => m.sensitive)
      .map((m) => m.name);
    assert.deepEqual([...new Set(sensitive)].sort(), ["clientSecret", "secret"]);
    for (const name of sensitive) assert.ok(isSensitiveField(name), name);
  });

  it("the shape check catches each kind of disagreement (so the conformance tests can fail)", () => {
    const ok = { companyId: "c", scopes: "s", issuer: "i", applicationId: 3 };
    assert.deepEqual(shapeProblems(OIDC_CONFIG_INFO, ok), []);
    assert.deepEqual(shapeProblems(OIDC_CONFIG_INFO, { ...ok, extra: 1 }), [
      "$.extra: not a member of the model",
    ]);
    assert.deepEqual(shapeProblems(OIDC_CONFIG_INFO, { scopes: "s", issuer: "i" }), [
      "$.companyId: required by the model, missing",
    ]);
    assert.equal(shapeProblems(OIDC_CONFIG_INFO, { ...ok, applicationId: "3" }).length, 1);
    assert.equal(shapeProblems(OIDC_CONFIG_INFO, { ...ok, applicationId: 11 }).length, 1, "range");
    assert.equal(shapeProblems(OIDC_TOKEN_INFO, { expiresIn: 1.5 }).length, 1);
  });
});
