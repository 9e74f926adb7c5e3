import { callerArn } from "./caller-identity";
import type { CallOptions, WickrAdminClientConfig } from "./client-config";
import { createClientSetup, type ClientSetup } from "./client-setup";
import { coordinatorFor } from "../retry/coordinator-registry";
import { decodeServiceError } from "./decode-error";
import { decodeGetOidcInfoResponse } from "./decode-response";
import { definedOnly } from "../util/defined";
import { asWickrError, describeFailure, isAuthError } from "./describe-error";
import { CodeMayBeUsedError, NetworkError, RequestAbortedError, type WickrError } from "./errors";
import { updatedClockOffset } from "./clock-skew";
import { MAX_TIMER_MS } from "./limits";
import { nodeHttpTransport } from "./http";
import { redactFields, urlWithoutQuery } from "./redact";
import {
  backoffDelay,
  decideRetry,
  isThrottlingError,
  parseRetryAfter,
  resolveRetrySettings,
  type RetrySettings,
  type RetryVerdict,
} from "../retry/retry-policy";
import { isNotSentError, sendAttempt } from "./send-attempt";
import { SENSITIVE_REQUEST_FIELDS } from "./sensitive-fields";
import { serializeGetOidcInfo } from "./serialize-request";
import { DEFAULT_TIMEOUT_MS } from "./connection-settings";
import { abortableSleep } from "../retry/sleep";
import {
  DEFAULT_THROTTLING_SETTINGS,
  type ThrottleCoordinator,
  type ThrottlingSettings,
} from "../retry/throttle-coordinator";
import type { GetOidcInfoRequest, GetOidcInfoResponse } from "./api-types";
import {
  networkIdFailures,
  retryFailures,
  throttlingFailures,
  throwOnFailures,
  tokenRequestFailures,
} from "./validate";

export type { CallOptions, ClientHooks, WickrAdminClientConfig } from "./client-config";

const OPERATION = "GetOidcInfo";

/** What one call counts across its attempts. */
interface CallTally {
  attempts: number;
  connectFailures: number;
  clockRetries: number;
  /** The last answer changed the clock offset its request was signed with. */
  clockCorrected: boolean;
}

/** ": <message>" of an aborted signal's reason, when it says more than that it was aborted. */
function reasonOf(signal: AbortSignal | undefined): string {
  const reason: unknown = signal?.reason;
  return reason instanceof Error && reason.name !== "AbortError" ? `: ${reason.message}` : "";
}

/** The failure of a token exchange that may have reached the service, as the error a person needs. */
function codeMayBeUsed(cause: WickrError): CodeMayBeUsedError {
  return new CodeMayBeUsedError(
    `the token exchange failed after the request may have reached the service (${cause.name}${cause.message ? `: ${cause.message}` : ""}), so the single-use authorization code may already be used; it was not sent again. Get a new authorization code and set tokenRequest.code to it`,
    {
      cause,
      ...(cause.statusCode !== undefined ? { statusCode: cause.statusCode } : {}),
      ...(cause.requestId !== undefined ? { requestId: cause.requestId } : {}),
    },
  );
}

/**
 * A client of the Wickr Admin API's `GetOidcInfo`, signed with SigV4 like an AWS SDK client.
 * Configure once and call many times: region, endpoint and credentials are resolved on the first call
 * and cached (credentials until shortly before they expire).
 *
 * @example
 * const client = new WickrAdminClient({ region: "us-east-1" });
 * const { openidConnectInfo } = await client.getOidcInfo({ networkId: "12345678" });
 */
export class WickrAdminClient {
  private readonly config: WickrAdminClientConfig;
  private readonly retry: RetrySettings;
  private readonly throttling: ThrottlingSettings;
  private setup?: Promise<ClientSetup>;
  /**
   * The service's clock minus this machine's, learnt from a `Date` header when a signature was refused
   * for its time (the AWS SDKs' `systemClockOffset`); requests are signed at local time + this.
   */
  private clockOffsetMs = 0;

  /** @throws {@link InvalidInputError} when retry or timeout settings are out of range. */
  constructor(config: WickrAdminClientConfig = {}) {
    throwOnFailures([
      ...retryFailures(config.retry, config.timeoutMs),
      ...throttlingFailures(config.throttling as Record<string, unknown> | undefined),
    ]);
    this.config = config;
    this.retry = resolveRetrySettings(config.retry);
    this.throttling = { ...DEFAULT_THROTTLING_SETTINGS, ...definedOnly(config.throttling) };
  }

  /** The region requests are signed for, after fallbacks. @throws {@link ConfigurationError} */
  async region(): Promise<string> {
    return (await this.getSetup()).settings.region;
  }

  /**
   * Reads a network's OIDC settings; with token members, also exchanges an authorization code.
   * Retries throttling (429), 5xx, network failures and timeouts with exponential backoff and full
   * jitter, honouring `Retry-After`, within `retry.maxAttempts`; `retry.totalBudgetMs` is a hard
   * deadline for the whole call. A request with a single-use `code` is sent again only when it provably
   * never reached the service (throttled, or no connection made). A signature refused because this
   * machine's clock is off is signed again, once, at the service's time (its `Date` header), and the
   * offset is kept for later calls, as the AWS SDKs do.
   *
   * @throws {@link InvalidInputError} before any network call when `networkId` or a member is malformed.
   * @throws a {@link WickrError} subclass named after the service error (`ForbiddenError`, …), or
   *   `ConfigurationError`, `CredentialsError`, `RequestTimeoutError`, `NetworkError`,
   *   `MalformedResponseError`, `BudgetExceededError`, `CodeMayBeUsedError`, `RequestAbortedError`.
   *   Messages never contain secrets (in any encoding) or the request's query string.
   */
  async getOidcInfo(request: GetOidcInfoRequest, options: CallOptions = {}): Promise<GetOidcInfoResponse> {
    throwOnFailures([...networkIdFailures(request.networkId), ...tokenRequestFailures(request)]);
    const clock = this.config.clock ?? Date.now;
    const start = clock();
    const deadline =
      this.retry.totalBudgetMs > 0 ? start + this.retry.totalBudgetMs : Number.POSITIVE_INFINITY;
    const secrets: (string | undefined)[] = SENSITIVE_REQUEST_FIELDS.map((field) => request[field]);
    const tally: CallTally = { attempts: 0, connectFailures: 0, clockRetries: 0, clockCorrected: false };
    let verdict: RetryVerdict = { retry: false, reason: "final" };
    let budgetSpent = false;
    let setup: ClientSetup | undefined;
    try {
      setup = await this.getSetup();
      const ready = setup;
      const { default: pRetry } = require("p-retry") as typeof import("p-retry");
      return await pRetry(() => this.attempt(ready, request, tally, deadline, options.signal), {
        retries: this.retry.maxAttempts - 1,
        // p-retry's own wait is 0: the wait happens in shouldRetry, so it can honour Retry-After, use
        // the injected clock and sleep, share the coordinator's cool-down and stop at the deadline.
        minTimeout: 0,
        factor: 1,
        ...(options.signal ? { signal: options.signal } : {}),
        onFailedAttempt: ({ error }) => {
          verdict = decideRetry({
            error: error as WickrError,
            singleUse: request.code !== undefined,
            clockCorrected: tally.clockCorrected,
            connectFailures: tally.connectFailures,
            clockRetries: tally.clockRetries,
            throttlingSparesAttempts: this.retry.totalBudgetMs > 0,
          });
        },
        shouldConsumeRetry: () => !verdict.retry || verdict.consumesAttempt,
        shouldRetry: async ({ error, attemptNumber }) => {
          if (!verdict.retry) return false;
          if (tally.clockCorrected) tally.clockRetries++;
          const wait = tally.clockCorrected ? 0 : this.retryDelay(error as WickrError, attemptNumber);
          const coolDown = ((await this.coordinator(ready))?.coolDownEnd() ?? 0) - clock();
          if (clock() + Math.max(wait, coolDown) >= deadline) {
            budgetSpent = true;
            return false;
          }
          if (wait > 0) await (this.config.sleep ?? abortableSleep)(wait, options.signal);
          return true;
        },
      });
    } catch (raw) {
      const failed = options.signal?.aborted
        ? new RequestAbortedError(`the call was cancelled${reasonOf(options.signal)}`, { cause: raw })
        : asWickrError(raw, (message, cause) => new NetworkError(message, { cause }));
      const error =
        !verdict.retry && verdict.reason === "single-use" && !budgetSpent ? codeMayBeUsed(failed) : failed;
      // With no usable credentials there is no principal to name, and resolving them again is slow.
      const usable = setup && error.name !== "CredentialsError" ? setup : undefined;
      const caller = usable && isAuthError(error) ? await this.caller(usable) : undefined;
      const credentials = usable ? await usable.credentials().catch(() => undefined) : undefined;
      secrets.push(credentials?.secretAccessKey, credentials?.sessionToken);
      throw describeFailure(error, {
        operation: OPERATION,
        networkId: request.networkId,
        ...(setup ? { region: setup.settings.region, endpoint: setup.endpoint.url } : {}),
        attempts: tally.attempts,
        elapsedMs: clock() - start,
        ...(budgetSpent ? { budgetMs: this.retry.totalBudgetMs } : {}),
        ...(!verdict.retry && verdict.reason !== "final" ? { stopped: verdict.reason } : {}),
        clockOffsetMs: this.clockOffsetMs,
        ...(caller ? { caller } : {}),
        ...(credentials?.accessKeyId ? { accessKeyId: credentials.accessKeyId } : {}),
        secrets,
      });
    }
  }

  /**
   * One attempt: wait for a turn, sign (at the service's time, when the clock was found off), send
   * within what is left of the deadline, decode. Counts the attempt once the turn came.
   */
  private async attempt(
    setup: ClientSetup,
    request: GetOidcInfoRequest,
    tally: CallTally,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<GetOidcInfoResponse> {
    const unsigned = serializeGetOidcInfo(setup.endpoint.url, request);
    const clock = this.config.clock ?? Date.now;
    const coordinator = await this.coordinator(setup);
    // Wait for a turn before signing, so the signature's date is the moment of sending.
    const release = await coordinator?.acquire({ deadline, ...(signal ? { signal } : {}) });
    const attempt = ++tally.attempts;
    tally.clockCorrected = false;
    const offset = this.clockOffsetMs;
    let response;
    try {
      const signed = await setup.signer(unsigned, new Date(clock() + offset));
      this.config.logger?.debug(
        `${OPERATION} attempt ${attempt}: GET ${urlWithoutQuery(setup.endpoint.url + unsigned.path)} query=${JSON.stringify(redactFields(unsigned.query))}`,
      );
      const timeoutMs = setup.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const leftMs = Math.max(1, Math.min(MAX_TIMER_MS, deadline - clock()));
      response = await sendAttempt(this.config.transport ?? nodeHttpTransport(), signed, {
        timeoutMs: Math.min(timeoutMs, leftMs),
        limitName: leftMs < timeoutMs ? "the rest of retry.totalBudgetMs" : "timeoutMs",
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (isNotSentError(error)) tally.connectFailures++;
      throw error;
    } finally {
      release?.();
    }
    this.config.logger?.debug(`${OPERATION} attempt ${attempt}: HTTP ${response.statusCode}`);
    if (response.statusCode >= 300) {
      const error = decodeServiceError(response);
      this.clockOffsetMs = updatedClockOffset(response.headers, offset, clock());
      tally.clockCorrected = this.clockOffsetMs !== offset;
      const retryAfter = parseRetryAfter(response.headers, clock());
      if (retryAfter !== undefined) error.retryAfterMs = retryAfter;
      if (isThrottlingError(error)) coordinator?.onThrottle(retryAfter);
      else coordinator?.onSuccess();
      throw error;
    }
    coordinator?.onSuccess();
    return decodeGetOidcInfoResponse(response.body);
  }

  /** The shared coordinator of this endpoint and credentials, unless coordination is off. */
  private async coordinator(setup: ClientSetup): Promise<ThrottleCoordinator | undefined> {
    if (!this.throttling.coordinate) return undefined;
    const { accessKeyId } = await setup.credentials();
    const sleep = this.config.sleep ?? abortableSleep;
    return coordinatorFor(setup.endpoint.url, accessKeyId, this.throttling, {
      now: this.config.clock ?? Date.now,
      sleep: (ms) => sleep(ms),
    });
  }

  /**
   * The wait before retry number `retry` (from 1). With coordination, a throttled request waits in the
   * shared queue (which honours `Retry-After`) instead of on its own schedule; otherwise the server's
   * `Retry-After`, else full-jitter backoff.
   */
  private retryDelay(error: WickrError, retry: number): number {
    if (this.throttling.coordinate && isThrottlingError(error)) return 0;
    const asked = (error as { retryAfterMs?: number }).retryAfterMs;
    if (asked !== undefined) return asked;
    const base = isThrottlingError(error) ? this.retry.throttlingBaseDelayMs : this.retry.baseDelayMs;
    return backoffDelay(retry, base, this.retry.maxDelayMs, this.config.random ?? Math.random);
  }

  private async caller(setup: ClientSetup): Promise<string | undefined> {
    return callerArn({
      credentials: setup.credentials,
      region: setup.settings.region,
      ...(setup.settings.stsEndpoint ? { stsEndpoint: setup.settings.stsEndpoint } : {}),
    });
  }

  private getSetup(): Promise<ClientSetup> {
    this.setup ??= createClientSetup(this.config).catch((error: unknown) => {
      this.setup = undefined; // a fixed environment may succeed on the next call
      throw error;
    });
    return this.setup;
  }
}
