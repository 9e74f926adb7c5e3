/**
 * `wickr-admin-emulator`'s command line as a user meets it: help, mistakes that name the flag, the
 * shell lines `start` prints, and `show` / `set-oidc` against a running emulator (in process here; the
 * engine test tests/engine/emulator-user-install.test.ts runs the installed bin).
 */
import * as assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseCliArgs, parseFault, usage } from "../cli-args";
import { environmentLines, runCli, type CliIo } from "../cli";
import { DEMO_NETWORK_ID, type Emulator, startEmulator } from "..";
import { getOidcInfo, signedFetch } from "../support/signed-fetch";
import { until } from "../../tests/helpers/event-loop";

/** Runs the CLI in process, collecting what it prints. */
async function cli(argv: string[], env: Record<string, string | undefined> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  let stop: (() => Promise<void>) | undefined;
  const io: CliIo = {
    env,
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    onStop: (s) => (stop = s),
  };
  const code = await runCli(argv, io);
  return { code, stdout: out.join(""), stderr: err.join(""), stop: () => stop?.() };
}

describe("wickr-admin-emulator command line", () => {
  describe("parsing", () => {
    it("start is the default command; flags become options", () => {
      assert.deepEqual(
        parseCliArgs([
          "--port",
          "8459",
          "--region",
          "eu-west-1",
          "--rate",
          "2",
          "--burst",
          "5",
          "--retry-after",
          "seconds",
          "--fault",
          "reset*2@GetOidcInfo",
          "--clock-skew",
          "-600000",
          "--env-out",
          "e.env",
        ]),
        {
          command: "start",
          options: {
            port: 8459,
            host: "127.0.0.1",
            verbose: false,
            region: "eu-west-1",
            throttle: { ratePerSecond: 2, burst: 5, retryAfter: "seconds" },
            faults: [{ fault: { kind: "reset" }, times: 2, operation: "GetOidcInfo" }],
            clockSkewMs: -600000,
            envOut: "e.env",
          },
        },
      );
      assert.deepEqual(parseCliArgs(["start"]), {
        command: "start",
        options: { port: 0, host: "127.0.0.1", verbose: false, faults: [] },
      });
    });

    it("fault specs: every kind, times and operation", () => {
      assert.deepEqual(parseFault("error:503:ServiceUnavailable"), {
        fault: { kind: "error", status: 503, name: "ServiceUnavailable" },
        times: 1,
      });
      assert.deepEqual(parseFault("delay:2500*3"), { fault: { kind: "delay", ms: 2500 }, times: 3 });
      assert.deepEqual(parseFault("malformed@RegisterOidcConfig"), {
        fault: { kind: "malformed" },
        times: 1,
        operation: "RegisterOidcConfig",
      });
      assert.throws(() => parseFault("error:200:Ok"), /--fault error:200:Ok: STATUS must be 300-599/);
      assert.throws(() => parseFault("reset*0"), /TIMES must be 1 or more/);
      assert.throws(() => parseFault("reset@DeleteNetwork"), /OPERATION must be one of GetOidcInfo,/);
      assert.throws(() => parseFault("explode"), /unknown or incomplete KIND explode/);
    });

    it("show and set-oidc", () => {
      assert.deepEqual(parseCliArgs(["show", "--network", "12345678", "--show-secrets"]), {
        command: "show",
        target: {},
        networkId: "12345678",
        showSecrets: true,
      });
      assert.deepEqual(
        parseCliArgs([
          "set-oidc",
          "--network",
          "12345678",
          "--issuer",
          "https://idp.example.com/new",
          "--sso-token-buffer-minutes",
          "7",
          "--endpoint",
          "http://127.0.0.1:8459",
        ]),
        {
          command: "set-oidc",
          target: { endpoint: "http://127.0.0.1:8459" },
          networkId: "12345678",
          changes: { issuer: "https://idp.example.com/new", ssoTokenBufferMinutes: 7 },
        },
      );
    });

    it("help for the whole tool and for each command", () => {
      for (const argv of [["--help"], ["-h"], ["help"]]) {
        assert.deepEqual(parseCliArgs(argv), { command: "help", topic: undefined });
      }
      assert.deepEqual(parseCliArgs(["set-oidc", "--help"]), { command: "help", topic: "set-oidc" });
      assert.deepEqual(parseCliArgs(["help", "show"]), { command: "help", topic: "show" });
      assert.match(usage(), /wickr-admin-emulator set-oidc --network ID/);
      for (const flag of [
        "--port",
        "--host",
        "--region",
        "--seed",
        "--rate",
        "--burst",
        "--fault",
        "--env-out",
      ]) {
        assert.ok(usage("start").includes(flag), `start --help documents ${flag}`);
      }
      for (const flag of ["--issuer", "--scopes", "--company-id", "--secret", "--json", "--endpoint"]) {
        assert.ok(usage("set-oidc").includes(flag), `set-oidc --help documents ${flag}`);
      }
    });
  });

  describe("mistakes exit 2 and name the flag and the fix", () => {
    const cases: [string[], RegExp][] = [
      [
        ["--port", "x"],
        /--port needs a number from 0 to 65535, got x\nSee: wickr-admin-emulator start --help/,
      ],
      [["--rate", "2"], /--rate and --burst go together/],
      [["--bogus"], /Unknown argument --bogus/],
      [
        ["frobnicate"],
        /Unknown command frobnicate: use start, show or set-oidc\nSee: wickr-admin-emulator --help/,
      ],
      [["show"], /--network is required: the 8-digit network id/],
      [["show", "--network", "1234"], /--network needs an 8-digit network id, got "1234"/],
      [["set-oidc", "--network", "12345678"], /nothing to change: give a member flag \(--company-id,/],
      [["set-oidc", "--network", "12345678", "--issuer"], /--issuer needs a value/],
      [
        ["show", "--network", "12345678"],
        /no emulator to talk to: give --endpoint URL or set AWS_ENDPOINT_URL_WICKR/,
      ],
    ];
    for (const [argv, message] of cases) {
      it(argv.join(" "), async () => {
        const result = await cli(argv);
        assert.equal(result.code, 2);
        assert.equal(result.stdout, "");
        assert.match(result.stderr, message);
      });
    }
  });

  it("start's shell lines point every AWS SDK at the emulator and unset what would override it", () => {
    assert.deepEqual(
      environmentLines("http://127.0.0.1:8459", "eu-west-1", {
        accessKeyId: "AKIAEMULATORDEMO0001",
        secretAccessKey: "fake",
        arn: "arn:aws:iam::123456789012:user/u",
        account: "123456789012",
        userId: "AIDA",
      }),
      [
        "export AWS_ENDPOINT_URL_WICKR=http://127.0.0.1:8459",
        "export AWS_ENDPOINT_URL_STS=http://127.0.0.1:8459",
        "export AWS_ACCESS_KEY_ID=AKIAEMULATORDEMO0001",
        "export AWS_SECRET_ACCESS_KEY=fake",
        "unset AWS_SESSION_TOKEN",
        "export AWS_REGION=eu-west-1",
        "unset AWS_PROFILE AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
      ],
    );
  });

  describe("against a running emulator", () => {
    let emulator: Emulator;
    let dir: string;
    let env: Record<string, string>;
    beforeEach(async () => {
      emulator = await startEmulator();
      dir = mkdtempSync(join(tmpdir(), "wickr-cli-"));
      env = { AWS_ENDPOINT_URL_WICKR: emulator.url };
    });
    afterEach(async () => {
      await emulator.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("show prints the network's settings with secrets masked, unless --show-secrets", async () => {
      const masked = await cli(["show", "--network", DEMO_NETWORK_ID], env);
      assert.equal(masked.code, 0, masked.stderr);
      const info = JSON.parse(masked.stdout) as Record<string, unknown>;
      assert.equal(info.issuer, "https://idp.example.com/realms/wickr-demo");
      assert.equal(info.clientSecret, "[REDACTED]");
      assert.equal(info.secret, "[REDACTED]");
      assert.ok(!masked.stdout.includes("NOT-REAL"), "no seed secret in the output");

      const shown = JSON.parse(
        (await cli(["show", "--network", DEMO_NETWORK_ID, "--show-secrets"], env)).stdout,
      );
      assert.equal(shown.clientSecret, "demo-client-secret-NOT-REAL");
      assert.equal(shown.secret, "demo-secret-NOT-REAL");
    });

    it("set-oidc changes only the given members through a signed RegisterOidcConfig", async () => {
      emulator.resetLog();
      const result = await cli(
        [
          "set-oidc",
          "--network",
          DEMO_NETWORK_ID,
          "--issuer",
          "https://idp.example.com/new",
          "--secret",
          "rotated",
        ],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
      assert.equal(emulator.count("RegisterOidcConfig"), 1);
      const after = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
      assert.equal(after?.issuer, "https://idp.example.com/new");
      assert.equal(after?.secret, "rotated");
      assert.equal(after?.companyId, "example-corp", "members not given keep their value");
      assert.equal(after?.scopes, "openid profile email");
      assert.ok(!result.stdout.includes("rotated"), "the answer printed masks the new secret");
    });

    it("set-oidc --json takes members from a file; flags win over it", async () => {
      const file = join(dir, "oidc.json");
      writeFileSync(
        file,
        JSON.stringify({ scopes: "openid email", customUsername: "email", issuer: "https://a" }),
      );
      const result = await cli(
        ["set-oidc", "--network", DEMO_NETWORK_ID, "--json", file, "--issuer", "https://b.example.com"],
        env,
      );
      assert.equal(result.code, 0, result.stderr);
      const after = emulator.network(DEMO_NETWORK_ID)?.openidConnectInfo;
      assert.deepEqual(
        [after?.scopes, after?.customUsername, after?.issuer],
        ["openid email", "email", "https://b.example.com"],
      );
    });

    it("the service's refusal is printed with its error name and exits 1", async () => {
      const result = await cli(["set-oidc", "--network", "87654321", "--issuer", "https://x"], env);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /GetOidcInfo of network 87654321 failed with HTTP 404 ResourceNotFoundError/,
      );
      const wrongRegion = await cli(["show", "--network", DEMO_NETWORK_ID, "--region", "eu-west-1"], env);
      assert.equal(wrongRegion.code, 1);
      assert.match(
        wrongRegion.stderr,
        /HTTP 403 InvalidSignatureException: Credential should be scoped to a valid region/,
      );
    });

    it("a stopped emulator is reported with its address", async () => {
      const url = emulator.url;
      await emulator.close();
      const result = await cli(["show", "--network", DEMO_NETWORK_ID, "--endpoint", url]);
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /could not reach the emulator at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/,
      );
    });
  });

  it("start --env-out writes the shell lines once listening, and the lines work", async () => {
    const dir = mkdtempSync(join(tmpdir(), "wickr-cli-"));
    const envOut = join(dir, "emulator.env");
    const printed = await cli(["start", "--port", "0", "--env-out", envOut]);
    try {
      assert.equal(printed.code, 0, printed.stderr);
      const [banner, ...lines] = printed.stdout.trimEnd().split("\n");
      assert.match(
        String(banner),
        /^# Wickr Admin API emulator listening on http:\/\/127\.0\.0\.1:\d+ \(region us-east-1;/,
      );
      assert.deepEqual(readFileSync(envOut, "utf8").trimEnd().split("\n"), lines);
      const env = Object.fromEntries(
        lines
          .filter((l) => l.startsWith("export "))
          .map((l) => l.slice("export ".length).split("=", 2) as [string, string]),
      );
      const shown = await cli(["show", "--network", DEMO_NETWORK_ID], env);
      assert.equal(shown.code, 0, shown.stderr);
    } finally {
      await printed.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** `start --verbose` on a free port: its URL, what it printed on stderr, and how to stop it. */
  const startVerbose = async () => {
    const out: string[] = [];
    const err: string[] = [];
    let stop: (() => Promise<void>) | undefined;
    const io: CliIo = {
      env: {},
      stdout: (t) => out.push(t),
      stderr: (t) => err.push(t),
      onStop: (s) => (stop = s),
    };
    assert.equal(await runCli(["start", "--port", "0", "--verbose"], io), 0, err.join(""));
    const url = /listening on (http:\/\/\S+)/.exec(out.join(""))?.[1] ?? "";
    return { url, err, stop: () => stop?.() };
  };

  it("start --verbose prints each request's log entry, with its user agent, on stderr", async () => {
    const { url, err, stop } = await startVerbose();
    try {
      const agent = "example-client/1.2.3 ua/2.1 lang/js";
      const answer = await getOidcInfo(url, DEMO_NETWORK_ID, { headers: { "user-agent": agent } });
      assert.equal(answer.status, 200, answer.text);
      await until(() => err.join("").includes("\n"));
      const [line, ...rest] = err.join("").trimEnd().split("\n");
      assert.deepEqual(rest, [], "one line per request");
      const entry = JSON.parse(String(line)) as Record<string, unknown>;
      // Known on arrival (the status may still be 0 if the line was printed while the request was in flight).
      assert.equal(entry["operation"], "GetOidcInfo");
      assert.equal(entry["userAgent"], agent);
    } finally {
      await stop();
    }
  });

  it("start --verbose prints no role ARN or external id (a program may hold them as secrets)", async () => {
    const { url, err, stop } = await startVerbose();
    const roleArn = "arn:aws:iam::123456789012:role/canary-role-9f8e7d";
    const externalId = "canary-external-id-6c5b4a";
    try {
      const body = new URLSearchParams({
        Action: "AssumeRole",
        Version: "2011-06-15",
        RoleArn: roleArn,
        RoleSessionName: "verbose-test",
        ExternalId: externalId,
      }).toString();
      const answer = await signedFetch(url, {
        method: "POST",
        path: "/",
        service: "sts",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded" },
      });
      assert.equal(answer.status, 403, "the role is not in the seed: refused, and logged all the same");
      await until(() => err.join("").includes("\n"));
      const printed = err.join("");
      assert.match(printed, /"operation":"AssumeRole"/);
      assert.match(
        printed,
        /"RoleArn":"\[REDACTED\]","RoleSessionName":"verbose-test","ExternalId":"\[REDACTED\]"/,
      );
      assert.ok(!printed.includes(roleArn) && !printed.includes(externalId), printed);
    } finally {
      await stop();
    }
  });
});
