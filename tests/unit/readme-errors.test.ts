/**
 * The README's reference sections agree with the package: the error classes it (and every document
 * under docs/) names are exported, with the `name` it promises, and its Errors section names every one;
 * its Inputs and Outputs tables list exactly the resource's arguments and outputs, the secret ones
 * marked as such.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as path from "node:path";
import * as api from "../../provider";
import { FIELD_DOCS } from "../../provider/wickr/field-docs";
import { WICKR_OIDC_INFO_ARGUMENTS } from "../../provider/pulumi/check-inputs";

const ROOT = path.join(__dirname, "..", "..");
const read = (file: string): string => readFileSync(path.join(ROOT, file), "utf8");
const README = read("README.md");
const DOCS = readdirSync(path.join(ROOT, "docs"), { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".md"))
  .map((f) => path.join("docs", f));

/** A `## ` section of the README, up to the next one. */
function section(heading: string): string {
  const start = README.indexOf(`\n## ${heading}\n`);
  assert.ok(start >= 0, `README has a "## ${heading}" section`);
  const end = README.indexOf("\n## ", start + 1);
  return README.slice(start, end < 0 ? undefined : end);
}

/** Every name written as code that looks like an error class: `SomethingError`. */
function errorNamesIn(text: string): string[] {
  return [...new Set([...text.matchAll(/`([A-Z][A-Za-z]*Error)\b/g)].map((m) => m[1] ?? ""))];
}

/** The rows of the first Markdown table in `text`: the code names of the first cell, and the other cells. */
function tableRows(text: string): { names: string[]; cells: string[] }[] {
  const lines = text.split("\n");
  const first = lines.findIndex((line) => line.startsWith("|"));
  const rows: { names: string[]; cells: string[] }[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith("|")) break;
    const [name = "", ...cells] = line.split("|").slice(1, -1);
    rows.push({ names: [...name.matchAll(/`([A-Za-z.]+)`/g)].map((m) => m[1] ?? ""), cells });
  }
  return rows;
}

/** Every error class the package exports, by export name. */
const ERROR_CLASSES = Object.entries(api as unknown as Record<string, unknown>).filter(
  (entry): entry is [string, abstract new (...args: never[]) => Error] => {
    const value = entry[1];
    return (
      typeof value === "function" &&
      // Not `instanceof`: the classes' own `instanceof` recognises branded instances, not prototypes.
      (value === api.WickrError ||
        Object.prototype.isPrototypeOf.call(
          api.WickrError.prototype,
          (value as { prototype: object }).prototype,
        ))
    );
  },
);
/** Errors of JavaScript itself, which a document may name. */
const BUILT_IN = ["Error", "TypeError", "RangeError", "SyntaxError", "AbortError"];

describe("README Errors section", () => {
  it("names every error class the package exports", () => {
    assert.ok(ERROR_CLASSES.length >= 18, ERROR_CLASSES.map(([name]) => name).join(", "));
    const named = errorNamesIn(section("Errors"));
    for (const [name] of ERROR_CLASSES) assert.ok(named.includes(name), `the Errors section names ${name}`);
  });

  for (const file of ["README.md", ...DOCS]) {
    it(`${file} names only error classes the package exports`, () => {
      const exported = new Set(ERROR_CLASSES.map(([name]) => name));
      const unknown = errorNamesIn(read(file)).filter(
        (name) => !exported.has(name) && !BUILT_IN.includes(name),
      );
      assert.deepEqual(unknown, []);
    });
  }

  it("each class's name is its class name; WickrServiceError's is the service's error name", () => {
    const status = { statusCode: 400 };
    const made: [Error, string][] = [
      [new api.WickrError("m"), "WickrError"],
      [
        new api.WickrServiceError("InvalidSignatureException", "m", { statusCode: 403 }),
        "InvalidSignatureException",
      ],
      [new api.BadRequestError("m", status), "BadRequestError"],
      [new api.UnauthorizedError("m", status), "UnauthorizedError"],
      [new api.ForbiddenError("m", status), "ForbiddenError"],
      [new api.ResourceNotFoundError("m", status), "ResourceNotFoundError"],
      [new api.ValidationError("m", status), "ValidationError"],
      [new api.RateLimitError("m", status), "RateLimitError"],
      [new api.InternalServerError("m", status), "InternalServerError"],
      [new api.InvalidInputError("networkId", "m"), "InvalidInputError"],
      [new api.ConfigurationError("m"), "ConfigurationError"],
      [new api.CredentialsError("m"), "CredentialsError"],
      [new api.RequestTimeoutError("m"), "RequestTimeoutError"],
      [new api.NetworkError("m"), "NetworkError"],
      [new api.MalformedResponseError("m"), "MalformedResponseError"],
      [new api.BudgetExceededError("m"), "BudgetExceededError"],
      [new api.CodeMayBeUsedError("m"), "CodeMayBeUsedError"],
      [new api.RequestAbortedError("m"), "RequestAbortedError"],
    ];
    assert.deepEqual(
      made.map(([error]) => error.constructor.name).sort(),
      ERROR_CLASSES.map(([name]) => name).sort(),
      "every exported class is constructed here",
    );
    for (const [error, name] of made) {
      assert.equal(error.name, name);
      assert.ok(api.isWickrError(error) && error instanceof api.WickrError, `${name} is a WickrError`);
    }
  });
});

describe("README Inputs and Outputs tables", () => {
  it("the Inputs table lists every argument of WickrOidcInfo, and nothing else", () => {
    const inputs = tableRows(section("Configuration").slice(section("Configuration").indexOf("### Inputs")));
    assert.deepEqual(inputs.flatMap((row) => row.names).sort(), [...WICKR_OIDC_INFO_ARGUMENTS].sort());
  });

  it("the Outputs table lists every output (FIELD_DOCS), marking exactly the secret ones", () => {
    const rows = tableRows(section("Outputs"));
    const outputs = [
      ...Object.keys(FIELD_DOCS.openidConnectInfo),
      ...Object.keys(FIELD_DOCS.tokenInfo),
      ...Object.keys(FIELD_DOCS.resource),
    ];
    assert.deepEqual(rows.flatMap((row) => row.names).sort(), outputs.sort());
    const secret = rows.filter((row) => row.cells[0]?.includes("**yes**")).flatMap((row) => row.names);
    assert.deepEqual(secret.sort(), [...api.SECRET_OUTPUT_FIELDS].sort());
    // And the field docs say "Secret" for exactly those.
    const documentedSecret = Object.entries({ ...FIELD_DOCS.openidConnectInfo, ...FIELD_DOCS.tokenInfo })
      .filter(([, doc]) => doc.includes("Secret:"))
      .map(([name]) => name);
    assert.deepEqual(documentedSecret.sort(), secret.sort());
  });
});
