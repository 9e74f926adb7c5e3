/**
 * The field descriptions: `FIELD_DOCS` covers exactly the fields of the API types, the connection
 * settings and the resource's outputs; the descriptions of secret fields (and only those) say so; and
 * every property of the public types carries its field's description as its doc comment — as a reader
 * sees it in an editor, so members that reach a type through a mapped type (`Omit`, `Partial`,
 * `ConnectionSettingsArgs`) or `extends` are checked where they arrive, by the TypeScript checker.
 */
import * as assert from "node:assert/strict";
import * as path from "node:path";
import * as ts from "typescript";
import { ALL_OUTPUT_FIELDS } from "../../provider/pulumi/resource-outputs";
import {
  OPENID_CONNECT_INFO_FIELDS,
  TOKEN_INFO_FIELDS,
  TOKEN_REQUEST_FIELDS,
} from "../../provider/wickr/api-types";
import { CONNECTION_SETTING_FIELDS } from "../../provider/wickr/connection-settings";
import { FIELD_DOCS, type FieldDocs } from "../../provider/wickr/field-docs";
import { SECRET_OUTPUT_FIELDS, SENSITIVE_REQUEST_FIELDS } from "../../provider/wickr/sensitive-fields";

const ROOT = path.resolve(__dirname, "..", "..");

type Group = keyof FieldDocs;

/** A property documented outside the table (not an API field, nor a connection setting, nor an output). */
const OWN = "own doc comment";
/** Members that are not API fields: the stored token request and what the resource class adds itself. */
const INTERNAL: readonly string[] = ["tokenRequest", "secretConnectionSettings", "__urn"];
type Source = Group | typeof OWN;

/** The group of the first of `groups` that describes `name`; undefined when none does. */
const firstOf =
  (...groups: Group[]) =>
  (name: string): Source | undefined =>
    groups.find((group) => name in FIELD_DOCS[group]);

/**
 * Every object type of the four files, and where each of its properties (own, inherited or mapped) takes
 * its description from. Written out: a new type or member must be placed here deliberately.
 */
const EXPECTED: Record<string, { file: string; source: (name: string) => Source | undefined }> = {
  OidcTokenRequest: { file: "provider/wickr/api-types.ts", source: () => "request" },
  GetOidcInfoRequest: { file: "provider/wickr/api-types.ts", source: () => "request" },
  OpenidConnectInfo: { file: "provider/wickr/api-types.ts", source: () => "openidConnectInfo" },
  OidcTokenInfo: { file: "provider/wickr/api-types.ts", source: () => "tokenInfo" },
  GetOidcInfoResponse: { file: "provider/wickr/api-types.ts", source: () => "response" },
  ConnectionSettings: { file: "provider/wickr/connection-settings.ts", source: () => "connection" },
  WickrOidcTokenRequestArgs: { file: "provider/pulumi/resource-args.ts", source: () => "request" },
  ConnectionSettingsArgs: { file: "provider/pulumi/resource-args.ts", source: () => "connection" },
  WickrOidcInfoArgs: {
    file: "provider/pulumi/resource-args.ts",
    source: (name) => (name === "networkId" ? "request" : name === "tokenRequest" ? OWN : "connection"),
  },
  WickrOidcInfoInputs: {
    file: "provider/pulumi/resource-args.ts",
    source: (name) => (name === "networkId" ? "request" : INTERNAL.includes(name) ? OWN : "connection"),
  },
  WickrOidcInfoOutputs: {
    file: "provider/pulumi/resource-args.ts",
    source: (name) =>
      INTERNAL.includes(name)
        ? OWN
        : firstOf("resource", "openidConnectInfo", "tokenInfo", "connection")(name),
  },
};

/** The class whose `declare readonly` outputs are checked: their description is the output's. */
const RESOURCE_FILE = "provider/pulumi/resource.ts";
const RESOURCE_CLASS = "WickrOidcInfo";
const outputSource = firstOf("resource", "openidConnectInfo", "tokenInfo");

const FILES = [...new Set([...Object.values(EXPECTED).map((e) => e.file), RESOURCE_FILE])];

const normalise = (text: string) => text.replace(/\s+/g, " ").trim();
const keys = (o: object) => Object.keys(o).sort();
const sorted = (names: readonly string[]) => [...names].sort();

/** Marks the description of a secret field; the test below ties it to `sensitive-fields.ts`. */
const SECRET_MARK = /\bSecret: /;
/** Words that speak of secrecy, which no description of a field that is not secret may use. */
const SECRECY_WORDS = /\b(secrets?|encrypted|sensitive|redacted)\b/i;

let program: ts.Program;
let checker: ts.TypeChecker;

/** One property as an editor shows it: its name and its doc comment ("" when it has none). */
interface DocumentedProperty {
  owner: string;
  name: string;
  doc: string;
}

/** The exported object types of `file`: interfaces, type aliases of object or mapped types, classes. */
function objectTypesOf(file: string): ts.DeclarationStatement[] {
  const source = program.getSourceFile(path.join(ROOT, file));
  assert.ok(source, `${file} is in the program`);
  const exported = (node: ts.Node) =>
    ts.canHaveModifiers(node) &&
    (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return source.statements.filter(
    (s): s is ts.DeclarationStatement =>
      exported(s) &&
      (ts.isInterfaceDeclaration(s) ||
        ts.isClassDeclaration(s) ||
        (ts.isTypeAliasDeclaration(s) && (ts.isTypeLiteralNode(s.type) || ts.isMappedTypeNode(s.type)))),
  );
}

function docOf(symbol: ts.Symbol): string {
  return normalise(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
}

/** Every property of an interface or type alias, own, inherited and mapped alike. */
function propertiesOf(declaration: ts.InterfaceDeclaration | ts.TypeAliasDeclaration): DocumentedProperty[] {
  const type = checker.getTypeAtLocation(declaration.name);
  return checker
    .getPropertiesOfType(type)
    .map((p) => ({ owner: declaration.name.text, name: p.name, doc: docOf(p) }));
}

/** The `declare readonly` properties of the resource class (its outputs), in source order. */
function declaredOutputsOf(declaration: ts.ClassDeclaration): DocumentedProperty[] {
  return declaration.members.filter(ts.isPropertyDeclaration).flatMap((member) => {
    const declared = (ts.getModifiers(member) ?? []).some((m) => m.kind === ts.SyntaxKind.DeclareKeyword);
    const symbol = checker.getSymbolAtLocation(member.name);
    if (!declared || !symbol) return [];
    return [{ owner: declaration.name?.text ?? "(class)", name: symbol.name, doc: docOf(symbol) }];
  });
}

/** What is wrong with one property's doc comment, given the description it must start with. */
function docProblem(property: DocumentedProperty, source: Source | undefined): string | undefined {
  const where = `${property.owner}.${property.name}`;
  if (source === undefined) return `${where}: no description in FIELD_DOCS and not listed as ${OWN}`;
  if (property.doc === "") return `${where}: no doc comment`;
  if (source === OWN) return undefined;
  const description = (FIELD_DOCS[source] as Record<string, string>)[property.name];
  if (description === undefined) return `${where}: FIELD_DOCS.${source} has no ${property.name}`;
  const ok = property.doc === description || property.doc.startsWith(`${description} `);
  return ok
    ? undefined
    : `${where}: doc comment does not start with FIELD_DOCS.${source}.${property.name}\n` +
        `    expected: ${description}\n    actual:   ${property.doc}`;
}

describe("field docs", function () {
  before(function () {
    // Parsing the files with everything they import (@pulumi/pulumi's declarations) takes a second or two.
    this.timeout(60_000);
    const config = ts.getParsedCommandLineOfConfigFile(path.join(ROOT, "tsconfig.json"), undefined, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) =>
        assert.fail(ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    });
    assert.ok(config);
    program = ts.createProgram(
      FILES.map((f) => path.join(ROOT, f)),
      { ...config.options, types: [], noEmit: true },
    );
    checker = program.getTypeChecker();
  });

  describe("the table", () => {
    it("has the six groups", () => {
      assert.deepEqual(keys(FIELD_DOCS), [
        "connection",
        "openidConnectInfo",
        "request",
        "resource",
        "response",
        "tokenInfo",
      ]);
    });

    it("describes exactly the members of the request, the response and its two structures", () => {
      assert.deepEqual(keys(FIELD_DOCS.request), sorted(["networkId", ...TOKEN_REQUEST_FIELDS]));
      assert.deepEqual(keys(FIELD_DOCS.response), ["openidConnectInfo", "tokenInfo"]);
      assert.deepEqual(keys(FIELD_DOCS.openidConnectInfo), keys(OPENID_CONNECT_INFO_FIELDS));
      assert.deepEqual(keys(FIELD_DOCS.tokenInfo), keys(TOKEN_INFO_FIELDS));
    });

    it("describes exactly the connection settings and the outputs the resource adds", () => {
      assert.deepEqual(keys(FIELD_DOCS.connection), sorted(CONNECTION_SETTING_FIELDS));
      const responseFields = [...keys(OPENID_CONNECT_INFO_FIELDS), ...keys(TOKEN_INFO_FIELDS)];
      const added = ALL_OUTPUT_FIELDS.filter((f) => !responseFields.includes(f));
      assert.deepEqual(keys(FIELD_DOCS.resource), sorted(added));
      assert.deepEqual(keys(FIELD_DOCS.resource), ["driftedFields", "networkId", "region"]);
    });

    it("holds plain sentences a schema can carry", () => {
      for (const [group, docs] of Object.entries(FIELD_DOCS)) {
        for (const [name, description] of Object.entries(docs as Record<string, string>)) {
          const where = `FIELD_DOCS.${group}.${name}`;
          assert.equal(description, normalise(description), `${where}: one line, single spaces`);
          assert.match(description, /^[A-Z`].*[.)]$/, `${where}: starts with a capital, ends a sentence`);
          assert.doesNotMatch(description, /<\/?[a-z]+>|\{@/, `${where}: no HTML or TSDoc tags`);
        }
      }
    });

    it("says Secret for exactly the fields sensitive-fields.ts names", () => {
      const secretIn: Record<Group, readonly string[]> = {
        request: SENSITIVE_REQUEST_FIELDS,
        openidConnectInfo: SECRET_OUTPUT_FIELDS,
        tokenInfo: SECRET_OUTPUT_FIELDS,
        response: [],
        resource: [],
        connection: [],
      };
      const problems: string[] = [];
      for (const [group, secret] of Object.entries(secretIn) as [Group, readonly string[]][]) {
        for (const [name, description] of Object.entries(FIELD_DOCS[group] as Record<string, string>)) {
          const where = `FIELD_DOCS.${group}.${name}`;
          if (secret.includes(name)) {
            if (!SECRET_MARK.test(description) || !description.includes("stored encrypted"))
              problems.push(`${where} is secret but does not say "Secret: … stored encrypted …"`);
          } else if (SECRECY_WORDS.test(description)) {
            problems.push(`${where} is not secret but speaks of secrecy: ${description}`);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    it("describes every field the sensitive lists name", () => {
      const outputs = [...keys(FIELD_DOCS.openidConnectInfo), ...keys(FIELD_DOCS.tokenInfo)];
      assert.deepEqual(
        SECRET_OUTPUT_FIELDS.filter((f) => !outputs.includes(f)),
        [],
      );
      assert.deepEqual(
        SENSITIVE_REQUEST_FIELDS.filter((f) => !(f in FIELD_DOCS.request)),
        [],
      );
    });
  });

  describe("the doc comments", () => {
    it("cover every exported object type of the API types, the settings and the resource arguments", () => {
      const found = FILES.filter((f) => f !== RESOURCE_FILE).flatMap((f) =>
        objectTypesOf(f).map((d) => `${f}: ${d.name?.text}`),
      );
      const expected = Object.entries(EXPECTED).map(([name, e]) => `${e.file}: ${name}`);
      assert.deepEqual(found.sort(), expected.sort());
    });

    for (const [owner, { file, source }] of Object.entries(EXPECTED)) {
      it(`${file}: every property of ${owner} carries its description`, () => {
        const declaration = objectTypesOf(file).find((d) => d.name?.text === owner);
        assert.ok(
          declaration && (ts.isInterfaceDeclaration(declaration) || ts.isTypeAliasDeclaration(declaration)),
        );
        const properties = propertiesOf(declaration);
        assert.ok(properties.length > 0, `${owner} has properties`);
        const problems = properties.flatMap((p) => docProblem(p, source(p.name)) ?? []);
        assert.deepEqual(problems, []);
      });
    }

    it(`${RESOURCE_FILE}: every output of ${RESOURCE_CLASS} is declared and carries its description`, () => {
      const declaration = objectTypesOf(RESOURCE_FILE).find((d) => d.name?.text === RESOURCE_CLASS);
      assert.ok(declaration && ts.isClassDeclaration(declaration), `${RESOURCE_CLASS} is exported`);
      const outputs = declaredOutputsOf(declaration);
      assert.deepEqual(sorted(outputs.map((o) => o.name)), sorted(ALL_OUTPUT_FIELDS));
      const problems = outputs.flatMap((o) => docProblem(o, outputSource(o.name)) ?? []);
      assert.deepEqual(problems, [], `${RESOURCE_FILE}: doc comments missing or not the table's`);
    });
  });
});
