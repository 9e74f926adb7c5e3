import assert from "node:assert/strict";
import { describeOffset, isClockSkewError, updatedClockOffset } from "../../provider/wickr/clock-skew";
import { ForbiddenError, WickrServiceError } from "../../provider/wickr/errors";

// A fixed local time; the Date header has whole seconds, so expectations are written for it exactly.
const LOCAL_NOW = Date.parse("2026-11-29T12:00:00Z");

describe("updatedClockOffset", () => {
  it("a Date 10 min ahead sets the offset to +600000 ms", () =>
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:10:00 GMT" }, 0, LOCAL_NOW), 600_000));

  it("a Date 10 min behind sets the offset to −600000 ms", () =>
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 11:50:00 GMT" }, 0, LOCAL_NOW), -600_000));

  it("follows the Date header's whole seconds when the local clock has milliseconds", () => {
    const localNow = Date.parse("2026-11-29T12:00:00.400Z");
    assert.equal(updatedClockOffset({ Date: "Sun, 29 Nov 2026 12:10:00 GMT" }, 0, localNow), 599_600);
  });

  it("a Date 4 min off leaves the offset unchanged", () => {
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:04:00 GMT" }, 0, LOCAL_NOW), 0);
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 11:56:00 GMT" }, 0, LOCAL_NOW), 0);
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:04:00 GMT" }, 1234, LOCAL_NOW), 1234);
  });

  it("exactly 5 min off corrects the offset (the threshold is inclusive)", () =>
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:05:00 GMT" }, 0, LOCAL_NOW), 300_000));

  it("judges the skew against the existing offset", () => {
    // Already corrected by 10 min: a Date 10 min ahead agrees, so nothing changes.
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:10:00 GMT" }, 600_000, LOCAL_NOW), 600_000);
    // Corrected by 10 min, now 12 min ahead: 2 min off the corrected time, unchanged.
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:12:00 GMT" }, 600_000, LOCAL_NOW), 600_000);
    // Corrected by 10 min, but the service now agrees with the local clock: back to 0.
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:00:00 GMT" }, 600_000, LOCAL_NOW), 0);
    // Corrected by 10 min, now 20 min ahead: the new offset replaces the old one.
    assert.equal(
      updatedClockOffset({ date: "Sun, 29 Nov 2026 12:20:00 GMT" }, 600_000, LOCAL_NOW),
      1_200_000,
    );
  });

  it("a cached answer (Age header) changes nothing", () => {
    assert.equal(updatedClockOffset({ date: "Sun, 29 Nov 2026 12:10:00 GMT", age: "30" }, 0, LOCAL_NOW), 0);
    assert.equal(
      updatedClockOffset({ date: "Sun, 29 Nov 2026 12:10:00 GMT", Age: "0" }, 250, LOCAL_NOW),
      250,
    );
  });

  it("an unparseable or missing Date changes nothing", () => {
    assert.equal(updatedClockOffset({ date: "not a date" }, 0, LOCAL_NOW), 0);
    assert.equal(updatedClockOffset({ date: "" }, 42, LOCAL_NOW), 42);
    assert.equal(updatedClockOffset({}, 0, LOCAL_NOW), 0);
    assert.equal(updatedClockOffset({ "x-amz-date": "20261129T121000Z" }, -7, LOCAL_NOW), -7);
  });
});

describe("describeOffset", () => {
  const cases: [number, string][] = [
    [600_000, "10.0 min behind"],
    [-600_000, "10.0 min ahead of"],
    [738_000, "12.3 min behind"],
    [120_000, "2.0 min behind"],
    [119_000, "119 s behind"],
    [40_000, "40 s behind"],
    [-40_000, "40 s ahead of"],
    [-1_400, "1 s ahead of"],
  ];
  for (const [offset, text] of cases) {
    it(`${offset} → "${text}"`, () => assert.equal(describeOffset(offset), text));
  }
});

describe("isClockSkewError", () => {
  it("knows the front door's answers to a signature made at the wrong time", () => {
    for (const name of ["InvalidSignatureException", "RequestTimeTooSkewed", "SignatureDoesNotMatch"]) {
      assert.equal(isClockSkewError(new WickrServiceError(name, "x", { statusCode: 403 })), true, name);
    }
  });
  it("is false for an ordinary 403", () =>
    assert.equal(isClockSkewError(new ForbiddenError("x", { statusCode: 403 })), false));
});
