/**
 * The engine harness retries one failure signature once; these pin which failures it is.
 */
import * as assert from "node:assert/strict";
import { lostInlineChannel } from "../engine/engineRun";

describe("engine harness: the lost inline-program channel", () => {
  it("matches the Automation API's failure when its gRPC channel to the CLI is gone (as seen in CI)", () => {
    const seen = new Error(
      "code: -2\n stdout: \n stderr: Command failed with exit code 1: pulumi preview --diff --client=127.0.0.1:35437\n" +
        "error: One or more errors occurred: 14 UNAVAILABLE: No connection established. Last error: null. Resolution note: \n",
    );
    assert.equal(lostInlineChannel(seen), true);
  });

  it("does not match a provider's failure, an expected-no-changes failure or a non-Error", () => {
    for (const message of [
      "error: update failed: 14 UNAVAILABLE: No connection established", // not the program's error set
      "error: One or more errors occurred: RateLimitError: Too many requests",
      "error: no changes were expected but changes were proposed",
    ]) {
      assert.equal(lostInlineChannel(new Error(message)), false, message);
    }
    assert.equal(
      lostInlineChannel("One or more errors occurred: 14 UNAVAILABLE: No connection established"),
      false,
    );
  });
});
