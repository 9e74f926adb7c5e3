/**
 * Checks that a wire answer has the shape the API model table (`api-model.ts`) declares: members, JSON
 * types, required members, no member outside the model; errors with their status, `X-Amzn-Errortype`
 * and body; and the `Date` and request-id headers every AWS answer carries.
 */
import assert from "node:assert/strict";
import { ERRORS, type ErrorName, INTEGER_RANGE, type MemberModel } from "../api-model";
import { WICKR_ERROR_NAMESPACE } from "../wire-errors";
import type { TestResponse } from "../support/signed-fetch";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function typeProblem(member: MemberModel, value: unknown, path: string): string[] {
  const range = member.range ?? INTEGER_RANGE;
  switch (member.type) {
    case "string":
      return typeof value === "string" ? [] : [`${path}: expected a string, got ${JSON.stringify(value)}`];
    case "boolean":
      return typeof value === "boolean" ? [] : [`${path}: expected a boolean, got ${JSON.stringify(value)}`];
    case "integer":
      return Number.isInteger(value) && (value as number) >= range.min && (value as number) <= range.max
        ? []
        : [`${path}: expected an integer in [${range.min}, ${range.max}], got ${JSON.stringify(value)}`];
    case "long":
      return Number.isSafeInteger(value) ? [] : [`${path}: expected a long, got ${JSON.stringify(value)}`];
    case "string-list":
      return Array.isArray(value) && value.every((item) => typeof item === "string")
        ? []
        : [`${path}: expected a list of strings, got ${JSON.stringify(value)}`];
    case "structure":
      return shapeProblems(member.members ?? [], value, path);
    case "list":
      return Array.isArray(value)
        ? value.flatMap((item, i) => shapeProblems(member.members ?? [], item, `${path}[${i}]`))
        : [`${path}: expected a list, got ${JSON.stringify(value)}`];
  }
}

/**
 * Every way `value` disagrees with the structure `members`: not an object, a member the model does not
 * have, a required member missing, a member of the wrong JSON type (recursively). Empty when it agrees.
 */
export function shapeProblems(members: readonly MemberModel[], value: unknown, path = "$"): string[] {
  if (!isObject(value)) return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  const names = new Set(members.map((m) => m.name));
  const problems = Object.keys(value)
    .filter((key) => !names.has(key))
    .map((key) => `${path}.${key}: not a member of the model`);
  for (const member of members) {
    const memberValue = value[member.name];
    if (memberValue === undefined || memberValue === null) {
      if (member.required) problems.push(`${path}.${member.name}: required by the model, missing`);
      continue;
    }
    problems.push(...typeProblem(member, memberValue, `${path}.${member.name}`));
  }
  return problems;
}

/** Assert `value` has the shape of the structure `members`. */
export function assertShape(members: readonly MemberModel[], value: unknown, path = "$"): void {
  assert.deepEqual(shapeProblems(members, value, path), [], JSON.stringify(value));
}

/** RFC 9110 IMF-fixdate, the form AWS (and the SDK's clock-skew correction) uses. */
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Assert the headers every AWS answer carries: an HTTP `Date` and an `x-amzn-requestid`. */
export function assertAwsHeaders(response: TestResponse): void {
  const date = response.headers.get("date") ?? "";
  assert.match(date, IMF_FIXDATE, `Date header of a ${response.status}`);
  assert.ok(Number.isFinite(Date.parse(date)));
  assert.match(response.headers.get("x-amzn-requestid") ?? "", UUID, `request id of a ${response.status}`);
}

/**
 * Assert a modelled error as the official client decodes it: the model's status, `X-Amzn-Errortype`
 * naming it, a JSON body with the error structure's members only (required ones present), and the
 * `Date` and request-id headers.
 */
export function assertModelledError(response: TestResponse, name: ErrorName): Record<string, unknown> {
  const model = ERRORS.find((e) => e.name === name);
  assert.ok(model, `${name} is in the model`);
  assert.equal(response.status, model.status, response.text);
  assert.equal(response.headers.get("x-amzn-errortype"), `${name}:${WICKR_ERROR_NAMESPACE}`);
  assert.match(response.headers.get("content-type") ?? "", /^application\/json/);
  assertAwsHeaders(response);
  assertShape(model.members, response.json, name);
  return response.json;
}
