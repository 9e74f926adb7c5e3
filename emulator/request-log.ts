/**
 * The emulator's request log: what tests assert on ("the client called GetOidcInfo exactly twice").
 *
 * Values of sensitive names are replaced before an entry is stored, using the project's one list of
 * sensitive fields, so a log dumped by a failing test never carries a client secret or a code.
 */
import { REDACTED, isSensitiveField } from "../provider/wickr/sensitive-fields";

/** Operations the emulator recognises; `Unknown` is anything it could not route. */
export type OperationName =
  | "GetOidcInfo"
  | "RegisterOidcConfig"
  | "RegisterOidcConfigTest"
  | "AssumeRole"
  | "GetCallerIdentity"
  | "Unknown";

/** One request as the emulator saw and answered it. */
export interface RequestLogEntry {
  /** `now()` when the request arrived (epoch ms). The entry is logged then and completed in place. */
  time: number;
  operation: OperationName;
  method: string;
  /** Raw path, without the query string. */
  path: string;
  networkId?: string;
  /** From the SigV4 credential scope, when one could be parsed (known or not). */
  accessKeyId?: string;
  /** From the SigV4 credential scope (logged even when it is not the emulator's region and is refused). */
  region?: string;
  /**
   * The `User-Agent` header as received (absent when there was none): which client, version and runtime
   * sent the request, e.g. `pulumi-wickr-oidc/0.1.0 ua/2.1 os/linux#6.8.0 lang/js md/nodejs#20.20.2`.
   */
  userAgent?: string;
  /** HTTP status sent; `0` while the request is in flight, or when no answer was sent (reset, client gone). */
  status: number;
  /** Wire error name, e.g. `InvalidSignatureException`, for statuses >= 300. */
  errorName?: string;
  /** True for a `GetOidcInfo` that carried a `code` (an OAuth token exchange). */
  tokenExchange: boolean;
  /** Decoded query; values of sensitive names are {@link REDACTED}. */
  query: Record<string, string>;
  /** Decoded JSON or form body, redacted the same way; absent when the request had none. */
  body?: Record<string, unknown>;
}

/** Filter of {@link RequestLog.count}. */
export interface CountFilter {
  networkId?: string;
  status?: number;
  tokenExchange?: boolean;
}

/** Deep copy of `value` with the value of every sensitive key replaced by {@link REDACTED}. */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, isSensitiveField(key) ? REDACTED : redact(v)]),
  );
}

/**
 * Members that a program may hold as secrets, though they are not secret by nature: the role a client
 * assumes and its external id. The emulator cannot tell, so what it prints (`--verbose`) never shows
 * them; the in-memory log keeps them for tests.
 */
const PRINTED_REDACTED: readonly string[] = ["RoleArn", "ExternalId"];

/** An entry as `--verbose` prints it: {@link PRINTED_REDACTED} members of its body redacted too. */
export function printable(entry: RequestLogEntry): RequestLogEntry {
  if (entry.body === undefined) return entry;
  const body = Object.fromEntries(
    Object.entries(entry.body).map(([key, v]) => [key, PRINTED_REDACTED.includes(key) ? REDACTED : v]),
  );
  return { ...entry, body };
}

/** {@link redact} for a flat string map (query strings, form bodies). */
export function redactStrings(record: Record<string, string>): Record<string, string> {
  return redact(record) as Record<string, string>;
}

/** Append-only log with per-operation counts. */
export class RequestLog {
  /** Live array: `Emulator.log` exposes it read-only, and `reset` empties it in place. */
  readonly entries: RequestLogEntry[] = [];

  /** Store an entry; its query and body must already be redacted. */
  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  /** How many logged requests were `operation` and match every member of `filter`. */
  count(operation: OperationName, filter: CountFilter = {}): number {
    return this.entries.filter(
      (e) =>
        e.operation === operation &&
        (filter.networkId === undefined || e.networkId === filter.networkId) &&
        (filter.status === undefined || e.status === filter.status) &&
        (filter.tokenExchange === undefined || e.tokenExchange === filter.tokenExchange),
    ).length;
  }

  /** Forget every entry. */
  reset(): void {
    this.entries.length = 0;
  }
}
