/** Assertions on the contract's error shape, shared by the emulator tests. */
import assert from "node:assert/strict";
import { FRONT_DOOR_ERROR_NAMESPACE, WICKR_ERROR_NAMESPACE } from "..";
import type { TestResponse } from "./signed-fetch";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Assert a restJson1 error: status, `X-Amzn-Errortype` header, JSON `message`, request id. */
export function assertWireError(
  response: TestResponse,
  status: number,
  name: string,
  message?: string | RegExp,
  origin: "service" | "front-door" = "service",
): void {
  assert.equal(response.status, status, response.text);
  const namespace = origin === "service" ? WICKR_ERROR_NAMESPACE : FRONT_DOOR_ERROR_NAMESPACE;
  assert.equal(response.headers.get("x-amzn-errortype"), `${name}:${namespace}`);
  assert.match(response.headers.get("x-amzn-requestid") ?? "", UUID);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  const body = response.json;
  assert.equal(typeof body.message, "string");
  if (typeof message === "string") assert.equal(body.message, message);
  else if (message) assert.match(String(body.message), message);
}

/** Assert a success with a request id. */
export function assertOk(response: TestResponse): void {
  assert.equal(response.status, 200, response.text);
  assert.match(response.headers.get("x-amzn-requestid") ?? "", UUID);
}
