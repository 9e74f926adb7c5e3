/**
 * The two STS actions the project needs, over the query protocol that the installed
 * `@aws-sdk/client-sts` speaks (`POST /`, form-encoded `Action=...&Version=2011-06-15`, XML answers).
 */
import { createHash, randomBytes } from "node:crypto";
import type { Caller } from "./authenticate";
import { DEFAULT_ALLOW } from "./seed";
import type { EmulatorState } from "./state";
import type { XmlValue } from "./sts-xml";
import { WireError } from "./wire-errors";

/** Lifetime of assumed-role credentials when neither the caller nor the role says. */
export const DEFAULT_ROLE_SESSION_SECONDS = 3600;

/** An STS success: the action and the children of its `<ActionResult>`. */
export interface StsResult {
  action: string;
  result: Record<string, XmlValue>;
}

const stsError = (status: number, code: string, message: string): WireError =>
  new WireError(status, code, message);

function validation(member: string, constraint: string, value: string | null): WireError {
  const shown = value === null ? "null" : `'${value}'`;
  return stsError(
    400,
    "ValidationError",
    `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`,
  );
}

/** AWS-shaped random identifier: prefix + upper-case base32-ish characters. */
function awsId(prefix: string, length: number, seed?: string): string {
  const bytes = seed === undefined ? randomBytes(length) : createHash("sha256").update(seed).digest();
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  return prefix + [...bytes.subarray(0, length)].map((b) => alphabet[b % 32]).join("");
}

/** STS timestamps have no milliseconds: `2026-01-01T00:00:00Z`. */
const isoSeconds = (time: number): string => new Date(time).toISOString().replace(/\.\d{3}Z$/, "Z");

/** The requested `DurationSeconds`, if any. @throws 400 `ValidationError` outside 900–43200. */
function readDuration(form: URLSearchParams): number | undefined {
  const raw = form.get("DurationSeconds");
  if (raw === null) return undefined;
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 900 || seconds > 43200) {
    throw validation("durationSeconds", "Member must have value between 900 and 43200", raw);
  }
  return seconds;
}

/**
 * AssumeRole: issue temporary credentials for a seeded role and register them (with the role's
 * `allow`) so that they work on the emulator until they expire.
 *
 * @throws 400 `ValidationError` on bad members, 403 `AccessDenied` for an unknown role or wrong ExternalId.
 */
export function assumeRole(
  state: EmulatorState,
  caller: Caller,
  form: URLSearchParams,
  now: number,
): StsResult {
  const roleArn = form.get("RoleArn");
  const sessionName = form.get("RoleSessionName");
  if (roleArn === null) throw validation("roleArn", "Member must not be null", null);
  if (sessionName === null || !/^[\w+=,.@-]{2,64}$/.test(sessionName)) {
    throw validation(
      "roleSessionName",
      "Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}",
      sessionName,
    );
  }
  // Input constraints are checked before authorization, as AWS does: a bad duration is a 400 even for an unknown role.
  const requested = readDuration(form);
  const role = state.findRole(roleArn);
  if (!role || (role.externalId !== undefined && form.get("ExternalId") !== role.externalId)) {
    throw stsError(
      403,
      "AccessDenied",
      `User: ${caller.credentials.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    );
  }
  const seconds = requested ?? role.durationSeconds ?? DEFAULT_ROLE_SESSION_SECONDS;
  const account = roleArn.split(":")[4] ?? "";
  const roleName = roleArn.split("/").pop() ?? "";
  const assumedRoleId = `${awsId("AROA", 17, roleArn)}:${sessionName}`;
  const arn = `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`;
  const expiration = isoSeconds(now + seconds * 1000);
  const issued = {
    accessKeyId: awsId("ASIA", 16),
    secretAccessKey: randomBytes(30).toString("base64"),
    sessionToken: `EMULATOR${randomBytes(96).toString("base64")}`,
  };
  state.addCredentials({
    ...issued,
    expiresAt: expiration,
    arn,
    account,
    userId: assumedRoleId,
    allow: [...(role.allow ?? DEFAULT_ALLOW)],
  });
  return {
    action: "AssumeRole",
    result: {
      AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: arn },
      Credentials: {
        AccessKeyId: issued.accessKeyId,
        SecretAccessKey: issued.secretAccessKey,
        SessionToken: issued.sessionToken,
        Expiration: expiration,
      },
    },
  };
}

/** GetCallerIdentity: who signed the request. Needs no permission, as in AWS. */
export function getCallerIdentity(caller: Caller): StsResult {
  const { arn, account, userId } = caller.credentials;
  return { action: "GetCallerIdentity", result: { UserId: userId, Account: account, Arn: arn } };
}
