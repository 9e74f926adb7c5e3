/**
 * The read memo on its own: a fake read (settled by the test) and a fake clock, so what is shared,
 * for how long, and what is never reused are pinned without a service or real time.
 */
import assert from "node:assert/strict";
import { ReadMemo, REUSE_MS } from "../../../provider/pulumi/read-memo";
import type { GetOidcInfoResponse } from "../../../provider/wickr/api-types";
import type { ConnectionSettings } from "../../../provider/wickr/connection-settings";

const NETWORK = "12345678";
const ANSWER: GetOidcInfoResponse = { openidConnectInfo: { companyId: "c", scopes: "openid", issuer: "i" } };

/** A memo on a fake clock whose reads wait until the test settles them. */
function fakeMemo() {
  let now = 1_000_000;
  const reads: {
    networkId: string;
    settings: ConnectionSettings;
    signal: AbortSignal | undefined;
    resolve: (r: GetOidcInfoResponse) => void;
    reject: (e: Error) => void;
  }[] = [];
  const memo = new ReadMemo({
    now: () => now,
    read: (networkId, settings, signal) =>
      new Promise((resolve, reject) => reads.push({ networkId, settings, signal, resolve, reject })),
  });
  return {
    memo,
    reads,
    advance: (ms: number) => void (now += ms),
    /** Settles the last read with ANSWER and lets the memo note when it finished. */
    async finishLast() {
      reads.at(-1)?.resolve(ANSWER);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}

describe("ReadMemo", () => {
  it("reuses a read for five minutes by default", () => {
    assert.equal(REUSE_MS, 300_000);
  });

  it("makes identical reads in flight at the same time once", async () => {
    const { memo, reads, finishLast } = fakeMemo();
    const first = memo.read(NETWORK, { region: "us-east-1" });
    const second = memo.read(NETWORK, { region: "us-east-1" });
    assert.equal(first, second);
    assert.equal(reads.length, 1);
    await finishLast();
    assert.deepEqual(await second, ANSWER);
  });

  it("passes the network, the settings and the first caller's signal to the read", () => {
    const { memo, reads } = fakeMemo();
    const signal = new AbortController().signal;
    void memo.read(NETWORK, { region: "eu-west-1", timeoutMs: 5 }, { signal });
    assert.deepEqual(
      reads.map((r) => [r.networkId, r.settings, r.signal]),
      [[NETWORK, { region: "eu-west-1", timeoutMs: 5 }, signal]],
    );
  });

  it("reuses a finished read until five minutes after it finished, then reads again", async () => {
    const { memo, reads, advance, finishLast } = fakeMemo();
    void memo.read(NETWORK, {});
    advance(60_000); // the read itself took a minute: the window starts when it finished
    await finishLast();
    advance(299_999);
    void memo.read(NETWORK, {});
    assert.equal(reads.length, 1, "reused at 4:59.999 after it finished");
    advance(1);
    void memo.read(NETWORK, {});
    assert.equal(reads.length, 2, "read again at 5:00");
  });

  it("shares a read still in flight however long it takes", async () => {
    const { memo, reads, advance } = fakeMemo();
    void memo.read(NETWORK, {});
    advance(600_000);
    void memo.read(NETWORK, {});
    assert.equal(reads.length, 1);
  });

  it("never reuses a failed read: callers in flight get the failure, the next caller reads again", async () => {
    const { memo, reads } = fakeMemo();
    const first = memo.read(NETWORK, {});
    const joined = memo.read(NETWORK, {});
    reads[0]?.reject(new Error("boom"));
    await assert.rejects(first, /boom/);
    await assert.rejects(joined, /boom/);
    void memo.read(NETWORK, {});
    assert.equal(reads.length, 2);
  });

  it("a read that fails after clear() does not evict the read made since", async () => {
    const { memo, reads, finishLast } = fakeMemo();
    const old = memo.read(NETWORK, {});
    memo.clear();
    const fresh = memo.read(NETWORK, {});
    reads[0]?.reject(new Error("old"));
    await assert.rejects(old, /old/);
    await finishLast();
    assert.equal(memo.read(NETWORK, {}), fresh);
    assert.equal(reads.length, 2);
  });

  it("clear() forgets every read", async () => {
    const { memo, reads, finishLast } = fakeMemo();
    void memo.read(NETWORK, {});
    await finishLast();
    memo.clear();
    void memo.read(NETWORK, {});
    assert.equal(reads.length, 2);
  });

  it("retry, timeoutMs and throttling do not change the key; the order of settings neither", () => {
    const { memo, reads } = fakeMemo();
    const base = { region: "us-east-1", endpoint: "https://wickr.example", profile: "p" };
    void memo.read(NETWORK, base);
    void memo.read(NETWORK, {
      ...base,
      retry: { maxAttempts: 1 },
      timeoutMs: 1,
      throttling: { coordinate: false },
    });
    void memo.read(NETWORK, { profile: "p", endpoint: "https://wickr.example", region: "us-east-1" });
    assert.equal(reads.length, 1);
  });

  it("the network and every other setting do", () => {
    const { memo, reads } = fakeMemo();
    const base: ConnectionSettings = { region: "us-east-1" };
    const others: ConnectionSettings[] = [
      { region: "eu-west-1" },
      { ...base, endpoint: "https://wickr.example" },
      { ...base, profile: "p" },
      { ...base, roleArn: "arn:aws:iam::123456789012:role/r" },
      { ...base, roleArn: "arn:aws:iam::123456789012:role/r", externalId: "x" },
      { ...base, useFipsEndpoint: true },
      { ...base, useDualstackEndpoint: true },
      { ...base, stsEndpoint: "https://sts.example" },
    ];
    void memo.read(NETWORK, base);
    void memo.read("87654321", base);
    for (const settings of others) void memo.read(NETWORK, settings);
    assert.equal(reads.length, 2 + others.length);
  });

  it("keys by the resolved region when given: settings that name it and settings that inherit it share", () => {
    const { memo, reads } = fakeMemo();
    void memo.read(NETWORK, { region: "us-east-1" });
    void memo.read(NETWORK, {}, { region: "us-east-1" });
    void memo.read(NETWORK, {});
    assert.equal(reads.length, 2, "no resolved region: keyed by the settings as given");
  });
});
