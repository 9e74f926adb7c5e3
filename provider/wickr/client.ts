import { callerArn } from "./caller-identity";
import { timeHooksOf, type CallOptions, type TimeHooks, type WickrAdminClientConfig } from "./client-config";
import { createClientSetup, type ClientSetup } from "./client-setup";
import { updatedClockOffset } from "./clock-skew";
import { DEFAULT_TIMEOUT_MS } from "./connection-settings";
import { decodeServiceError } from "./decode-error";
import { decodeGetOidcInfoResponse } from "./decode-response";
import { refuseEchoedSecrets } from "./echo-guard";
import { isRefusedUnprocessed } from "./front-door";
import { NOTICE_AFTER_MS, tell, type WaitListener } from "./wait-notice";
import { asWickrError, describeFailure, isAuthError } from "./describe-error";
import {
  CodeMayBeUsedError,
  isWickrError,
  NetworkError,
  RequestAbortedError,
  type WickrError,
} from "./errors";
import { nodeHttpTransport, type HttpResponse } from "./http";
import { redactFields, urlWithoutQuery } from "./redact";
import { isNotSentError, sendAttempt } from "./send-attempt";
import { SENSITIVE_REQUEST_FIELDS } from "./sensitive-fields";
import { serializeGetOidcInfo } from "./serialize-request";
import type { GetOidcInfoRequest, GetOidcInfoResponse } from "./api-types";
import {
  networkIdFailures,
  retryFailures,
  throttlingFailures,
  throwOnFailures,
  tokenRequestFailures,
} from "./validate";
import { coordinatorFor } from "../retry/coordinator-registry";
import { Deadline } from "../retry/deadline";
import { parseRetryAfter } from "../retry/retry-after";
import { planRetry, type CallTally, type PlanStop, type RetryPlan } from "../retry/retry-plan";
import { resolveRetrySettings, type RetrySettings } from "../retry/retry-policy";
import { isThrottlingError } from "../retry/retryable-errors";
import {
  DEFAULT_THROTTLING_SETTINGS,
  type ThrottleCoordinator,
  type ThrottlingSettings,
} from "../retry/throttle-coordinator";
import { definedOnly } from "../util/defined";

export type { CallOptions, ClientHooks, WickrAdminClientConfig } from "./client-config";

const OPERATION = "GetOidcInfo";

/** One call, as its attempts see it. */
interface Call {
  setup: ClientSetup;
  request: GetOidcInfoRequest;
  tally: CallTally;
  deadline: Deadline;
  /** Absent when coordination is off. */
  coordinator: ThrottleCoordinator | undefined;
  signal: AbortSignal | undefined;
  onWait: WaitListener | undefined;
}

/** What an attempt got, for a person: the error's name and HTTP status, never its message. */
function outcomeOf(error: unknown): string {
  if (!isWickrError(error)) return "an error";
  return error.statusCode === undefined ? error.name : `${error.name} (HTTP ${error.statusCode})`;
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
  private readonly time: TimeHooks;
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
    this.time = timeHooksOf(config);
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
    const { signal, onWait } = options;
    const deadline = Deadline.after(this.retry.totalBudgetMs, this.time.clock);
    const tally: CallTally = {
      attempts: 0,
      connectFailures: 0,
      clockRetries: 0,
      clockCorrected: false,
      reachedService: false,
    };
    let setup: ClientSetup | undefined;
    /** What follows the last failed attempt. */
    let plan: RetryPlan | undefined;
    try {
      setup = await this.getSetup();
      const call: Call = {
        setup,
        request,
        tally,
        deadline,
        coordinator: await this.coordinator(setup),
        signal,
        onWait,
      };
      /** What the last failed attempt got, for the wait notice. */
      let after = "";
      const { default: pRetry } = require("p-retry") as typeof import("p-retry");
      // p-retry counts the attempts (a throttle spared by the budget consumes none), stops when
      // `signal` aborts, and turns a thrown non-Error into an error. Its own delay stays 0: it cannot
      // honour Retry-After, use the injected clock and sleep, wait out the coordinator's cool-down or
      // stop at the deadline. The wait the plan computed is therefore the first step of each attempt.
      return await pRetry(
        async () => {
          if (plan?.retry && plan.waitMs > 0) {
            if (plan.waitMs >= NOTICE_AFTER_MS) {
              const attempt = tally.attempts + 1;
              tell(onWait, {
                reason: "retry",
                waitMs: plan.waitMs,
                attempt,
                maxAttempts: this.retry.maxAttempts,
                after,
              });
            }
            await this.time.sleep(plan.waitMs, signal);
          }
          return this.attempt(call);
        },
        {
          retries: this.retry.maxAttempts - 1,
          minTimeout: 0,
          signal,
          // Once per failure: decide, compute the wait, check it against the deadline. The two
          // predicates below only read the plan.
          onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
            after = outcomeOf(error);
            plan = planRetry({
              error,
              attemptNumber,
              retriesLeft,
              tally,
              singleUse: request.code !== undefined,
              settings: this.retry,
              coordinated: call.coordinator !== undefined,
              coolDownLeftMs: call.coordinator?.coolDownLeftMs() ?? 0,
              deadline,
              random: this.time.random,
            });
          },
          shouldConsumeRetry: () => !plan?.retry || plan.consumesAttempt,
          shouldRetry: () => plan?.retry === true,
        },
      );
    } catch (raw) {
      const stop = plan?.retry === false ? plan.reason : undefined;
      throw await this.failure(raw, { request, signal, setup, tally, deadline, stop });
    }
  }

  /**
   * One attempt: wait for a turn, sign (at the service's time, when the clock was found off), send
   * within what is left of the deadline, decode. Counts the attempt once the turn came, and tells the
   * coordinator how it went before giving the turn back.
   */
  private async attempt(call: Call): Promise<GetOidcInfoResponse> {
    const { tally, coordinator } = call;
    // Wait for a turn before signing, so the signature's date is the moment of sending.
    const release = await this.turn(call);
    try {
      const attempt = ++tally.attempts;
      // An attempt after an answer that corrected the clock is the retry `decideRetry` allows once.
      if (tally.clockCorrected) tally.clockRetries++;
      tally.clockCorrected = false;
      const offset = this.clockOffsetMs;
      const response = await this.send(call, attempt, offset);
      this.config.logger?.debug(`${OPERATION} attempt ${attempt}: HTTP ${response.statusCode}`);
      if (response.statusCode < 300) {
        // Processed: a code in the request is used, whatever becomes of the answer (refused below, cut off).
        tally.reachedService = true;
        coordinator?.onSuccess();
        const decoded = decodeGetOidcInfoResponse(response.body);
        const credentials = await call.setup.credentials().catch(() => undefined);
        refuseEchoedSecrets(decoded, [
          ...SENSITIVE_REQUEST_FIELDS.map((field) => call.request[field]),
          credentials?.secretAccessKey,
          credentials?.sessionToken,
        ]);
        return decoded;
      }
      const error = decodeServiceError(response);
      if (!isRefusedUnprocessed(error)) tally.reachedService = true;
      const now = this.time.clock();
      this.clockOffsetMs = updatedClockOffset(response.headers, offset, now);
      tally.clockCorrected = this.clockOffsetMs !== offset;
      const retryAfter = parseRetryAfter(response.headers, now);
      if (retryAfter !== undefined) error.retryAfterMs = retryAfter;
      if (isThrottlingError(error)) coordinator?.onThrottle(retryAfter);
      else coordinator?.onSuccess();
      throw error;
    } finally {
      release?.();
    }
  }

  /**
   * A turn from the coordinator (none without one). When it has not come within a second, the caller
   * is told once that the call is waiting on the endpoint's throttling.
   */
  private async turn(call: Call): Promise<(() => void) | undefined> {
    const { coordinator } = call;
    if (coordinator === undefined) return undefined;
    const turn = coordinator.acquire({ deadline: call.deadline, signal: call.signal });
    if (call.onWait === undefined) return turn;
    const notice = setTimeout(
      () => tell(call.onWait, { reason: "turn", ...coordinator.status() }),
      NOTICE_AFTER_MS,
    );
    notice.unref();
    try {
      return await turn;
    } finally {
      clearTimeout(notice);
    }
  }

  /**
   * Signs at local time + `offset` and sends within the attempt's limit; counts a connection not made,
   * and notes a request that may have reached the service without an answer (reset, timeout, cancelled
   * in flight).
   */
  private async send(call: Call, attempt: number, offset: number): Promise<HttpResponse> {
    const { setup } = call;
    const unsigned = serializeGetOidcInfo(setup.endpoint.url, call.request);
    const signed = await setup.signer(unsigned, new Date(this.time.clock() + offset));
    this.config.logger?.debug(
      `${OPERATION} attempt ${attempt}: GET ${urlWithoutQuery(setup.endpoint.url + unsigned.path)} query=${JSON.stringify(redactFields(unsigned.query))}`,
    );
    // Cancelled before sending: provably not sent (the transport would refuse at once anyway).
    if (call.signal?.aborted)
      throw new RequestAbortedError("the call was cancelled", { cause: call.signal.reason });
    try {
      return await sendAttempt(this.config.transport ?? nodeHttpTransport(), signed, {
        ...call.deadline.attemptLimit(setup.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        signal: call.signal,
      });
    } catch (error) {
      // Anything but a connection never made may have reached the service: a reset, a timeout or a
      // cancellation in flight, an answer too large to read.
      if (isNotSentError(error)) call.tally.connectFailures++;
      else call.tally.reachedService = true;
      throw error;
    }
  }

  /**
   * The error a failed call throws: cancellation and a possibly used code named as such, then the
   * message a person needs (attempts, time, why it stopped, who called), with every secret scrubbed.
   */
  private async failure(
    raw: unknown,
    call: Pick<Call, "request" | "signal" | "tally" | "deadline"> & {
      setup: ClientSetup | undefined;
      /** Why retrying stopped, when it stopped before the attempts ran out. */
      stop: PlanStop | undefined;
    },
  ): Promise<WickrError> {
    const { request, signal, setup, stop } = call;
    const failed = signal?.aborted
      ? new RequestAbortedError(`the call was cancelled${reasonOf(signal)}`, { cause: raw })
      : asWickrError(raw, (message, cause) => new NetworkError(message, { cause }));
    const error = stop === "single-use" ? codeMayBeUsed(failed) : failed;
    if (request.code !== undefined && call.tally.reachedService) error.codeMayBeUsed = true;
    // With no usable credentials there is no principal to name, and resolving them again is slow.
    const usable = setup && error.name !== "CredentialsError" ? setup : undefined;
    const caller = usable && isAuthError(error) ? await this.caller(usable) : undefined;
    const credentials = usable ? await usable.credentials().catch(() => undefined) : undefined;
    return describeFailure(error, {
      operation: OPERATION,
      networkId: request.networkId,
      ...(setup ? { region: setup.settings.region, endpoint: setup.endpoint.url } : {}),
      attempts: call.tally.attempts,
      elapsedMs: call.deadline.elapsedMs(),
      ...(stop === "budget" ? { budgetMs: this.retry.totalBudgetMs } : {}),
      ...(stop === "single-use" || stop === "unreachable" || stop === "clock-skew" ? { stopped: stop } : {}),
      clockOffsetMs: this.clockOffsetMs,
      ...(this.config.settingHints ? { settingHints: this.config.settingHints } : {}),
      ...(caller ? { caller } : {}),
      ...(credentials?.accessKeyId ? { accessKeyId: credentials.accessKeyId } : {}),
      secrets: [
        ...SENSITIVE_REQUEST_FIELDS.map((field) => request[field]),
        credentials?.secretAccessKey,
        credentials?.sessionToken,
      ],
    });
  }

  /** The shared coordinator of this endpoint and credentials, unless coordination is off. */
  private async coordinator(setup: ClientSetup): Promise<ThrottleCoordinator | undefined> {
    if (!this.throttling.coordinate) return undefined;
    const { accessKeyId } = await setup.credentials();
    return coordinatorFor(setup.endpoint.url, accessKeyId, this.throttling, {
      now: this.time.clock,
      sleep: this.time.sleep,
    });
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
