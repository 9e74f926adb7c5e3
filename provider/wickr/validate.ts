/**
 * Validation of arguments, shared by the provider's `check` (at preview, through `checkInputs`) and
 * the client (before any request), so a bad setting fails the same way on both paths. Failures name
 * the field and the fix, and never show a value that could be secret.
 */
import { endpointProblems, endpointUrlProblem, type EndpointSettings } from "./endpoint";
import { InvalidInputError } from "./errors";
import {
  objectFailures,
  shown,
  typeOf,
  type CheckOptions,
  type InputFailure,
  type ValueRule,
} from "./input-rules";
import { CONNECTION_SETTING_FIELDS, type ConnectionSettings } from "./connection-settings";
import {
  CONNECTION_VALUE_RULES,
  RETRY_RULES,
  THROTTLING_RULES,
  TIMEOUT_RULE,
  TOKEN_REQUEST_RULES,
} from "./setting-rules";
import { TOKEN_REQUEST_FIELDS, type OidcTokenRequest } from "./api-types";

export type { CheckOptions, InputFailure } from "./input-rules";

/** The form a network id must have: exactly 8 digits. */
export const NETWORK_ID_PATTERN = /^[0-9]{8}$/;

/** Connection settings as they arrive from outside: any member may have any type. */
export type UncheckedConnectionSettings = Partial<Record<keyof ConnectionSettings, unknown>>;

/**
 * Problems with a network id: missing, not a string, or not exactly 8 digits. Shows a wrong string
 * (a network id is not secret) when it is short.
 */
export function networkIdFailures(networkId: unknown, property = "networkId"): InputFailure[] {
  if (networkId === undefined || networkId === null || networkId === "") {
    return [{ property, reason: `${property} is required: the 8-digit Wickr network id, e.g. "12345678"` }];
  }
  if (typeof networkId !== "string") {
    const reason = `${property} must be a string of 8 digits (quote it: "12345678"), got ${typeOf(networkId)}`;
    return [{ property, reason }];
  }
  if (!NETWORK_ID_PATTERN.test(networkId)) {
    const got =
      networkId.length <= 40 ? JSON.stringify(networkId) : `a string of ${networkId.length} characters`;
    return [{ property, reason: `${property} must be exactly 8 digits (e.g. "12345678"), got ${got}` }];
  }
  return [];
}

/**
 * Problems with the token-exchange members of a request: each must be a string when present, no longer
 * than its limit ({@link TOKEN_REQUEST_RULES}). Other
 * members (such as `networkId` of a whole request) are not judged; see {@link tokenRequestInputFailures}.
 */
export function tokenRequestFailures(
  request: Partial<Record<keyof OidcTokenRequest, unknown>>,
  prefix = "",
): InputFailure[] {
  return TOKEN_REQUEST_FIELDS.flatMap((field) => {
    const value = request[field];
    const reason =
      value === undefined ? undefined : TOKEN_REQUEST_RULES[field](value, `${prefix}${field}`, typeOf);
    return reason === undefined ? [] : [{ property: `${prefix}${field}`, reason }];
  });
}

/** Problems with the `tokenRequest` argument: an object of strings, with known members only. */
export function tokenRequestInputFailures(tokenRequest: unknown, options: CheckOptions = {}): InputFailure[] {
  const example = '{ clientId: "…", code: "…" }';
  return objectFailures(tokenRequest, "tokenRequest", TOKEN_REQUEST_RULES, example, options);
}

/** Problems with `retry` (known members only, each in range) and `timeoutMs`. */
export function retryFailures(
  retry: unknown,
  timeoutMs: unknown,
  options: CheckOptions = {},
): InputFailure[] {
  return [
    ...objectFailures(retry, "retry", RETRY_RULES, "{ maxAttempts: 5 }", {
      ...options,
      show: showFor("retry", options),
    }),
    ...valueFailures("timeoutMs", timeoutMs, TIMEOUT_RULE, options),
  ];
}

/** Problems with `throttling`: known members only, each in range. */
export function throttlingFailures(throttling: unknown, options: CheckOptions = {}): InputFailure[] {
  const show = showFor("throttling", options);
  return objectFailures(throttling, "throttling", THROTTLING_RULES, "{ maxConcurrency: 4 }", {
    ...options,
    show,
  });
}

/**
 * Endpoint settings that can never work: a malformed region, `endpoint` or `stsEndpoint` (see
 * `endpointUrlProblem`), a custom endpoint with FIPS or dual-stack. A missing region is not judged:
 * it may still come from the environment. Values of the wrong type are left to
 * {@link connectionSettingsFailures}.
 */
export function endpointFailures(
  settings: UncheckedConnectionSettings,
  options: CheckOptions = {},
): InputFailure[] {
  const isUnknown = options.isUnknown ?? (() => false);
  const text = (value: unknown) => (typeof value === "string" && !isUnknown(value) ? value : undefined);
  // A flag counts only when it and the endpoint are known: the checks across them need both.
  const flag = (value: unknown) => value === true && !isUnknown(settings.endpoint);
  const region = text(settings.region);
  const endpoint = text(settings.endpoint);
  const endpointSettings: EndpointSettings = {
    ...(region !== undefined ? { region } : {}),
    ...(endpoint !== undefined ? { endpoint } : {}),
    useFipsEndpoint: flag(settings.useFipsEndpoint),
    useDualstackEndpoint: flag(settings.useDualstackEndpoint),
  };
  const failures: InputFailure[] = endpointProblems(endpointSettings, !isSecret("region", options)).map(
    ({ field, message }) => ({ property: field, reason: message }),
  );
  const stsEndpoint = text(settings.stsEndpoint);
  const stsProblem = stsEndpoint === undefined ? undefined : endpointUrlProblem(stsEndpoint, "stsEndpoint");
  if (stsProblem !== undefined) failures.push({ property: "stsEndpoint", reason: stsProblem });
  return failures;
}

/**
 * Problems with every connection setting: types and ranges ({@link CONNECTION_VALUE_RULES}), `retry`
 * and `throttling`, the endpoint rules ({@link endpointFailures}), and `externalId` without `roleArn`.
 */
export function connectionSettingsFailures(
  settings: UncheckedConnectionSettings,
  options: CheckOptions = {},
): InputFailure[] {
  const failures: InputFailure[] = [];
  for (const field of CONNECTION_SETTING_FIELDS) {
    if (field === "retry") failures.push(...retryFailures(settings.retry, undefined, options));
    else if (field === "throttling") failures.push(...throttlingFailures(settings.throttling, options));
    else failures.push(...valueFailures(field, settings[field], CONNECTION_VALUE_RULES[field], options));
  }
  failures.push(...endpointFailures(settings, options));
  // Unknown values are strings: an unknown externalId is not judged, and an unknown roleArn counts as set.
  const { externalId, roleArn } = settings;
  const unknown = options.isUnknown?.(externalId) === true;
  if (typeof externalId === "string" && !unknown && (roleArn === undefined || roleArn === null)) {
    const reason = "externalId is used only when assuming a role: set roleArn too, or remove externalId";
    failures.push({ property: "externalId", reason });
  }
  return failures;
}

/** Throws the first failure as an {@link InvalidInputError} naming the field. */
export function throwOnFailures(failures: readonly InputFailure[]): void {
  const first = failures[0];
  if (first) throw new InvalidInputError(first.property, `Invalid input: ${first.reason}`);
}

function valueFailures(
  property: string,
  value: unknown,
  rule: ValueRule,
  options: CheckOptions,
): InputFailure[] {
  if (value === undefined || options.isUnknown?.(value) === true) return [];
  const reason = rule(value, property, showFor(property, options));
  return reason === undefined ? [] : [{ property, reason }];
}

function isSecret(field: string, options: CheckOptions): boolean {
  return options.secretFields?.includes(field) === true;
}

function showFor(field: string, options: CheckOptions): (value: unknown) => string {
  return isSecret(field, options) ? typeOf : shown;
}
