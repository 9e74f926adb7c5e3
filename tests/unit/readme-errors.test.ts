import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import * as api from "../../provider";

/** The README's Errors section, which users read to catch errors by name. */
function errorsSection(): string {
  const readme = readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const start = readme.indexOf("\n## Errors");
  assert.ok(start >= 0, "README has an Errors section");
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end < 0 ? undefined : end);
}

describe("README Errors section", () => {
  const named = [
    ...new Set([...errorsSection().matchAll(/`([A-Z][A-Za-z]*Error)`/g)].map((m) => m[1] ?? "")),
  ];

  it("names the local error classes users can catch", () => {
    for (const name of [
      "InvalidInputError",
      "ConfigurationError",
      "CredentialsError",
      "RequestTimeoutError",
      "NetworkError",
      "MalformedResponseError",
      "BudgetExceededError",
      "CodeMayBeUsedError",
      "RequestAbortedError",
    ]) {
      assert.ok(named.includes(name), `the Errors section names ${name}`);
    }
  });

  it("names only classes the package exports, and each local error's name is its class name", () => {
    const exported = api as unknown as Record<string, unknown>;
    for (const name of named) {
      const Class = exported[name];
      assert.equal(typeof Class, "function", `${name} is exported from the package`);
    }
    const local: [new (message: string) => Error, string][] = [
      [api.ConfigurationError, "ConfigurationError"],
      [api.CredentialsError, "CredentialsError"],
      [api.RequestTimeoutError, "RequestTimeoutError"],
      [api.NetworkError, "NetworkError"],
      [api.MalformedResponseError, "MalformedResponseError"],
      [api.BudgetExceededError, "BudgetExceededError"],
      [api.CodeMayBeUsedError, "CodeMayBeUsedError"],
      [api.RequestAbortedError, "RequestAbortedError"],
    ];
    for (const [Class, name] of local) assert.equal(new Class("x").name, name);
  });
});
