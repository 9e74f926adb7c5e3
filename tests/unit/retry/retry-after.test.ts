import assert from "node:assert/strict";
import { parseRetryAfter } from "../../../provider/retry/retry-after";

describe("parseRetryAfter", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  it("reads delta-seconds", () => assert.equal(parseRetryAfter({ "retry-after": "3" }, now), 3000));
  it("reads fractional seconds", () => assert.equal(parseRetryAfter({ "Retry-After": "1.5" }, now), 1500));
  it("reads an HTTP date", () =>
    assert.equal(parseRetryAfter({ "retry-after": "Sun, 29 Nov 2026 12:00:07 GMT" }, now), 7000));
  it("a date in the past means no wait", () =>
    assert.equal(parseRetryAfter({ "retry-after": "Sun, 29 Nov 2026 11:00:00 GMT" }, now), 0));
  it("reads x-amz-retry-after in milliseconds, and prefers it", () =>
    assert.equal(parseRetryAfter({ "x-amz-retry-after": "250", "retry-after": "9" }, now), 250));
  it("ignores garbage", () => {
    assert.equal(parseRetryAfter({ "retry-after": "soon" }, now), undefined);
    assert.equal(parseRetryAfter({ "x-amz-retry-after": "1.5" }, now), undefined);
    assert.equal(parseRetryAfter({}, now), undefined);
  });
});

describe("parseRetryAfter clamps to Node's timer limit", () => {
  const now = Date.parse("2026-11-29T12:00:00Z");
  it("retry-after: 99999999999 (seconds) → 2147483647", () =>
    assert.equal(parseRetryAfter({ "retry-after": "99999999999" }, now), 2147483647));
  it("x-amz-retry-after: 9999999999999 (ms) → 2147483647", () =>
    assert.equal(parseRetryAfter({ "x-amz-retry-after": "9999999999999" }, now), 2147483647));
  it("an HTTP date 100 years ahead → 2147483647", () =>
    assert.equal(parseRetryAfter({ "Retry-After": "Fri, 29 Nov 2126 12:00:00 GMT" }, now), 2147483647));
  it("a value with more digits than a double holds exactly → 2147483647", () =>
    assert.equal(parseRetryAfter({ "x-amz-retry-after": "9".repeat(400) }, now), 2147483647));
  it("the largest wait that fits is kept as it is", () => {
    assert.equal(parseRetryAfter({ "x-amz-retry-after": "2147483647" }, now), 2147483647);
    assert.equal(parseRetryAfter({ "retry-after": "2147483" }, now), 2147483000);
  });
});
