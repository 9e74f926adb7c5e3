import assert from "node:assert/strict";
import {
  connectionSettingsFailures,
  endpointFailures,
  networkIdFailures,
  retryFailures,
  throttlingFailures,
  throwOnFailures,
  tokenRequestFailures,
  tokenRequestInputFailures,
} from "../../provider/wickr/validate";

const TIMER = "2147483647 (Node's timer limit, about 24.8 days)";

describe("input validation", () => {
  for (const good of ["12345678", "00000001"]) {
    it(`accepts networkId ${good}`, () => assert.deepEqual(networkIdFailures(good), []));
  }
  const bad: [string, unknown, string][] = [
    ["missing", undefined, 'networkId is required: the 8-digit Wickr network id, e.g. "12345678"'],
    ["null", null, 'networkId is required: the 8-digit Wickr network id, e.g. "12345678"'],
    ["empty", "", 'networkId is required: the 8-digit Wickr network id, e.g. "12345678"'],
    ["7 digits", "1234567", 'networkId must be exactly 8 digits (e.g. "12345678"), got "1234567"'],
    ["9 digits", "123456789", 'networkId must be exactly 8 digits (e.g. "12345678"), got "123456789"'],
    ["letters", "1234abcd", 'networkId must be exactly 8 digits (e.g. "12345678"), got "1234abcd"'],
    [
      "a number, not a string",
      12345678,
      'networkId must be a string of 8 digits (quote it: "12345678"), got a number',
    ],
    ["a boolean", true, 'networkId must be a string of 8 digits (quote it: "12345678"), got a boolean'],
    ["a path", "../../etc", 'networkId must be exactly 8 digits (e.g. "12345678"), got "../../etc"'],
  ];
  for (const [name, value, reason] of bad) {
    it(`rejects a ${name} networkId, naming the field and the form`, () => {
      assert.deepEqual(networkIdFailures(value), [{ property: "networkId", reason }]);
    });
  }
  it("does not echo a very long value", () => {
    assert.deepEqual(networkIdFailures("x".repeat(500)), [
      {
        property: "networkId",
        reason: 'networkId must be exactly 8 digits (e.g. "12345678"), got a string of 500 characters',
      },
    ]);
  });
  it("rejects non-string token members with their path, naming the type only", () => {
    assert.deepEqual(tokenRequestFailures({ code: 42, clientId: "ok" }, "tokenRequest."), [
      { property: "tokenRequest.code", reason: "tokenRequest.code must be a string, got a number" },
    ]);
  });
  it("judges only token members of a whole request (networkId is not one)", () => {
    assert.deepEqual(tokenRequestFailures({ networkId: "12345678", code: "c" } as never), []);
  });
  it("tokenRequest must be an object of known string members", () => {
    assert.deepEqual(tokenRequestInputFailures(null), [
      {
        property: "tokenRequest",
        reason: 'tokenRequest must be an object, e.g. { clientId: "…", code: "…" }, got null',
      },
    ]);
    assert.deepEqual(
      tokenRequestInputFailures({ ClientID: "x", codeVerifier: null }).map((f) => f.reason),
      [
        "tokenRequest.ClientID is not a known member (did you mean clientId?); known members: clientId, code, grantType, redirectUri, url, clientSecret, codeVerifier, certificate",
        "tokenRequest.codeVerifier must be a string, got null",
      ],
    );
  });
  it("refuses over-long token members, naming the member, the limit and why, never the value", () => {
    const code = "c".repeat(1024 * 1024);
    assert.deepEqual(
      tokenRequestInputFailures({ code, codeVerifier: "v".repeat(129), clientSecret: "s".repeat(1025) }),
      [
        {
          property: "tokenRequest.code",
          reason:
            "tokenRequest.code must be at most 2048 characters (an OAuth authorization code is a few hundred characters at most: about 40 at Okta, 70 at Google, up to about 1,500 at Microsoft Entra ID), got a string of 1048576",
        },
        {
          property: "tokenRequest.clientSecret",
          reason:
            "tokenRequest.clientSecret must be at most 1024 characters (OAuth client secrets are tens of characters, rarely a few hundred), got a string of 1025",
        },
        {
          property: "tokenRequest.codeVerifier",
          reason:
            "tokenRequest.codeVerifier must be at most 128 characters (a PKCE code verifier is 43 to 128 characters (RFC 7636, section 4.1)), got a string of 129",
        },
      ],
    );
    assert.deepEqual(
      tokenRequestInputFailures({ code: "c".repeat(2048), codeVerifier: "v".repeat(128) }),
      [],
    );
    // The client checks the same before any request.
    assert.deepEqual(
      tokenRequestFailures({ code: "c".repeat(2049) }).map((f) => f.property),
      ["code"],
    );
  });
  it("rejects out-of-range retry settings", () => {
    const failures = retryFailures({ maxAttempts: 0, maxDelayMs: -1 }, 0);
    assert.deepEqual(
      failures.map((f) => f.property),
      ["retry.maxAttempts", "retry.maxDelayMs", "timeoutMs"],
    );
  });
  it("throwOnFailures throws InvalidInputError with the field", () => {
    assert.throws(
      () => throwOnFailures(networkIdFailures("1")),
      (e: Error & { field?: string }) => e.name === "InvalidInputError" && e.field === "networkId",
    );
  });
});

describe("retry, timeout and throttling ranges", () => {
  const maxAttempts =
    "retry.maxAttempts must be an integer from 1 to 100 (attempts in all, the first included)";
  const retryCases: [string, unknown, string][] = [
    ["maxAttempts", 0, `${maxAttempts}, got 0`],
    ["maxAttempts", 101, `${maxAttempts}, got 101`],
    ["maxAttempts", 2.5, `${maxAttempts}, got 2.5`],
    ["maxAttempts", "5", `${maxAttempts}, got the string "5"`],
    ["maxAttempts", null, `${maxAttempts}, got null`],
    ["baseDelayMs", -1, `retry.baseDelayMs must be a number of milliseconds from 0 to ${TIMER}, got -1`],
    [
      "throttlingBaseDelayMs",
      2 ** 31,
      `retry.throttlingBaseDelayMs must be a number of milliseconds from 0 to ${TIMER}, got 2147483648`,
    ],
    [
      "maxDelayMs",
      Number.POSITIVE_INFINITY,
      `retry.maxDelayMs must be a number of milliseconds from 0 to ${TIMER}, got Infinity`,
    ],
    [
      "totalBudgetMs",
      2 ** 31,
      `retry.totalBudgetMs must be a number of milliseconds from 0 (no budget) to ${TIMER}, got 2147483648`,
    ],
  ];
  for (const [member, value, reason] of retryCases) {
    it(`retry.${member} = ${String(value)} fails`, () => {
      assert.deepEqual(retryFailures({ [member]: value }, undefined), [
        { property: `retry.${member}`, reason },
      ]);
    });
  }
  it("accepts the limits themselves", () => {
    const limits = { maxAttempts: 100, baseDelayMs: 2147483647, maxDelayMs: 0, totalBudgetMs: 2147483647 };
    assert.deepEqual(retryFailures(limits, 2147483647), []);
    assert.deepEqual(retryFailures({ maxAttempts: 1 }, 1), []);
  });
  it("timeoutMs must be 1 ms to the timer limit", () => {
    const reason = (got: string) =>
      `timeoutMs must be a number of milliseconds from 1 to ${TIMER}, got ${got}`;
    assert.deepEqual(retryFailures(undefined, 0), [{ property: "timeoutMs", reason: reason("0") }]);
    assert.deepEqual(retryFailures(undefined, "30s"), [
      { property: "timeoutMs", reason: reason('the string "30s"') },
    ]);
  });
  it("retry must be an object with known members", () => {
    assert.deepEqual(retryFailures(null, undefined), [
      { property: "retry", reason: "retry must be an object, e.g. { maxAttempts: 5 }, got null" },
    ]);
    assert.deepEqual(retryFailures([3], undefined), [
      { property: "retry", reason: "retry must be an object, e.g. { maxAttempts: 5 }, got an array" },
    ]);
    assert.deepEqual(retryFailures({ max_delay_ms: 5 }, undefined), [
      {
        property: "retry.max_delay_ms",
        reason:
          "retry.max_delay_ms is not a known member (did you mean maxDelayMs?); known members: maxAttempts, baseDelayMs, throttlingBaseDelayMs, maxDelayMs, totalBudgetMs",
      },
    ]);
  });

  const throttlingCases: [string, unknown, string][] = [
    ["maxConcurrency", 0, "throttling.maxConcurrency must be an integer of 1 or more, got 0"],
    ["maxConcurrency", 1.5, "throttling.maxConcurrency must be an integer of 1 or more, got 1.5"],
    [
      "minRatePerSecond",
      0,
      "throttling.minRatePerSecond must be a number of requests per second greater than 0, got 0",
    ],
    ["decreaseFactor", 1, "throttling.decreaseFactor must be a number greater than 0 and less than 1, got 1"],
    ["decreaseFactor", 0, "throttling.decreaseFactor must be a number greater than 0 and less than 1, got 0"],
    [
      "increasePerSecond",
      -0.1,
      "throttling.increasePerSecond must be a number of requests per second of 0 or more, got -0.1",
    ],
    ["coordinate", "false", 'throttling.coordinate must be true or false, got the string "false"'],
    ["coordinate", 0, "throttling.coordinate must be true or false, got 0"],
  ];
  for (const [member, value, reason] of throttlingCases) {
    it(`throttling.${member} = ${JSON.stringify(value)} fails`, () => {
      assert.deepEqual(throttlingFailures({ [member]: value }), [
        { property: `throttling.${member}`, reason },
      ]);
    });
  }
  it("throttling: null is a failure, not a crash", () => {
    assert.deepEqual(throttlingFailures(null), [
      {
        property: "throttling",
        reason: "throttling must be an object, e.g. { maxConcurrency: 4 }, got null",
      },
    ]);
  });
  it("unset throttling and retry are fine", () => {
    assert.deepEqual(throttlingFailures(undefined), []);
    assert.deepEqual(retryFailures(undefined, undefined), []);
  });
});

describe("connection settings validation", () => {
  const arn = "arn:aws:iam::123456789012:role/wickr-oidc-reader";
  const cases: [string, Record<string, unknown>, [string, string][]][] = [
    ["region: 5", { region: 5 }, [["region", 'region must be a string, e.g. "us-east-1", got a number']]],
    [
      'region: ""',
      { region: "" },
      [
        [
          "region",
          `region must not be empty; give a region name such as "us-east-1", or leave region unset to use AWS_REGION or the profile's region`,
        ],
      ],
    ],
    [
      "a malformed region",
      { region: "us east 1" },
      [
        [
          "region",
          'Invalid Configuration: region "us east 1" is not a valid region name; use a name such as "us-east-1" (letters, digits and hyphens)',
        ],
      ],
    ],
    [
      "profile: true",
      { profile: true },
      [
        [
          "profile",
          "profile must be a string, the name of a profile in the shared AWS config files, got a boolean",
        ],
      ],
    ],
    [
      'profile: ""',
      { profile: "" },
      [
        [
          "profile",
          'profile must not be empty; give a profile name, or leave profile unset to use AWS_PROFILE or the "default" profile',
        ],
      ],
    ],
    [
      "a user ARN as roleArn",
      { roleArn: "arn:aws:iam::123456789012:user/alice" },
      [
        [
          "roleArn",
          `roleArn must be an IAM role ARN, arn:<partition>:iam::<12-digit account id>:role/<name>, e.g. "${arn}"`,
        ],
      ],
    ],
    [
      "a short account id in roleArn",
      { roleArn: "arn:aws:iam::1234:role/x" },
      [
        [
          "roleArn",
          `roleArn must be an IAM role ARN, arn:<partition>:iam::<12-digit account id>:role/<name>, e.g. "${arn}"`,
        ],
      ],
    ],
    [
      "a one-character externalId",
      { roleArn: arn, externalId: "x" },
      [
        [
          "externalId",
          "externalId must be a string of 2 to 1224 letters, digits and _+=,.@:/- (the STS limits), got a string of 1 character",
        ],
      ],
    ],
    [
      "an externalId with spaces",
      { roleArn: arn, externalId: "a b" },
      [
        [
          "externalId",
          "externalId must be a string of 2 to 1224 letters, digits and _+=,.@:/- (the STS limits), got a string with other characters",
        ],
      ],
    ],
    [
      "externalId without roleArn",
      { externalId: "ext-id" },
      [["externalId", "externalId is used only when assuming a role: set roleArn too, or remove externalId"]],
    ],
    [
      'useDualstackEndpoint: "true"',
      { useDualstackEndpoint: "true" },
      [["useDualstackEndpoint", 'useDualstackEndpoint must be true or false, got the string "true"']],
    ],
    [
      "endpoint: 443",
      { endpoint: 443 },
      [["endpoint", "endpoint must be a string, a URL such as https://host:port, got a number"]],
    ],
    [
      "stsEndpoint: {}",
      { stsEndpoint: {} },
      [["stsEndpoint", "stsEndpoint must be a string, a URL such as https://host:port, got an object"]],
    ],
  ];
  for (const [name, settings, expected] of cases) {
    it(`${name} fails, naming the field and the fix`, () => {
      assert.deepEqual(
        connectionSettingsFailures(settings).map((f) => [f.property, f.reason]),
        expected,
      );
    });
  }
  it("accepts role ARNs of every partition, with a path", () => {
    for (const roleArn of [
      arn,
      "arn:aws-cn:iam::123456789012:role/x",
      "arn:aws-us-gov:iam::123456789012:role/path/to/x",
      "arn:aws-iso-b:iam::123456789012:role/x",
    ]) {
      assert.deepEqual(connectionSettingsFailures({ roleArn }), [], roleArn);
    }
  });
});

describe("endpoint settings validation", () => {
  it("accepts a missing region (it may come from the environment)", () => {
    assert.deepEqual(endpointFailures({}), []);
  });
  it("rejects a custom endpoint with FIPS, naming the field", () => {
    const [failure] = endpointFailures({ endpoint: "https://x.example", useFipsEndpoint: true });
    assert.equal(failure?.property, "endpoint");
    assert.equal(
      failure?.reason,
      "Invalid Configuration: FIPS and custom endpoint are not supported; turn off useFipsEndpoint (or AWS_USE_FIPS_ENDPOINT), or remove the custom endpoint",
    );
  });
  it("rejects a malformed region", () => {
    assert.equal(endpointFailures({ region: "not a region" })[0]?.property, "region");
  });
  it("names the field from structure, not from the words of the message", () => {
    // An endpoint whose problem mentions no field name of its own, next to a region that is fine.
    assert.deepEqual(
      endpointFailures({ region: "us-east-1", endpoint: "ftp://region.example" }).map((f) => f.property),
      ["endpoint"],
    );
    assert.deepEqual(
      endpointFailures({ stsEndpoint: "http://region.example" }).map((f) => f.property),
      ["stsEndpoint"],
    );
  });
  it("reports every problem, region and both endpoints", () => {
    assert.deepEqual(
      endpointFailures({ region: "bad region", endpoint: "x", stsEndpoint: "y" }).map((f) => f.property),
      ["endpoint", "region", "stsEndpoint"],
    );
  });
});
