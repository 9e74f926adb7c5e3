import assert from "node:assert/strict";
import {
  checkEndpointUrl,
  endpointProblems,
  endpointUrlProblem,
  isLoopbackHost,
  resolveEndpoint,
} from "../../provider/wickr/endpoint";

describe("resolveEndpoint", () => {
  // Vectors from the service's Smithy model (the `com.amazonaws.wickr` endpoint rule set tests).
  const vectors: [string, Parameters<typeof resolveEndpoint>[0], string][] = [
    ["standard", { region: "us-east-1" }, "https://admin.wickr.us-east-1.amazonaws.com"],
    [
      "FIPS",
      { region: "us-east-1", useFipsEndpoint: true },
      "https://admin.wickr-fips.us-east-1.amazonaws.com",
    ],
    [
      "dual-stack",
      { region: "us-east-1", useDualstackEndpoint: true },
      "https://admin.wickr.us-east-1.api.aws",
    ],
    [
      "FIPS + dual-stack",
      { region: "us-east-1", useFipsEndpoint: true, useDualstackEndpoint: true },
      "https://admin.wickr-fips.us-east-1.api.aws",
    ],
    ["China", { region: "cn-north-1" }, "https://admin.wickr.cn-north-1.amazonaws.com.cn"],
    [
      "China dual-stack",
      { region: "cn-north-1", useDualstackEndpoint: true },
      "https://admin.wickr.cn-north-1.api.amazonwebservices.com.cn",
    ],
    ["GovCloud", { region: "us-gov-west-1" }, "https://admin.wickr.us-gov-west-1.amazonaws.com"],
    ["ISO", { region: "us-iso-east-1" }, "https://admin.wickr.us-iso-east-1.c2s.ic.gov"],
    ["ISO-B", { region: "us-isob-east-1" }, "https://admin.wickr.us-isob-east-1.sc2s.sgov.gov"],
    ["EUSC", { region: "eusc-de-east-1" }, "https://admin.wickr.eusc-de-east-1.amazonaws.eu"],
    [
      "unknown region falls back to aws",
      { region: "xx-mars-1" },
      "https://admin.wickr.xx-mars-1.amazonaws.com",
    ],
    [
      "custom endpoint as given",
      { region: "us-east-1", endpoint: "http://127.0.0.1:4566/" },
      "http://127.0.0.1:4566",
    ],
    [
      "custom endpoint keeps its path",
      { region: "eu-west-1", endpoint: "https://proxy.example/wickr" },
      "https://proxy.example/wickr",
    ],
  ];
  for (const [name, settings, url] of vectors) {
    it(`${name} → ${url}`, () => {
      const resolved = resolveEndpoint(settings);
      assert.equal(resolved.url, url);
      assert.equal(resolved.signingRegion, settings.region);
    });
  }

  const failures: [string, Parameters<typeof resolveEndpoint>[0], RegExp][] = [
    ["no region and no endpoint", {}, /Missing Region/],
    [
      "custom endpoint with FIPS",
      { region: "us-east-1", endpoint: "https://x.example", useFipsEndpoint: true },
      /FIPS and custom endpoint/,
    ],
    [
      "custom endpoint with dual-stack",
      { region: "us-east-1", endpoint: "https://x.example", useDualstackEndpoint: true },
      /Dualstack and custom endpoint/,
    ],
    ["invalid region", { region: "us east 1" }, /not a valid region/],
    ["endpoint that is not a URL", { region: "us-east-1", endpoint: "not a url" }, /endpoint is not a URL/],
    [
      "plain http to the instance metadata address",
      { region: "us-east-1", endpoint: "http://169.254.169.254/" },
      /endpoint uses plain http:\/\/ to a non-loopback host; use https:\/\//,
    ],
    [
      "endpoint with user info",
      { region: "us-east-1", endpoint: "https://user:pass@x.example" },
      /endpoint must not contain user info/,
    ],
    [
      "endpoint with a query string",
      { region: "us-east-1", endpoint: "https://x.example/?token=abc" },
      /query string/,
    ],
  ];
  for (const [name, settings, pattern] of failures) {
    it(`${name} is a ConfigurationError`, () => {
      assert.throws(
        () => resolveEndpoint(settings),
        (e: Error) => e.name === "ConfigurationError" && pattern.test(e.message),
      );
    });
  }

  it("never echoes a query string from a bad endpoint", () => {
    assert.throws(
      () =>
        resolveEndpoint({
          region: "us-east-1",
          endpoint: "https://x.example/?secret=canary-endpoint-secret",
        }),
      (e: Error) => !e.message.includes("canary-endpoint-secret"),
    );
  });
});

describe("custom endpoint rules (endpoint and stsEndpoint)", () => {
  const REFUSED_HTTP =
    "uses plain http:// to a non-loopback host; use https:// (plain http is allowed only for localhost/127.0.0.1/[::1], e.g. a local emulator)";
  const accepted: [string, string][] = [
    ["https://x.example", "https://x.example"],
    ["https://x.example:8443/base/", "https://x.example:8443/base"],
    ["http://localhost:4566", "http://localhost:4566"],
    ["http://LOCALHOST:4566/", "http://localhost:4566"],
    ["http://127.0.0.1:9", "http://127.0.0.1:9"],
    ["http://127.8.9.10", "http://127.8.9.10"],
    ["http://[::1]:8080", "http://[::1]:8080"],
    ["http://[0:0:0:0:0:0:0:1]", "http://[::1]"],
  ];
  for (const [value, base] of accepted) {
    it(`accepts ${value} as ${base}`, () => {
      assert.equal(endpointUrlProblem(value, "stsEndpoint"), undefined);
      assert.equal(checkEndpointUrl(value, "stsEndpoint"), base);
    });
  }

  const refused: [string, string, string][] = [
    ["plain http to the metadata address", "http://169.254.169.254/", REFUSED_HTTP],
    ["plain http to a private address", "http://10.0.0.1:4566", REFUSED_HTTP],
    ["plain http to a name", "http://sts.amazonaws.com", REFUSED_HTTP],
    ["plain http to a subdomain of localhost", "http://emulator.localhost:4566", REFUSED_HTTP],
    ["plain http to a name that starts like localhost", "http://localhost.example.com", REFUSED_HTTP],
    ["plain http to 0.0.0.0", "http://0.0.0.0:4566", REFUSED_HTTP],
    ["plain http to an IPv4-mapped loopback", "http://[::ffff:127.0.0.1]", REFUSED_HTTP],
    ["not a URL", "sts.example.com", "is not a URL; expected e.g. https://host:port"],
    ["empty", "", "is not a URL; expected e.g. https://host:port"],
    [
      "another scheme",
      "ftp://x.example",
      "must be an https:// URL (http:// only for a loopback host); expected e.g. https://host:port",
    ],
    [
      "user and password",
      "https://user:pass@x.example",
      "must not contain user info (user:password@); AWS credentials come from the credential chain, never from the URL",
    ],
    [
      "an empty user info",
      "https://@x.example",
      "must not contain user info (user:password@); AWS credentials come from the credential chain, never from the URL",
    ],
    [
      "a query string",
      "https://x.example/?a=b",
      "must not contain a query string or fragment; give only scheme, host, port and path",
    ],
    [
      "an empty query string",
      "https://x.example/?",
      "must not contain a query string or fragment; give only scheme, host, port and path",
    ],
    [
      "a fragment",
      "https://x.example/#top",
      "must not contain a query string or fragment; give only scheme, host, port and path",
    ],
    [
      "1025 characters",
      `https://x.example/${"a".repeat(1025 - 18)}`,
      "is 1025 characters long; the limit is 1024 (give only scheme, host, port and path)",
    ],
  ];
  for (const [name, value, reason] of refused) {
    it(`refuses ${name}, naming the field`, () => {
      assert.equal(endpointUrlProblem(value, "stsEndpoint"), `Invalid Configuration: stsEndpoint ${reason}`);
      assert.throws(
        () => checkEndpointUrl(value, "stsEndpoint"),
        (e: Error) =>
          e.name === "ConfigurationError" && e.message === `Invalid Configuration: stsEndpoint ${reason}`,
      );
    });
  }
  it("accepts exactly 1024 characters", () => {
    assert.equal(endpointUrlProblem(`https://x.example/${"a".repeat(1024 - 18)}`, "endpoint"), undefined);
  });
  it("never echoes user info, a query string or a fragment", () => {
    for (const value of [
      "https://canary-user:canary-pass@x.example",
      "https://x.example/?canary-query",
      "https://x.example/#canary-fragment",
      "http://canary-host.example",
      "canary not a url",
    ]) {
      assert.ok(!endpointUrlProblem(value, "endpoint")?.includes("canary"), value);
    }
  });

  const loopback: [string, boolean][] = [
    ["localhost", true],
    ["127.0.0.1", true],
    ["127.255.255.254", true],
    ["[::1]", true],
    ["a.localhost", false],
    ["localhost.example.com", false],
    ["128.0.0.1", false],
    ["0.0.0.0", false],
    ["[::ffff:7f00:1]", false],
    ["169.254.169.254", false],
  ];
  for (const [host, expected] of loopback) {
    it(`isLoopbackHost(${host}) is ${expected}`, () => assert.equal(isLoopbackHost(host), expected));
  }
});

describe("endpointProblems: the setting to change", () => {
  const cases: [string, Parameters<typeof endpointProblems>[0], string[]][] = [
    ["nothing set", {}, []],
    [
      "custom endpoint with FIPS and dual-stack",
      { endpoint: "https://x.example", useFipsEndpoint: true, useDualstackEndpoint: true },
      ["endpoint", "endpoint"],
    ],
    ["plain-http endpoint", { endpoint: "http://x.example" }, ["endpoint"]],
    ["malformed region", { region: "us_east_1" }, ["region"]],
    ["malformed region and endpoint", { region: "a b", endpoint: "nope" }, ["endpoint", "region"]],
  ];
  for (const [name, settings, fields] of cases) {
    it(`${name} → ${fields.join(", ") || "none"}`, () => {
      assert.deepEqual(
        endpointProblems(settings).map((p) => p.field),
        fields,
      );
    });
  }
  it("hides a malformed region when asked (it came from a secret)", () => {
    assert.deepEqual(endpointProblems({ region: "canary region" }, false), [
      {
        field: "region",
        message:
          'Invalid Configuration: region (a string of 13 characters) is not a valid region name; use a name such as "us-east-1" (letters, digits and hyphens)',
      },
    ]);
  });
});
