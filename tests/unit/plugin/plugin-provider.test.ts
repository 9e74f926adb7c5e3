/**
 * The provider plugin's methods over values in the engine's form, against the emulator, with no gRPC
 * and no CLI: secrets come in wrapped and go out wrapped (the schema's flags alone do not protect an
 * output), the provider's configuration gives the connection settings, the URN of each call carries
 * the messages, and the dynamic provider's rules hold (one read per run, a code exchanged once).
 */
import assert from "node:assert/strict";
import { createPluginProvider } from "../../../provider/plugin/plugin-provider";
import { FUNCTION_TOKEN } from "../../../provider/plugin/schema";
import { SECRET_SIG, SIG_KEY, UNKNOWN, secret } from "../../../provider/plugin/rpc-values";
import { SECRET_OUTPUT_FIELDS } from "../../../provider/wickr/sensitive-fields";
import { NETWORK_ID, REGION, SEEDED, codeRequest, tokensFor, useHostFixture } from "../pulumi/host-fixture";

const URN = "urn:pulumi:dev::proj::wickr-oidc:index:WickrOidcInfo::sso";
const isWrapped = (value: unknown): boolean =>
  typeof value === "object" && value !== null && (value as Record<string, unknown>)[SIG_KEY] === SECRET_SIG;
const valueOf = (value: unknown): unknown => (isWrapped(value) ? (value as { value: unknown }).value : value);

describe("provider plugin: resource methods", () => {
  const f = useHostFixture();
  const plugin = () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    p.configure({ region: REGION, endpoint: f.emulator.url });
    return p;
  };

  it("create: every field, the sensitive ones wrapped as secrets, the rest plain; one call; no internal URN", async () => {
    const { id, outs } = await plugin().create(URN, { networkId: NETWORK_ID }, false);
    assert.equal(id, NETWORK_ID);
    assert.equal(outs["issuer"], SEEDED.issuer);
    assert.equal(outs["region"], REGION);
    for (const field of SECRET_OUTPUT_FIELDS)
      if (outs[field] !== undefined) assert.ok(isWrapped(outs[field]), `${field} is wrapped`);
    assert.equal(valueOf(outs["clientSecret"]), SEEDED.clientSecret);
    assert.ok(!("__urn" in outs));
    assert.equal(f.calls(), 1);
  });

  it("create during preview makes no call (a code would be used)", async () => {
    const { outs } = await plugin().create(
      URN,
      { networkId: NETWORK_ID, tokenRequest: secret(codeRequest("c")) },
      true,
    );
    assert.deepEqual(outs, { networkId: NETWORK_ID });
    assert.equal(f.calls(), 0);
  });

  it("a secret token request is unwrapped for the exchange, exchanged once, stored wrapped with the tokens", async () => {
    f.armCode("plugin-code", 7);
    const p = plugin();
    const news = { networkId: NETWORK_ID, tokenRequest: secret(codeRequest("plugin-code")) };
    const { outs } = await p.create(URN, news, false);
    assert.equal(f.exchanges(), 1);
    assert.ok(isWrapped(outs["tokenRequest"]));
    assert.equal(valueOf(outs["accessToken"]), tokensFor(7).accessToken);
    assert.ok(isWrapped(outs["accessToken"]));
    assert.equal(outs["tokenType"], "Bearer", "plain token fields stay plain");
    f.newRun();
    const same = await createPluginProvider({ hostOptions: f.hostOptions });
    same.configure({ region: REGION, endpoint: f.emulator.url });
    assert.deepEqual(await same.diff(NETWORK_ID, URN, outs, news), { changes: false, replaces: [] });
    assert.equal(f.exchanges(), 0, "the same request is never exchanged again");
  });

  it("drift: changes, and the line goes to the URN of the call", async () => {
    const p = plugin();
    const { outs } = await p.create(URN, { networkId: NETWORK_ID }, false);
    f.newRun();
    f.emulator.registerOidcConfig(NETWORK_ID, { scopes: "openid" });
    const q = createPluginProvider({ hostOptions: f.hostOptions });
    q.configure({ region: REGION, endpoint: f.emulator.url });
    assert.deepEqual(await q.diff(NETWORK_ID, URN, outs, { networkId: NETWORK_ID }), {
      changes: true,
      replaces: [],
    });
    assert.deepEqual(
      f.messages.map((m) => m.urn),
      [URN],
    );
    assert.match(f.drift[0] ?? "", /changed outside Pulumi: scopes "openid profile email" → "openid"/);
  });

  it("another networkId replaces", async () => {
    const { outs } = await plugin().create(URN, { networkId: NETWORK_ID }, false);
    const result = await plugin().diff(NETWORK_ID, URN, outs, { networkId: "87654321" });
    assert.deepEqual(result, { changes: true, replaces: ["networkId"] });
  });

  it("read with no properties (pulumi import): the network by id, its inputs, no drift line", async () => {
    const { id, props, inputs } = await plugin().read(NETWORK_ID, URN, {});
    assert.equal(id, NETWORK_ID);
    assert.equal(props["issuer"], SEEDED.issuer);
    assert.ok(isWrapped(props["secret"]));
    assert.deepEqual(inputs, { networkId: NETWORK_ID });
    assert.deepEqual(f.drift, []);
  });

  it("read of a network that no longer exists: gone", async () => {
    const { outs } = await plugin().create(URN, { networkId: NETWORK_ID }, false);
    f.emulator.deleteNetwork(NETWORK_ID);
    f.newRun(); // a refresh is another run: no shared read
    assert.deepEqual(await plugin().read(NETWORK_ID, URN, outs), { id: "", props: {}, inputs: {} });
  });

  it("a setting configured as a secret is stored wrapped", async () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    p.configure({ region: REGION, endpoint: secret(f.emulator.url) });
    const { outs } = await p.create(URN, { networkId: NETWORK_ID }, false);
    assert.ok(isWrapped(outs["endpoint"]));
    assert.equal(outs["region"], REGION);
  });
});

describe("provider plugin: check", () => {
  const f = useHostFixture();
  const plugin = () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    p.configure({ endpoint: f.emulator.url });
    return p;
  };

  it("names a bad or unknown argument, accepts values unknown at preview, makes no call", async () => {
    const bad = await plugin().check(URN, { networkId: "1234", region: "us-east-1" });
    assert.deepEqual(
      bad.failures.map((x) => x.property),
      ["region", "networkId"],
    );
    const unknown = await plugin().check(URN, { networkId: UNKNOWN, tokenRequest: { code: UNKNOWN } });
    assert.deepEqual(unknown.failures, []);
    assert.equal(f.calls(), 0);
  });

  it("an over-long secret code is refused at check, by its length, before any call", async () => {
    const code = secret("c".repeat(1024 * 1024));
    const { failures } = await plugin().check(URN, { networkId: NETWORK_ID, tokenRequest: secret({ code }) });
    assert.deepEqual(
      failures.map((x) => x.property),
      ["tokenRequest.code"],
    );
    assert.match(failures[0]?.reason ?? "", /must be at most 2048 characters .* got a string of 1048576$/);
    assert.equal(f.calls(), 0);
  });

  it("an 8-digit number (Pulumi YAML reads config `12345678` as one) is taken as the id; a shorter one is refused", async () => {
    const taken = await plugin().check(URN, { networkId: 12345678 });
    assert.deepEqual(taken, { inputs: { networkId: "12345678" }, failures: [] });
    const lost = await plugin().check(URN, { networkId: 1234567 }); // "01234567" lost its leading zero
    assert.deepEqual(
      lost.failures.map((x) => x.property),
      ["networkId"],
    );
    assert.match(lost.failures[0]?.reason ?? "", /quote it/);
  });

  it("a region found nowhere fails check naming `region`", async () => {
    delete process.env["AWS_REGION"];
    const { failures } = await plugin().check(URN, { networkId: NETWORK_ID });
    assert.deepEqual(
      failures.map((x) => x.property),
      ["region"],
    );
  });

  it("checkConfig and configure take integers and booleans given as text (as `pulumi config set` gives them)", async () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    assert.deepEqual(p.checkConfig({ timeoutMs: "60000", useFipsEndpoint: "false" }).failures, []);
    assert.deepEqual(
      p.checkConfig({ timeoutMs: "soon" }).failures.map((x) => x.property),
      ["timeoutMs"],
    );
    p.configure({ region: REGION, endpoint: f.emulator.url, timeoutMs: "60000" });
    const { outs } = await p.create(URN, { networkId: NETWORK_ID }, false);
    assert.equal(outs["timeoutMs"], 60000);
  });

  it("diffConfig: a changed setting is a change, never a replacement (that would re-send a stored code)", () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    assert.deepEqual(p.diffConfig({ region: "us-east-1" }, { region: "us-east-1" }), { changes: false });
    assert.deepEqual(
      p.diffConfig({ timeoutMs: "5000" }, { timeoutMs: 5000 }),
      { changes: false },
      "as text or not",
    );
    assert.deepEqual(p.diffConfig({ region: "us-east-1" }, { region: "eu-west-1" }), { changes: true });
    assert.deepEqual(p.diffConfig({ endpoint: "http://a" }, { endpoint: secret("http://a") }), {
      changes: true,
    });
    assert.deepEqual(
      p.diffConfig({ version: "0.1.0" }, { version: "0.2.0" }),
      { changes: false },
      "not a setting",
    );
  });

  it("checkConfig: names a bad setting without showing a secret one", () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    const { failures } = p.checkConfig({ endpoint: secret("ftp://secret-host.example/x"), timeoutMs: -1 });
    assert.deepEqual(failures.map((x) => x.property).sort(), ["endpoint", "timeoutMs"]);
    assert.ok(!JSON.stringify(failures).includes("secret-host"), JSON.stringify(failures));
  });
});

describe("provider plugin: invoke getOidcInfo", () => {
  const f = useHostFixture();
  const plugin = () => {
    const p = createPluginProvider({ hostOptions: f.hostOptions });
    p.configure({ region: REGION, endpoint: f.emulator.url });
    return p;
  };

  it("flat outputs: sensitive ones wrapped as secrets (not only flagged in the schema), the rest plain", async () => {
    const { outputs, failures } = await plugin().invoke(FUNCTION_TOKEN, { networkId: NETWORK_ID });
    assert.deepEqual(failures, []);
    assert.equal(outputs["issuer"], SEEDED.issuer);
    assert.equal(outputs["networkId"], NETWORK_ID);
    assert.equal(outputs["region"], REGION);
    assert.ok(isWrapped(outputs["clientSecret"]) && isWrapped(outputs["secret"]));
    assert.equal(valueOf(outputs["secret"]), SEEDED.secret);
    assert.equal(f.calls(), 1);
  });

  it("bad arguments are failures before any call; an unknown function is an error", async () => {
    const { failures } = await plugin().invoke(FUNCTION_TOKEN, { networkId: "x", bogus: 1 });
    assert.deepEqual(failures.map((x) => x.property).sort(), ["bogus", "networkId"]);
    await assert.rejects(
      plugin().invoke("wickr-oidc:index:nope", {}),
      /unknown function wickr-oidc:index:nope/,
    );
    assert.equal(f.calls(), 0);
  });
});
