import { extendedEncodeURIComponent } from "@smithy/core/protocols";
import { HttpRequest } from "@smithy/protocol-http";
import { TOKEN_REQUEST_FIELDS, type GetOidcInfoRequest } from "./api-types";
import { userAgent } from "./user-agent";

/**
 * The unsigned HTTP request of `GetOidcInfo` (restJson1): `GET {endpoint path}/networks/{networkId}/oidc`,
 * the network id encoded as a path label the way the AWS SDK's generated serializers encode one
 * (`extendedEncodeURIComponent`), each set token member as a query parameter under its API name
 * (undefined members left out), no body. The signer canonicalises the query and `NodeHttpHandler`
 * serialises it with the same escaping. The `User-Agent` names this package, its version and the
 * runtime ({@link userAgent}); the signer leaves it unsigned, as for every AWS SDK request.
 */
export function serializeGetOidcInfo(endpointUrl: string, request: GetOidcInfoRequest): HttpRequest {
  const url = new URL(endpointUrl);
  const query: Record<string, string> = {};
  for (const field of TOKEN_REQUEST_FIELDS) {
    const value = request[field];
    if (value !== undefined) query[field] = value;
  }
  return new HttpRequest({
    method: "GET",
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port ? { port: Number(url.port) } : {}),
    path: `${url.pathname.replace(/\/$/, "")}/networks/${extendedEncodeURIComponent(request.networkId)}/oidc`,
    query,
    headers: { host: url.host, "user-agent": userAgent() },
  });
}
