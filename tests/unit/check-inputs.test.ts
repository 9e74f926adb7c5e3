import assert from "node:assert/strict";
import { checkInputs } from "../../provider/pulumi/check-inputs";

/** What the engine sends for a value not known yet at preview (pulumi.runtime.unknownValue). */
const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const OK = { networkId: "12345678" };
const TIMER = "2147483647 (Node's timer limit, about 24.8 days)";
const HTTP_REFUSED =
  "uses plain http:// to a non-loopback host; use https:// (plain http is allowed only for localhost/127.0.0.1/[::1], e.g. a local emulator)";

describe("checkInputs: the failures the issue lists", () => {
  // [case, inputs, expected failures], each failure written out in full.
  const cases: [string, Record<string, unknown>, [string, string][]][] = [
    [
      "throttling: null",
      { ...OK, throttling: null },
      [["throttling", "throttling must be an object, e.g. { maxConcurrency: 4 }, got null"]],
    ],
    [
      "region: 5",
      { ...OK, region: 5 },
      [["region", 'region must be a string, e.g. "us-east-1", got a number']],
    ],
    [
      "a 2,000-character endpoint",
      { ...OK, endpoint: `https://x.example/${"a".repeat(1982)}` },
      [
        [
          "endpoint",
          "Invalid Configuration: endpoint is 2000 characters long; the limit is 1024 (give only scheme, host, port and path)",
        ],
      ],
    ],
    [
      "an stsEndpoint that is not a URL",
      { ...OK, stsEndpoint: "sts.example.com" },
      [["stsEndpoint", "Invalid Configuration: stsEndpoint is not a URL; expected e.g. https://host:port"]],
    ],
    [
      "an stsEndpoint with user:pass@",
      { ...OK, stsEndpoint: "https://user:pass@sts.example.com" },
      [
        [
          "stsEndpoint",
          "Invalid Configuration: stsEndpoint must not contain user info (user:password@); AWS credentials come from the credential chain, never from the URL",
        ],
      ],
    ],
    [
      'useFipsEndpoint: "false"',
      { ...OK, useFipsEndpoint: "false" },
      [["useFipsEndpoint", 'useFipsEndpoint must be true or false, got the string "false"']],
    ],
    [
      "tokenRequest.client_secret",
      { ...OK, tokenRequest: { client_secret: "s3cret" } },
      [
        [
          "tokenRequest.client_secret",
          "tokenRequest.client_secret is not a known member (did you mean clientSecret?); known members: clientId, code, grantType, redirectUri, url, clientSecret, codeVerifier, certificate",
        ],
      ],
    ],
    [
      "a numeric networkId",
      { networkId: 12345678 },
      [["networkId", 'networkId must be a string of 8 digits (quote it: "12345678"), got a number']],
    ],
    [
      "timeoutMs of 2^31 ms",
      { ...OK, timeoutMs: 2 ** 31 },
      [["timeoutMs", `timeoutMs must be a number of milliseconds from 1 to ${TIMER}, got 2147483648`]],
    ],
    [
      "retry durations of 2^31 ms",
      {
        ...OK,
        retry: {
          baseDelayMs: 2 ** 31,
          throttlingBaseDelayMs: 2 ** 31,
          maxDelayMs: 2 ** 31,
          totalBudgetMs: 2 ** 31,
        },
      },
      [
        [
          "retry.baseDelayMs",
          `retry.baseDelayMs must be a number of milliseconds from 0 to ${TIMER}, got 2147483648`,
        ],
        [
          "retry.throttlingBaseDelayMs",
          `retry.throttlingBaseDelayMs must be a number of milliseconds from 0 to ${TIMER}, got 2147483648`,
        ],
        [
          "retry.maxDelayMs",
          `retry.maxDelayMs must be a number of milliseconds from 0 to ${TIMER}, got 2147483648`,
        ],
        [
          "retry.totalBudgetMs",
          `retry.totalBudgetMs must be a number of milliseconds from 0 (no budget) to ${TIMER}, got 2147483648`,
        ],
      ],
    ],
    [
      "http://169.254.169.254/ as endpoint",
      { ...OK, endpoint: "http://169.254.169.254/" },
      [["endpoint", `Invalid Configuration: endpoint ${HTTP_REFUSED}`]],
    ],
    [
      "a plain-http stsEndpoint",
      { ...OK, stsEndpoint: "http://sts.us-east-1.amazonaws.com" },
      [["stsEndpoint", `Invalid Configuration: stsEndpoint ${HTTP_REFUSED}`]],
    ],
  ];
  for (const [name, inputs, expected] of cases) {
    it(`${name} fails check, naming the field and the fix`, () => {
      assert.deepEqual(
        checkInputs(inputs).map((f) => [f.property, f.reason]),
        expected,
      );
    });
  }

  it("accepts the smallest valid inputs and a full valid set", () => {
    assert.deepEqual(checkInputs(OK), []);
    const full = {
      ...OK,
      tokenRequest: {
        clientId: "c",
        code: "x",
        grantType: "authorization_code",
        redirectUri: "https://r",
        url: "https://i",
        clientSecret: "s",
        codeVerifier: "v",
        certificate: "",
      },
      region: "us-east-1",
      endpoint: "http://127.0.0.1:4566",
      profile: "dev",
      roleArn: "arn:aws:iam::123456789012:role/wickr-oidc-reader",
      externalId: "ext-id_1",
      useFipsEndpoint: false,
      useDualstackEndpoint: false,
      stsEndpoint: "https://sts.us-east-1.amazonaws.com",
      retry: {
        maxAttempts: 100,
        baseDelayMs: 0,
        throttlingBaseDelayMs: 1000,
        maxDelayMs: 2147483647,
        totalBudgetMs: 0,
      },
      timeoutMs: 2147483647,
      throttling: {
        coordinate: false,
        maxConcurrency: 1,
        minRatePerSecond: 0.1,
        decreaseFactor: 0.5,
        increasePerSecond: 0,
      },
      secretConnectionSettings: ["endpoint", "profile"],
      __provider: "serialized provider text",
    };
    assert.deepEqual(checkInputs(full), []);
  });
});

describe("checkInputs: values not known yet at preview", () => {
  const accepted: [string, Record<string, unknown>][] = [
    ["networkId", { networkId: UNKNOWN }],
    ["the whole tokenRequest", { ...OK, tokenRequest: UNKNOWN }],
    ["a tokenRequest member", { ...OK, tokenRequest: { code: UNKNOWN, clientId: "c" } }],
    ["region", { ...OK, region: UNKNOWN, useFipsEndpoint: true }],
    ["endpoint, with FIPS on", { ...OK, endpoint: UNKNOWN, useFipsEndpoint: true }],
    [
      "useFipsEndpoint, with a custom endpoint",
      { ...OK, endpoint: "https://x.example", useFipsEndpoint: UNKNOWN },
    ],
    ["useDualstackEndpoint", { ...OK, endpoint: "https://x.example", useDualstackEndpoint: UNKNOWN }],
    ["stsEndpoint", { ...OK, stsEndpoint: UNKNOWN }],
    ["profile, roleArn and externalId", { ...OK, profile: UNKNOWN, roleArn: UNKNOWN, externalId: UNKNOWN }],
    ["roleArn, with an externalId", { ...OK, roleArn: UNKNOWN, externalId: "ext-id" }],
    ["the whole retry", { ...OK, retry: UNKNOWN }],
    ["one member of retry", { ...OK, retry: { maxAttempts: UNKNOWN, baseDelayMs: 100 } }],
    ["timeoutMs", { ...OK, timeoutMs: UNKNOWN }],
    ["the whole throttling", { ...OK, throttling: UNKNOWN }],
    ["one member of throttling", { ...OK, throttling: { maxConcurrency: UNKNOWN, coordinate: true } }],
    ["secretConnectionSettings", { ...OK, secretConnectionSettings: UNKNOWN }],
    ["one secretConnectionSettings name", { ...OK, secretConnectionSettings: [UNKNOWN, "region"] }],
  ];
  for (const [name, inputs] of accepted) {
    it(`accepts ${name} not known yet`, () => assert.deepEqual(checkInputs(inputs), []));
  }

  it("still judges the known members next to an unknown one", () => {
    assert.deepEqual(
      checkInputs({ ...OK, retry: { maxAttempts: UNKNOWN, baseDelayMs: -1 } }).map((f) => f.property),
      ["retry.baseDelayMs"],
    );
  });
  it("still reports a misspelt member whose value is unknown", () => {
    assert.deepEqual(
      checkInputs({ ...OK, throttling: { maxconcurrency: UNKNOWN } }).map((f) => [f.property, f.reason]),
      [
        [
          "throttling.maxconcurrency",
          "throttling.maxconcurrency is not a known member (did you mean maxConcurrency?); known members: coordinate, maxConcurrency, minRatePerSecond, decreaseFactor, increasePerSecond",
        ],
      ],
    );
  });
});

describe("checkInputs: arguments it does not know", () => {
  it("names a misspelt argument and lists the known ones", () => {
    assert.deepEqual(
      checkInputs({ ...OK, regoin: "us-east-1" }).map((f) => [f.property, f.reason]),
      [
        [
          "regoin",
          "regoin is not a known argument (did you mean region?); known arguments: networkId, tokenRequest, region, endpoint, profile, roleArn, externalId, useFipsEndpoint, useDualstackEndpoint, stsEndpoint, retry, timeoutMs, throttling",
        ],
      ],
    );
  });
  it("ignores extra keys without a value, and the internal inputs", () => {
    assert.deepEqual(
      checkInputs({
        ...OK,
        accessToken: null,
        driftedFields: undefined,
        __provider: "p",
        secretConnectionSettings: [],
      }),
      [],
    );
  });
  it("lists the known members of retry", () => {
    assert.deepEqual(
      checkInputs({ ...OK, retry: { jitter: true } }).map((f) => f.reason),
      [
        "retry.jitter is not a known member; known members: maxAttempts, baseDelayMs, throttlingBaseDelayMs, maxDelayMs, totalBudgetMs",
      ],
    );
  });
});

describe("checkInputs: secrets", () => {
  const canary = "canary-secret-4711";
  it("never shows tokenRequest members or endpoint query strings and user info", () => {
    const failures = checkInputs({
      ...OK,
      tokenRequest: { code: 42, clientSecret: { value: canary } },
      endpoint: `https://x.example/?token=${canary}`,
      stsEndpoint: `https://me:${canary}@sts.example`,
    });
    assert.equal(failures.length, 4);
    for (const f of failures) assert.ok(!f.reason.includes(canary), f.reason);
  });
  it("never shows the value of a setting named in secretConnectionSettings", () => {
    const failures = checkInputs({
      ...OK,
      region: "canary region",
      useFipsEndpoint: "canary",
      retry: { maxAttempts: "canary" },
      secretConnectionSettings: ["region", "useFipsEndpoint", "retry"],
    });
    assert.deepEqual(
      failures.map((f) => [f.property, f.reason]),
      [
        ["useFipsEndpoint", "useFipsEndpoint must be true or false, got a string"],
        [
          "retry.maxAttempts",
          "retry.maxAttempts must be an integer from 1 to 100 (attempts in all, the first included), got a string",
        ],
        [
          "region",
          'Invalid Configuration: region (a string of 13 characters) is not a valid region name; use a name such as "us-east-1" (letters, digits and hyphens)',
        ],
      ],
    );
  });
  it("shows nothing of any setting while secretConnectionSettings is unknown", () => {
    const [failure] = checkInputs({ ...OK, useFipsEndpoint: "canary", secretConnectionSettings: UNKNOWN });
    assert.equal(failure?.reason, "useFipsEndpoint must be true or false, got a string");
  });
  it("checks secretConnectionSettings itself", () => {
    assert.deepEqual(
      checkInputs({ ...OK, secretConnectionSettings: ["endpoint", "bogus", 3] }).map((f) => [
        f.property,
        f.reason,
      ]),
      [
        [
          "secretConnectionSettings[1]",
          'secretConnectionSettings[1] must be the name of a connection setting (one of region, endpoint, profile, roleArn, externalId, useFipsEndpoint, useDualstackEndpoint, stsEndpoint, retry, timeoutMs, throttling), got "bogus"',
        ],
        [
          "secretConnectionSettings[2]",
          "secretConnectionSettings[2] must be the name of a connection setting (one of region, endpoint, profile, roleArn, externalId, useFipsEndpoint, useDualstackEndpoint, stsEndpoint, retry, timeoutMs, throttling), got a number",
        ],
      ],
    );
    assert.deepEqual(
      checkInputs({ ...OK, secretConnectionSettings: "endpoint" }).map((f) => f.reason),
      [
        'secretConnectionSettings must be an array of connection-setting names, e.g. ["endpoint"], got a string',
      ],
    );
  });
});
