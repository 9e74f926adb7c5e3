/**
 * Runs `fn` with AWS environment variables set, restoring the previous values afterwards. The AWS SDK's
 * default credential chain reads `process.env` itself, so the tests that prove that chain must set it.
 * Every AWS_* variable not given is cleared for the duration, so the machine's own settings never leak in.
 */
export async function withAwsEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...process.env };
  for (const key of Object.keys(process.env)) if (key.startsWith("AWS_")) delete process.env[key];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: "/nonexistent/aws-config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/aws-credentials",
    AWS_EC2_METADATA_DISABLED: "true",
    ...vars,
  });
  try {
    return await fn();
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
  }
}
