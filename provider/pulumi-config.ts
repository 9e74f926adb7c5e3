import * as pulumi from "@pulumi/pulumi";
import type { ConnectionSettingsArgs } from "./resource-types";

/**
 * Fills unset connection settings from stack config: `wickr:region`, `wickr:endpoint`, `wickr:profile`,
 * `wickr:roleArn`, then `aws:region` / `aws:profile`. What is still unset falls back to the AWS
 * environment of the provider process at run time (`AWS_REGION`, `AWS_PROFILE`, …).
 * Runs in the Pulumi program, never in the provider.
 */
export function withConfigFallbacks<T extends ConnectionSettingsArgs>(args: T): T {
  const wickr = new pulumi.Config("wickr");
  const aws = new pulumi.Config("aws");
  const filled: ConnectionSettingsArgs = {
    region: args.region ?? wickr.get("region") ?? aws.get("region"),
    endpoint: args.endpoint ?? wickr.get("endpoint"),
    profile: args.profile ?? wickr.get("profile") ?? aws.get("profile"),
    roleArn: args.roleArn ?? wickr.get("roleArn"),
  };
  const out: Record<string, unknown> = { ...args };
  for (const [k, v] of Object.entries(filled)) if (v !== undefined) out[k] = v;
  return out as T;
}
