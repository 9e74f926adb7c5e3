import { HttpRequest } from "@smithy/protocol-http";
import type { AwsCredentialIdentityProvider } from "@smithy/types";
import { callerArn } from "./caller-identity";
import { sharedCredentialProvider } from "./credentials";
import { decodeServiceError } from "./decode-error";
import { definedOnly } from "./defined";
import { decodeGetOidcInfoResponse } from "./decode-response";
import { asWickrError, describeFailure, isAuthError } from "./describe-error";
import { resolveEndpoint, type ResolvedEndpoint } from "./endpoint";
import { ConfigurationError, NetworkError, RequestAbortedError, type WickrError } from "./errors";
import { nodeHttpTransport, type HttpTransport } from "./http";
import { redactFields, urlWithoutQuery } from "./redact";
import {
  backoffDelay,
  isRetryableError,
  isThrottlingError,
  parseRetryAfter,
  resolveRetrySettings,
  type RetrySettings,
} from "./retry-policy";
import { createSigner, type RequestSigner } from "./signer";
import { DEFAULT_TIMEOUT_MS, resolveConnectionSettings, type ConnectionSettings } from "./settings";
import { sendAttempt } from "./send-attempt";
import { abortableSleep } from "./sleep";
import { TOKEN_REQUEST_FIELDS, type GetOidcInfoRequest, type GetOidcInfoResponse } from "./types";
import { coordinatorFor } from "./coordinator-registry";
import {
  DEFAULT_THROTTLING_SETTINGS,
  type ThrottleCoordinator,
  type ThrottlingSettings,
} from "./throttle-coordinator";
import {
  networkIdFailures,
  retryFailures,
  throttlingFailures,
  throwOnFailures,
  tokenRequestFailures,
} from "./validate";

/** Seams for tests and embedders. Production code needs none of them. */
export interface ClientHooks {
  /** Sends one signed request. Default: the AWS SDK's `NodeHttpHandler` with a keep-alive agent. */
  transport?: HttpTransport;
  /** Epoch milliseconds. Used for signing dates, `Retry-After` dates and the retry budget. */
  clock?: () => number;
  /** Waits between retries; must reject at once when `signal` aborts. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform random numbers in [0, 1) for backoff jitter. */
  random?: () => number;
  /** Environment to read fallbacks from. Default: `process.env` at the time of the first call. */
  env?: Readonly<Record<string, string | undefined>>;
  /** Credentials to use instead of the default chain. */
  credentials?: AwsCredentialIdentityProvider;
  /** Receives one redacted line per attempt. */
  logger?: { debug(message: string): void };
}

/** Configuration of a {@link WickrAdminClient}. */
export interface WickrAdminClientConfig extends ConnectionSettings, ClientHooks {}

/** Per-call options. */
export interface CallOptions {
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
}

interface Setup {
  settings: ConnectionSettings & { region: string };
  endpoint: ResolvedEndpoint;
  credentials: AwsCredentialIdentityProvider;
  signer: RequestSigner;
}

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
  private setup?: Promise<Setup>;

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
    let setup: Setup | undefined;
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
    setup: Setup,
    request: GetOidcInfoRequest,
    countAttempt: () => number,
    deadline: number,
    signal?: AbortSignal,
  ): Promise<GetOidcInfoResponse> {
    const url = new URL(setup.endpoint.url);
    const query: Record<string, string> = {};
    for (const field of TOKEN_REQUEST_FIELDS) {
      const value = request[field];
      if (value !== undefined) query[field] = value;
    }
    const path = `${url.pathname.replace(/\/$/, "")}/networks/${encodeURIComponent(request.networkId)}/oidc`;
    const unsigned = new HttpRequest({
      method: "GET",
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path,
      query,
      headers: { host: url.host },
    });
    const clock = this.config.clock ?? Date.now;
    const coordinator = await this.coordinator(setup);
    // Wait for a turn before signing, so the signature's date is the moment of sending.
    const release = await coordinator?.acquire({ deadline, ...(signal ? { signal } : {}) });
    const attempt = countAttempt();
    let response;
    try {
      const signed = await setup.signer(unsigned, new Date(clock()));
      this.config.logger?.debug(
        `${OPERATION} attempt ${attempt}: GET ${urlWithoutQuery(setup.endpoint.url + path)} query=${JSON.stringify(redactFields(query))}`,
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
  private async coordinator(setup: Setup): Promise<ThrottleCoordinator | undefined> {
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

  private async caller(setup: Setup): Promise<string | undefined> {
    return callerArn({
      credentials: setup.credentials,
      region: setup.settings.region,
      ...(setup.settings.stsEndpoint ? { stsEndpoint: setup.settings.stsEndpoint } : {}),
    });
  }

  private getSetup(): Promise<Setup> {
    this.setup ??= this.createSetup().catch((error: unknown) => {
      this.setup = undefined; // a fixed environment may succeed on the next call
      throw error;
    });
    return this.setup;
  }

  private async createSetup(): Promise<Setup> {
    const resolved = await resolveConnectionSettings(this.config, this.config.env ?? process.env);
    const endpoint = resolveEndpoint(resolved);
    const settings = { ...resolved, region: endpoint.signingRegion };
    if (!settings.region) throw new ConfigurationError("Missing Region");
    const credentials =
      this.config.credentials ??
      sharedCredentialProvider({
        ...(settings.profile ? { profile: settings.profile } : {}),
        ...(settings.roleArn ? { roleArn: settings.roleArn } : {}),
        ...(settings.externalId ? { externalId: settings.externalId } : {}),
        ...(settings.stsEndpoint ? { stsEndpoint: settings.stsEndpoint } : {}),
        region: settings.region,
      });
    return { settings, endpoint, credentials, signer: createSigner(credentials, settings.region) };
  }
}
