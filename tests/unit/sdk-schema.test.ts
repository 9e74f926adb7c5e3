/**
 * The checked-in schema and SDKs (sdk/) belong to this version of the field table and package: the
 * fast half of tests/engine/sdks.test.ts, with no Go and no CLI. When one fails, run
 * `npm run gen:sdks` (scripts/gen-sdks/run.sh) and commit sdk/.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { buildSchema } from "../../provider/plugin/schema";
import { packageVersion, schemaText } from "../../scripts/gen-sdks/schema";

const ROOT = path.resolve(__dirname, "..", "..");
const SDK = path.join(ROOT, "sdk");
const REGENERATE = "run `npm run gen:sdks` (bash scripts/gen-sdks/run.sh) and commit sdk/";

const read = (...parts: string[]): string => readFileSync(path.join(SDK, ...parts), "utf8");

describe("sdk/ (generated schema and SDKs)", () => {
  it("sdk/schema.json is provider/plugin/schema.ts's schema for package.json's version, byte for byte", () => {
    const version = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
      .version;
    assert.equal(packageVersion(), version);
    assert.equal(schemaText(), `${JSON.stringify(buildSchema(version), null, 2)}\n`);
    assert.ok(
      read("schema.json") === schemaText(),
      `sdk/schema.json is not the schema that provider/plugin/schema.ts builds: ${REGENERATE}`,
    );
  });

  it("each SDK names the plugin wickr-oidc at package.json's version", () => {
    const expected = { resource: true, name: "wickr-oidc", version: packageVersion() };
    for (const file of [
      ["go", "wickroidc", "pulumi-plugin.json"],
      ["python", "pulumi_wickr_oidc", "pulumi-plugin.json"],
      ["dotnet", "pulumi-plugin.json"],
      ["java", "src", "main", "resources", "com", "pulumi", "wickr-oidc", "plugin.json"],
    ]) {
      assert.deepEqual(JSON.parse(read(...file)), expected, `sdk/${file.join("/")}: ${REGENERATE}`);
    }
    assert.match(read("python", "pyproject.toml"), new RegExp(`^ *version = "${packageVersion()}"$`, "m"));
    assert.equal(read("dotnet", "version.txt"), packageVersion());
    assert.match(
      read("dotnet", "Pulumi.WickrOidc.csproj"),
      new RegExp(`<Version>${packageVersion()}</Version>`),
    );
    assert.equal(
      read("java", "src", "main", "resources", "com", "pulumi", "wickr-oidc", "version.txt"),
      packageVersion(),
    );
    assert.match(
      read("java", "pom.xml"),
      new RegExp(`<artifactId>wickr-oidc</artifactId>\\s*<version>${packageVersion()}</version>`),
    );
  });

  it("the .NET SDK targets a .NET in support (net8.0), not the generator's net6.0", () => {
    const csproj = read("dotnet", "Pulumi.WickrOidc.csproj");
    assert.match(csproj, /<TargetFramework>net8\.0<\/TargetFramework>/);
    assert.doesNotMatch(csproj, /net6\.0/);
  });

  it("the Go SDK is a module at the schema's import path, on the Pulumi Go SDK the CLI matches", () => {
    const schema = JSON.parse(read("schema.json")) as { language: { go: { importBasePath: string } } };
    const importBasePath = schema.language.go.importBasePath;
    assert.equal(importBasePath, "github.com/pulumi-wickr-oidc/pulumi-wickr-oidc/sdk/go/wickroidc");
    const goMod = read("go", "go.mod");
    assert.match(goMod, /^module github\.com\/pulumi-wickr-oidc\/pulumi-wickr-oidc\/sdk\/go$/m);
    // The generated code's own imports name the same path.
    assert.match(read("go", "wickroidc", "wickrOidcInfo.go"), new RegExp(`"${importBasePath}/internal"`));
    const generatorGoMod = readFileSync(path.join(ROOT, "scripts", "gen-sdks", "go.mod"), "utf8");
    // The generators are those of the Pulumi version package.json pins (3.248.0), and the Go SDK requires
    // that version of the Pulumi Go SDK (a CI leg with a newer CLI runs the same SDKs).
    assert.match(generatorGoMod, /^\tgithub\.com\/pulumi\/pulumi\/pkg\/v3 v3\.248\.0$/m);
    assert.match(generatorGoMod, /^\tgithub\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0( \/\/ indirect)?$/m);
    assert.match(goMod, /^require github\.com\/pulumi\/pulumi\/sdk\/v3 v3\.248\.0$/m);
  });
});
