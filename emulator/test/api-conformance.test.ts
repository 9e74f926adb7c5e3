/**
 * The emulator's answers against the API model table: every member list below is derived from the
 * table (`api-model.ts`), so a table edit or an emulator change that makes them disagree fails here.
 * Every answer, success or error, is also checked for the `Date` and `x-amzn-requestid` headers.
 */
import assert from "node:assert/strict";
import {
  DEMO_AUTHORIZATION_CODE,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CODE_VERIFIER,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  type Emulator,
  type SeedCredentials,
} from "..";
import {
  type ErrorName,
  type MemberModel,
  OIDC_CONFIG_INFO,
  OIDC_TOKEN_INFO,
  type OperationModel,
  type WickrOperationName,
  inputMembers,
  operationModel,
} from "../api-model";
import { EMPTY_OIDC_INFO } from "../seed";
import { type TestResponse, signedFetch } from "../support/signed-fetch";
import { withEmulator } from "../support/with-emulator";
import { assertAwsHeaders, assertModelledError, assertShape } from "./model-assert";

const GET = operationModel("GetOidcInfo");
const SAVE = operationModel("RegisterOidcConfig");
const TEST = operationModel("RegisterOidcConfigTest");
const EMPTY_NETWORK = "87654321";
const names = (members: readonly MemberModel[]): string[] => members.map((m) => m.name);
const requiredNames = (members: readonly MemberModel[]): string[] => names(members.filter((m) => m.required));

interface Call {
  networkId?: string;
  query?: Record<string, string>;
  body?: unknown;
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

/** Send `op` as the model binds it (method, URI, query, JSON body); assert the AWS headers on the answer. */
async function call(emulator: Emulator, op: OperationModel, request: Call = {}): Promise<TestResponse> {
  const response = await signedFetch(emulator.url, {
    method: op.method,
    path: op.uri.replace("{networkId}", request.networkId ?? DEMO_NETWORK_ID),
    query: request.query,
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    credentials: request.credentials,
  });
  assertAwsHeaders(response);
  return response;
}

/** A valid value for every body member of `op`, by its model type. */
function fullBody(op: OperationModel): Record<string, unknown> {
  const valueOf = (m: MemberModel) =>
    m.type === "integer" ? 7 : m.name === "issuer" ? "https://idp.example.com/full" : `full-${m.name}`;
  return Object.fromEntries(inputMembers(op, "body").map((m) => [m.name, valueOf(m)]));
}

/** A value of another JSON type than `member`'s. */
const wrongType = (member: MemberModel): unknown => (member.type === "string" ? 5 : "5");

/** Values for GetOidcInfo's query members that make a successful token exchange with the demo seed. */
const TOKEN_QUERY: Record<string, string> = {
  clientId: DEMO_CLIENT_ID,
  code: DEMO_AUTHORIZATION_CODE,
  grantType: "authorization_code",
  redirectUri: DEMO_REDIRECT_URL,
  url: "https://idp.example.com/realms/wickr-demo",
  clientSecret: DEMO_CLIENT_SECRET,
  codeVerifier: DEMO_CODE_VERIFIER,
  certificate: "-----BEGIN CERTIFICATE-----\nMIIBdemoNOTREAL\n-----END CERTIFICATE-----\n",
};

describe("conformance: GetOidcInfo answers GetOidcInfoResponse", () => {
  it("a fully seeded network: every OidcConfigInfo member, typed as the model says, nothing else", () =>
    withEmulator(async (emulator) => {
      const response = await call(emulator, GET);
      assert.equal(response.status, 200, response.text);
      assertShape(GET.output, response.json);
      assert.deepEqual(Object.keys(response.json), ["openidConnectInfo"], "no tokenInfo without a code");
      assert.deepEqual(Object.keys(response.json.openidConnectInfo as object), names(OIDC_CONFIG_INFO));
    }));

  it("with every token parameter: tokenInfo carries every OidcTokenInfo member", () =>
    withEmulator(async (emulator) => {
      assert.deepEqual(Object.keys(TOKEN_QUERY), names(inputMembers(GET, "query")), "one value per member");
      const response = await call(emulator, GET, { query: TOKEN_QUERY });
      assert.equal(response.status, 200, response.text);
      assertShape(GET.output, response.json);
      assert.deepEqual(Object.keys(response.json), names(GET.output));
      assert.deepEqual(Object.keys(response.json.tokenInfo as object), names(OIDC_TOKEN_INFO));
    }));

  it("a network without OIDC: the required members, present (empty), and nothing else", () =>
    withEmulator(async (emulator) => {
      emulator.addNetwork({ networkId: EMPTY_NETWORK, openidConnectInfo: EMPTY_OIDC_INFO });
      const response = await call(emulator, GET, { networkId: EMPTY_NETWORK });
      assert.equal(response.status, 200, response.text);
      assertShape(GET.output, response.json);
      const info = response.json.openidConnectInfo as Record<string, unknown>;
      assert.deepEqual(Object.keys(info), requiredNames(OIDC_CONFIG_INFO));
      assert.ok(
        Object.values(info).every((v) => v === ""),
        "required is not non-empty",
      );
    }));
});

describe("conformance: RegisterOidcConfig takes RegisterOidcConfigRequest, answers its response", () => {
  it("every body member sent: all of RegisterOidcConfigResponse back, typed, and stored", () =>
    withEmulator(async (emulator) => {
      const sent = fullBody(SAVE);
      const response = await call(emulator, SAVE, { body: sent });
      assert.equal(response.status, 200, response.text);
      assertShape(SAVE.output, response.json);
      assert.deepEqual(Object.keys(response.json), names(SAVE.output), "a fully seeded network");
      for (const [name, value] of Object.entries(sent)) assert.equal(response.json[name], value, name);
      const read = await call(emulator, GET);
      assert.deepEqual(read.json.openidConnectInfo, response.json);
    }));

  it("a network without OIDC and only the required members: exactly those back", () =>
    withEmulator(async (emulator) => {
      emulator.addNetwork({ networkId: EMPTY_NETWORK, openidConnectInfo: EMPTY_OIDC_INFO });
      const minimal = Object.fromEntries(
        Object.entries(fullBody(SAVE)).filter(([n]) => requiredNames(SAVE.input).includes(n)),
      );
      const response = await call(emulator, SAVE, { networkId: EMPTY_NETWORK, body: minimal });
      assert.equal(response.status, 200, response.text);
      assertShape(SAVE.output, response.json);
      assert.deepEqual(Object.keys(response.json), requiredNames(SAVE.output));
    }));

  it("members the operation does not take are ignored, never stored", () =>
    withEmulator(async (emulator) => {
      const taken = names(inputMembers(SAVE, "body"));
      const notTaken = OIDC_CONFIG_INFO.filter((m) => !taken.includes(m.name));
      assert.ok(notTaken.length > 0);
      const before = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
      const extra = Object.fromEntries(notTaken.map((m) => [m.name, m.type === "integer" ? 2 : "ignored"]));
      const response = await call(emulator, SAVE, { body: { ...fullBody(SAVE), ...extra, unknown: "x" } });
      assert.equal(response.status, 200, response.text);
      for (const { name } of notTaken)
        assert.deepEqual(response.json[name], before?.[name as "clientId"], name);
    }));

  for (const op of [SAVE, TEST]) {
    it(`${op.name}: each required body member missing is a 422 ValidationError naming it`, () =>
      withEmulator(async (emulator) => {
        for (const name of requiredNames(inputMembers(op, "body"))) {
          const body = fullBody(op);
          delete body[name];
          const json = assertModelledError(await call(emulator, op, { body }), "ValidationError");
          assert.deepEqual(json.reasons, [{ field: name, reason: "is required" }]);
        }
      }));

    it(`${op.name}: each required body member sent empty is a 400 BadRequestError`, () =>
      withEmulator(async (emulator) => {
        for (const member of inputMembers(op, "body").filter((m) => m.required)) {
          const body = { ...fullBody(op), [member.name]: "" };
          const json = assertModelledError(await call(emulator, op, { body }), "BadRequestError");
          assert.equal(json.message, member.blankMessage ?? `${member.name} is a required field`);
        }
      }));

    it(`${op.name}: each body member of another JSON type is a 422 ValidationError naming it`, () =>
      withEmulator(async (emulator) => {
        for (const member of inputMembers(op, "body")) {
          const body = { ...fullBody(op), [member.name]: wrongType(member) };
          const json = assertModelledError(await call(emulator, op, { body }), "ValidationError");
          assert.deepEqual(json.reasons, [
            {
              field: member.name,
              reason: `must be a${/^[aeiou]/.test(member.type) ? "n" : ""} ${member.type}`,
            },
          ]);
        }
      }));

    it(`${op.name}: the model's documented error examples`, () =>
      withEmulator(async (emulator) => {
        for (const example of op.errorExamples) {
          if (example.notEmulated) continue;
          const json = assertModelledError(await call(emulator, op, { body: example.input }), example.error);
          assert.equal(json.message, example.message, example.title);
        }
      }));
  }

  it("integers are Smithy's 32-bit Integer; a value the emulator cannot store is a 422, never a 500", () =>
    withEmulator(async (emulator) => {
      const tooBig = { ...fullBody(SAVE), ssoTokenBufferMinutes: 2 ** 31 };
      const big = assertModelledError(await call(emulator, SAVE, { body: tooBig }), "ValidationError");
      assert.deepEqual(big.reasons, [
        { field: "ssoTokenBufferMinutes", reason: "must be an integer from -2147483648 to 2147483647" },
      ]);
      const negative = { ...fullBody(SAVE), ssoTokenBufferMinutes: -1 };
      const json = assertModelledError(await call(emulator, SAVE, { body: negative }), "ValidationError");
      assert.equal((json.reasons as { field: string }[])[0]?.field, "ssoTokenBufferMinutes");
      assert.equal(emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo.ssoTokenBufferMinutes, 5);
    }));

  it("RegisterOidcConfigTest answers every member of its response, typed", () =>
    withEmulator(async (emulator) => {
      const response = await call(emulator, TEST, { body: fullBody(TEST) });
      assert.equal(response.status, 200, response.text);
      assertShape(TEST.output, response.json);
      assert.deepEqual(Object.keys(response.json).sort(), names(TEST.output).sort());
    }));
});

const LIMITED: SeedCredentials = {
  accessKeyId: "AKIAEMULATORLIMITED1",
  secretAccessKey: "limited-secret-NOT-REAL",
  arn: "arn:aws:iam::123456789012:user/limited",
  account: "123456789012",
  userId: "AIDAEMULATORLIMITED1",
  allow: [],
};

/** How to make the emulator answer each modelled error, per operation. */
const TRIGGERS: Record<string, Partial<Record<ErrorName, (e: Emulator) => Promise<TestResponse>>>> = {
  GetOidcInfo: {
    BadRequestError: (e) => call(e, GET, { query: { code: "not-a-code", clientId: DEMO_CLIENT_ID } }),
    UnauthorizedError: (e) => call(e, GET, { query: { ...TOKEN_QUERY, clientSecret: "wrong-NOT-REAL" } }),
    ForbiddenError: (e) => call(e, GET, { credentials: LIMITED }),
    ResourceNotFoundError: (e) => call(e, GET, { networkId: "99999999" }),
    ValidationError: (e) => call(e, GET, { networkId: "1234" }),
  },
  RegisterOidcConfig: {
    BadRequestError: (e) => call(e, SAVE, { body: { ...fullBody(SAVE), companyId: "" } }),
    ForbiddenError: (e) => call(e, SAVE, { body: fullBody(SAVE), credentials: LIMITED }),
    ResourceNotFoundError: (e) => call(e, SAVE, { networkId: "99999999", body: fullBody(SAVE) }),
    ValidationError: (e) => call(e, SAVE, { body: {} }),
  },
};

/** Errors an operation models but the emulator has no reason to produce for it, and why. */
const NOT_PRODUCED: Partial<Record<WickrOperationName, Partial<Record<ErrorName, string>>>> = {
  RegisterOidcConfig: { UnauthorizedError: "no OAuth client authentication happens in a save" },
};

/** Errors any operation can get: throttling and a server failure (an injected fault). */
function common(op: OperationModel): Partial<Record<ErrorName, (e: Emulator) => Promise<TestResponse>>> {
  const request = op.method === "POST" ? { body: fullBody(op) } : {};
  return {
    RateLimitError: async (e) => {
      e.setThrottle({ ratePerSecond: 0.001, burst: 1 });
      assert.equal((await call(e, op, request)).status, 200);
      return call(e, op, request);
    },
    InternalServerError: (e) => {
      e.injectFaults(
        { kind: "error", status: 500, name: "InternalServerError", message: "boom" },
        1,
        op.name,
      );
      return call(e, op, request);
    },
  };
}

describe("conformance: errors decode to the model's error structures", () => {
  for (const op of [GET, SAVE]) {
    const triggers = { ...TRIGGERS[op.name], ...common(op) };

    it(`${op.name}: every modelled error is produced, or listed with the reason it cannot be`, () => {
      const covered = [...Object.keys(triggers), ...Object.keys(NOT_PRODUCED[op.name] ?? {})];
      assert.deepEqual(covered.sort(), [...op.errors].sort());
    });

    for (const [name, trigger] of Object.entries(triggers)) {
      it(`${op.name}: ${name} has the model's status, X-Amzn-Errortype and body`, () =>
        withEmulator(async (emulator) => {
          emulator.addCredentials({ ...LIMITED, allow: [`wickr:${op === GET ? SAVE.name : GET.name}`] });
          const json = assertModelledError(await trigger(emulator), name as ErrorName);
          assert.equal(typeof json.message, "string", "every emulated error says what went wrong");
          if (name === "ValidationError") assert.ok((json.reasons as unknown[]).length > 0);
          if (name === "RateLimitError") assert.equal(json.message, "Too many requests sent");
        }));
    }
  }
});
