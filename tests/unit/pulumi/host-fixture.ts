/**
 * What the provider-host tests share: an emulator, fake AWS credentials in the environment, a provider
 * host with a fake clock on its read memo and its drift lines captured, and a clean process state
 * (shared clients, credentials, throttle coordinators, the process read memo) before every test.
 */
import {
  createProviderHost,
  type ProviderHost,
  type ProviderHostOptions,
} from "../../../provider/pulumi/provider-host";
import { ReadMemo, clearReadMemo } from "../../../provider/pulumi/read-memo";
import type { EngineMessage } from "../../../provider/pulumi/engine-log";
import type { WickrOidcInfoInputs, WickrOidcInfoOutputs } from "../../../provider/pulumi/resource-args";
import { clearSharedClients } from "../../../provider/wickr/shared-clients";
import { clearSharedCredentials } from "../../../provider/wickr/credentials";
import { clearCoordinators } from "../../../provider/retry/coordinator-registry";
import type { OidcTokenRequest } from "../../../provider/wickr/api-types";
import { startEmulator, type Emulator, type RequestLogEntry } from "../../../emulator";

/** The demo network of the emulator's default seed. */
export const NETWORK_ID = "12345678";
/** The region the emulator serves and the tests' environment names. */
export const REGION = "us-east-1";

/** The demo network's OIDC settings as the emulator's default seed has them, written out. */
export const SEEDED = {
  applicationName: "Wickr Demo SSO",
  clientId: "wickr-demo-client",
  companyId: "example-corp",
  scopes: "openid profile email",
  issuer: "https://idp.example.com/realms/wickr-demo",
  clientSecret: "demo-client-secret-NOT-REAL",
  secret: "demo-secret-NOT-REAL",
  redirectUrl: "https://messaging-pro-prod.wickr.com/deeplink/oidc.php",
  userId: "sub",
  customUsername: "preferred_username",
  caCertificate: "-----BEGIN CERTIFICATE-----\nMIIBdemoNOTREAL\n-----END CERTIFICATE-----\n",
  applicationId: 1,
  ssoTokenBufferMinutes: 5,
  extraAuthParams: "prompt=login",
};

/** A token request for `code` (armed with {@link HostFixture.armCode}): no PKCE, no redirect URI. */
export function codeRequest(code: string): OidcTokenRequest {
  return {
    clientId: "wickr-demo-client",
    code,
    clientSecret: "demo-client-secret-NOT-REAL",
    grantType: "authorization_code",
  };
}

/** The tokens the emulator returns for a code armed with {@link HostFixture.armCode}(code, `n`). */
export function tokensFor(n: number) {
  return {
    accessToken: `access-token-${n}-NOT-REAL`,
    idToken: `id-token-${n}-NOT-REAL`,
    refreshToken: `refresh-token-${n}-NOT-REAL`,
    tokenType: "Bearer",
    expiresIn: 3600,
  };
}

export interface HostFixture {
  readonly emulator: Emulator;
  /** A host whose read memo runs on the fake clock and whose drift lines go to {@link drift}. */
  readonly host: ProviderHost;
  /** The options {@link host} was made with, for a door that makes its own host (the plugin). */
  readonly hostOptions: ProviderHostOptions;
  /** The lasting messages (drift lines) the host logged so far. */
  readonly drift: string[];
  /** Every message the host logged so far, progress included, with its URN and flags. */
  readonly messages: (EngineMessage & { text: string })[];
  /** Moves the read memo's clock. */
  advance(ms: number): void;
  /** Inputs for the demo network through the emulator, plus `extra`. */
  inputs(extra?: Partial<WickrOidcInfoInputs>): WickrOidcInfoInputs;
  /** Outputs as `create(inputs(extra))` returns them, followed by {@link newRun}. */
  created(extra?: Partial<WickrOidcInfoInputs>): Promise<WickrOidcInfoOutputs>;
  /** Starts the next engine run, as a new provider process would: no shared reads, empty log and drift. */
  newRun(): void;
  /** `GetOidcInfo` calls since the last {@link newRun}. */
  calls(): number;
  /** Token exchanges among them. */
  exchanges(): number;
  /** The `GetOidcInfo` requests since the last {@link newRun}. */
  requests(): RequestLogEntry[];
  /** Arms a single-use authorization `code` whose exchange returns {@link tokensFor}(`n`). */
  armCode(code: string, n: number): void;
}

/** Registers the hooks of a clean test in the current `describe` and returns the live fixture. */
export function useHostFixture(): HostFixture {
  let emulator: Emulator | undefined;
  let memo: ReadMemo | undefined;
  let host: ProviderHost | undefined;
  let restoreEnv: (() => void) | undefined;
  let clock = 0;
  const drift: string[] = [];
  const messages: (EngineMessage & { text: string })[] = [];
  const optionsFor = (readMemo: ReadMemo): ProviderHostOptions => ({
    readMemo,
    log: async (text, message = {}) => {
      messages.push({ text, ...message });
      if (!message.ephemeral) drift.push(text);
    },
  });
  const newHost = (readMemo: ReadMemo): ProviderHost => createProviderHost(optionsFor(readMemo));
  const need = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error("the fixture is used outside a test");
    return value;
  };

  beforeEach(async () => {
    clearSharedClients();
    clearSharedCredentials();
    clearCoordinators();
    clearReadMemo();
    clock = Date.parse("2026-11-29T12:00:00Z");
    drift.length = 0;
    messages.length = 0;
    emulator = await startEmulator();
    restoreEnv = setAwsEnv({
      AWS_ACCESS_KEY_ID: "AKIAEMULATORDEMO0001",
      AWS_SECRET_ACCESS_KEY: "emulator-demo-secret-NOT-REAL",
      AWS_REGION: REGION,
      AWS_ENDPOINT_URL_STS: emulator.url,
    });
    memo = new ReadMemo({ now: () => clock });
    host = newHost(memo);
  });

  afterEach(async () => {
    restoreEnv?.();
    await emulator?.close();
    clearSharedClients();
    clearSharedCredentials();
    clearCoordinators();
    clearReadMemo();
  });

  const fixture: HostFixture = {
    get emulator() {
      return need(emulator);
    },
    get host() {
      return need(host);
    },
    get hostOptions() {
      return optionsFor(need(memo));
    },
    drift,
    messages,
    advance: (ms) => void (clock += ms),
    inputs: (extra = {}) => ({ networkId: NETWORK_ID, endpoint: need(emulator).url, ...extra }),
    async created(extra = {}) {
      const { outs } = await fixture.host.create(fixture.inputs(extra));
      fixture.newRun();
      return outs as WickrOidcInfoOutputs;
    },
    newRun() {
      need(memo).clear();
      host = newHost(need(memo)); // a new provider process: nothing told yet
      need(emulator).resetLog();
      drift.length = 0;
      messages.length = 0;
    },
    calls: () => need(emulator).count("GetOidcInfo"),
    exchanges: () => need(emulator).count("GetOidcInfo", { tokenExchange: true }),
    requests: () => need(emulator).log.filter((e) => e.operation === "GetOidcInfo"),
    armCode(code, n) {
      const { tokenType: _type, expiresIn: _expires, ...tokens } = tokensFor(n);
      need(emulator).addAuthorizationCode({ networkId: NETWORK_ID, code, clientId: SEEDED.clientId, tokens });
    },
  };
  return fixture;
}

/**
 * Sets AWS environment variables until the returned function is called: every other AWS_* variable
 * is cleared (the machine's own settings never leak in), and no shared file or instance metadata is read.
 */
export function setAwsEnv(vars: Record<string, string>): () => void {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    ...vars,
  });
  return () => {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  };
}
