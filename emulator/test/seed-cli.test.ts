/** Seed files (validation naming the bad field) and the command-line runner. */
import assert from "node:assert/strict";
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseCliArgs } from "../cli-args";
import { DEMO_NETWORK_ID, DEMO_REGION, SeedError, demoSeed, loadSeed, startEmulator } from "..";
import { assertOk } from "../support/assert-wire";
import { getOidcInfo } from "../support/signed-fetch";

/** The object at a dotted path of a JSON value: the tests break seeds as plain JSON, as a user would. */
function at(json: unknown, path: string): Record<string, unknown> {
  return path
    .split(".")
    .filter(Boolean)
    .reduce((node, key) => (node as Record<string, unknown>)[key], json) as Record<string, unknown>;
}

/** What to break: description, where, how, and the field the error must name. */
const badSeeds: [string, string, (target: Record<string, unknown>) => void, string][] = [
  ["a short networkId", "networks.0", (n) => (n.networkId = "1234"), "networks[0].networkId"],
  [
    "applicationId out of 1-10",
    "networks.0.openidConnectInfo",
    (o) => (o.applicationId = 11),
    "networks[0].openidConnectInfo.applicationId",
  ],
  [
    "a missing issuer",
    "networks.0.openidConnectInfo",
    (o) => delete o.issuer,
    "networks[0].openidConnectInfo.issuer",
  ],
  ["a misspelt member", "networks.0", (n) => (n.openIdConnectInfo = {}), "networks[0].openIdConnectInfo"],
  ["a credential without arn", "credentials.0", (c) => delete c.arn, "credentials[0].arn"],
  ["a bad expiresAt", "credentials.0", (c) => (c.expiresAt = "yesterday"), "credentials[0].expiresAt"],
  ["a non-string allow item", "credentials.0", (c) => (c.allow = ["wickr:*", 7]), "credentials[0].allow[1]"],
  [
    "a code for an unknown network",
    "authorizationCodes.0",
    (c) => (c.networkId = "99999999"),
    "authorizationCodes[0].networkId",
  ],
  [
    "an unknown token member",
    "authorizationCodes.0",
    (c) => (c.tokens = { access: "x" }),
    "authorizationCodes[0].tokens.access",
  ],
  ["networks not an array", "", (s) => (s.networks = {}), "networks"],
  ["a duplicate network", "networks", (list) => (list[1] = list[0]), "networks[1].networkId"],
];

describe("emulator: seeds", () => {
  let dir: string;
  before(() => (dir = mkdtempSync(join(tmpdir(), "wickr-emulator-seed-"))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, content: string): string => {
    const file = join(dir, name);
    writeFileSync(file, content);
    return file;
  };

  it("loads a valid seed file", () => {
    assert.deepEqual(loadSeed(write("demo.json", JSON.stringify(demoSeed()))), demoSeed());
  });

  it("ships seeds/demo.json identical to demoSeed() (for `npm run emulator -- --seed`)", () => {
    assert.deepEqual(loadSeed(join(__dirname, "..", "seeds", "demo.json")), demoSeed());
  });

  for (const [what, where, breakIt, field] of badSeeds) {
    it(`rejects ${what}, naming ${field}`, () => {
      const seed: unknown = demoSeed();
      breakIt(at(seed, where));
      const file = write(`${field}.json`, JSON.stringify(seed));
      assert.throws(
        () => loadSeed(file),
        (error: unknown) =>
          error instanceof SeedError && error.field === field && error.message.includes(field),
      );
    });
  }

  it("rejects a file that is not JSON, naming the file", () => {
    const file = write("broken.json", "{ nope");
    assert.throws(
      () => loadSeed(file),
      (error: unknown) => error instanceof SeedError && error.field === file,
    );
  });

  it("startEmulator validates a seed given in code the same way", async () => {
    const seed = demoSeed();
    seed.networks[0]!.networkId = "x";
    await assert.rejects(
      startEmulator({ seed }),
      (error: unknown) => error instanceof SeedError && error.field === "networks[0].networkId",
    );
  });
});

describe("emulator: command line", () => {
  it("parses its flags and rejects bad ones", () => {
    assert.deepEqual(
      parseCliArgs([
        "--port",
        "8080",
        "--seed",
        "s.json",
        "--rate",
        "2",
        "--burst",
        "3",
        "--retry-after",
        "http-date",
      ]),
      {
        command: "start",
        options: {
          port: 8080,
          host: "127.0.0.1",
          seedFile: "s.json",
          verbose: false,
          faults: [],
          throttle: { ratePerSecond: 2, burst: 3, retryAfter: "http-date" },
        },
      },
    );
    assert.deepEqual(parseCliArgs(["--region", "eu-west-1", "--clock-skew", "-600000"]), {
      command: "start",
      options: {
        port: 0,
        host: "127.0.0.1",
        verbose: false,
        faults: [],
        region: "eu-west-1",
        clockSkewMs: -600000,
      },
    });
    assert.throws(() => parseCliArgs(["--region"]), /--region needs a region/);
    assert.throws(() => parseCliArgs(["--region", "--verbose"]), /--region needs a region/);
    assert.throws(() => parseCliArgs(["--clock-skew", "10m"]), /--clock-skew needs a whole number/);
    assert.throws(() => parseCliArgs(["--clock-skew"]), /--clock-skew needs a whole number/);
    assert.throws(() => parseCliArgs(["--rate", "2"]), /--rate and --burst go together/);
    assert.throws(() => parseCliArgs(["--retry-after", "soon"]), /--retry-after must be one of/);
    assert.throws(() => parseCliArgs(["--port", "-1"]), /--port needs a number/);
    assert.throws(() => parseCliArgs(["--bogus"]), /Unknown argument --bogus/);
  });

  it("starts, prints its URL and the fake credentials, serves a seed file, and exits 0 on SIGTERM", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wickr-emulator-cli-"));
    const seed = demoSeed();
    seed.networks[0]!.openidConnectInfo.companyId = "from-the-seed-file";
    const seedFile = join(dir, "seed.json");
    writeFileSync(seedFile, JSON.stringify(seed));
    const { child, url, rest } = await startCli([
      "--port",
      "0",
      "--seed",
      seedFile,
      "--rate",
      "1",
      "--burst",
      "1",
      "--retry-after",
      "seconds",
    ]);
    try {
      assert.deepEqual(rest, [
        `export AWS_ENDPOINT_URL_WICKR=${url}`,
        `export AWS_ENDPOINT_URL_STS=${url}`,
        "export AWS_ACCESS_KEY_ID=AKIAEMULATORDEMO0001",
        "export AWS_SECRET_ACCESS_KEY=emulator-demo-secret-NOT-REAL",
        "unset AWS_SESSION_TOKEN",
        "export AWS_REGION=us-east-1",
        "unset AWS_PROFILE AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
      ]);
      const response = await getOidcInfo(url, DEMO_NETWORK_ID);
      assertOk(response);
      assert.equal(
        (response.json.openidConnectInfo as Record<string, unknown>).companyId,
        "from-the-seed-file",
      );
      const throttled = await getOidcInfo(url, DEMO_NETWORK_ID);
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get("retry-after"), "1");
      await stopCli(child);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("--region and --clock-skew: prints the region to export, refuses others, dates answers from the skewed clock", async () => {
    const skew = 10 * 60_000;
    const { child, url, rest } = await startCli(["--region", "eu-west-1", "--clock-skew", String(skew)]);
    try {
      assert.ok(rest.includes("export AWS_REGION=eu-west-1"), String(rest));
      // The CLI runs in its own process on the machine's clock: its Date header must fall between this
      // process's clock plus the skew just before the request (to the second) and just after it.
      const before = Date.now() + skew;
      const refused = await getOidcInfo(url, DEMO_NETWORK_ID, { region: "eu-west-1" });
      const after = Date.now() + skew;
      assert.equal(refused.status, 403);
      assert.match(String(refused.json.message), /^Signature expired: /);
      const serverTime = Date.parse(refused.headers.get("date") ?? "");
      assert.ok(
        serverTime >= Math.floor(before / 1000) * 1000 && serverTime <= after,
        `the Date header shows the skew: ${refused.headers.get("date")}`,
      );
      const signingDate = new Date(serverTime);
      assertOk(await getOidcInfo(url, DEMO_NETWORK_ID, { region: "eu-west-1", signingDate }));
      const wrongRegion = await getOidcInfo(url, DEMO_NETWORK_ID, { region: DEMO_REGION, signingDate });
      assert.equal(wrongRegion.json.message, "Credential should be scoped to a valid region. ");
      await stopCli(child);
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });
});

/** Spawn `cli.ts` with `args`; resolves once it printed its URL and the next three lines. */
async function startCli(args: string[]): Promise<{ child: ChildProcess; url: string; rest: unknown[] }> {
  const child = spawn(
    process.execPath,
    ["-r", "ts-node/register/transpile-only", join(__dirname, "..", "cli.ts"), ...args],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  try {
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    const first = String((await lines.next()).value);
    // A comment line, so that the whole output can be eval'ed by a shell.
    const url = /^# Wickr Admin API emulator listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(first)?.[1];
    assert.ok(url, first);
    const rest: unknown[] = [];
    while (rest.at(-1) !== "unset AWS_PROFILE AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
      rest.push((await lines.next()).value);
    return { child, url, rest };
  } catch (error) {
    child.kill("SIGKILL");
    throw error;
  }
}

/** SIGTERM the CLI and assert it exits 0. */
async function stopCli(child: ChildProcess): Promise<void> {
  const exited = once(child, "exit");
  child.kill("SIGTERM");
  const [code, signal] = (await exited) as [number | null, string | null];
  assert.deepEqual({ code, signal }, { code: 0, signal: null });
}
