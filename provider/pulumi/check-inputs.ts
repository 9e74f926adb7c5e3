import { unknownValue } from "@pulumi/pulumi/runtime";
import { typeOf, unknownMemberFailures, type CheckOptions, type InputFailure } from "../wickr/input-rules";
import { CONNECTION_SETTING_FIELDS } from "../wickr/connection-settings";
import { connectionSettingsFailures, networkIdFailures, tokenRequestInputFailures } from "../wickr/validate";

/** The arguments of a `WickrOidcInfo` resource, as a failure about an unknown argument lists them. */
export const WICKR_OIDC_INFO_ARGUMENTS: readonly string[] = [
  "networkId",
  "tokenRequest",
  ...CONNECTION_SETTING_FIELDS,
];

/**
 * Inputs the resource adds itself: the names of the connection settings whose values came from
 * secrets, the resource's URN (so the provider's messages land on its row), and the serialized
 * provider that the dynamic provider host adds.
 */
const INTERNAL_INPUTS: readonly string[] = ["secretConnectionSettings", "__provider", "__urn"];

const FIELDS: readonly string[] = CONNECTION_SETTING_FIELDS;

/**
 * Every problem with a `WickrOidcInfo` resource's inputs, as the provider's `check` reports them at
 * preview: each argument's type, range and form, members of `tokenRequest`, `retry` and `throttling`
 * that are not known, and arguments that are not known (when set). Each failure names the field and
 * the fix; values that could be secret (token members, endpoints, settings named in
 * `secretConnectionSettings`) are never shown.
 *
 * Values the engine does not know yet (`pulumi.runtime.unknownValue`: computed from other resources
 * during preview) are accepted at any depth; checks across fields that need one are skipped. Pure.
 */
export function checkInputs(news: Readonly<Record<string, unknown>>): InputFailure[] {
  const options: CheckOptions = { isUnknown, secretFields: secretFields(news["secretConnectionSettings"]) };
  return [
    ...unknownMemberFailures(news, WICKR_OIDC_INFO_ARGUMENTS, "", "argument", INTERNAL_INPUTS),
    ...(isUnknown(news["networkId"]) ? [] : networkIdFailures(news["networkId"])),
    ...tokenRequestInputFailures(news["tokenRequest"], options),
    ...connectionSettingsFailures(news, options),
    ...secretConnectionSettingsFailures(news["secretConnectionSettings"]),
  ];
}

/** Inputs that say nothing about the network: never compared, so never a reason to change. */
const NOT_COMPARED: readonly string[] = ["__provider", "__urn"];

function isUnknown(value: unknown): boolean {
  return value === unknownValue;
}

/**
 * True when a value the engine does not know yet (during preview) is anywhere in `value`, except in
 * the serialized provider (`__provider`) and the URN (`__urn`), which are never compared.
 */
export function hasUnknownValue(value: unknown): boolean {
  if (isUnknown(value)) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([k, v]) => !NOT_COMPARED.includes(k) && hasUnknownValue(v));
}

/** The settings not to show; all of them while the list is unknown or malformed. */
function secretFields(value: unknown): readonly string[] {
  if (value === undefined) return [];
  const names = Array.isArray(value) ? (value as unknown[]) : [];
  const readable = Array.isArray(value) && names.every((v) => typeof v === "string" && !isUnknown(v));
  return readable ? (names as string[]) : FIELDS;
}

/** `secretConnectionSettings` must be an array of connection-setting names. */
function secretConnectionSettingsFailures(value: unknown): InputFailure[] {
  const property = "secretConnectionSettings";
  if (value === undefined || isUnknown(value)) return [];
  if (!Array.isArray(value)) {
    return [
      {
        property,
        reason: `${property} must be an array of connection-setting names, e.g. ["endpoint"], got ${typeOf(value)}`,
      },
    ];
  }
  return (value as unknown[]).flatMap((name, i) => {
    if (isUnknown(name) || (typeof name === "string" && FIELDS.includes(name))) return [];
    // Only a name-like string is shown: a value put here by mistake could be a secret.
    const got =
      typeof name === "string" && /^[A-Za-z]\w{0,39}$/.test(name) ? JSON.stringify(name) : typeOf(name);
    const reason = `${property}[${i}] must be the name of a connection setting (one of ${FIELDS.join(", ")}), got ${got}`;
    return [{ property: `${property}[${i}]`, reason }];
  });
}
