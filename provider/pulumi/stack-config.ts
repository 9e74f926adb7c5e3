import * as pulumi from "@pulumi/pulumi";
import type { ConnectionSettingsArgs } from "./resource-args";
import { CONNECTION_SETTING_FIELDS, type ConnectionSettings } from "../wickr/connection-settings";

/** The stack config keys each connection setting falls back to, in order. */
const CONFIG_FALLBACKS = {
  region: ["wickr:region", "aws:region"],
  endpoint: ["wickr:endpoint"],
  profile: ["wickr:profile", "aws:profile"],
  roleArn: ["wickr:roleArn"],
} as const satisfies Partial<Record<keyof ConnectionSettingsArgs, readonly string[]>>;

/**
 * Fills unset connection settings from stack config: `wickr:region`, `wickr:endpoint`, `wickr:profile`,
 * `wickr:roleArn`, then `aws:region` / `aws:profile`. What is still unset falls back to the AWS
 * environment of the provider process at run time (`AWS_REGION`, `AWS_PROFILE`, …).
 * A value set with `pulumi config set --secret` stays a secret (and so is stored encrypted).
 * Runs in the Pulumi program, never in the provider.
 */
export function withConfigFallbacks<T extends ConnectionSettingsArgs>(args: T): T {
  const out: Record<string, unknown> = { ...args };
  for (const [setting, keys] of Object.entries(CONFIG_FALLBACKS)) {
    if (args[setting as keyof ConnectionSettingsArgs] !== undefined) continue;
    for (const key of keys) {
      const value = configValue(key);
      if (value !== undefined) {
        out[setting] = value;
        break;
      }
    }
  }
  return out as T;
}

/**
 * {@link withConfigFallbacks} for plain values, for the promise form of the function: the same keys in
 * the same order, read as plain strings (a secret one too: the call needs its value). Outside a
 * Pulumi program there is no stack config and nothing changes.
 */
export function withPlainConfigFallbacks<T extends ConnectionSettings>(args: T): T {
  const out: Record<string, unknown> = { ...(args as Record<string, unknown>) };
  for (const [setting, keys] of Object.entries(CONFIG_FALLBACKS)) {
    if (args[setting as keyof ConnectionSettings] !== undefined) continue;
    const value = keys.map((key) => pulumi.runtime.getConfig(key)).find((v) => v !== undefined);
    if (value !== undefined) out[setting] = value;
  }
  return out as T;
}

/**
 * The names of the connection settings whose value is a secret (from secret stack config, or given as
 * a secret Output). Names only: the provider, which receives every value as plain text, uses them to
 * keep those values out of its messages.
 */
export function secretSettingNames(args: ConnectionSettingsArgs): pulumi.Output<string[]> {
  const checks = CONNECTION_SETTING_FIELDS.map(async (field) => {
    const value: unknown = args[field];
    return pulumi.Output.isInstance(value) && (await pulumi.isSecret(value as pulumi.Output<unknown>))
      ? [field]
      : [];
  });
  return pulumi.output(Promise.all(checks).then((names) => names.flat()));
}

/** A stack config value (`namespace:key`): a secret Output when it was set as a secret, else plain. */
function configValue(fullKey: string): pulumi.Input<string> | undefined {
  const [namespace = "", key = ""] = fullKey.split(":");
  const config = new pulumi.Config(namespace);
  return isSecretConfig(fullKey) ? config.getSecret(key) : config.get(key);
}

/**
 * Whether a config key holds a secret. The SDK's `runtime.isConfigSecret` is marked internal; where it
 * is missing, every value is taken as a secret — over-protecting beats a plaintext secret in state.
 */
function isSecretConfig(fullKey: string): boolean {
  const probe = (pulumi.runtime as { isConfigSecret?: (key: string) => boolean }).isConfigSecret;
  return typeof probe === "function" ? probe(fullKey) : true;
}
