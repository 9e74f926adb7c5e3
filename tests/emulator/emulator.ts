/**
 * `startEmulator`: a local HTTP server speaking the Wickr Admin API contract (restJson1, SigV4 with
 * signing name `wickr`) and the two STS actions the project uses, for tests and demos.
 */
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { demoSeed } from "./demo-seed";
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
  /** Clock (epoch ms) for SigV4 skew, credential/token expiry and the throttle. Default `Date.now`. */
  now?: () => number;
}

/** A running emulator. */
export interface Emulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  url: string;
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

/**
 * Start an emulator.
 *
 * @example
 * const emulator = await startEmulator();
 * try { ... fetch(`${emulator.url}/networks/12345678/oidc`, signed) ... } finally { await emulator.close(); }
 * @throws `SeedError` for an invalid seed, RangeError for invalid throttle settings, or the listen error.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const now = options.now ?? Date.now;
  const state = new EmulatorState(options.seed ?? demoSeed());
  const log = new RequestLog();
  const faults = new FaultQueue();
  let throttle = options.throttle && new Throttle(options.throttle, now);
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
    createRequestListener({ state, log, faults, throttle: () => throttle, now, sleep }),
  );
  const host = options.host ?? "127.0.0.1";
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
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
    setThrottle: (next) => {
      throttle = next && new Throttle(next, now);
    },
    registerOidcConfig: (networkId, config) => void state.registerOidcConfig(networkId, config),
    deleteNetwork: (networkId) => state.deleteNetwork(networkId),
    addNetwork: (network) => state.addNetwork(network),
    addAuthorizationCode: (code) => state.addAuthorizationCode(code),
    addCredentials: (credentials) => state.addCredentials(credentials),
    network: (networkId) => state.snapshot(networkId),
  };
}
