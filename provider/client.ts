import { callerArn } from "./caller-identity";
import type { CallOptions, WickrAdminClientConfig } from "./client-config";
import { createClientSetup, type ClientSetup } from "./client-setup";
import { coordinatorFor } from "./coordinator-registry";
import { decodeServiceError } from "./decode-error";
import { decodeGetOidcInfoResponse } from "./decode-response";
import { definedOnly } from "./defined";
import { asWickrError, describeFailure, isAuthError } from "./describe-error";
import { NetworkError, RequestAbortedError, type WickrError } from "./errors";
import { nodeHttpTransport } from "./http";
import { redactFields, urlWithoutQuery } from "./redact";
import {
  backoffDelay,
  isRetryableError,
  isThrottlingError,
  parseRetryAfter,
  resolveRetrySettings,
  type RetrySettings,
} from "./retry-policy";
import { sendAttempt } from "./send-attempt";
import { serializeGetOidcInfo } from "./serialize-request";
import { DEFAULT_TIMEOUT_MS } from "./settings";
import { abortableSleep } from "./sleep";
import {
  DEFAULT_THROTTLING_SETTINGS,
  type ThrottleCoordinator,
  type ThrottlingSettings,
} from "./throttle-coordinator";
import type { GetOidcInfoRequest, GetOidcInfoResponse } from "./types";
import {
  networkIdFailures,
  retryFailures,
  throttlingFailures,
  throwOnFailures,
  tokenRequestFailures,
} from "./validate";

export type { CallOptions, ClientHooks, WickrAdminClientConfig } from "./client-config";

const OPERATION = "GetOidcInfo";

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
   * jitter, honouring `Retry-After`, within `retry.maxAttempts` and `retry.totalBudgetMs`.
   *
   * @throws {@link InvalidInputError} before any network call when `networkId` or a member is malformed.
   * @throws a {@link WickrError} subclass named after the service error (`ForbiddenError`, …), or
   *   `ConfigurationError`, `CredentialsError`, `TimeoutError`, `NetworkError`, `MalformedResponseError`,
   *   `AbortError`. Messages never contain secrets or the request's query string.
   */
  async getOidcInfo(request: GetOidcInfoRequest, options: CallOptions = {}): Promise<GetOidcInfoResponse> {
    throwOnFailures([...networkIdFailures(request.networkId), ...tokenRequestFailures(request)]);
    const clock = this.config.clock ?? Date.now;
    const start = clock();
    const secrets: (string | undefined)[] = [request.clientSecret, request.code, request.codeVerifier];
    let attempts = 0;
    let budgetMs: number | undefined;
    let setup: ClientSetup | undefined;
    try {
      setup = await this.getSetup();
      const ready = setup;
      const { default: pRetry } = require("p-retry") as typeof import("p-retry");
      return await pRetry(
        async () => {
          const deadline =
            this.retry.totalBudgetMs > 0 ? start + this.retry.totalBudgetMs : Number.POSITIVE_INFINITY;
          return this.attempt(ready, request, () => ++attempts, deadline, options.signal);
        },
        {
          retries: this.retry.maxAttempts - 1,
          minTimeout: 0,
          factor: 1,
          ...(options.signal ? { signal: options.signal } : {}),
          // p-retry's own wait is 0: the wait happens here, so it can honour Retry-After, use the
          // injected clock and sleep, and stop at the budget.
          shouldRetry: async ({ error, retriesConsumed }) => {
            if (!isRetryableError(error)) return false;
            const wait = this.retryDelay(error as WickrError, retriesConsumed + 1);
            const coolDown = Math.max(0, ((await this.coordinator(ready))?.coolDownEnd() ?? 0) - clock());
            if (
              this.retry.totalBudgetMs > 0 &&
              clock() - start + Math.max(wait, coolDown) > this.retry.totalBudgetMs
            ) {
              budgetMs = this.retry.totalBudgetMs;
              return false;
            }
            if (wait > 0) await (this.config.sleep ?? abortableSleep)(wait, options.signal);
            return true;
          },
        },
      );
    } catch (raw) {
      const error = options.signal?.aborted
        ? new RequestAbortedError("the call was cancelled", { cause: raw })
        : asWickrError(raw, (message, cause) => new NetworkError(message, { cause }));
      // With no usable credentials there is no principal to name, and resolving them again is slow.
      const usable = setup && error.name !== "CredentialsError" ? setup : undefined;
      const caller = usable && isAuthError(error) ? await this.caller(usable) : undefined;
      const credentials = usable ? await usable.credentials().catch(() => undefined) : undefined;
      secrets.push(credentials?.secretAccessKey, credentials?.sessionToken);
      throw describeFailure(error, {
        operation: OPERATION,
        networkId: request.networkId,
        ...(setup ? { region: setup.settings.region } : {}),
        attempts,
        elapsedMs: clock() - start,
        ...(budgetMs !== undefined ? { budgetMs } : {}),
        ...(caller ? { caller } : {}),
        ...(credentials?.accessKeyId ? { accessKeyId: credentials.accessKeyId } : {}),
        secrets,
      });
    }
  }

  /** One attempt: wait for a turn, sign, send, decode. `countAttempt` is called once the turn came. */
  private async attempt(
    setup: ClientSetup,
    request: GetOidcInfoRequest,
    countAttempt: () => number,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<GetOidcInfoResponse> {
    const unsigned = serializeGetOidcInfo(setup.endpoint.url, request);
    const clock = this.config.clock ?? Date.now;
    const coordinator = await this.coordinator(setup);
    // Wait for a turn before signing, so the signature's date is the moment of sending.
    const release = await coordinator?.acquire({ deadline, ...(signal ? { signal } : {}) });
    const attempt = countAttempt();
    let response;
    try {
      const signed = await setup.signer(unsigned, new Date(clock()));
      this.config.logger?.debug(
        `${OPERATION} attempt ${attempt}: GET ${urlWithoutQuery(setup.endpoint.url + unsigned.path)} query=${JSON.stringify(redactFields(unsigned.query))}`,
      );
      response = await sendAttempt(this.config.transport ?? nodeHttpTransport(), signed, {
        timeoutMs: setup.settings.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        ...(signal ? { signal } : {}),
      });
    } finally {
      release?.();
    }
    this.config.logger?.debug(`${OPERATION} attempt ${attempt}: HTTP ${response.statusCode}`);
    if (response.statusCode >= 300) {
      const error = decodeServiceError(response);
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
