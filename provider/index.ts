/**
 * pulumi-wickr-oidc — read an AWS Wickr network's OpenID Connect settings into a Pulumi stack.
 * The public surface, named (no `export *`).
 */
export {
  WickrAdminClient,
  type WickrAdminClientConfig,
  type ClientHooks,
  type CallOptions,
} from "./wickr/client";
export {
  getWickrOidcInfo,
  type GetWickrOidcInfoArgs,
  type GetWickrOidcInfoOptions,
  type GetWickrOidcInfoResult,
} from "./pulumi/get-wickr-oidc-info";
export type {
  GetOidcInfoRequest,
  GetOidcInfoResponse,
  OidcTokenRequest,
  OidcTokenInfo,
  OpenidConnectInfo,
} from "./wickr/api-types";
export type { ConnectionSettings } from "./wickr/connection-settings";
export { DEFAULT_TIMEOUT_MS } from "./wickr/connection-settings";
export { DEFAULT_RETRY_SETTINGS, type RetrySettings } from "./retry/retry-policy";
export { DEFAULT_THROTTLING_SETTINGS, type ThrottlingSettings } from "./retry/throttle-coordinator";
export { resolveEndpoint, type EndpointSettings, type ResolvedEndpoint } from "./wickr/endpoint";
export { SECRET_OUTPUT_FIELDS, SENSITIVE_FIELDS, SENSITIVE_REQUEST_FIELDS } from "./wickr/sensitive-fields";
export type { HttpTransport, HttpResponse } from "./wickr/http";
export {
  WickrError,
  WickrServiceError,
  BadRequestError,
  UnauthorizedError,
  ForbiddenError,
  ResourceNotFoundError,
  ValidationError,
  RateLimitError,
  InternalServerError,
  InvalidInputError,
  ConfigurationError,
  CredentialsError,
  RequestTimeoutError,
  NetworkError,
  MalformedResponseError,
  RequestAbortedError,
  BudgetExceededError,
  CodeMayBeUsedError,
  isWickrError,
  type ErrorFault,
  type ValidationReason,
} from "./wickr/errors";
export { WickrOidcInfo, WICKR_OIDC_INFO_SECRET_OUTPUTS } from "./pulumi/resource";
export type {
  WickrOidcInfoArgs,
  WickrOidcTokenRequestArgs,
  ConnectionSettingsArgs,
  WickrOidcInfoInputs,
  WickrOidcInfoOutputs,
} from "./pulumi/resource-args";
export {
  getWickrOidcInfoOutput,
  type GetWickrOidcInfoOutputArgs,
  type GetWickrOidcInfoOutputOptions,
  type GetWickrOidcInfoOutputResult,
  type WickrOidcInfoValues,
} from "./pulumi/get-wickr-oidc-info-output";
export type { WaitNotice, WaitListener } from "./wickr/wait-notice";
