/**
 * pulumi-wickr-oidc — read an AWS Wickr network's OpenID Connect settings into a Pulumi stack.
 * The public surface, named (no `export *`).
 */
export { WickrAdminClient, type WickrAdminClientConfig, type ClientHooks, type CallOptions } from "./client";
export { getWickrOidcInfo, type GetWickrOidcInfoArgs, type GetWickrOidcInfoResult } from "./get-oidc-info";
export type {
  GetOidcInfoRequest,
  GetOidcInfoResponse,
  OidcTokenRequest,
  OidcTokenInfo,
  OpenidConnectInfo,
} from "./types";
export type { ConnectionSettings } from "./settings";
export { DEFAULT_TIMEOUT_MS } from "./settings";
export { DEFAULT_RETRY_SETTINGS, type RetrySettings } from "./retry-policy";
export { DEFAULT_THROTTLING_SETTINGS, type ThrottlingSettings } from "./throttle-coordinator";
export { resolveEndpoint, type EndpointSettings, type ResolvedEndpoint } from "./endpoint";
export { SECRET_OUTPUT_FIELDS, SENSITIVE_FIELDS, SENSITIVE_REQUEST_FIELDS } from "./sensitive";
export type { HttpTransport, HttpResponse } from "./http";
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
} from "./errors";
export { WickrOidcInfo, WICKR_OIDC_INFO_SECRET_OUTPUTS } from "./resource";
export type {
  WickrOidcInfoArgs,
  WickrOidcTokenRequestArgs,
  ConnectionSettingsArgs,
  WickrOidcInfoInputs,
  WickrOidcInfoOutputs,
} from "./resource-types";
export { getWickrOidcInfoOutput, type GetWickrOidcInfoOutputArgs } from "./get-oidc-info-output";
