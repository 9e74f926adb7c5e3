import assert from "node:assert/strict";
import {
  endpointFailures,
  networkIdFailures,
  retryFailures,
  throwOnFailures,
  tokenRequestFailures,
} from "../../provider/validate";

describe("input validation", () => {
  for (const good of ["12345678", "00000001"]) {
    it(`accepts networkId ${good}`, () => assert.deepEqual(networkIdFailures(good), []));
  }
  const bad: [string, unknown, RegExp][] = [
    ["missing", undefined, /networkId is required/],
    ["empty", "", /networkId is required/],
    ["7 digits", "1234567", /exactly 8 digits/],
    ["9 digits", "123456789", /exactly 8 digits/],
    ["letters", "1234abcd", /exactly 8 digits/],
    ["a number, not a string", 12345678, /networkId is required/],
    ["a path", "../../etc", /exactly 8 digits/],
  ];
  for (const [name, value, pattern] of bad) {
    it(`rejects a ${name} networkId, naming the field and the form`, () => {
      const [failure] = networkIdFailures(value);
      assert.equal(failure?.property, "networkId");
      assert.match(failure?.reason ?? "", pattern);
      assert.match(failure?.reason ?? "", /12345678/, "shows an example of the expected form");
    });
  }
  it("does not echo a very long value", () => {
    const [failure] = networkIdFailures("x".repeat(500));
    assert.ok((failure?.reason.length ?? 0) < 200);
  });
  it("rejects non-string token members with their path", () => {
    assert.deepEqual(tokenRequestFailures({ code: 42, clientId: "ok" }, "tokenRequest."), [
      { property: "tokenRequest.code", reason: "tokenRequest.code must be a string when set" },
    ]);
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

describe("endpoint settings validation", () => {
  it("accepts a missing region (it may come from the environment)", () => {
    assert.deepEqual(endpointFailures({}), []);
  });
  it("rejects a custom endpoint with FIPS, naming the field", () => {
    const [failure] = endpointFailures({ endpoint: "https://x.example", useFipsEndpoint: true });
    assert.equal(failure?.property, "endpoint");
    assert.match(failure?.reason ?? "", /FIPS and custom endpoint/);
  });
  it("rejects a malformed region", () => {
    assert.equal(endpointFailures({ region: "not a region" })[0]?.property, "region");
  });
});
