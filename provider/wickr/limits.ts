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
