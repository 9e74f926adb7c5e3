import { resolveEndpoint } from "./endpoint";
import { InvalidInputError, isWickrError } from "./errors";
import type { ConnectionSettings } from "./settings";
import type { RetrySettings } from "./retry-policy";
import { TOKEN_REQUEST_FIELDS, type OidcTokenRequest } from "./types";

/** The form a network id must have: exactly 8 digits. */
export const NETWORK_ID_PATTERN = /^[0-9]{8}$/;

/** A field-level problem with an argument, as Pulumi `check` failures want them. */
export interface InputFailure {
  property: string;
  reason: string;
}

/** Problems with a network id; never echoes values that could be secret. */
export function networkIdFailures(networkId: unknown, property = "networkId"): InputFailure[] {
  if (typeof networkId !== "string" || networkId === "") {
    return [{ property, reason: `${property} is required: the 8-digit Wickr network id, e.g. "12345678"` }];
  }
  if (!NETWORK_ID_PATTERN.test(networkId)) {
    const shown =
      networkId.length <= 40 ? JSON.stringify(networkId) : `a ${networkId.length}-character string`;
    return [{ property, reason: `${property} must be exactly 8 digits (e.g. "12345678"), got ${shown}` }];
  }
  return [];
}

/** Problems with the token-exchange members: each must be a string when present. */
export function tokenRequestFailures(
  request: Partial<Record<keyof OidcTokenRequest, unknown>>,
  prefix = "",
): InputFailure[] {
  const failures: InputFailure[] = [];
  for (const field of TOKEN_REQUEST_FIELDS) {
    const value = request[field];
    if (value !== undefined && typeof value !== "string") {
      failures.push({ property: `${prefix}${field}`, reason: `${prefix}${field} must be a string when set` });
    }
  }
  return failures;
}

/** Problems with retry and timeout settings. */
export function retryFailures(
  retry: Partial<Record<keyof RetrySettings, unknown>> | undefined,
  timeoutMs: unknown,
): InputFailure[] {
  const failures: InputFailure[] = [];
  const check = (property: string, value: unknown, min: number) => {
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && value >= min)) {
      failures.push({ property, reason: `${property} must be a number ≥ ${min}` });
    }
  };
  check("retry.maxAttempts", retry?.maxAttempts, 1);
  check("retry.baseDelayMs", retry?.baseDelayMs, 0);
  check("retry.throttlingBaseDelayMs", retry?.throttlingBaseDelayMs, 0);
  check("retry.maxDelayMs", retry?.maxDelayMs, 0);
  check("retry.totalBudgetMs", retry?.totalBudgetMs, 0);
  check("timeoutMs", timeoutMs, 1);
  return failures;
}

/** Problems with throttling settings. */
export function throttlingFailures(throttling: Record<string, unknown> | undefined): InputFailure[] {
  if (throttling === undefined) return [];
  const failures: InputFailure[] = [];
  const check = (name: string, ok: (v: number) => boolean, expected: string) => {
    const value = throttling[name];
    if (value !== undefined && !(typeof value === "number" && Number.isFinite(value) && ok(value))) {
      failures.push({ property: `throttling.${name}`, reason: `throttling.${name} must be ${expected}` });
    }
  };
  check("maxConcurrency", (v) => Number.isInteger(v) && v >= 1, "an integer ≥ 1");
  check("minRatePerSecond", (v) => v > 0, "a number > 0");
  check("decreaseFactor", (v) => v > 0 && v < 1, "a number between 0 and 1");
  check("increasePerSecond", (v) => v >= 0, "a number ≥ 0");
  if (throttling["coordinate"] !== undefined && typeof throttling["coordinate"] !== "boolean") {
    failures.push({
      property: "throttling.coordinate",
      reason: "throttling.coordinate must be true or false",
    });
  }
  return failures;
}

/**
 * Endpoint settings that can never work (a malformed region or endpoint URL, a custom endpoint with
 * FIPS or dual-stack). A missing region is not judged here: it may still come from the environment.
 */
export function endpointFailures(settings: ConnectionSettings): InputFailure[] {
  try {
    resolveEndpoint({ ...settings, region: settings.region ?? "us-east-1" });
    return [];
  } catch (error) {
    if (!isWickrError(error)) throw error;
    const property = /region/i.test(error.message) ? "region" : "endpoint";
    return [{ property, reason: error.message }];
  }
}

/** Throws the first failure as an {@link InvalidInputError} naming the field. */
export function throwOnFailures(failures: readonly InputFailure[]): void {
  const first = failures[0];
  if (first) throw new InvalidInputError(first.property, `Invalid input: ${first.reason}`);
}
