/**
 * IAM-style authorization of Wickr calls: a caller may call an action when one of its `allow` patterns
 * matches it (`*` is a wildcard, case-insensitive as in IAM). STS calls are not checked here:
 * GetCallerIdentity needs no permission in AWS, and the seed lets any known caller assume a role.
 */
import { DEFAULT_ALLOW, type SeedCredentials } from "./seed";
import { forbidden, type WireError } from "./wire-errors";

function patternToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

/** True when one of `allow` matches `action` (e.g. `wickr:*` matches `wickr:GetOidcInfo`). */
export function isAllowed(allow: readonly string[], action: string): boolean {
  return allow.some((pattern) => patternToRegExp(pattern).test(action));
}

/** ARN of a Wickr network, as it appears in an authorization failure. */
export function networkArn(region: string, account: string, networkId: string): string {
  return `arn:aws:wickr:${region}:${account}:network/${networkId}`;
}

/** The `ForbiddenError` AWS answers when no policy allows `action`, or undefined when allowed. */
export function checkPermission(
  credentials: SeedCredentials,
  action: string,
  resource: string,
): WireError | undefined {
  if (isAllowed(credentials.allow ?? DEFAULT_ALLOW, action)) return undefined;
  return forbidden(
    `User: ${credentials.arn} is not authorized to perform: ${action} on resource: ${resource} ` +
      `because no identity-based policy allows the ${action} action`,
  );
}
