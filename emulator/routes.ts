/**
 * Which operation a request is, from its method, raw path and (for STS) its `Action` form field.
 * The Wickr routes are the `smithy.api#http` bindings of the API model table (`api-model.ts`).
 */
import { OPERATIONS, WICKR_SERVICE } from "./api-model";
import type { SigningService } from "./authenticate";
import type { OperationName } from "./request-log";

/** Where a request goes. */
export interface Route {
  operation: OperationName;
  /** Signing name the credential scope must carry. */
  service: SigningService;
  /** Decoded `{networkId}` path label, for `/networks/...` routes. */
  networkId?: string;
  /** STS `Action` as sent (also for unknown actions, to name them in the error). */
  action?: string;
}

/** `/networks/{networkId}/oidc` → `^/networks/([^/]+)/oidc$` (a label is one non-empty path segment). */
function uriPattern(uri: string): RegExp {
  const literal = uri.split(/\{[^}]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${literal.join("([^/]+)")}$`);
}

const WICKR_ROUTES: readonly { operation: OperationName; method: string; pattern: RegExp }[] = OPERATIONS.map(
  (op) => ({ operation: op.name, method: op.method, pattern: uriPattern(op.uri) }),
);

const STS_ACTIONS: readonly OperationName[] = ["AssumeRole", "GetCallerIdentity"];

function decodeLabel(label: string): string {
  try {
    return decodeURIComponent(label);
  } catch {
    return label;
  }
}

/** Route a request. Anything not recognised is `Unknown` (answered after authentication). */
export function routeRequest(method: string, path: string, form: URLSearchParams | undefined): Route {
  if (path === "/") {
    const action = form?.get("Action") ?? undefined;
    const known = method === "POST" && STS_ACTIONS.find((op) => op === action);
    return { operation: known || "Unknown", service: "sts", action };
  }
  let unknown: Route = { operation: "Unknown", service: WICKR_SERVICE.signingName };
  for (const route of WICKR_ROUTES) {
    const match = route.pattern.exec(path);
    if (!match) continue;
    const networkId = decodeLabel(match[1] ?? "");
    if (route.method === method) return { operation: route.operation, service: "wickr", networkId };
    unknown = { ...unknown, networkId }; // The path is known, the method is not: still log the network.
  }
  return unknown;
}
