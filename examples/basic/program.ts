import * as pulumi from "@pulumi/pulumi";
import { WickrOidcInfo } from "pulumi-wickr-oidc";

/**
 * Reads one Wickr network's OIDC settings and exports every output. Secret outputs stay secret in
 * the stack (`pulumi stack output` shows `[secret]`).
 *
 * Config: `networkId` (required); connection settings from `wickr:*` / `aws:*` config or the AWS
 * environment.
 */
export function basicProgram(): Record<string, pulumi.Output<unknown>> {
  const config = new pulumi.Config();
  const sso = new WickrOidcInfo("sso", { networkId: config.require("networkId") });
  return {
    networkId: sso.networkId,
    region: sso.region,
    issuer: sso.issuer,
    clientId: sso.clientId,
    companyId: sso.companyId,
    scopes: sso.scopes,
    applicationName: sso.applicationName,
    clientSecret: sso.clientSecret,
    secret: sso.secret,
    redirectUrl: sso.redirectUrl,
    userId: sso.userId,
    customUsername: sso.customUsername,
    caCertificate: sso.caCertificate,
    applicationId: sso.applicationId,
    ssoTokenBufferMinutes: sso.ssoTokenBufferMinutes,
    extraAuthParams: sso.extraAuthParams,
  };
}
