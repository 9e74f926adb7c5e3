import type { CallOptions } from "../wickr/client";
import { sharedClient } from "../wickr/shared-clients";
import { pickConnectionSettings, type ConnectionSettings } from "../wickr/connection-settings";
import { TOKEN_REQUEST_FIELDS, type GetOidcInfoRequest, type GetOidcInfoResponse } from "../wickr/api-types";

/** Arguments of {@link getWickrOidcInfo}: the request members under their API names, plus connection settings. */
export interface GetWickrOidcInfoArgs extends GetOidcInfoRequest, ConnectionSettings {}

/** The `GetOidcInfo` response: `{ openidConnectInfo?, tokenInfo? }` with the API's field names. */
export type GetWickrOidcInfoResult = GetOidcInfoResponse;

/**
 * Reads a Wickr network's OpenID Connect settings (`GetOidcInfo`). With token members
 * (`code`, `clientId`, `clientSecret`, …) it also performs the token exchange and returns `tokenInfo`.
 *
 * Clients are shared per distinct connection settings within a process, so repeated calls reuse
 * credentials and connections. Outside a Pulumi program this does not read stack config; inside one,
 * use `getWickrOidcInfoOutput` (or pass `region`/`endpoint` yourself).
 *
 * @throws {@link InvalidInputError} before any network call for a malformed `networkId`;
 *   otherwise the errors of {@link WickrAdminClient.getOidcInfo}.
 * @example
 * const { openidConnectInfo } = await getWickrOidcInfo({ networkId: "12345678", region: "us-east-1" });
 */
export async function getWickrOidcInfo(
  args: GetWickrOidcInfoArgs,
  options: CallOptions = {},
): Promise<GetWickrOidcInfoResult> {
  const request: GetOidcInfoRequest = { networkId: args.networkId };
  for (const field of TOKEN_REQUEST_FIELDS) if (args[field] !== undefined) request[field] = args[field];
  return sharedClient(pickConnectionSettings(args)).getOidcInfo(request, options);
}
