import assert from "node:assert/strict";
import { resolveEndpoint } from "../../provider/endpoint";

describe("resolveEndpoint", () => {
  // Vectors from the service's Smithy model (see shared design wickr-api.md).
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
