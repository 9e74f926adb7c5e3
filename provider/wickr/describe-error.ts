import { CLOCK_SKEW_THRESHOLD_MS, describeOffset, isClockSkewError } from "./clock-skew";
import { type WickrError, isWickrError } from "./errors";
import { SecretMatcher } from "./redact";
import { CLIENT_SETTING_HINTS, type SettingHints } from "./setting-hints";
import type { StopReason } from "../retry/retry-policy";

/** What the client knows when it gives up on a call. */
export interface FailureContext {
  operation: string;
  networkId: string;
  region?: string;
  attempts: number;
  elapsedMs: number;
  /** The endpoint's base URL (no query), to name the place a connection failed. */
  endpoint?: string;
  /** Set when retries stopped because the next wait would exceed the total budget. */
  budgetMs?: number;
  /** Why retries stopped early, when they did for a reason other than the error itself. */
  stopped?: Exclude<StopReason, "final">;
  /** The service's clock minus this machine's, as learnt from `Date` headers. */
  clockOffsetMs?: number;
  /** ARN of the calling principal, for authentication and permission errors. */
  caller?: string;
  /** The access key id that signed the request, when the caller's ARN could not be learned. */
  accessKeyId?: string;
  /** Values that must not appear in the message: request secrets and credentials. */
  secrets: readonly (string | undefined)[];
  /** How the hints name the settings to change. Default: {@link CLIENT_SETTING_HINTS}. */
  settingHints?: SettingHints;
}

/** Errors whose message should say who called and which permission is needed. */
export const AUTH_ERROR_NAMES: readonly string[] = [
  "UnauthorizedError",
  "ForbiddenError",
  "AccessDeniedException",
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "IncompleteSignatureException",
  "MissingAuthenticationTokenException",
  "InvalidClientTokenId",
  "SignatureDoesNotMatch",
  "CredentialsError",
];

/** True when the error is about who the caller is or what it may do. */
export function isAuthError(error: WickrError): boolean {
  return AUTH_ERROR_NAMES.includes(error.name) || error.statusCode === 401 || error.statusCode === 403;
}

/**
 * Rewrites the error's message for a person: operation, network id, error name, status, the service's
 * message, request id, what to do, and how many attempts were made over how long. Secrets are scrubbed
 * (in every encoding) from every text the error carries: see {@link scrubError}.
 */
export function describeFailure(error: WickrError, ctx: FailureContext): WickrError {
  const status = error.statusCode !== undefined ? ` (HTTP ${error.statusCode})` : "";
  const detail = error.message !== "" ? `: ${error.message}` : "";
  const requestId = error.requestId ? ` [request id ${error.requestId}]` : "";
  const hint = hintFor(error, ctx);
  const seconds = (ctx.elapsedMs / 1000).toFixed(1);
  const tries =
    ctx.attempts === 0
      ? ""
      : ctx.budgetMs !== undefined
        ? ` Gave up after ${ctx.attempts} attempt${ctx.attempts === 1 ? "" : "s"} over ${seconds} s: the retry budget of ${formatSeconds(ctx.budgetMs)} s (retry.totalBudgetMs) would run out before the next one.`
        : ` (${ctx.attempts} attempt${ctx.attempts === 1 ? "" : "s"} over ${seconds} s)`;
  error.message = `${ctx.operation} for Wickr network ${ctx.networkId} failed: ${error.name}${status}${detail}${requestId}.${hint ? ` ${hint}` : ""}${tries}`;
  error.attempts = ctx.attempts;
  // Only the frames of the old stack: its header repeats the old message, which may span lines.
  const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
  error.stack = [`${error.name}: ${error.message}`, ...frames].join("\n");
  return scrubError(error, ctx.secrets);
}

/**
 * Scrubs `secrets` (in every encoding) from every text an error carries that could have come from the
 * wire: message, stack, name and code (from the service's error type), request id, the service's own
 * message, validation reasons, and the same along its `cause` chain. Returns the same error.
 */
export function scrubError<E extends Error>(error: E, secrets: readonly (string | undefined)[]): E {
  const matcher = new SecretMatcher(secrets);
  if (matcher.empty) return error;
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const record = current as unknown as Record<string, unknown>;
    for (const key of ["message", "stack", "name", "code", "requestId", "serviceMessage"]) {
      const value = record[key];
      if (typeof value !== "string") continue;
      try {
        record[key] = matcher.scrub(value);
      } catch {
        // Some causes (DOMException) have read-only fields; they come from this process, not the wire.
      }
    }
    const reasons = record["reasons"];
    if (Array.isArray(reasons)) {
      // Validation reasons of the service ({field, reason}), or the reasons of a partial failure (text).
      reasons.forEach((reason: unknown, k) => {
        if (typeof reason === "string") reasons[k] = matcher.scrub(reason);
        else if (typeof reason === "object" && reason !== null) {
          const fields = reason as Record<string, unknown>;
          for (const key of ["field", "reason"])
            if (typeof fields[key] === "string") fields[key] = matcher.scrub(fields[key]);
        }
      });
    }
    current = current.cause;
  }
  return error;
}

function hintFor(error: WickrError, ctx: FailureContext): string {
  const who = ctx.caller
    ? `Called as ${ctx.caller}.`
    : `The calling principal could not be determined (sts:GetCallerIdentity)${ctx.accessKeyId ? `; the request was signed with access key id ${maskKeyId(ctx.accessKeyId)}` : ""}.`;
  const place = hostOf(ctx.endpoint);
  if (ctx.stopped === "unreachable") {
    const code = (error as { code?: string }).code;
    const what =
      code === "ENOTFOUND" || code === "EAI_AGAIN"
        ? `The host name of ${place} does not resolve`
        : `Could not connect to ${place}${code === "ECONNREFUSED" ? " (connection refused)" : ""}`;
    const endpoint = (ctx.settingHints ?? CLIENT_SETTING_HINTS).endpoint;
    return `${what}: check ${endpoint} and the region, and that the service is reachable from this machine.`;
  }
  if (error.name === "NetworkError" || error.name === "RequestTimeoutError") {
    return `The endpoint was ${place}.`;
  }
  if (
    ctx.stopped === "clock-skew" ||
    (isClockSkewError(error) && Math.abs(ctx.clockOffsetMs ?? 0) >= CLOCK_SKEW_THRESHOLD_MS)
  ) {
    return `This machine's clock is ${describeOffset(ctx.clockOffsetMs ?? 0)} the service's (its Date header); the request was signed again at the service's time and still refused. Set this machine's clock right (NTP) and run again.`;
  }
  switch (error.name) {
    case "InvalidSignatureException":
    case "SignatureDoesNotMatch":
      return `${who} The request signature was rejected: check the secret access key, that the region (${ctx.region ?? "unknown"}) is the network's, and that this machine's clock is correct.`;
    case "ExpiredTokenException":
      return `${who} The session token has expired: refresh the credentials (e.g. \`aws sso login\`) and run again.`;
    case "UnrecognizedClientException":
    case "InvalidClientTokenId":
      return `${who} The access key id is not known in this AWS partition: check AWS_ACCESS_KEY_ID / the profile.`;
    case "ResourceNotFoundError":
      return `Check networkId and the region${ctx.region ? ` (${ctx.region})` : ""}: the network was not found there.`;
    case "CredentialsError":
      return "";
    default:
      break;
  }
  if (isAuthError(error)) return `${who} The caller needs IAM permission wickr:GetOidcInfo on this network.`;
  if (error.name === "RateLimitError" && ctx.budgetMs === undefined && ctx.attempts > 1) {
    return "Still throttled after every retry: raise retry.maxAttempts / retry.totalBudgetMs, or read fewer networks at once.";
  }
  return "";
}

/** Whole seconds, or one decimal below 10 s (a 300 ms budget is "0.3 s", not "0 s"). */
function formatSeconds(ms: number): string {
  return ms < 10_000 ? String(Math.round(ms / 100) / 10) : String(Math.round(ms / 1000));
}

/** `host:port` of an endpoint URL (the port the URL implies when it has none). */
export function hostOf(endpoint: string | undefined): string {
  if (endpoint === undefined) return "the endpoint";
  try {
    const url = new URL(endpoint);
    return `${url.hostname}:${url.port || (url.protocol === "http:" ? "80" : "443")}`;
  } catch {
    return "the endpoint";
  }
}

/** An access key id shown the way the AWS CLI shows it: only the last four characters. */
function maskKeyId(accessKeyId: string): string {
  return `${"*".repeat(Math.max(0, accessKeyId.length - 4))}${accessKeyId.slice(-4)}`;
}

/** The error as a WickrError, wrapping anything else so no raw error escapes with an unredacted message. */
export function asWickrError(
  error: unknown,
  wrap: (message: string, cause: unknown) => WickrError,
): WickrError {
  if (isWickrError(error)) return error;
  return wrap(error instanceof Error ? error.message : String(error), error);
}
