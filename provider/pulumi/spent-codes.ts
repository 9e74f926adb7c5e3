/**
 * Single-use authorization codes that may have reached the service, as the stack records them: so
 * that no later run sends one again. A code is recorded (as a SHA-256 digest, never the code) when an
 * exchange failed after it may have reached the service — an answer lost, a timeout or a cancellation
 * after sending, any answer but throttling or an AWS front-door refusal — through the engine's
 * partial-failure path ({@link ResourceInitError}); the next run refuses it before any request.
 *
 * RFC 6749 §4.1.2: a server that sees a code used twice should revoke the tokens already issued from
 * it. Sending a spent code again would therefore destroy the tokens of the exchange whose answer was
 * lost, and fail anyway.
 */
import { createHash } from "node:crypto";
import { CodeMayBeUsedError, type WickrError } from "../wickr/errors";
import type { OidcTokenRequest } from "../wickr/api-types";
import type { WickrOidcInfoOutputs } from "./resource-args";

/** The internal output that holds the digests. */
export const SPENT_CODES_OUTPUT = "__spentCodes";

/** At most this many digests are kept (the newest): codes expire within minutes, so old ones matter little. */
export const MAX_SPENT_CODES = 20;

/** The digest a code is recorded as: `sha256:<hex>`. */
export function codeDigest(code: string): string {
  return `sha256:${createHash("sha256").update(code, "utf8").digest("hex")}`;
}

/** The digests recorded in stored outputs (none in outputs from before this was recorded). */
export function spentCodesOf(outputs: Partial<WickrOidcInfoOutputs> | undefined): string[] {
  const value = (outputs as Record<string, unknown> | undefined)?.[SPENT_CODES_OUTPUT];
  return Array.isArray(value) ? value.filter((d): d is string => typeof d === "string") : [];
}

/** The recorded digests with `code`'s added (the newest {@link MAX_SPENT_CODES}). */
export function withSpentCode(recorded: readonly string[], code: string): string[] {
  const digest = codeDigest(code);
  return [...recorded.filter((d) => d !== digest), digest].slice(-MAX_SPENT_CODES);
}

/** True when the request's code is one the stack recorded as possibly used. */
export function isSpent(recorded: readonly string[], request: OidcTokenRequest | undefined): boolean {
  return typeof request?.code === "string" && recorded.includes(codeDigest(request.code));
}

/** The error of a run that would send a recorded code again: it is refused before any request. */
export function spentCodeError(networkId: string): CodeMayBeUsedError {
  return new CodeMayBeUsedError(
    `WickrOidcInfo for Wickr network ${networkId}: tokenRequest.code was sent to the service by an earlier run that did not complete (its answer was lost, or it failed or was cancelled after sending), so the code may already be used, and a code is never sent twice. Nothing was sent. Get a new authorization code and set tokenRequest.code to it, or remove tokenRequest to read the settings only`,
  );
}

/**
 * An error that the engine records together with the resource's state: the Pulumi provider protocol's
 * `ErrorResourceInitFailed`. The Node dynamic-provider host turns an error with `id` and `properties`
 * into one (`@pulumi/pulumi/cmd/dynamic-provider`, `grpcResponseFromError`); the plugin sends one itself.
 * The engine stores `properties` as the resource's outputs and shows `reasons`.
 */
export class ResourceInitError extends Error {
  override readonly name = "ResourceInitError";
  readonly reasons: string[];

  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    cause: WickrError,
  ) {
    const message = `${cause.message} The code is recorded in the stack as possibly used (a SHA-256 digest, never the code): the next run refuses it before sending anything.`;
    super(message, { cause });
    this.reasons = [message];
  }
}

/** True for a failure whose request carried a code that may have reached the service. */
export function mayHaveUsedCode(error: unknown): error is WickrError {
  return typeof error === "object" && error !== null && (error as WickrError).codeMayBeUsed === true;
}
