/**
 * The AWS front door: who is calling, and is the request really theirs?
 *
 * Checks run in the order that lets each answer be the most specific one: a garbled header, then an
 * unknown key, then the session token, then the scope (date, service, region), then the clock, then the
 * signature itself.
 */
import type { WICKR_SERVICE } from "./api-model";
import type { SeedCredentials } from "./seed";
import { parseAmzDate, parseAuthorization, formatAmzDate } from "./sigv4-parse";
import { type ReceivedRequest, expectedSignature, payloadHashMatches, signaturesMatch } from "./sigv4-verify";
import type { EmulatorState } from "./state";
import { frontDoor } from "./wire-errors";

/** How far `x-amz-date` may be from the emulator's clock (AWS allows 5 minutes). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Signing name each kind of route must be scoped to (Wickr's is the model's `aws.auth#sigv4` name). */
export type SigningService = typeof WICKR_SERVICE.signingName | "sts";

/** An authenticated caller. */
export interface Caller {
  credentials: SeedCredentials;
  /** Region of the credential scope: always the emulator's region (others are refused). */
  region: string;
}

/** What a request must be scoped to: the route's signing name and the endpoint's region. */
export interface SigningScope {
  service: SigningService;
  region: string;
}

/** What was learned from the request before a failure, for the log. */
export interface AuthNotes {
  accessKeyId?: string;
  region?: string;
}

/** Real AWS's text (trailing space included) for a credential scope naming another region. */
export const WRONG_REGION_MESSAGE = "Credential should be scoped to a valid region. ";

const SIGNATURE_MISMATCH =
  "The request signature we calculated does not match the signature you provided. " +
  "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

function header(request: ReceivedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function checkClock(amzDate: string, signedAt: number, now: number): void {
  if (signedAt < now - MAX_CLOCK_SKEW_MS) {
    const limit = formatAmzDate(now - MAX_CLOCK_SKEW_MS);
    throw frontDoor(
      403,
      "InvalidSignatureException",
      `Signature expired: ${amzDate} is now earlier than ${limit} (${formatAmzDate(now)} - 5 min.)`,
    );
  }
  if (signedAt > now + MAX_CLOCK_SKEW_MS) {
    const limit = formatAmzDate(now + MAX_CLOCK_SKEW_MS);
    throw frontDoor(
      403,
      "InvalidSignatureException",
      `Signature not yet current: ${amzDate} is still later than ${limit} (${formatAmzDate(now)} + 5 min.)`,
    );
  }
}

function checkToken(request: ReceivedRequest, credentials: SeedCredentials, now: number): void {
  const token = header(request, "x-amz-security-token");
  // Temporary keys need their token; long-term keys must not carry one. AWS answers both the same way.
  const expected = credentials.sessionToken;
  if (expected === undefined ? token !== undefined : token !== expected) {
    throw frontDoor(
      403,
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  }
  if (credentials.expiresAt !== undefined && Date.parse(credentials.expiresAt) <= now) {
    throw frontDoor(403, "ExpiredTokenException", "The security token included in the request is expired");
  }
}

/**
 * Verify a request's SigV4 signature against the seeded credentials.
 *
 * @param scope the signing name of the route and the emulator's region: a credential scope naming
 *   another service or region is refused, as real AWS refuses it.
 * @param notes filled with the access key id and region as soon as they are known, for the log.
 * @throws a front-door `WireError` (`MissingAuthenticationTokenException`, `IncompleteSignatureException`,
 *   `UnrecognizedClientException`, `ExpiredTokenException`, `InvalidSignatureException`).
 */
export async function authenticate(
  request: ReceivedRequest,
  scope: SigningScope,
  state: EmulatorState,
  now: number,
  notes: AuthNotes,
): Promise<Caller> {
  const auth = parseAuthorization(header(request, "authorization"));
  notes.accessKeyId = auth.accessKeyId;
  notes.region = auth.region;
  const amzDate = header(request, "x-amz-date");
  const signingDate = parseAmzDate(amzDate);
  const credentials = state.findCredentials(auth.accessKeyId);
  if (!credentials) {
    throw frontDoor(
      403,
      "UnrecognizedClientException",
      "The security token included in the request is invalid.",
    );
  }
  checkToken(request, credentials, now);
  if (auth.scopeDate !== amzDate?.slice(0, 8)) {
    throw frontDoor(
      403,
      "InvalidSignatureException",
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${auth.scopeDate}' != '${amzDate?.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  if (auth.service !== scope.service) {
    throw frontDoor(
      403,
      "InvalidSignatureException",
      `Credential should be scoped to correct service: '${scope.service}'. `,
    );
  }
  if (auth.region !== scope.region) {
    throw frontDoor(403, "InvalidSignatureException", WRONG_REGION_MESSAGE);
  }
  checkClock(amzDate ?? "", signingDate.getTime(), now);
  const expected = await expectedSignature(request, auth, credentials.secretAccessKey, signingDate);
  if (!payloadHashMatches(request.headers, request.body) || !signaturesMatch(expected, auth.signature)) {
    throw frontDoor(403, "InvalidSignatureException", SIGNATURE_MISMATCH);
  }
  return { credentials, region: auth.region };
}
