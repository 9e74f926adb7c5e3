/**
 * Hard limits that keep a hostile or broken endpoint from exhausting time or memory. One place, so
 * validation, the client and the docs agree.
 */

/**
 * The longest duration Node's timers accept (2^31 − 1 ms, about 24.8 days). A longer `setTimeout`
 * fires at once with a warning, so every duration setting and every `Retry-After` stays below it.
 */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * The largest response body read, in bytes (1 MiB). A `GetOidcInfo` answer is a few KB even with a
 * CA certificate chain; anything near this is not the service speaking.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** The longest endpoint URL accepted (`endpoint`, `stsEndpoint`). */
export const MAX_ENDPOINT_LENGTH = 1024;

/**
 * The longest value of each `tokenRequest` member, in characters, with the reason a person reads when a
 * value is longer. Every member travels in the request's query string (percent-encoded, up to three
 * times as long), which HTTP front ends cap at about 8 KB all told; and each secret one is searched for,
 * in every encoding, in every message the provider shows. A longer value is a mistake (a whole
 * redirect URL pasted as the code, a file's content), refused at preview.
 */
export const TOKEN_REQUEST_LIMITS = {
  clientId: { max: 1024, why: "OAuth client ids are tens of characters" },
  code: {
    max: 2048,
    why: "an OAuth authorization code is a few hundred characters at most: about 40 at Okta, 70 at Google, up to about 1,500 at Microsoft Entra ID",
  },
  grantType: { max: 256, why: 'a grant type is a short name such as "authorization_code"' },
  redirectUri: { max: 2048, why: "the longest URL that HTTP front ends reliably accept" },
  url: { max: 2048, why: "the longest URL that HTTP front ends reliably accept" },
  clientSecret: { max: 1024, why: "OAuth client secrets are tens of characters, rarely a few hundred" },
  codeVerifier: { max: 128, why: "a PKCE code verifier is 43 to 128 characters (RFC 7636, section 4.1)" },
  certificate: { max: 16_384, why: "a PEM certificate chain of a few certificates" },
} as const satisfies Record<string, { max: number; why: string }>;
