import assert from "node:assert/strict";
import { Readable } from "node:stream";
import { readCappedBody } from "../../provider/wickr/http";
import { withinTurns } from "../helpers/event-loop";

const KIB = 1024;
const MIB = 1024 * KIB;
const CHUNK = 64 * KIB;

/** A body of `total` bytes made lazily in 64 KiB chunks, counting what it produced. */
function generatedBody(total: number) {
  let produced = 0;
  const stream = new Readable({
    read() {
      if (produced >= total) {
        this.push(null);
        return;
      }
      const size = Math.min(CHUNK, total - produced);
      produced += size;
      this.push(Buffer.alloc(size, 0x61));
    },
  });
  return { stream, produced: () => produced };
}

/** A body that sends one chunk and then never another, nor ends. */
function stalledBody(onStall: () => void) {
  let reads = 0;
  const stream = new Readable({
    read() {
      reads++;
      if (reads === 1) this.push(Buffer.from('{"openidConnectInfo":'));
      else if (reads === 2) setImmediate(onStall);
    },
  });
  return stream;
}

const neverAborted = () => new AbortController().signal;

describe("readCappedBody", () => {
  it("refuses a content-length over 1 MiB before reading anything", async () => {
    const body = generatedBody(2 * MIB);
    await assert.rejects(readCappedBody(body.stream, { "content-length": "1048577" }, neverAborted()), {
      name: "MalformedResponseError",
      message: /content-length 1048577/,
    });
    assert.equal(body.produced(), 0);
    assert.equal(body.stream.destroyed, true);
  });

  it("cuts off a chunked 3 MiB body just over 1 MiB and destroys the stream", async () => {
    const body = generatedBody(3 * MIB);
    await assert.rejects(readCappedBody(body.stream, {}, neverAborted()), {
      name: "MalformedResponseError",
      message: /larger than the 1024 KiB/,
    });
    assert.ok(body.produced() > MIB, `only ${body.produced()} bytes produced`);
    // The 17th chunk crosses the cap; allow the stream one chunk of read-ahead beyond it.
    assert.ok(body.produced() <= MIB + 2 * CHUNK, `${body.produced()} bytes produced`);
    assert.equal(body.stream.destroyed, true);
  });

  it("accepts exactly 1 MiB, with and without content-length", async () => {
    const chunked = generatedBody(MIB);
    assert.equal((await readCappedBody(chunked.stream, {}, neverAborted())).length, 1048576);
    const declared = generatedBody(MIB);
    const text = await readCappedBody(declared.stream, { "content-length": "1048576" }, neverAborted());
    assert.equal(text.length, 1048576);
    assert.equal(text, "a".repeat(1048576));
  });

  it("decodes UTF-8 split across chunks", async () => {
    const euro = Buffer.from("\u20ac", "utf8");
    const stream = Readable.from([euro.subarray(0, 1), euro.subarray(1)]);
    assert.equal(await readCappedBody(stream, {}, neverAborted()), "\u20ac");
  });

  it("an absent body is the empty string", async () =>
    assert.equal(await readCappedBody(undefined, {}, neverAborted()), ""));

  it("an abort while the body stalls rejects promptly and destroys the stream", async () => {
    const controller = new AbortController();
    const stream = stalledBody(() => controller.abort());
    await assert.rejects(withinTurns(readCappedBody(stream, {}, controller.signal)), /aborted/);
    assert.equal(stream.destroyed, true);
  });

  // A signal that is already aborted when reading starts must not leave a stalled stream hanging.
  it("a signal aborted before reading rejects at once", async () => {
    const stream = new Readable({ read() {} });
    await assert.rejects(withinTurns(readCappedBody(stream, {}, AbortSignal.abort())), /aborted/);
    assert.equal(stream.destroyed, true);
  });
});
