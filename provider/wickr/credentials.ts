import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from "@smithy/types";
import { CredentialsError } from "./errors";
import { Registry } from "../util/registry";
import { stableKey } from "../util/stable-key";

/** How credentials are found. None of these is a credential itself. */
export interface CredentialSettings {
  /** A named profile of the shared config and credentials files. */
  profile?: string;
  /** A role to assume with STS, using the base credentials. */
  roleArn?: string;
  /** External id the role's trust policy asks for. */
  externalId?: string;
  /** Region of the STS client used for assume-role. */
  region?: string;
  /** STS endpoint, e.g. a VPC endpoint or the local emulator. Default: the SDK's own resolution. */
  stsEndpoint?: string;
}

/** Session name of assumed-role sessions, so they are easy to find in CloudTrail. */
const ROLE_SESSION_PREFIX = "pulumi-wickr-oidc";

const shared = new Registry<AwsCredentialIdentityProvider>();

/**
 * One credential provider per distinct credential settings in this process, so resources that differ
 * only in retry or endpoint settings still resolve (and assume a role) once.
 */
export function sharedCredentialProvider(settings: CredentialSettings): AwsCredentialIdentityProvider {
  return shared.get(stableKey(settings), () => createCredentialProvider(settings));
}

/** Forgets every shared credential provider (tests that change the environment between cases). */
export function clearSharedCredentials(): void {
  shared.clear();
}

/** Credentials are refreshed this long before they expire, so no request is signed with stale ones. */
const REFRESH_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * A credential provider for the given settings, built from the AWS SDK's own pieces: the default Node
 * chain (environment, shared files, SSO, web identity, container and instance metadata) optionally for
 * a named profile, then STS `AssumeRole` when `roleArn` is set. The result is memoized and refreshed
 * five minutes before expiry, so credentials are resolved once per client, never per request.
 *
 * SDK modules are loaded on first use: they are heavy, and the dynamic provider must not capture them.
 */
function createCredentialProvider(settings: CredentialSettings): AwsCredentialIdentityProvider {
  const { fromNodeProviderChain, fromTemporaryCredentials } =
    require("@aws-sdk/credential-providers") as typeof import("@aws-sdk/credential-providers");
  const { memoize } = require("@smithy/core/config") as typeof import("@smithy/core/config");
  const base = fromNodeProviderChain(settings.profile ? { profile: settings.profile } : {});
  const source: AwsCredentialIdentityProvider = settings.roleArn
    ? fromTemporaryCredentials({
        params: {
          RoleArn: settings.roleArn,
          RoleSessionName: `${ROLE_SESSION_PREFIX}-${Date.now()}`,
          ...(settings.externalId ? { ExternalId: settings.externalId } : {}),
        },
        masterCredentials: base,
        clientConfig: {
          ...(settings.region ? { region: settings.region } : {}),
          ...(settings.stsEndpoint ? { endpoint: settings.stsEndpoint } : {}),
        },
      })
    : base;
  const described = async (): Promise<AwsCredentialIdentity> => {
    try {
      return await source();
    } catch (error) {
      throw new CredentialsError(credentialFailureMessage(settings, error), { cause: error });
    }
  };
  return memoize(
    described,
    (c) => c.expiration !== undefined && c.expiration.getTime() - Date.now() < REFRESH_BEFORE_EXPIRY_MS,
    (c) => c.expiration !== undefined,
  );
}

function credentialFailureMessage(settings: CredentialSettings, error: unknown): string {
  // The SDK's messages name sources and files, never values; keep only the first line.
  const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
  const what = settings.roleArn
    ? `Could not assume role ${settings.roleArn}${settings.profile ? ` with profile "${settings.profile}"` : ""}`
    : `Could not load AWS credentials${settings.profile ? ` for profile "${settings.profile}"` : ""}`;
  return (
    `${what}: ${detail}. Set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the \`profile\` setting, ` +
    `or run \`aws sso login\`; the caller needs IAM permission wickr:GetOidcInfo` +
    (settings.roleArn ? ` (on the role) and sts:AssumeRole on ${settings.roleArn}.` : ".")
  );
}
