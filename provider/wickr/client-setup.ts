import type { AwsCredentialIdentityProvider } from "@smithy/types";
import type { WickrAdminClientConfig } from "./client-config";
import { sharedCredentialProvider } from "./credentials";
import { checkEndpointUrl, resolveEndpoint, type ResolvedEndpoint } from "./endpoint";
import { resolveConnectionSettings, type ConnectionSettings } from "./connection-settings";
import { createSigner, type RequestSigner } from "./signer";

/** What a client resolves once, on its first call: settings after fallbacks, endpoint, credentials, signer. */
export interface ClientSetup {
  settings: ConnectionSettings & { region: string };
  endpoint: ResolvedEndpoint;
  credentials: AwsCredentialIdentityProvider;
  signer: RequestSigner;
}

/**
 * Resolves a client's settings (environment and profile fallbacks), endpoint and credential provider.
 * @throws `ConfigurationError` for an unusable region or endpoint.
 */
export async function createClientSetup(config: WickrAdminClientConfig): Promise<ClientSetup> {
  const resolved = await resolveConnectionSettings(config, config.env ?? process.env);
  const endpoint = resolveEndpoint(resolved, config.settingHints);
  // The environment can set it too (AWS_ENDPOINT_URL_STS): the same https rule as at preview.
  if (resolved.stsEndpoint !== undefined) checkEndpointUrl(resolved.stsEndpoint, "stsEndpoint");
  const settings = { ...resolved, region: endpoint.signingRegion };
  const credentials =
    config.credentials ??
    sharedCredentialProvider({
      ...(settings.profile ? { profile: settings.profile } : {}),
      ...(settings.roleArn ? { roleArn: settings.roleArn } : {}),
      ...(settings.externalId ? { externalId: settings.externalId } : {}),
      ...(settings.stsEndpoint ? { stsEndpoint: settings.stsEndpoint } : {}),
      region: settings.region,
    });
  return { settings, endpoint, credentials, signer: createSigner(credentials, settings.region) };
}
