/** Calling the handler of an authenticated, authorized request. */
import type { Caller } from "./authenticate";
import { getOidcInfo } from "./oidc";
import { registerOidcConfig, registerOidcConfigTest } from "./register-oidc";
import type { Route } from "./routes";
import type { EmulatorState } from "./state";
import { type StsResult, assumeRole, getCallerIdentity } from "./sts";
import { WireError, frontDoor } from "./wire-errors";

/** What a handler produced: a JSON document (Wickr) or an STS result (XML). */
export type Answer = { kind: "json"; body: unknown } | { kind: "sts"; sts: StsResult };

/** Inputs of a handler. */
export interface DispatchInput {
  route: Route;
  caller: Caller;
  query: Record<string, string>;
  body: Buffer;
  form: URLSearchParams | undefined;
  now: number;
}

/** The STS API version the query protocol must name. */
export const STS_VERSION = "2011-06-15";

function sts(state: EmulatorState, input: DispatchInput): Answer {
  const { route, caller, form, now } = input;
  if (route.operation === "Unknown" || !form || form.get("Version") !== STS_VERSION) {
    const action = route.action ?? "(none)";
    const version = form?.get("Version") ?? "(none)";
    throw new WireError(400, "InvalidAction", `Could not find operation ${action} for version ${version}`);
  }
  const result =
    route.operation === "AssumeRole" ? assumeRole(state, caller, form, now) : getCallerIdentity(caller);
  return { kind: "sts", sts: result };
}

/** Run the operation. @throws `WireError` for every failure the operation models. */
export function dispatch(state: EmulatorState, input: DispatchInput): Answer {
  const { route, query, body, now } = input;
  if (route.service === "sts") return sts(state, input);
  switch (route.operation) {
    case "GetOidcInfo":
      return { kind: "json", body: getOidcInfo(state, route.networkId, query, now).body };
    case "RegisterOidcConfig":
      return { kind: "json", body: registerOidcConfig(state, route.networkId, body) };
    case "RegisterOidcConfigTest":
      return { kind: "json", body: registerOidcConfigTest(state, route.networkId, body) };
    default:
      throw frontDoor(
        404,
        "UnknownOperationException",
        "The requested operation is not supported by this service",
      );
  }
}
