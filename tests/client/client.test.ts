import assert from "node:assert/strict";
import { failure } from "../helpers/failure";
import { WickrAdminClient, type WickrAdminClientConfig } from "../../provider/wickr/client";
import { getWickrOidcInfo } from "../../provider/pulumi/get-wickr-oidc-info";
import {
  DEMO_ACCESS_KEY_ID,
  DEMO_AUTHORIZATION_CODE,
  DEMO_CLIENT_ID,
  DEMO_CLIENT_SECRET,
  DEMO_CODE_VERIFIER,
  DEMO_NETWORK_ID,
  DEMO_REGION,
  DEMO_REDIRECT_URL,
  DEMO_ROLE_ARN,
  DEMO_SECRET_ACCESS_KEY,
  startEmulator,
  type Emulator,
} from "../../emulator";
import { withAwsEnv } from "../helpers/aws-env";
import { until } from "../helpers/event-loop";

const DEMO_CREDENTIALS = async () => ({
  accessKeyId: DEMO_ACCESS_KEY_ID,
  secretAccessKey: DEMO_SECRET_ACCESS_KEY,
});

describe("WickrAdminClient against the emulator", function () {
  let emulator: Emulator;
  const client = (config: WickrAdminClientConfig = {}) =>
    new WickrAdminClient({
      region: DEMO_REGION,
      endpoint: emulator.url,
      stsEndpoint: emulator.url,
      credentials: DEMO_CREDENTIALS,
      retry: { baseDelayMs: 1, throttlingBaseDelayMs: 1 },
      ...config,
    });

  beforeEach(async () => {
    emulator = await startEmulator();
  });
  // Shared clients and credentials (getWickrOidcInfo uses them) are cleared before each test by the
  // root hook in tests/setup.ts.
  afterEach(() => emulator.close());

  it("reads every field of the network's settings", async () => {
    const result = await client().getOidcInfo({ networkId: DEMO_NETWORK_ID });
    // The demo seed's network, written out: all fourteen members of openidConnectInfo.
    assert.deepEqual(result.openidConnectInfo, {
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
    });
    assert.equal(result.tokenInfo, undefined);
    assert.equal(emulator.count("GetOidcInfo", { status: 200 }), 1);
  });

  it("exchanges an authorization code once, with PKCE, and a reused code fails cleanly", async () => {
    const request = {
      networkId: DEMO_NETWORK_ID,
      clientId: DEMO_CLIENT_ID,
      code: DEMO_AUTHORIZATION_CODE,
      grantType: "authorization_code",
      redirectUri: DEMO_REDIRECT_URL,
      clientSecret: DEMO_CLIENT_SECRET,
      codeVerifier: DEMO_CODE_VERIFIER,
    };
    const { tokenInfo } = await client().getOidcInfo(request);
    assert.match(tokenInfo?.accessToken ?? "", /^[\w-]+\.[\w-]+\.[\w-]+$/, "JWT-shaped access token");
    assert.match(tokenInfo?.idToken ?? "", /^[\w-]+\.[\w-]+\.[\w-]+$/);
    assert.equal(tokenInfo?.tokenType, "Bearer");
    assert.equal(typeof tokenInfo?.expiresIn, "number");
    const again = await failure(client().getOidcInfo(request));
    assert.equal(again.name, "BadRequestError");
    assert.equal(again.statusCode, 400);
    assert.equal(again.attempts, 1, "a client error is not retried");
    for (const secret of [DEMO_AUTHORIZATION_CODE, DEMO_CLIENT_SECRET, DEMO_CODE_VERIFIER]) {
      assert.ok(!`${again.message}${again.stack}`.includes(secret), `${secret} leaked`);
    }
  });

  it("signs query values with spaces, +, /, =, % and non-ASCII exactly as SigV4 canonicalises them", async () => {
    const error = await failure(
      client().getOidcInfo({
        networkId: DEMO_NETWORK_ID,
        clientId: "client id+/=%&ü✓",
        code: "not a real code +/=",
        redirectUri: "https://app.example/cb?x=1&y=a b",
      }),
    );
    // Past the signature check: the service itself rejects the unknown code.
    assert.equal(error.name, "BadRequestError");
    assert.equal(emulator.log.at(-1)?.query["clientId"], "client id+/=%&ü✓");
  });

  const modelled: [string, number, boolean][] = [
    ["BadRequestError", 400, false],
    ["UnauthorizedError", 401, false],
    ["ForbiddenError", 403, false],
    ["ResourceNotFoundError", 404, false],
    ["ValidationError", 422, false],
    ["RateLimitError", 429, true],
    ["InternalServerError", 500, true],
  ];
  for (const [name, status, retried] of modelled) {
    it(`${name} (${status}) → its class${retried ? ", retried" : ", one request"}`, async () => {
      emulator.injectFaults({ kind: "error", status, name, message: `injected ${name}` }, 20, "GetOidcInfo");
      // The waits (the shared throttling cool-down included) pass on a fake clock, not for real.
      let now = Date.now();
      const error = await failure(
        // totalBudgetMs 0: without a budget, throttled attempts count against maxAttempts too.
        client({
          clock: () => now,
          sleep: async (ms) => void (now += ms),
          retry: { maxAttempts: 3, baseDelayMs: 1, throttlingBaseDelayMs: 1, totalBudgetMs: 0 },
        }).getOidcInfo({
          networkId: DEMO_NETWORK_ID,
        }),
      );
      assert.equal(error.name, name);
      assert.equal(error.statusCode, status);
      assert.ok(error.requestId, "request id kept");
      assert.match(
        error.message,
        new RegExp(
          `GetOidcInfo for Wickr network ${DEMO_NETWORK_ID} failed: ${name} \\(HTTP ${status}\\): injected ${name}`,
        ),
      );
      assert.equal(emulator.count("GetOidcInfo"), retried ? 3 : 1);
    });
  }

  it("retries 429, 503, a reset connection and a timeout, then succeeds", async () => {
    emulator.injectFaults({ kind: "error", status: 429, name: "RateLimitError" }, 1, "GetOidcInfo");
    emulator.injectFaults({ kind: "error", status: 503, name: "ServiceUnavailable" }, 1, "GetOidcInfo");
    emulator.injectFaults({ kind: "reset" }, 1, "GetOidcInfo");
    emulator.injectFaults({ kind: "delay", ms: 2000 }, 1, "GetOidcInfo");
    const attempts: string[] = [];
    const logger = { debug: (line: string) => void (/HTTP 200/.test(line) || attempts.push(line)) };
    const result = await client({ timeoutMs: 300, logger, throttling: { coordinate: false } }).getOidcInfo({
      networkId: DEMO_NETWORK_ID,
    });
    assert.equal(result.openidConnectInfo?.companyId, "example-corp");
    assert.equal(attempts.filter((l) => /attempt \d+: GET/.test(l)).length, 5, "four failures, then success");
    // The timed-out request is logged by the emulator only once its delay ends, after the client moved on.
    assert.ok(emulator.count("GetOidcInfo") >= 4);
  });

  it("honours the emulator's Retry-After through the injected clock", async () => {
    let now = Date.now();
    const sleeps: number[] = [];
    emulator.injectFaults(
      { kind: "error", status: 429, name: "RateLimitError", retryAfter: "4" },
      2,
      "GetOidcInfo",
    );
    const sleep = async (ms: number) => {
      sleeps.push(Math.round(ms));
      now += ms;
    };
    await client({ clock: () => now, sleep, retry: {} }).getOidcInfo({ networkId: DEMO_NETWORK_ID });
    // Each throttle starts the shared 4 s cool-down; the adaptive rate adds nothing that long.
    assert.deepEqual(
      sleeps.filter((ms) => ms >= 1000),
      [4000, 4000],
    );
    assert.equal(emulator.count("GetOidcInfo"), 3);
  });

  it("runs out of budget with a message that says so", async () => {
    let now = Date.now();
    emulator.injectFaults(
      { kind: "error", status: 429, name: "RateLimitError", retryAfter: "10" },
      50,
      "GetOidcInfo",
    );
    const error = await failure(
      client({
        clock: () => now,
        sleep: async (ms) => void (now += ms),
        retry: { totalBudgetMs: 25_000 },
      }).getOidcInfo({ networkId: DEMO_NETWORK_ID }),
    );
    assert.equal(error.name, "RateLimitError");
    assert.equal(error.attempts, 3);
    assert.match(
      error.message,
      /Gave up after 3 attempts over 20\.\d s: the retry budget of 25 s \(retry\.totalBudgetMs\) would run out before the next one/,
    );
  });

  it("cancels a call that is waiting for the server", async () => {
    emulator.injectFaults({ kind: "delay", ms: 5000 }, 1, "GetOidcInfo");
    const controller = new AbortController();
    const call = failure(client().getOidcInfo({ networkId: DEMO_NETWORK_ID }, { signal: controller.signal }));
    // The emulator logs a request on arrival (status 0) and completes the entry when it answers.
    await until(() => emulator.count("GetOidcInfo") === 1);
    controller.abort();
    const error = await call;
    assert.equal(error.name, "RequestAbortedError");
    assert.equal(error.attempts, 1);
    assert.deepEqual(
      emulator.log.map((e) => e.status),
      [0],
      "stopped before the server answered (after its 5 s delay), and not sent again",
    );
  });

  it("a wrong secret key → InvalidSignatureException naming the key id, not retried", async () => {
    const error = await failure(
      client({
        credentials: async () => ({
          accessKeyId: DEMO_ACCESS_KEY_ID,
          secretAccessKey: "canary-wrong-secret-key",
        }),
      }).getOidcInfo({
        networkId: DEMO_NETWORK_ID,
      }),
    );
    assert.equal(error.name, "InvalidSignatureException");
    assert.equal(error.statusCode, 403);
    assert.equal(emulator.count("GetOidcInfo"), 1);
    assert.match(error.message, /access key id \*+0001/);
    assert.match(error.message, /secret access key/);
    assert.ok(!`${error.message}${error.stack}`.includes("canary-wrong-secret-key"));
  });

  it("an unknown access key → UnrecognizedClientException", async () => {
    const error = await failure(
      client({
        credentials: async () => ({ accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x".repeat(40) }),
      }).getOidcInfo({
        networkId: DEMO_NETWORK_ID,
      }),
    );
    assert.equal(error.name, "UnrecognizedClientException");
    assert.match(error.message, /access key id is not known/);
  });

  it("an expired session token → ExpiredTokenException", async () => {
    emulator.addCredentials({
      accessKeyId: "ASIAEXPIRED000000001",
      secretAccessKey: "expired-secret",
      sessionToken: "canary-expired-session-token",
      expiresAt: new Date(Date.now() - 60_000).toISOString(),
      arn: "arn:aws:sts::123456789012:assumed-role/r/s",
      account: "123456789012",
      userId: "AROAEXAMPLE:s",
    });
    const error = await failure(
      client({
        credentials: async () => ({
          accessKeyId: "ASIAEXPIRED000000001",
          secretAccessKey: "expired-secret",
          sessionToken: "canary-expired-session-token",
        }),
      }).getOidcInfo({ networkId: DEMO_NETWORK_ID }),
    );
    assert.equal(error.name, "ExpiredTokenException");
    assert.match(error.message, /session token has expired/);
    assert.ok(!`${error.message}${error.stack}`.includes("canary-expired-session-token"));
  });

  it("a principal without wickr:GetOidcInfo → ForbiddenError naming the principal and the permission", async () => {
    emulator.addCredentials({
      accessKeyId: "AKIANOPERMISSION0001",
      secretAccessKey: "no-permission-secret",
      arn: "arn:aws:iam::123456789012:user/no-wickr",
      account: "123456789012",
      userId: "AIDANOPERMISSION",
      allow: ["sts:GetCallerIdentity"],
    });
    const error = await failure(
      client({
        credentials: async () => ({
          accessKeyId: "AKIANOPERMISSION0001",
          secretAccessKey: "no-permission-secret",
        }),
      }).getOidcInfo({
        networkId: DEMO_NETWORK_ID,
      }),
    );
    assert.equal(error.name, "ForbiddenError");
    assert.match(error.message, /Called as arn:aws:iam::123456789012:user\/no-wickr/);
    assert.match(error.message, /wickr:GetOidcInfo/);
  });

  it("a clock 10 minutes behind: signs again at the service's time, once, and keeps the offset", async () => {
    const behind = client({ clock: () => Date.now() - 10 * 60_000 });
    const result = await behind.getOidcInfo({ networkId: DEMO_NETWORK_ID });
    assert.equal(result.openidConnectInfo?.issuer, "https://idp.example.com/realms/wickr-demo");
    assert.deepEqual(
      emulator.log.map((e) => [e.status, e.errorName ?? ""]),
      [
        [403, "InvalidSignatureException"],
        [200, ""],
      ],
    );
    await behind.getOidcInfo({ networkId: DEMO_NETWORK_ID });
    assert.equal(emulator.count("GetOidcInfo"), 3, "the next call is signed right the first time");
  });

  it("a clock that stays wrong after the correction fails, saying by how much it is off", async () => {
    emulator.setClockSkew(20 * 60_000);
    // The service's clock jumps another 20 minutes ahead right after the first answer: the corrected
    // signature is still 20 minutes off, and the service's Date header now says 40 minutes.
    const drifting = client({
      logger: {
        debug: (line) => void (/attempt 1: HTTP 403/.test(line) && emulator.setClockSkew(40 * 60_000)),
      },
    });
    const error = await failure(drifting.getOidcInfo({ networkId: DEMO_NETWORK_ID }));
    assert.equal(error.name, "InvalidSignatureException");
    assert.equal(error.statusCode, 403);
    assert.match(error.message, /This machine's clock is 40\.0 min behind the service's/);
    assert.equal(emulator.count("GetOidcInfo"), 2, "one correction, not a loop");
  });

  it("uses the default credential chain and AWS_* environment", async () => {
    await withAwsEnv(
      {
        AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID,
        AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY,
        AWS_REGION: DEMO_REGION,
        AWS_ENDPOINT_URL_WICKR: emulator.url,
      },
      async () => {
        const result = await getWickrOidcInfo({ networkId: DEMO_NETWORK_ID });
        assert.equal(result.openidConnectInfo?.issuer, "https://idp.example.com/realms/wickr-demo");
      },
    );
    assert.equal(emulator.log.at(-1)?.accessKeyId, DEMO_ACCESS_KEY_ID);
    assert.equal(emulator.log.at(-1)?.region, DEMO_REGION);
  });

  it("assumes a role through STS once and reuses the credentials", async () => {
    await withAwsEnv(
      { AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY },
      async () => {
        const c = new WickrAdminClient({
          region: DEMO_REGION,
          endpoint: emulator.url,
          stsEndpoint: emulator.url,
          roleArn: DEMO_ROLE_ARN,
        });
        for (let i = 0; i < 3; i++) await c.getOidcInfo({ networkId: DEMO_NETWORK_ID });
      },
    );
    assert.equal(emulator.count("AssumeRole"), 1);
    const calls = emulator.log.filter((e) => e.operation === "GetOidcInfo");
    assert.equal(calls.length, 3);
    assert.ok(
      calls.every((e) => e.accessKeyId?.startsWith("ASIA")),
      "signed with the role's temporary credentials",
    );
  });

  it("a role that cannot be assumed → CredentialsError naming the role", async () => {
    const error = await withAwsEnv(
      { AWS_ACCESS_KEY_ID: DEMO_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: DEMO_SECRET_ACCESS_KEY },
      () =>
        failure(
          new WickrAdminClient({
            region: DEMO_REGION,
            endpoint: emulator.url,
            stsEndpoint: emulator.url,
            roleArn: "arn:aws:iam::123456789012:role/does-not-exist",
          }).getOidcInfo({ networkId: DEMO_NETWORK_ID }),
        ),
    );
    assert.equal(error.name, "CredentialsError");
    assert.match(error.message, /role\/does-not-exist/);
    assert.equal(emulator.count("GetOidcInfo"), 0);
    assert.ok(!`${error.message}${error.stack}`.includes(DEMO_SECRET_ACCESS_KEY));
  });

  it("keeps canaries out of errors and debug lines", async () => {
    const canaries = ["canary-client-secret-9f2", "canary-code-9f2", "canary-verifier-9f2"];
    const lines: string[] = [];
    emulator.injectFaults(
      { kind: "error", status: 400, name: "BadRequestError", message: `bad ${canaries.join(" ")}` },
      1,
    );
    const error = await failure(
      client({ logger: { debug: (l) => lines.push(l) } }).getOidcInfo({
        networkId: DEMO_NETWORK_ID,
        clientId: "c",
        clientSecret: canaries[0],
        code: canaries[1],
        codeVerifier: canaries[2],
      }),
    );
    const everything = [
      error.message,
      error.stack,
      JSON.stringify(error),
      String((error.cause as Error | undefined)?.message),
      ...lines,
      JSON.stringify(emulator.log),
    ].join("\n");
    for (const canary of [...canaries, DEMO_SECRET_ACCESS_KEY])
      assert.ok(!everything.includes(canary), `${canary} leaked`);
    assert.ok(
      lines.some((l) => l.includes("/networks/12345678/oidc")),
      "debug lines do show the path",
    );
  });
});
