/** Which operation a request is, from its method, raw path and (for STS) its `Action` form field. */
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

const OIDC_PATH = /^\/networks\/([^/]+)\/oidc(\/save|\/test)?$/;

const WICKR_ROUTES: Record<string, { method: string; operation: OperationName }> = {
  "": { method: "GET", operation: "GetOidcInfo" },
  "/save": { method: "POST", operation: "RegisterOidcConfig" },
  "/test": { method: "POST", operation: "RegisterOidcConfigTest" },
};

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
  const match = OIDC_PATH.exec(path);
  if (!match) return { operation: "Unknown", service: "wickr" };
  const networkId = decodeLabel(match[1] ?? "");
  const candidate = WICKR_ROUTES[match[2] ?? ""];
  const operation = candidate && candidate.method === method ? candidate.operation : "Unknown";
  return { operation, service: "wickr", networkId };
}
