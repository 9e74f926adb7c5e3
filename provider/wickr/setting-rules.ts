/**
 * The rule of each argument: type, range and form, with the fix in the message. Ranges are the
 * documented limits of the settings; the validators in `validate.ts` apply them.
 */
import { anyStringRule, booleanRule, numberRule, typeOf, type ValueRule } from "./input-rules";
import { MAX_TIMER_MS, TOKEN_REQUEST_LIMITS } from "./limits";
import type { RetrySettings } from "../retry/retry-policy";
import type { ConnectionSettings } from "./connection-settings";
import type { ThrottlingSettings } from "../retry/throttle-coordinator";
import { TOKEN_REQUEST_FIELDS, type OidcTokenRequest } from "./api-types";

/**
 * The most attempts `retry.maxAttempts` allows (the first included). With the backoff capped at
 * `maxDelayMs`, more attempts than this only prolong a failure that retrying will not fix.
 */
export const MAX_RETRY_ATTEMPTS = 100;

const TIMER_LIMIT = `${MAX_TIMER_MS} (Node's timer limit, about 24.8 days)`;
const inTimerRange = (min: number) => (v: number) => v >= min && v <= MAX_TIMER_MS;
const duration = numberRule(`a number of milliseconds from 0 to ${TIMER_LIMIT}`, inTimerRange(0));

/**
 * Rules of the `retry` members. Durations are 0 to {@link MAX_TIMER_MS} ms (a longer timer fires at
 * once); `maxAttempts` is an integer from 1 to {@link MAX_RETRY_ATTEMPTS}; `totalBudgetMs` 0 means no
 * budget.
 */
export const RETRY_RULES: Readonly<Record<keyof RetrySettings, ValueRule>> = {
  maxAttempts: numberRule(
    `an integer from 1 to ${MAX_RETRY_ATTEMPTS} (attempts in all, the first included)`,
    (v) => Number.isInteger(v) && v >= 1 && v <= MAX_RETRY_ATTEMPTS,
  ),
  baseDelayMs: duration,
  throttlingBaseDelayMs: duration,
  maxDelayMs: duration,
  totalBudgetMs: numberRule(`a number of milliseconds from 0 (no budget) to ${TIMER_LIMIT}`, inTimerRange(0)),
};

/** Rule of `timeoutMs`: 1 to {@link MAX_TIMER_MS} ms. */
export const TIMEOUT_RULE: ValueRule = numberRule(
  `a number of milliseconds from 1 to ${TIMER_LIMIT}`,
  inTimerRange(1),
);

/**
 * Rules of the `throttling` members: `maxConcurrency` an integer ≥ 1, `minRatePerSecond` > 0,
 * `decreaseFactor` strictly between 0 and 1, `increasePerSecond` ≥ 0, `coordinate` a boolean.
 */
export const THROTTLING_RULES: Readonly<Record<keyof ThrottlingSettings, ValueRule>> = {
  coordinate: booleanRule,
  maxConcurrency: numberRule("an integer of 1 or more", (v) => Number.isSafeInteger(v) && v >= 1),
  minRatePerSecond: numberRule("a number of requests per second greater than 0", (v) => v > 0),
  decreaseFactor: numberRule("a number greater than 0 and less than 1", (v) => v > 0 && v < 1),
  increasePerSecond: numberRule("a number of requests per second of 0 or more", (v) => v >= 0),
};

/**
 * Rules of the `tokenRequest` members: strings of at most {@link TOKEN_REQUEST_LIMITS} characters, never
 * shown (several are secrets; a failure gives only the length).
 */
export const TOKEN_REQUEST_RULES: Readonly<Record<keyof OidcTokenRequest, ValueRule>> = Object.fromEntries(
  TOKEN_REQUEST_FIELDS.map((field) => {
    const { max, why } = TOKEN_REQUEST_LIMITS[field];
    const rule: ValueRule = (value, property, show) =>
      anyStringRule(value, property, show) ??
      ((value as string).length > max
        ? `${property} must be at most ${max} characters (${why}), got a string of ${(value as string).length}`
        : undefined);
    return [field, rule];
  }),
) as Record<keyof OidcTokenRequest, ValueRule>;

/**
 * A string rule: a wrong type is "must be a string, <example>"; `""` is "must not be empty; give
 * <what>, or leave it unset to <unset>"; `form` judges the rest.
 */
function stringRule(
  hint: { example: string; what: string; unset: string },
  form?: (value: string) => string | undefined,
): ValueRule {
  return (value, property) => {
    if (typeof value !== "string")
      return `${property} must be a string, ${hint.example}, got ${typeOf(value)}`;
    if (value === "") {
      return `${property} must not be empty; give ${hint.what}, or leave ${property} unset to ${hint.unset}`;
    }
    return form?.(value);
  };
}

// An empty endpoint is judged with the endpoint rules: "is not a URL".
const urlTypeRule: ValueRule = (value, property) =>
  typeof value === "string"
    ? undefined
    : `${property} must be a string, a URL such as https://host:port, got ${typeOf(value)}`;

const ROLE_ARN_EXAMPLE = "arn:aws:iam::123456789012:role/wickr-oidc-reader";
// arn:<partition>:iam::<account>:role/<path><name>; STS allows 20–2048 characters.
const ROLE_ARN = /^arn:aws(?:-[a-z]+)*:iam::\d{12}:role\/[\x21-\x7e]+$/;
// STS AssumeRole ExternalId: 2–1224 characters of [\w+=,.@:/-].
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** Rules of the connection settings that are single values (not `retry` or `throttling`). */
export const CONNECTION_VALUE_RULES: Readonly<
  Record<Exclude<keyof ConnectionSettings, "retry" | "throttling">, ValueRule>
> = {
  // The form of region, endpoint and stsEndpoint is judged with the endpoint rules (`endpoint.ts`).
  region: stringRule({
    example: 'e.g. "us-east-1"',
    what: 'a region name such as "us-east-1"',
    unset: "use AWS_REGION or the profile's region",
  }),
  endpoint: urlTypeRule,
  profile: stringRule({
    example: "the name of a profile in the shared AWS config files",
    what: "a profile name",
    unset: 'use AWS_PROFILE or the "default" profile',
  }),
  roleArn: stringRule(
    {
      example: `an IAM role ARN such as "${ROLE_ARN_EXAMPLE}"`,
      what: "an IAM role ARN",
      unset: "use the credentials as they are, without assuming a role",
    },
    (v) =>
      ROLE_ARN.test(v) && v.length <= 2048
        ? undefined
        : `roleArn must be an IAM role ARN, arn:<partition>:iam::<12-digit account id>:role/<name>, e.g. "${ROLE_ARN_EXAMPLE}"`,
  ),
  externalId: (value, property) => {
    if (typeof value === "string" && EXTERNAL_ID.test(value)) return undefined;
    const got =
      typeof value !== "string" || value === ""
        ? typeOf(value)
        : value.length >= 2 && value.length <= 1224
          ? "a string with other characters"
          : `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
    return `${property} must be a string of 2 to 1224 letters, digits and _+=,.@:/- (the STS limits), got ${got}`;
  },
  useFipsEndpoint: booleanRule,
  useDualstackEndpoint: booleanRule,
  stsEndpoint: urlTypeRule,
  timeoutMs: TIMEOUT_RULE,
};
