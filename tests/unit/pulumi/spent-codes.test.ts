/**
 * A single-use code is sent at most once, across runs: the provider host records a code whose exchange
 * may have reached the service (as a partial failure the engine stores), and refuses it in every later
 * step before any request. Against the emulator, with faults injected on the exchange; no Pulumi CLI
 * (the engine tests show the same under the real engine, both doors).
 */
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { ResourceInitError } from "../../../provider/pulumi/spent-codes";
import type { WickrOidcInfoOutputs } from "../../../provider/pulumi/resource-args";
import { failure } from "../../helpers/failure";
import { NETWORK_ID, REGION, SEEDED, codeRequest, tokensFor, useHostFixture } from "./host-fixture";

const digest = (code: string) => `sha256:${createHash("sha256").update(code).digest("hex")}`;
const NEW_CODE_MESSAGE =
  /tokenRequest\.code was sent to the service by an earlier run that did not complete .* Nothing was sent\. Get a new authorization code and set tokenRequest\.code to it/;

describe("single-use codes across runs (provider host)", () => {
  const f = useHostFixture();
  /** The next exchange is answered 500: the service may have used the code. */
  const failNextExchange = () =>
    f.emulator.injectFaults({ kind: "error", status: 500, name: "InternalServerError", message: "boom" }, 1);
  /**
   * A create whose exchange of `code` is answered 500, then a new run: its inputs and the outputs the
   * engine recorded.
   */
  const lostCreate = async (code: string) => {
    f.armCode(code, 1);
    failNextExchange();
    const inputs = f.inputs({ tokenRequest: codeRequest(code) });
    const init = (await failure(f.host.create(inputs))) as unknown as ResourceInitError;
    f.newRun();
    return { inputs, recorded: init.properties as unknown as WickrOidcInfoOutputs };
  };

  it("create: an exchange that may have reached the service records the code's digest, not the code", async () => {
    f.armCode("lost-code-NOT-REAL", 1);
    failNextExchange();
    const error = await failure(f.host.create(f.inputs({ tokenRequest: codeRequest("lost-code-NOT-REAL") })));
    assert.ok(error instanceof ResourceInitError, String(error));
    const init = error as unknown as ResourceInitError;
    assert.equal(init.id, NETWORK_ID);
    assert.deepEqual(init.properties, {
      endpoint: f.emulator.url,
      networkId: NETWORK_ID,
      region: REGION,
      driftedFields: [],
      __spentCodes: [digest("lost-code-NOT-REAL")],
    });
    assert.match(
      init.message,
      /CodeMayBeUsedError \(HTTP 500\): the token exchange failed after the request may have reached/,
    );
    assert.match(init.message, /the next run refuses it before sending anything\.$/);
    assert.deepEqual(init.reasons, [init.message]);
    assert.ok(!JSON.stringify(init.properties).includes("lost-code-NOT-REAL"));
    assert.equal(f.exchanges(), 1);
  });

  it("the next run refuses the recorded code in diff (preview) and update, before any request", async () => {
    const { inputs: news, recorded } = await lostCreate("lost-code-NOT-REAL");
    assert.match((await failure(f.host.diff(NETWORK_ID, recorded, news))).message, NEW_CODE_MESSAGE);
    assert.match((await failure(f.host.update(NETWORK_ID, recorded, news))).message, NEW_CODE_MESSAGE);
    assert.equal(f.calls(), 0, "no request at all");
  });

  it("a new code after the recorded one is exchanged; the record is kept for later runs", async () => {
    const { inputs: lost, recorded } = await lostCreate("lost-code-NOT-REAL");
    f.armCode("new-code-NOT-REAL", 2);
    const news = f.inputs({ tokenRequest: codeRequest("new-code-NOT-REAL") });
    assert.deepEqual(await f.host.diff(NETWORK_ID, recorded, news), { changes: true });
    assert.deepEqual(f.drift, [], "a record holds no settings: nothing drifted");
    const { outs } = await f.host.update(NETWORK_ID, recorded, news);
    assert.equal(outs.accessToken, tokensFor(2).accessToken);
    assert.equal(outs.issuer, SEEDED.issuer);
    assert.deepEqual((outs as unknown as Record<string, unknown>)["__spentCodes"], [
      digest("lost-code-NOT-REAL"),
    ]);
    assert.equal(f.exchanges(), 1);
    f.newRun();
    assert.match((await failure(f.host.diff(NETWORK_ID, outs, lost))).message, NEW_CODE_MESSAGE);
  });

  it("update: a lost exchange records the stored outputs as they were (tokens kept) plus the code", async () => {
    f.armCode("first-code-NOT-REAL", 1);
    const olds = await f.created({ tokenRequest: codeRequest("first-code-NOT-REAL") });
    f.armCode("second-code-NOT-REAL", 2);
    failNextExchange();
    const news = f.inputs({ tokenRequest: codeRequest("second-code-NOT-REAL") });
    const init = (await failure(f.host.update(NETWORK_ID, olds, news))) as unknown as ResourceInitError;
    assert.ok(init instanceof ResourceInitError);
    assert.deepEqual(init.properties, { ...olds, __spentCodes: [digest("second-code-NOT-REAL")] });
    assert.equal(init.properties["accessToken"], tokensFor(1).accessToken);
  });

  it("a refusal that proves the code unused (AWS front door, throttling) records nothing", async () => {
    f.armCode("unused-code-NOT-REAL", 1);
    f.emulator.injectFaults(
      { kind: "error", status: 403, name: "InvalidSignatureException", message: "no" },
      1,
    );
    const error = await failure(
      f.host.create(f.inputs({ tokenRequest: codeRequest("unused-code-NOT-REAL") })),
    );
    assert.ok(!(error instanceof ResourceInitError), "no partial failure");
    assert.equal(error.name, "InvalidSignatureException");
    assert.equal(error.codeMayBeUsed, undefined);
  });

  it("a read without a code that fails is a plain error: nothing to record", async () => {
    f.emulator.injectFaults({ kind: "error", status: 500, name: "InternalServerError" }, 10);
    const error = await failure(f.host.create(f.inputs({ retry: { maxAttempts: 1 } })));
    assert.ok(!(error instanceof ResourceInitError));
    assert.equal(error.name, "InternalServerError");
  });

  it("refresh of a record reads the settings, reports no drift and keeps the record", async () => {
    const { recorded } = await lostCreate("lost-code-NOT-REAL");
    const { props } = await f.host.read(NETWORK_ID, recorded);
    assert.equal(props?.["issuer"], SEEDED.issuer);
    assert.deepEqual(props?.["driftedFields"], []);
    assert.deepEqual(props?.["__spentCodes"], [digest("lost-code-NOT-REAL")]);
    assert.deepEqual(f.drift, []);
  });

  it("a new networkId with the code the resource already exchanged is refused (its replacement would send it)", async () => {
    f.armCode("used-code-NOT-REAL", 1);
    const olds = await f.created({ tokenRequest: codeRequest("used-code-NOT-REAL") });
    const moved = f.inputs({ networkId: "87654321", tokenRequest: codeRequest("used-code-NOT-REAL") });
    const error = await failure(f.host.diff(NETWORK_ID, olds, moved));
    assert.match(error.message, /networkId changed from 12345678 to 87654321, which replaces the resource/);
    assert.match(error.message, /Nothing was sent\. Get a new authorization code for network 87654321/);
    assert.equal(f.calls(), 0);
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs({ networkId: "87654321" })), {
      changes: true,
      replaces: ["networkId"],
    });
  });
});
