/**
 * Where a person sets a connection setting, as the hints in messages name it. Each door names its own
 * configuration: the resource's arguments and `wickr:*` stack config in the TypeScript door, the
 * provider's `wickr-oidc:*` configuration in the plugin; a client used on its own, its options.
 */
export interface SettingHints {
  /** Where the region is set, e.g. "`region` (or AWS_REGION)". */
  readonly region: string;
  /** Where the endpoint is set. */
  readonly endpoint: string;
}

/** A {@link WickrAdminClient} used on its own: its options, then the AWS environment. */
export const CLIENT_SETTING_HINTS: SettingHints = {
  region: "`region` (or AWS_REGION)",
  endpoint: "`endpoint` (or AWS_ENDPOINT_URL_WICKR)",
};

/** The `WickrOidcInfo` resource and functions of the TypeScript door (dynamic provider). */
export const RESOURCE_SETTING_HINTS: SettingHints = {
  region: "`region` (or stack config `wickr:region` / `aws:region`, or AWS_REGION)",
  endpoint: "`endpoint` (stack config wickr:endpoint, or AWS_ENDPOINT_URL_WICKR)",
};

/** The provider plugin: its configuration, package `wickr-oidc`. */
export const PLUGIN_SETTING_HINTS: SettingHints = {
  region: "the provider's `region` (stack config `wickr-oidc:region`, or AWS_REGION)",
  endpoint: "the provider's `endpoint` (stack config `wickr-oidc:endpoint`, or AWS_ENDPOINT_URL_WICKR)",
};
