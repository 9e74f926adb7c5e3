/**
 * The Wickr Admin API model of the operations the emulator serves: the ONE table that the handlers
 * read (which members an operation takes, which are required, which it answers, which errors exist and
 * with which status) and that the conformance tests derive their member lists from.
 *
 * Read from the official model, not copied from the project's client (so that a client test proves
 * agreement with the service, not with itself):
 * - aws/aws-sdk-js-v3 `codegen/sdk-codegen/aws-models/wickr.json`, commit
 *   568cfb25942ccc319f02d03acabd34e399a1e75a (Smithy model `com.amazonaws.wickr#WickrAdminApi`,
 *   version 2024-02-01): members, `required`, `SensitiveString`, `httpLabel`/`httpQuery`, `range`,
 *   `pattern`, `httpError`, `default`, and the operations' documented error examples.
 * - aws/aws-sdk-js-v3 `clients/client-wickr/src/schemas/schemas_0.ts`, commit
 *   108de4faf5ff6b249bf72c5042818685f0205b5e: the generated client's schemas for the same shapes
 *   (same members, bindings and required counts; `InternalServerError.message` is the one required
 *   error member).
 *
 * Member order is the model's. Every member not listed here is not part of the contract.
 */

/** A member's wire type. `integer` is Smithy's 32-bit Integer, `long` its 64-bit Long (JSON numbers). */
export type MemberType = "string" | "integer" | "long" | "boolean" | "string-list" | "structure" | "list";

/** Where an input member travels (restJson1 bindings; unbound members are in the JSON body). */
export type HttpLocation = "label" | "query" | "body";

/** One member of a structure. */
export interface MemberModel {
  readonly name: string;
  readonly type: MemberType;
  /** `smithy.api#required`. On output it means "always present", not "non-empty". */
  readonly required: boolean;
  /** Targets `com.amazonaws.wickr#SensitiveString`. */
  readonly sensitive: boolean;
  /** `smithy.api#range`, inclusive. */
  readonly range?: { readonly min: number; readonly max: number };
  /** `smithy.api#pattern` of the member's target. */
  readonly pattern?: RegExp;
  /** `smithy.api#default`. */
  readonly default?: string;
  /** Members of a `structure`, or of the items of a `list`. */
  readonly members?: readonly MemberModel[];
}

/** One member of an operation's input, with its HTTP binding. */
export interface InputMemberModel extends MemberModel {
  readonly location: HttpLocation;
  /**
   * For a required body member: the message of the 400 `BadRequestError` the service answers when the
   * member is sent empty, where the model documents it in an example. Others get "`name` is a required field".
   */
  readonly blankMessage?: string;
}

/** The errors the service models (all seven are listed on every Wickr operation). */
export type ErrorName =
  | "BadRequestError"
  | "UnauthorizedError"
  | "ForbiddenError"
  | "ResourceNotFoundError"
  | "ValidationError"
  | "RateLimitError"
  | "InternalServerError";

/** One modelled error: `smithy.api#httpError`, `smithy.api#error` and its members. */
export interface ErrorModel {
  readonly name: ErrorName;
  readonly status: number;
  readonly fault: "client" | "server";
  readonly members: readonly MemberModel[];
}

/** An error example of the model (`smithy.api#examples`), and whether the emulator reproduces it. */
export interface ErrorExample {
  readonly title: string;
  /** Input without `networkId`. */
  readonly input: Readonly<Record<string, unknown>>;
  readonly error: ErrorName;
  readonly message: string;
  /** Why the emulator does not reproduce it; absent when it does. */
  readonly notEmulated?: string;
}

/** Operations the emulator serves from this table. */
export type WickrOperationName = "GetOidcInfo" | "RegisterOidcConfig" | "RegisterOidcConfigTest";

/** One operation: `smithy.api#http`, input, output, errors. */
export interface OperationModel {
  readonly name: WickrOperationName;
  readonly method: "GET" | "POST";
  /** URI template, labels in braces. */
  readonly uri: string;
  readonly input: readonly InputMemberModel[];
  readonly output: readonly MemberModel[];
  readonly errors: readonly ErrorName[];
  readonly errorExamples: readonly ErrorExample[];
}

/** The service's signing name, protocol and API version (`aws.auth#sigv4`, `aws.protocols#restJson1`). */
export const WICKR_SERVICE = { signingName: "wickr", protocol: "restJson1", version: "2024-02-01" } as const;

type Traits = Partial<Omit<MemberModel, "name" | "type">>;
const m = (name: string, type: MemberType, traits: Traits = {}): MemberModel => ({
  name,
  type,
  required: false,
  sensitive: false,
  ...traits,
});
const str = (name: string, traits: Traits = {}): MemberModel => m(name, "string", traits);
const int = (name: string, traits: Traits = {}): MemberModel => m(name, "integer", traits);
const required = { required: true } as const;
const secret = { sensitive: true } as const;
const bound = (location: HttpLocation, member: MemberModel, blankMessage?: string): InputMemberModel => ({
  ...member,
  location,
  ...(blankMessage === undefined ? {} : { blankMessage }),
});
const query = (name: string, traits: Traits = {}): InputMemberModel => bound("query", str(name, traits));
const body = (member: MemberModel, blankMessage?: string): InputMemberModel =>
  bound("body", member, blankMessage);

/** `com.amazonaws.wickr#NetworkId`: the path label of every operation here. */
const NETWORK_ID = bound("label", str("networkId", { required: true, pattern: /^[0-9]{8}$/ }));

/** `OidcConfigInfo`; `RegisterOidcConfigResponse` has exactly the same members. */
export const OIDC_CONFIG_INFO: readonly MemberModel[] = [
  str("applicationName"),
  str("clientId"),
  str("companyId", required),
  str("scopes", required),
  str("issuer", required),
  str("clientSecret", secret),
  str("secret", secret),
  str("redirectUrl"),
  str("userId"),
  str("customUsername"),
  str("caCertificate"),
  int("applicationId", { range: { min: 1, max: 10 } }),
  int("ssoTokenBufferMinutes"),
  str("extraAuthParams"),
];

/** `OidcTokenInfo`. The model marks none sensitive (the project treats the tokens as secrets anyway). */
export const OIDC_TOKEN_INFO: readonly MemberModel[] = [
  str("codeVerifier"),
  str("codeChallenge"),
  str("accessToken"),
  str("idToken"),
  str("refreshToken"),
  str("tokenType"),
  m("expiresIn", "long"),
];

const ALL_ERRORS: readonly ErrorName[] = [
  "BadRequestError",
  "ForbiddenError",
  "InternalServerError",
  "RateLimitError",
  "ResourceNotFoundError",
  "UnauthorizedError",
  "ValidationError",
];

const message = str("message");

/** The modelled errors. Only `InternalServerError.message` is required; `RateLimitError` has a default. */
export const ERRORS: readonly ErrorModel[] = [
  { name: "BadRequestError", status: 400, fault: "client", members: [message] },
  { name: "UnauthorizedError", status: 401, fault: "client", members: [message] },
  { name: "ForbiddenError", status: 403, fault: "client", members: [message] },
  { name: "ResourceNotFoundError", status: 404, fault: "client", members: [message] },
  {
    name: "ValidationError",
    status: 422,
    fault: "client",
    members: [m("reasons", "list", { members: [str("field"), str("reason")] }), message],
  },
  {
    name: "RateLimitError",
    status: 429,
    fault: "client",
    members: [str("message", { default: "Too many requests sent" })],
  },
  { name: "InternalServerError", status: 500, fault: "server", members: [str("message", required)] },
];

/** The operations, as `smithy.api#http` and their input/output shapes define them. */
export const OPERATIONS: readonly OperationModel[] = [
  {
    name: "GetOidcInfo",
    method: "GET",
    uri: "/networks/{networkId}/oidc",
    input: [
      NETWORK_ID,
      query("clientId"),
      query("code"),
      query("grantType"),
      query("redirectUri"),
      query("url"),
      query("clientSecret", secret),
      query("codeVerifier"),
      query("certificate"),
    ],
    output: [
      m("openidConnectInfo", "structure", { members: OIDC_CONFIG_INFO }),
      m("tokenInfo", "structure", { members: OIDC_TOKEN_INFO }),
    ],
    errors: ALL_ERRORS,
    errorExamples: [],
  },
  {
    name: "RegisterOidcConfig",
    method: "POST",
    uri: "/networks/{networkId}/oidc/save",
    input: [
      NETWORK_ID,
      body(str("companyId", required), "Company ID is required"),
      body(str("customUsername")),
      body(str("extraAuthParams")),
      body(str("issuer", required)),
      body(str("scopes", required)),
      body(str("secret", secret)),
      body(int("ssoTokenBufferMinutes")),
      body(str("userId")),
    ],
    output: OIDC_CONFIG_INFO,
    errors: ALL_ERRORS,
    errorExamples: [
      {
        title: "Save OIDC config - missing company ID",
        input: { companyId: "", issuer: "https://login.example.com", scopes: "openid profile email" },
        error: "BadRequestError",
        message: "Company ID is required",
      },
      {
        title: "Save OIDC config - invalid company ID prefix",
        input: { companyId: "invalid-company123", issuer: "https://login.example.com", scopes: "openid" },
        error: "BadRequestError",
        message: "Invalid companyId",
        notEmulated:
          "the model does not say which prefixes are valid (its valid example is us-east-1-company123); " +
          "the emulator accepts any non-empty companyId so that seeds and tests can use readable ones",
      },
    ],
  },
  {
    name: "RegisterOidcConfigTest",
    method: "POST",
    uri: "/networks/{networkId}/oidc/test",
    input: [
      NETWORK_ID,
      body(str("extraAuthParams")),
      body(str("issuer", required), "issuer is a required field"),
      body(str("scopes", required)),
      body(str("certificate")),
    ],
    output: [
      str("tokenEndpoint"),
      str("userinfoEndpoint"),
      m("responseTypesSupported", "string-list"),
      m("scopesSupported", "string-list"),
      str("issuer"),
      str("authorizationEndpoint"),
      str("endSessionEndpoint"),
      str("logoutEndpoint"),
      m("grantTypesSupported", "string-list"),
      str("revocationEndpoint"),
      m("tokenEndpointAuthMethodsSupported", "string-list"),
      m("microsoftMultiRefreshToken", "boolean"),
    ],
    errors: ALL_ERRORS,
    errorExamples: [
      {
        title: "Test OIDC config - missing issuer",
        input: { issuer: "", scopes: "openid profile email" },
        error: "BadRequestError",
        message: "issuer is a required field",
      },
      {
        title: "Test OIDC config - invalid endpoint",
        input: { issuer: "https://blocked-endpoint.com", scopes: "openid profile email" },
        error: "BadRequestError",
        message: "issuer contains an invalid endpoint",
        notEmulated: "which endpoints the service blocks is not published",
      },
    ],
  },
];

/** Smithy Integer bounds (32-bit signed). */
export const INTEGER_RANGE = { min: -(2 ** 31), max: 2 ** 31 - 1 } as const;

/** The operation named `name`. */
export function operationModel(name: WickrOperationName): OperationModel {
  const found = OPERATIONS.find((op) => op.name === name);
  if (!found) throw new Error(`No operation ${name} in the API model`);
  return found;
}

/** The error named `name`. */
export function errorModel(name: ErrorName): ErrorModel {
  const found = ERRORS.find((e) => e.name === name);
  if (!found) throw new Error(`No error ${name} in the API model`);
  return found;
}

/** The input members of `operation` bound to `location`. */
export function inputMembers(operation: OperationModel, location: HttpLocation): readonly InputMemberModel[] {
  return operation.input.filter((member) => member.location === location);
}
