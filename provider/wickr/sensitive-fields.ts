/**
 * The one list of sensitive field names.
 *
 * Everything that must never appear in plaintext is derived from here: the resource's secret outputs
 * (`additionalSecretOutputs`), the client's redaction of errors and debug output, the emulator's
 * request log, and the canaries the tests plant. Add a field here and every one of those follows.
 */

/** Response and output fields that are stored as Pulumi secrets (top-level output names). */
export const SECRET_OUTPUT_FIELDS = [
  "clientSecret",
  "secret",
  "accessToken",
  "idToken",
  "refreshToken",
  "codeVerifier",
] as const;

/** Request members (query parameters of `GetOidcInfo`) whose values must never be shown. */
export const SENSITIVE_REQUEST_FIELDS = ["clientSecret", "code", "codeVerifier"] as const;

/** Every field name whose value is redacted wherever it appears: request, response, or credentials. */
export const SENSITIVE_FIELDS: readonly string[] = [
  ...new Set<string>([
    ...SECRET_OUTPUT_FIELDS,
    ...SENSITIVE_REQUEST_FIELDS,
    "secretAccessKey",
    "sessionToken",
    "SecretAccessKey",
    "SessionToken",
    "authorization",
    "x-amz-security-token",
  ]),
];

/** Placeholder that replaces a redacted value. */
export const REDACTED = "[REDACTED]";

const sensitiveLower = new Set(SENSITIVE_FIELDS.map((f) => f.toLowerCase()));

/** True when `name` (any case) is a sensitive field. */
export function isSensitiveField(name: string): boolean {
  return sensitiveLower.has(name.toLowerCase());
}
