/**
 * How many `GetOidcInfo` calls the provider host makes per engine run: the read memo seen through the
 * host (the memo on its own: read-memo.test.ts), and the published `provider-host` subpath, whose
 * functions share the process's memo and print drift lines on stderr.
 */
import assert from "node:assert/strict";
import * as published from "../../../provider/provider-host";
import { clearReadMemo } from "../../../provider/pulumi/read-memo";
import type { WickrOidcInfoOutputs } from "../../../provider/pulumi/resource-args";
import { NETWORK_ID, useHostFixture } from "./host-fixture";

/** Five minutes: how long the memo reuses a finished read. */
const FIVE_MINUTES = 300_000;

describe("provider host: one GetOidcInfo per resource per run", () => {
  const f = useHostFixture();

  it("identical diffs at the same time (two resources, one network) make one call", async () => {
    const olds = await f.created();
    const results = await Promise.all([
      f.host.diff(NETWORK_ID, olds, f.inputs()),
      f.host.diff(NETWORK_ID, olds, f.inputs()),
    ]);
    assert.deepEqual(results, [{ changes: false }, { changes: false }]);
    assert.equal(f.calls(), 1);
  });

  it("retry, timeout and throttling settings do not split a read; region given or inherited neither", async () => {
    const olds = await f.created({ retry: { maxAttempts: 2 } });
    const other = await f.created({
      timeoutMs: 9_000,
      throttling: { maxConcurrency: 2 },
      region: "us-east-1",
    });
    const results = await Promise.all([
      f.host.diff(NETWORK_ID, olds, f.inputs({ retry: { maxAttempts: 2 } })),
      f.host.diff(
        NETWORK_ID,
        other,
        f.inputs({ timeoutMs: 9_000, throttling: { maxConcurrency: 2 }, region: "us-east-1" }),
      ),
    ]);
    assert.deepEqual(results, [{ changes: false }, { changes: false }]);
    assert.equal(f.calls(), 1);
  });

  it("another endpoint is another read", async () => {
    const viaLocalhost = f.emulator.url.replace("127.0.0.1", "localhost");
    const a = await f.created();
    const b = await f.created({ endpoint: viaLocalhost });
    await f.host.diff(NETWORK_ID, a, f.inputs());
    await f.host.diff(NETWORK_ID, b, f.inputs({ endpoint: viaLocalhost }));
    assert.equal(f.calls(), 2);
  });

  it("a read is reused for five minutes after it finished, then made again", async () => {
    const olds = await f.created();
    await f.host.diff(NETWORK_ID, olds, f.inputs());
    f.advance(FIVE_MINUTES - 1);
    await f.host.update(NETWORK_ID, olds, f.inputs());
    assert.equal(f.calls(), 1, "reused just before five minutes");
    f.advance(1);
    f.emulator.registerOidcConfig(NETWORK_ID, { scopes: "openid" });
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: true });
    assert.equal(f.calls(), 2, "read again at five minutes");
  });

  it("a stale read is not what an update records: an update after five minutes reads again", async () => {
    const olds = await f.created();
    await f.host.diff(NETWORK_ID, olds, f.inputs());
    f.emulator.registerOidcConfig(NETWORK_ID, { issuer: "https://idp.example.com/late" });
    f.advance(FIVE_MINUTES);
    const { outs } = await f.host.update(NETWORK_ID, olds, f.inputs());
    assert.equal(outs.issuer, "https://idp.example.com/late");
    assert.equal(f.calls(), 2);
  });

  it("a failed read is not reused: the next step reads again", async () => {
    const olds = await f.created();
    f.emulator.injectFaults({ kind: "error", status: 400, name: "BadRequestError", message: "no" }, 1);
    await assert.rejects(f.host.diff(NETWORK_ID, olds, f.inputs()), { name: "BadRequestError" });
    assert.deepEqual(await f.host.diff(NETWORK_ID, olds, f.inputs()), { changes: false });
    assert.equal(f.calls(), 2);
  });

  it("a token exchange is never shared: create with a code, then a read, make two calls", async () => {
    f.armCode("code-one-NOT-REAL", 1);
    const { outs } = await f.host.create(
      f.inputs({
        tokenRequest: {
          clientId: "wickr-demo-client",
          code: "code-one-NOT-REAL",
          clientSecret: "demo-client-secret-NOT-REAL",
        },
      }),
    );
    await f.host.read(NETWORK_ID, outs as WickrOidcInfoOutputs);
    assert.equal(f.calls(), 2);
    assert.equal(f.exchanges(), 1);
  });
});

describe("provider host: the published provider-host subpath", () => {
  const f = useHostFixture();

  it("exports the six methods the serialized provider calls", () => {
    assert.deepEqual(Object.keys(published).sort(), ["check", "create", "diff", "read", "remove", "update"]);
    for (const method of Object.values(published)) assert.equal(typeof method, "function");
  });

  it("shares the process's read memo between diff and update; clearReadMemo forgets it", async () => {
    const { outs } = await published.create(f.inputs());
    const olds = outs as WickrOidcInfoOutputs;
    assert.equal(f.calls(), 1);
    assert.deepEqual(await published.diff(NETWORK_ID, olds, f.inputs()), { changes: false });
    await published.update(NETWORK_ID, olds, f.inputs());
    assert.equal(f.calls(), 1, "create's read served diff and update");
    clearReadMemo();
    await published.read(NETWORK_ID, olds);
    assert.equal(f.calls(), 2);
  });

  it("prints drift lines on stderr (console.error)", async () => {
    const { outs } = await published.create(f.inputs());
    clearReadMemo();
    f.emulator.registerOidcConfig(NETWORK_ID, { secret: "rotated-secret-NOT-REAL" });
    const printed: unknown[][] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => void printed.push(args);
    try {
      assert.deepEqual(await published.diff(NETWORK_ID, outs as WickrOidcInfoOutputs, f.inputs()), {
        changes: true,
      });
    } finally {
      console.error = original;
    }
    assert.deepEqual(printed, [
      [
        `WickrOidcInfo: the OIDC settings of Wickr network ${NETWORK_ID} changed outside Pulumi: secret (secret, value hidden)`,
      ],
    ]);
  });
});
