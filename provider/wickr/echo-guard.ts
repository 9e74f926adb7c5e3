import { MalformedResponseError } from "./errors";
import { SecretMatcher } from "./redact";
import { isSensitiveField } from "./sensitive-fields";
import type { GetOidcInfoResponse } from "./api-types";

/**
 * Refuses a response that carries a secret in a field that is stored in plain text: the request's
 * `code`, `clientSecret` or `codeVerifier`, the AWS credentials, or the response's own secret fields,
 * written anywhere inside `issuer`, `extraAuthParams` or any other non-secret member, in any encoding
 * an echo can take (hex and base64 included; see `SecretMatcher`). A faithful service never does that; a hostile or broken endpoint (or a proxy that
 * reflects the request) could, and the value would then land unencrypted in the stack's state and
 * outputs. Refusing keeps the stored outputs as they were.
 *
 * @throws {@link MalformedResponseError} naming the member, never the value.
 */
export function refuseEchoedSecrets(
  response: GetOidcInfoResponse,
  knownSecrets: readonly (string | undefined)[],
): void {
  const parts = { openidConnectInfo: response.openidConnectInfo, tokenInfo: response.tokenInfo };
  const secrets = new Set(knownSecrets);
  for (const part of Object.values(parts)) {
    for (const [name, value] of Object.entries(part ?? {}))
      if (isSensitiveField(name) && typeof value === "string") secrets.add(value);
  }
  const matcher = new SecretMatcher(secrets);
  if (matcher.empty) return;
  for (const [where, part] of Object.entries(parts)) {
    for (const [name, value] of Object.entries(part ?? {})) {
      if (isSensitiveField(name) || typeof value !== "string") continue;
      if (matcher.test(value))
        throw new MalformedResponseError(
          `${where}.${name} holds a secret value (the request's, the credentials' or a secret member's); ` +
            "it would be stored in plain text, so the response is refused",
        );
    }
  }
}
