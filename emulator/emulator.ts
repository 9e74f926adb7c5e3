/**
 * `startEmulator`: a local HTTP server speaking the Wickr Admin API contract (restJson1, SigV4 with
 * signing name `wickr`) and the two STS actions the project uses, for tests and demos.
 */
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { DEMO_REGION, demoSeed } from "./demo-seed";
import { type Fault, FaultQueue } from "./faults";
import { type CountFilter, type OperationName, RequestLog, type RequestLogEntry } from "./request-log";
import type { OpenidConnectInfo, Seed, SeedAuthorizationCode, SeedCredentials, SeedNetwork } from "./seed";
import { createRequestListener } from "./server";
import { EmulatorState } from "./state";
import { Throttle, type ThrottleOptions } from "./throttle";

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /** Port to listen on. Default 0: a free port. */
  port?: number;
  /** Address to listen on. Default `"127.0.0.1"`. */
  host?: string;
  /** Initial state. Default {@link demoSeed}(). Validated like a seed file. */
  seed?: Seed;
  /** Per-access-key throttling of Wickr calls. Default off. */
  throttle?: ThrottleOptions;
  /**
   * Base clock (epoch ms). Default `Date.now`. The emulator's clock is `now() + clockSkewMs`: it judges
   * SigV4 skew and credential/token expiry, and dates every answer (`Date` header) and log entry.
   */
  now?: () => number;
  /**
   * How far the emulator's clock is ahead of {@link now} (negative: behind), in ms. Default 0. Beyond
   * 5 minutes (`MAX_CLOCK_SKEW_MS`) a client signing with the machine's clock gets 403
   * `InvalidSignatureException`: "Signature expired: ..." when the emulator is ahead, "Signature not yet
   * current: ..." when it is behind (STS: `SignatureDoesNotMatch`); the `Date` header of every answer
   * tells the client the emulator's time. The throttle measures intervals on {@link now}, so a
   * change of skew does not fill or drain its buckets.
   */
  clockSkewMs?: number;
  /**
   * The endpoint's region, e.g. `eu-west-1`. Default {@link DEMO_REGION}. Wickr and STS requests must
   * be signed for it: another region in the credential scope is 403 `InvalidSignatureException`
   * ("Credential should be scoped to a valid region. "; STS: `SignatureDoesNotMatch`), as real AWS
   * answers. Also the region of the network ARNs that permissions are checked against.
   */
  region?: string;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
  /** The region requests must be signed for ({@link EmulatorOptions.region}). */
  readonly region: string;
  /** Close the server and every open connection (keep-alive ones too). Idempotent. */
  close(): Promise<void>;
  /** Every request so far, redacted. A live view: it grows as requests arrive. */
  log: readonly RequestLogEntry[];
  /** Number of logged requests of `operation` that match `filter`. */
  count(operation: OperationName, filter?: CountFilter): number;
  /** Empty the log. */
  resetLog(): void;
  /** Serve `fault` to the next `times` (default 1) authenticated requests of `operation` (default any). */
  injectFaults(fault: Fault, times?: number, operation?: OperationName): void;
  /** Set the emulator's clock to `ms` ahead of its base clock (negative: behind), from the next request on. */
  setClockSkew(ms: number): void;
  /** Turn throttling on, change it (buckets restart full), or off (`undefined`). */
  setThrottle(throttle: ThrottleOptions | undefined): void;
  /** Change a network's OIDC settings as RegisterOidcConfig would. @throws for an unknown network. */
  registerOidcConfig(networkId: string, config: Partial<OpenidConnectInfo>): void;
  /** Remove a network: later GetOidcInfo answers 404 `ResourceNotFoundError`. */
  deleteNetwork(networkId: string): void;
  /** Add or replace a network. @throws `SeedError` when invalid. */
  addNetwork(network: SeedNetwork): void;
  /** Add (or re-arm) an authorization code. @throws when invalid or its network is unknown. */
  addAuthorizationCode(code: SeedAuthorizationCode): void;
  /** Add or replace credentials. @throws `SeedError` when invalid. */
  addCredentials(credentials: SeedCredentials): void;
  /** Deep copy of a network's current state. */
  network(networkId: string): SeedNetwork | undefined;
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

/** A region is a DNS label (it goes into the endpoint's host name), e.g. `us-east-1`, `eusc-de-east-1`. */
const REGION_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

function checkRegion(region: string): string {
  if (!REGION_PATTERN.test(region)) {
    throw new RangeError(`region must be a lower-case DNS label such as us-east-1, got "${region}"`);
  }
  return region;
}

function checkSkew(ms: number): number {
  if (!Number.isFinite(ms)) throw new RangeError(`clock skew must be a finite number of ms, got ${ms}`);
  return ms;
}

/**
 * Start an emulator.
 *
 * @example
 * const emulator = await startEmulator();
 * try { ... fetch(`${emulator.url}/networks/12345678/oidc`, signed) ... } finally { await emulator.close(); }
 * @throws `SeedError` for an invalid seed, RangeError for invalid throttle settings, a malformed region
 *   or a non-finite clock skew, or the listen error.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const baseNow = options.now ?? Date.now;
  const region = checkRegion(options.region ?? DEMO_REGION);
  let skewMs = checkSkew(options.clockSkewMs ?? 0);
  const now = (): number => baseNow() + skewMs;
  const state = new EmulatorState(options.seed ?? demoSeed());
  const log = new RequestLog();
  const faults = new FaultQueue();
  let throttle = options.throttle && new Throttle(options.throttle, baseNow);
  const timers = new Set<NodeJS.Timeout>();
  // Delays use real time: they exist to trip a client's timeout. close() cancels the pending ones.
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });
  const server = createServer(
    createRequestListener({ state, log, faults, throttle: () => throttle, now, region, sleep }),
  );
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    region,
    close: () =>
      (closing ??= new Promise((resolve) => {
        timers.forEach(clearTimeout);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
    get log() {
      return log.entries;
    },
    count: (operation, filter) => log.count(operation, filter),
    resetLog: () => log.reset(),
    injectFaults: (fault, times, operation) => faults.inject(fault, times, operation),
    setClockSkew: (ms) => {
      skewMs = checkSkew(ms);
    },
    setThrottle: (next) => {
      throttle = next && new Throttle(next, baseNow);
    },
    registerOidcConfig: (networkId, config) => void state.registerOidcConfig(networkId, config),
    deleteNetwork: (networkId) => state.deleteNetwork(networkId),
    addNetwork: (network) => state.addNetwork(network),
    addAuthorizationCode: (code) => state.addAuthorizationCode(code),
    addCredentials: (credentials) => state.addCredentials(credentials),
    network: (networkId) => state.snapshot(networkId),
  };
}
