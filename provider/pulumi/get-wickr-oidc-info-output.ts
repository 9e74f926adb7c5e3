import * as pulumi from "@pulumi/pulumi";
import type { CallOptions } from "../wickr/client";
import {
  getWickrOidcInfo,
  type GetWickrOidcInfoArgs,
  type GetWickrOidcInfoResult,
} from "./get-wickr-oidc-info";
import { withConfigFallbacks } from "./stack-config";
import { isSensitiveField } from "../wickr/sensitive-fields";

/** {@link GetWickrOidcInfoArgs} as Pulumi inputs. */
export type GetWickrOidcInfoOutputArgs = {
  [K in keyof GetWickrOidcInfoArgs]: pulumi.Input<GetWickrOidcInfoArgs[K]>;
};

/**
 * Output form of {@link getWickrOidcInfo} for use inside a Pulumi program: takes inputs, reads the same
 * stack-config fallbacks as `WickrOidcInfo`, and returns an Output that is secret whenever the response
 * carries a secret field. The call runs in the program process on every preview and update; it is not
 * stored as a resource, so it has no drift detection — use `WickrOidcInfo` for that.
 *
 * @example
 * const info = getWickrOidcInfoOutput({ networkId: "12345678" });
 * export const issuer = info.openidConnectInfo.apply((i) => i?.issuer);
 */
export function getWickrOidcInfoOutput(
  args: GetWickrOidcInfoOutputArgs,
  options: CallOptions = {},
): pulumi.Output<GetWickrOidcInfoResult> {
  const resolved = pulumi.output(withConfigFallbacks(args));
  const result = resolved.apply((plain) => getWickrOidcInfo(plain as GetWickrOidcInfoArgs, options));
  // An apply that returns an Output is flattened, and secretness carries over.
  return result.apply((r) =>
    carriesSecret(r) ? pulumi.secret(r) : pulumi.output(r),
  ) as pulumi.Output<GetWickrOidcInfoResult>;
}

function carriesSecret(result: GetWickrOidcInfoResult): boolean {
  return [result.openidConnectInfo, result.tokenInfo].some(
    (part) =>
      part !== undefined && Object.entries(part).some(([k, v]) => v !== undefined && isSensitiveField(k)),
  );
}
