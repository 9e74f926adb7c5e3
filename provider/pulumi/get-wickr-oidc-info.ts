import type * as pulumi from "@pulumi/pulumi";
import { sharedClient } from "../wickr/shared-clients";
import { pickConnectionSettings, type ConnectionSettings } from "../wickr/connection-settings";
import { TOKEN_REQUEST_FIELDS, type GetOidcInfoRequest, type GetOidcInfoResponse } from "../wickr/api-types";
import { withPlainConfigFallbacks } from "./stack-config";

/** Arguments of {@link getWickrOidcInfo}: the request members under their API names, plus connection settings. */
export interface GetWickrOidcInfoArgs extends GetOidcInfoRequest, ConnectionSettings {}

/** The `GetOidcInfo` response: `{ openidConnectInfo?, tokenInfo? }` with the API's field names, plain values. */
export type GetWickrOidcInfoResult = GetOidcInfoResponse;

/**
 * Options of {@link getWickrOidcInfo}: the invoke options that mean something for a call made in the
 * program's own process, plus cancellation.
 */
export interface GetWickrOidcInfoOptions {
  /**
   * Accepted as in other invokes, so one options object fits them all. The call is made by this
   * package in the program's process, not by a provider resource, so there is nothing to inherit
   * from the parent and it has no effect.
   */
  parent?: pulumi.Resource;
  /** Cancels the call: it fails with `RequestAbortedError`, and an in-flight request is aborted. */
  signal?: AbortSignal;
}

/**
 * Reads a Wickr network's OpenID Connect settings (`GetOidcInfo`). With token members
 * (`code`, `clientId`, `clientSecret`, …) it also performs the token exchange and returns `tokenInfo`.
 *
 * Every value comes back plain, secrets included, for scripts and for code that needs the value
 * itself. In a program, prefer {@link getWickrOidcInfoOutput} (its sensitive fields are secret
 * Outputs) or the `WickrOidcInfo` resource: a plain value that is exported is stored unencrypted.
 *
 * Connection settings left unset fall back to stack config inside a Pulumi program (`wickr:region`,
 * `wickr:endpoint`, `wickr:profile`, `wickr:roleArn`, then `aws:region` / `aws:profile`, as for the
 * resource), then to the AWS environment. Clients are shared per distinct connection settings within a
 * process, so repeated calls reuse credentials and connections.
 *
 * @throws {@link InvalidInputError} before any network call for a malformed `networkId` or member;
 *   otherwise the errors of {@link WickrAdminClient.getOidcInfo}.
 * @example
 * const { openidConnectInfo } = await getWickrOidcInfo({ networkId: "12345678", region: "us-east-1" });
 */
export async function getWickrOidcInfo(
  args: GetWickrOidcInfoArgs,
  options: GetWickrOidcInfoOptions = {},
): Promise<GetWickrOidcInfoResult> {
  const resolved = withPlainConfigFallbacks(args);
  const request: GetOidcInfoRequest = { networkId: resolved.networkId };
  for (const field of TOKEN_REQUEST_FIELDS)
    if (resolved[field] !== undefined) request[field] = resolved[field];
  const { signal } = options;
  return sharedClient(pickConnectionSettings(resolved)).getOidcInfo(request, signal ? { signal } : {});
}
