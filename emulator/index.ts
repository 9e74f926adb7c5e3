/**
 * Public surface of the Wickr Admin API emulator (tests and demo scripts import from here only).
 *
 * The emulator is deliberately independent of `provider/`: it imports nothing from the client but the
 * shared list of sensitive field names, so that a client test proves agreement with the contract,
 * not with itself.
 */
export { startEmulator } from "./emulator";
export type { Emulator, EmulatorOptions } from "./emulator";
export type { Fault } from "./faults";
export { MALFORMED_BODY } from "./faults";
export type { ThrottleOptions, RetryAfterStyle } from "./throttle";
export type { CountFilter, OperationName, RequestLogEntry } from "./request-log";
export type {
  OpenidConnectInfo,
  Seed,
  SeedAuthorizationCode,
  SeedCredentials,
  SeedNetwork,
  SeedRole,
  SeedTokens,
} from "./seed";
export { EMPTY_OIDC_INFO, OIDC_FIELDS } from "./seed";
export { loadSeed, validateSeed } from "./seed-load";
export { SeedError } from "./seed-fields";
export {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCOUNT,
  DEMO_AUTHORIZATION_CODE,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CODE_CHALLENGE,
  DEMO_CODE_VERIFIER,
  DEMO_NETWORK_ID,
  DEMO_REDIRECT_URL,
  DEMO_REGION,
  DEMO_ROLE_ARN,
  DEMO_SECRET_ACCESS_KEY,
  DEMO_USER_ARN,
  demoSeed,
} from "./demo-seed";
export { FRONT_DOOR_ERROR_NAMESPACE, WICKR_ERROR_NAMESPACE } from "./wire-errors";
export { MAX_CLOCK_SKEW_MS } from "./authenticate";
export {
  ERRORS,
  OIDC_CONFIG_INFO,
  OIDC_TOKEN_INFO,
  OPERATIONS,
  WICKR_SERVICE,
  type ErrorModel,
  type MemberModel,
  type OperationModel,
} from "./api-model";
