/**
 * Connection settings: which ones are copied, and how unset ones fall back to the environment and the
 * shared config file, as the AWS SDK for JavaScript does. The environment is passed in; the shared
 * config files are temporary ones named by it.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  pickConnectionSettings,
  resolveConnectionSettings,
  type ConnectionSettings,
} from "../../provider/wickr/connection-settings";

/** An environment with no shared files (only what a test adds). */
const NO_FILES = {
  AWS_CONFIG_FILE: "/nonexistent/aws-config",
  AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
};

describe("pickConnectionSettings", () => {
  it("copies the connection settings that are set, and nothing else", () => {
    const source = {
      networkId: "12345678",
      tokenRequest: { code: "c" },
      secretConnectionSettings: ["endpoint"],
      driftedFields: ["scopes"],
      scopes: "openid",
      region: "eu-west-1",
      endpoint: "https://wickr.example",
      profile: undefined,
      roleArn: "arn:aws:iam::123456789012:role/r",
      externalId: "x",
      useFipsEndpoint: false,
      useDualstackEndpoint: true,
      stsEndpoint: "https://sts.example",
      retry: { maxAttempts: 2 },
      timeoutMs: 1_000,
      throttling: { maxConcurrency: 1 },
    };
    assert.deepEqual(pickConnectionSettings(source), {
      region: "eu-west-1",
      endpoint: "https://wickr.example",
      roleArn: "arn:aws:iam::123456789012:role/r",
      externalId: "x",
      useFipsEndpoint: false,
      useDualstackEndpoint: true,
      stsEndpoint: "https://sts.example",
      retry: { maxAttempts: 2 },
      timeoutMs: 1_000,
      throttling: { maxConcurrency: 1 },
    });
  });

  it("is empty when none is set", () => {
    assert.deepEqual(pickConnectionSettings({ region: undefined }), {});
  });
});

describe("resolveConnectionSettings", () => {
  const resolve = (settings: ConnectionSettings, env: Record<string, string>) =>
    resolveConnectionSettings(settings, { ...NO_FILES, ...env });

  it("region: the setting, else AWS_REGION, else AWS_DEFAULT_REGION (blank counts as unset, trimmed)", async () => {
    const env = { AWS_REGION: "eu-west-1", AWS_DEFAULT_REGION: "eu-central-1" };
    assert.equal((await resolve({ region: "us-west-2" }, env)).region, "us-west-2");
    assert.equal((await resolve({}, env)).region, "eu-west-1");
    assert.equal(
      (await resolve({}, { AWS_REGION: "  ", AWS_DEFAULT_REGION: " eu-central-1 " })).region,
      "eu-central-1",
    );
    assert.equal((await resolve({}, {})).region, undefined);
  });

  it("endpoint: the setting, else AWS_ENDPOINT_URL_WICKR, else AWS_ENDPOINT_URL", async () => {
    const both = { AWS_ENDPOINT_URL_WICKR: "https://wickr.example", AWS_ENDPOINT_URL: "https://all.example" };
    assert.equal(
      (await resolve({ endpoint: "https://given.example" }, both)).endpoint,
      "https://given.example",
    );
    assert.equal((await resolve({}, both)).endpoint, "https://wickr.example");
    assert.equal(
      (await resolve({}, { AWS_ENDPOINT_URL: "https://all.example" })).endpoint,
      "https://all.example",
    );
    assert.equal((await resolve({}, {})).endpoint, undefined);
  });

  it("stsEndpoint: the setting, else AWS_ENDPOINT_URL_STS, else AWS_ENDPOINT_URL", async () => {
    const both = { AWS_ENDPOINT_URL_STS: "https://sts.example", AWS_ENDPOINT_URL: "https://all.example" };
    assert.equal(
      (await resolve({ stsEndpoint: "https://given.example" }, both)).stsEndpoint,
      "https://given.example",
    );
    assert.equal((await resolve({}, both)).stsEndpoint, "https://sts.example");
    assert.equal(
      (await resolve({}, { AWS_ENDPOINT_URL: "https://all.example" })).stsEndpoint,
      "https://all.example",
    );
  });

  it("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true (any case) ignores the endpoint variables, not the settings", async () => {
    const env = {
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "TRUE",
      AWS_ENDPOINT_URL_WICKR: "https://wickr.example",
      AWS_ENDPOINT_URL_STS: "https://sts.example",
      AWS_ENDPOINT_URL: "https://all.example",
    };
    assert.deepEqual(await resolve({ region: "us-east-1" }, env), { region: "us-east-1" });
    assert.deepEqual(await resolve({ region: "us-east-1", endpoint: "https://given.example" }, env), {
      region: "us-east-1",
      endpoint: "https://given.example",
    });
    const notIgnored = { ...env, AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: "false" };
    assert.equal((await resolve({}, notIgnored)).endpoint, "https://wickr.example");
  });

  it("AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT: true only for 'true' (any case); settings win", async () => {
    assert.equal((await resolve({}, { AWS_USE_FIPS_ENDPOINT: "True" })).useFipsEndpoint, true);
    assert.equal((await resolve({}, { AWS_USE_FIPS_ENDPOINT: "false" })).useFipsEndpoint, false);
    assert.equal((await resolve({}, { AWS_USE_FIPS_ENDPOINT: "1" })).useFipsEndpoint, false);
    assert.equal(
      (await resolve({ useFipsEndpoint: false }, { AWS_USE_FIPS_ENDPOINT: "true" })).useFipsEndpoint,
      false,
    );
    assert.equal("useFipsEndpoint" in (await resolve({}, {})), false);
    assert.equal((await resolve({}, { AWS_USE_DUALSTACK_ENDPOINT: "TRUE" })).useDualstackEndpoint, true);
  });

  it("profile: the setting, else AWS_PROFILE", async () => {
    assert.equal((await resolve({ profile: "given" }, { AWS_PROFILE: "env" })).profile, "given");
    assert.equal((await resolve({}, { AWS_PROFILE: "env" })).profile, "env");
  });

  it("keeps the other settings and writes no undefined", async () => {
    const settings = { roleArn: "arn:aws:iam::123456789012:role/r", retry: { maxAttempts: 2 }, timeoutMs: 9 };
    const resolved = await resolve(settings, { AWS_REGION: "eu-west-1" });
    assert.deepEqual(resolved, { ...settings, region: "eu-west-1" });
  });

  describe("the profile's region from the shared config file (AWS_CONFIG_FILE)", () => {
    let dir: string;
    beforeEach(() => {
      // A new directory each time: the SDK caches a file's content by its path.
      dir = mkdtempSync(join(tmpdir(), "wickr-connection-settings-"));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    function configFile(text: string): string {
      const path = join(dir, "config");
      writeFileSync(path, text);
      return path;
    }
    const CONFIG =
      "[default]\nregion = eu-north-1\n\n[profile dev]\nregion = ap-southeast-2\n\n[profile blank]\nregion =\n";

    it("the default profile's region when nothing else gives one", async () => {
      const file = configFile(CONFIG);
      assert.equal((await resolve({}, { AWS_CONFIG_FILE: file })).region, "eu-north-1");
    });

    it("the named profile's, from the setting or AWS_PROFILE", async () => {
      const file = configFile(CONFIG);
      assert.equal((await resolve({ profile: "dev" }, { AWS_CONFIG_FILE: file })).region, "ap-southeast-2");
      assert.equal(
        (await resolve({}, { AWS_CONFIG_FILE: file, AWS_PROFILE: "dev" })).region,
        "ap-southeast-2",
      );
    });

    it("the setting and the environment win over the file", async () => {
      const file = configFile(CONFIG);
      assert.equal((await resolve({ region: "us-west-1" }, { AWS_CONFIG_FILE: file })).region, "us-west-1");
      assert.equal(
        (await resolve({}, { AWS_CONFIG_FILE: file, AWS_REGION: "us-west-2" })).region,
        "us-west-2",
      );
    });

    it("none for an unknown profile, a blank region or a missing file", async () => {
      const file = configFile(CONFIG);
      assert.equal((await resolve({ profile: "nope" }, { AWS_CONFIG_FILE: file })).region, undefined);
      assert.equal((await resolve({ profile: "blank" }, { AWS_CONFIG_FILE: file })).region, undefined);
      assert.equal((await resolve({}, { AWS_CONFIG_FILE: join(dir, "missing") })).region, undefined);
    });

    it("the region of a profile in the shared credentials file (AWS_SHARED_CREDENTIALS_FILE)", async () => {
      const credentials = join(dir, "credentials");
      writeFileSync(credentials, "[ci]\nregion = sa-east-1\n");
      assert.equal(
        (await resolve({ profile: "ci" }, { AWS_SHARED_CREDENTIALS_FILE: credentials })).region,
        "sa-east-1",
      );
    });

    it("reads only the environment it is given, not process.env", async () => {
      const given = configFile(CONFIG);
      const other = join(dir, "other-config");
      writeFileSync(other, "[default]\nregion = me-south-1\n[profile dev]\nregion = me-south-1\n");
      const saved = { ...process.env };
      Object.assign(process.env, { AWS_CONFIG_FILE: other, AWS_PROFILE: "dev", AWS_REGION: "af-south-1" });
      try {
        assert.equal((await resolveConnectionSettings({}, { AWS_CONFIG_FILE: given })).region, "eu-north-1");
      } finally {
        for (const key of ["AWS_CONFIG_FILE", "AWS_PROFILE", "AWS_REGION"]) {
          if (saved[key] === undefined) delete process.env[key];
          else process.env[key] = saved[key];
        }
      }
    });
  });
});
