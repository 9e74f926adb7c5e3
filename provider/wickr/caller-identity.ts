import type { AwsCredentialIdentityProvider } from "@smithy/types";

/** How long the caller-identity hint may take; it only decorates an error that is already certain. */
const CALLER_IDENTITY_TIMEOUT_MS = 3000;

/**
 * The ARN of the principal the credentials belong to (STS `GetCallerIdentity`), or undefined when it
 * cannot be learned within {@link CALLER_IDENTITY_TIMEOUT_MS}. Best effort: never throws.
 */
export async function callerArn(options: {
  credentials: AwsCredentialIdentityProvider;
  region: string;
  stsEndpoint?: string;
}): Promise<string | undefined> {
  const { STSClient, GetCallerIdentityCommand } =
    require("@aws-sdk/client-sts") as typeof import("@aws-sdk/client-sts");
  const client = new STSClient({
    region: options.region,
    credentials: options.credentials,
    maxAttempts: 1,
    ...(options.stsEndpoint ? { endpoint: options.stsEndpoint } : {}),
  });
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), CALLER_IDENTITY_TIMEOUT_MS);
  try {
    const identity = await client.send(new GetCallerIdentityCommand({}), { abortSignal: abort.signal });
    return identity.Arn;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    client.destroy();
  }
}
