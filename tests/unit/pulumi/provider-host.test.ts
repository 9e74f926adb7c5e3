/**
 * The provider host's check / diff / create / update / read / remove, called the way the engine calls
 * them, against the emulator: no Pulumi CLI. Each test starts from a clean process state.
 */
import assert from "node:assert/strict";
import { unknownValue } from "@pulumi/pulumi/runtime";
import type { WickrOidcInfoOutputs } from "../../../provider/pulumi/resource-args";
import { clearSharedClients } from "../../../provider/wickr/shared-clients";
import { failure } from "../../helpers/failure";
import { NETWORK_ID, REGION, SEEDED, codeRequest, tokensFor, useHostFixture } from "./host-fixture";

const driftLine = (fields: string) =>
  `WickrOidcInfo: the OIDC settings of Wickr network ${NETWORK_ID} changed outside Pulumi: ${fields}`;

/** The values a drift line must never show. */
const ROTATED_SECRET = "rotated-client-secret-NOT-REAL";

describe("provider host: check", () => {
  const f = useHostFixture();

  it("passes valid inputs through with no failure and no API call", async () => {
    const inputs = { networkId: NETWORK_ID, region: "eu-west-1", tokenRequest: { code: "c" } };
    assert.deepEqual(await f.host.check({}, inputs), { inputs, failures: [] });
    assert.equal(f.calls(), 0);
  });

  it("reports each bad argument by name, before any API call", async () => {
    const result = await f.host.check({}, { networkId: "1234", region: 5, bogus: true });
    assert.deepEqual(
      result.failures?.map((x) => x.property),
      ["bogus", "networkId", "region"],
    );
    assert.equal(f.calls(), 0);
  });

  it("does not judge values unknown at preview", async () => {
    const inputs = { networkId: unknownValue, tokenRequest: { code: unknownValue }, region: unknownValue };
    assert.deepEqual((await f.host.check({}, inputs)).failures, []);
  });

  it("a region found nowhere fails check, naming `region` and the fix, with or without an endpoint", async () => {
    delete process.env["AWS_REGION"];
    delete process.env["AWS_DEFAULT_REGION"];
    process.env["AWS_CONFIG_FILE"] = "/nonexistent/aws-config";
    for (const inputs of [{ networkId: NETWORK_ID }, { networkId: NETWORK_ID, endpoint: f.emulator.url }]) {
      const { failures } = await f.host.check({}, inputs);
      assert.deepEqual(
        failures?.map((x) => x.property),
        ["region"],
        JSON.stringify(inputs),
      );
      assert.match(
        failures?.[0]?.reason ?? "",
        /Missing Region: set `region` \(or stack config `wickr:region` \/ `aws:region`, or AWS_REGION\)/,
      );
    }
    assert.equal(f.calls(), 0);
  });

  it("a region from the environment is enough", async () => {
    assert.deepEqual((await f.host.check({}, { networkId: NETWORK_ID })).failures, []);
  });
});

describe("provider host: read by id (WickrOidcInfo.get)", () => {
  const f = useHostFixture();

  it("with the constructor's arguments only: the network's settings, the resolved region, no drift", async () => {
    const props = { networkId: NETWORK_ID, endpoint: f.emulator.url } as unknown as WickrOidcInfoOutputs;
    const result = await f.host.read(NETWORK_ID, props);
    const read = result.props as WickrOidcInfoOutputs;
    assert.equal(read.issuer, SEEDED.issuer);
    assert.equal(read.region, REGION, "resolved from the environment");
    assert.deepEqual(read.driftedFields, []);
    assert.deepEqual(f.drift, [], "no drift line: there were no earlier outputs");
    assert.equal(f.calls(), 1);
  });
});

describe("provider host: create", () => {
  const f = useHostFixture();

  it("reads the network: id, settings at top level, region, no undefined; one call, no exchange", async () => {
    const result = await f.host.create(f.inputs());
    assert.equal(result.id, NETWORK_ID);
    assert.deepEqual(result.outs, {
      ...SEEDED,
      endpoint: f.emulator.url,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
    });
    assert.ok(Object.values(result.outs as object).every((v) => v !== undefined));
    assert.equal(f.calls(), 1);
    assert.equal(f.exchanges(), 0);
  });

  it("with a tokenRequest, exchanges the code once and stores the tokens and the request", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const result = await f.host.create(f.inputs({ tokenRequest: codeRequest("code-one-NOT-REAL") }));
    assert.deepEqual(result.outs, {
      ...SEEDED,
      ...tokensFor(1),
      endpoint: f.emulator.url,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
      tokenRequest: codeRequest("code-one-NOT-REAL"),
    });
    assert.equal(f.calls(), 1);
    assert.equal(f.exchanges(), 1);
    assert.deepEqual(f.requests()[0]?.query, {
      clientId: "wickr-demo-client",
      code: "[REDACTED]",
      clientSecret: "[REDACTED]",
      grantType: "authorization_code",
    });
  });

  it("stores the names of secret settings, and keeps their values out of a step's error", async () => {
    const closed = { endpoint: "http://127.0.0.1:9", retry: { maxAttempts: 1 } };
    const shown = await failure(f.host.create(f.inputs(closed)));
    assert.ok(shown.message.includes("127.0.0.1:9"), "a plain setting is named in the error");
    const error = await failure(
      f.host.create(f.inputs({ ...closed, secretConnectionSettings: ["endpoint"] })),
    );
    assert.equal(error.name, "NetworkError");
    assert.ok(error.message.includes("[REDACTED]"), error.message);
    assert.ok(!`${error.message}\n${error.stack}`.includes("127.0.0.1"), error.message);
    const { outs } = await f.host.create(f.inputs({ secretConnectionSettings: ["endpoint"] }));
    assert.deepEqual(outs.secretConnectionSettings, ["endpoint"]);
  });
});

describe("provider host: diff", () => {
  const f = useHostFixture();

  it("an unchanged network: no changes, one read, no drift line", async () => {
    const olds = await f.created();
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: false });
    assert.equal(f.calls(), 1);
    assert.equal(f.exchanges(), 0);
    assert.deepEqual(f.drift, []);
  });

  it("a value unknown at preview, anywhere in the inputs: changes, no API call", async () => {
    const olds = await f.created();
    const unknowns = [
      f.inputs({ networkId: unknownValue }),
      f.inputs({ region: unknownValue }),
      f.inputs({ tokenRequest: { clientId: "c", code: unknownValue } }),
      f.inputs({ secretConnectionSettings: [unknownValue] }),
      f.inputs({ retry: { maxAttempts: unknownValue as unknown as number } }),
    ];
    for (const news of unknowns)
      assert.deepEqual(await f.host.diff(NETWORK_ID, olds, news), { changes: true });
    assert.equal(f.calls(), 0);
  });

  it("the serialized provider is never looked into for unknown values", async () => {
    const olds = await f.created();
    const news = { ...f.inputs(), __provider: { text: unknownValue } };
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, news), { changes: false });
  });

  it("another networkId: replace, no API call", async () => {
    const olds = await f.created();
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs({ networkId: "87654321" })), {
      changes: true,
      replaces: ["networkId"],
    });
    assert.equal(f.calls(), 0);
  });

  it("a tokenRequest added, changed or removed: changes, no API call", async () => {
    const plain = await f.created();
    f.armCode("code-one-NOT-REAL", 1);
    const withTokens = await f.created({ tokenRequest: codeRequest("code-one-NOT-REAL") });
    const cases: [WickrOidcInfoOutputs, ReturnType<typeof f.inputs>][] = [
      [plain, f.inputs({ tokenRequest: codeRequest("code-two-NOT-REAL") })],
      [withTokens, f.inputs({ tokenRequest: codeRequest("code-two-NOT-REAL") })],
      [
        withTokens,
        f.inputs({ tokenRequest: { ...codeRequest("code-one-NOT-REAL"), redirectUri: "https://x" } }),
      ],
      [withTokens, f.inputs()],
    ];
    for (const [olds, news] of cases)
      assert.deepEqual(await f.host.diff(NETWORK_ID, olds, news), { changes: true });
    assert.equal(f.calls(), 0);
  });

  it("the same tokenRequest (undefined members aside): no exchange due", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const olds = await f.created({ tokenRequest: codeRequest("code-one-NOT-REAL") });
    const same = { ...codeRequest("code-one-NOT-REAL"), url: undefined };
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs({ tokenRequest: same })), {
      changes: false,
    });
    assert.equal(f.exchanges(), 0);
  });

  it("connection settings changed: changes, no API call", async () => {
    const olds = await f.created({ timeoutMs: 10_000 });
    const changed = [
      f.inputs({ timeoutMs: 20_000 }),
      f.inputs(),
      f.inputs({ timeoutMs: 10_000, retry: { maxAttempts: 2 } }),
      f.inputs({ timeoutMs: 10_000, endpoint: f.emulator.url.replace("127.0.0.1", "localhost") }),
      f.inputs({ timeoutMs: 10_000, profile: "other" }),
    ];
    for (const news of changed)
      assert.deepEqual(await f.host.diff(NETWORK_ID, olds, news), { changes: true });
    assert.equal(f.calls(), 0);
  });

  it("the region changed, given or from the environment: changes, no API call", async () => {
    const olds = await f.created();
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs({ region: "eu-west-1" })), {
      changes: true,
    });
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs({ region: REGION })), { changes: false });
    f.newRun();
    process.env["AWS_REGION"] = "eu-west-1"; // the fixture restores the environment
    clearSharedClients(); // a new provider process resolves the environment again
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: true });
    assert.equal(f.calls(), 0);
  });

  it("a setting that became secret (or stopped being one): changes, no API call", async () => {
    const plain = await f.created();
    const secret = await f.created({ secretConnectionSettings: ["endpoint"] });
    const became = f.inputs({ secretConnectionSettings: ["endpoint"] });
    assert.deepEqual(await f.host.diff(NETWORK_ID, plain, became), { changes: true });
    assert.deepEqual(await f.host.diff(NETWORK_ID, secret, f.inputs()), { changes: true });
    assert.equal(f.calls(), 0);
    assert.deepEqual(await f.host.diff(NETWORK_ID, secret, became), { changes: false });
  });

  it("drift: changes, one read, one line naming the fields with old → new for plain ones, never a secret", async () => {
    const olds = await f.created();
    f.emulator.registerOidcConfig(NETWORK_ID, { scopes: "openid", clientSecret: ROTATED_SECRET });
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: true });
    assert.equal(f.calls(), 1);
    assert.deepEqual(f.drift, [
      driftLine('scopes "openid profile email" → "openid", clientSecret (secret, value hidden)'),
    ]);
    for (const value of [ROTATED_SECRET, SEEDED.clientSecret])
      assert.ok(!f.drift[0]?.includes(value), `${value} shown`);
  });

  it("drift lines go to the resource's row: the URN from the inputs, else the stored one", async () => {
    const urn = "urn:pulumi:dev::proj::pulumi-nodejs:dynamic/wickr:WickrOidcInfo::sso";
    const olds = await f.created({ __urn: urn });
    f.emulator.registerOidcConfig(NETWORK_ID, { scopes: "openid" });
    await f.host.diff(NETWORK_ID, olds, f.inputs());
    assert.deepEqual(
      f.messages.map(({ urn: at, ephemeral, severity }) => ({ at, ephemeral, severity })),
      [{ at: urn, ephemeral: undefined, severity: "info" }],
    );
  });

  it("plain values are cut at 60 characters and scrubbed of every known secret value", async () => {
    const olds = await f.created();
    const long = `https://idp.example.com/${"x".repeat(100)}`;
    f.emulator.registerOidcConfig(NETWORK_ID, { issuer: long });
    await f.host.diff(NETWORK_ID, olds, f.inputs());
    const shown = /issuer "[^"]*" → ("[^"]*…)/.exec(f.drift[0] ?? "")?.[1] ?? "";
    assert.equal(shown.length, 60, f.drift[0]);
    // A stored plain value that holds a secret (an older state, say) is shown without it.
    f.newRun();
    const leaky = { ...olds, extraAuthParams: `x=${SEEDED.clientSecret}` };
    await f.host.diff(NETWORK_ID, leaky, f.inputs());
    assert.ok(!f.drift.join("").includes(SEEDED.clientSecret), f.drift.join("\n"));
    assert.match(f.drift.join(""), /extraAuthParams "x=\[REDACTED\]" → "prompt=login"/);
    // And so is the value of a connection setting given as a secret.
    f.newRun();
    const secretEndpoint = {
      ...olds,
      secretConnectionSettings: ["endpoint"],
      extraAuthParams: `via ${f.emulator.url}`,
    };
    await f.host.diff(NETWORK_ID, secretEndpoint, f.inputs({ secretConnectionSettings: ["endpoint"] }));
    assert.ok(!f.drift.join("").includes(f.emulator.url), f.drift.join("\n"));
  });

  it("drift recorded by an earlier refresh: changes, and a line that says why, naming the fields", async () => {
    const olds = { ...(await f.created()), driftedFields: ["scopes"] };
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: true });
    assert.equal(f.calls(), 1);
    assert.equal(f.drift.length, 1);
    assert.match(
      f.drift[0] ?? "",
      /a refresh recorded that the OIDC settings of Wickr network 12345678 changed outside Pulumi \(scopes\); `pulumi up` brings the outputs/,
    );
  });
});

describe("provider host: update", () => {
  const f = useHostFixture();

  it("after a diff, reuses its read: one call in the run; outputs complete, driftedFields empty", async () => {
    const olds = { ...(await f.created()), driftedFields: ["scopes"] };
    f.emulator.registerOidcConfig(NETWORK_ID, { scopes: "openid" });
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: true });
    const { outs } = await f.host.update(NETWORK_ID, olds, f.inputs());
    assert.deepEqual(outs, {
      ...SEEDED,
      scopes: "openid",
      endpoint: f.emulator.url,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
    });
    assert.equal(f.calls(), 1);
  });

  it("without a diff before it, still reads (once)", async () => {
    const olds = await f.created({ timeoutMs: 10_000 });
    f.emulator.registerOidcConfig(NETWORK_ID, { issuer: "https://idp.example.com/new" });
    const { outs } = await f.host.update(NETWORK_ID, olds, f.inputs());
    assert.equal(outs.issuer, "https://idp.example.com/new");
    assert.equal(outs.timeoutMs, undefined);
    assert.ok(!("timeoutMs" in outs));
    assert.equal(f.calls(), 1);
  });

  it("tokenRequest changed: exchanges the new code, exactly one call in the run, new tokens stored", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const olds = await f.created({ tokenRequest: codeRequest("code-one-NOT-REAL") });
    f.armCode("code-two-NOT-REAL", 2);
    const news = f.inputs({ tokenRequest: codeRequest("code-two-NOT-REAL") });
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, news), { changes: true });
    const { outs } = await f.host.update(NETWORK_ID, olds, news);
    assert.deepEqual(outs, {
      ...SEEDED,
      ...tokensFor(2),
      endpoint: f.emulator.url,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
      tokenRequest: codeRequest("code-two-NOT-REAL"),
    });
    assert.equal(f.calls(), 1);
    assert.equal(f.exchanges(), 1);
    assert.deepEqual(f.requests()[0]?.query, {
      clientId: "wickr-demo-client",
      code: "[REDACTED]",
      clientSecret: "[REDACTED]",
      grantType: "authorization_code",
    });
  });

  it("tokenRequest unchanged: reads the configuration only and keeps the earlier tokens", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const olds = await f.created({ tokenRequest: codeRequest("code-one-NOT-REAL") });
    const news = f.inputs({ tokenRequest: codeRequest("code-one-NOT-REAL"), timeoutMs: 20_000 });
    const { outs } = await f.host.update(NETWORK_ID, olds, news);
    assert.deepEqual(outs, {
      ...SEEDED,
      ...tokensFor(1),
      endpoint: f.emulator.url,
      timeoutMs: 20_000,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
      tokenRequest: codeRequest("code-one-NOT-REAL"),
    });
    assert.equal(f.calls(), 1);
    assert.equal(f.exchanges(), 0);
  });

  it("tokenRequest removed: the tokens and the request leave the outputs, no exchange", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const olds = await f.created({ tokenRequest: codeRequest("code-one-NOT-REAL") });
    const { outs } = await f.host.update(NETWORK_ID, olds, f.inputs());
    assert.deepEqual(outs, {
      ...SEEDED,
      endpoint: f.emulator.url,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
    });
    assert.equal(f.calls(), 1);
    assert.equal(f.exchanges(), 0);
  });
});

describe("provider host: read (refresh)", () => {
  const f = useHostFixture();

  it("an unchanged network: the stored outputs, one call, no drift line", async () => {
    const props = await f.created();
    assert.deepEqual(await f.host.read(NETWORK_ID, props), { id: NETWORK_ID, props });
    assert.equal(f.calls(), 1);
    assert.deepEqual(f.drift, []);
  });

  it("keeps the stored tokens and request and never exchanges", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const props = await f.created({ tokenRequest: codeRequest("code-one-NOT-REAL") });
    assert.deepEqual(await f.host.read(NETWORK_ID, props), { id: NETWORK_ID, props });
    assert.equal(f.exchanges(), 0);
  });

  it("drift bookkeeping: read names the drift, refresh diff reports it, the next runs until an update", async () => {
    const stored = await f.created();
    const inputs = f.inputs();
    f.emulator.registerOidcConfig(NETWORK_ID, { secret: "rotated-secret-NOT-REAL", userId: "email" });
    // pulumi refresh: read, then diff(refreshed outputs, stored inputs), in one run and one call.
    const refreshed = await f.host.read(NETWORK_ID, stored);
    const props = refreshed.props as WickrOidcInfoOutputs;
    assert.deepEqual(refreshed, {
      id: NETWORK_ID,
      props: {
        ...SEEDED,
        secret: "rotated-secret-NOT-REAL",
        userId: "email",
        endpoint: f.emulator.url,
        networkId: NETWORK_ID,
        region: REGION,
        driftedFields: ["secret", "userId"],
      },
    });
    assert.deepEqual(f.drift, [driftLine('secret (secret, value hidden), userId "sub" → "email"')]);
    assert.deepEqual(await f.host.diff(NETWORK_ID, props, inputs), { changes: true });
    assert.equal(f.calls(), 1);
    assert.equal(f.drift.length, 1, "the refresh diff adds no second line");
    // A later pulumi up: the drift is still to be recorded.
    f.newRun();
    assert.deepEqual(await f.host.diff(NETWORK_ID, props, inputs), { changes: true });
    const { outs } = await f.host.update(NETWORK_ID, props, inputs);
    assert.deepEqual(outs.driftedFields, []);
    assert.equal(f.calls(), 1);
    // And the run after it has nothing to do.
    f.newRun();
    assert.deepEqual(await f.host.diff(NETWORK_ID, outs as WickrOidcInfoOutputs, inputs), { changes: false });
  });

  it("a network that no longer exists is gone: { id: '' }", async () => {
    const props = await f.created();
    f.emulator.deleteNetwork(NETWORK_ID);
    assert.deepEqual(await f.host.read(NETWORK_ID, props), { id: "" });
  });

  it("any other failure is an error of the step", async () => {
    const props = await f.created();
    f.emulator.injectFaults({ kind: "error", status: 400, name: "BadRequestError", message: "no" }, 1);
    assert.equal((await failure(f.host.read(NETWORK_ID, props))).name, "BadRequestError");
  });
});

describe("provider host: remove", () => {
  const f = useHostFixture();

  it("makes no API call", async () => {
    assert.equal(await f.host.remove(), undefined);
    assert.equal(f.calls(), 0);
  });
});
