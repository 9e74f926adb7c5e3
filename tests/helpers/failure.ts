import assert from "node:assert/strict";
import type { WickrError } from "../../provider/wickr/errors";

/** The error a call fails with; fails the test when the call succeeds. */
export async function failure(promise: Promise<unknown>): Promise<WickrError> {
  try {
    await promise;
  } catch (error) {
    return error as WickrError;
  }
  assert.fail("expected the call to fail");
}
