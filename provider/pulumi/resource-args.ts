import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionSettings } from "../wickr/connection-settings";
import type { OidcTokenInfo, OidcTokenRequest, OpenidConnectInfo } from "../wickr/api-types";

/**
 * The token-exchange members of {@link WickrOidcInfoArgs.tokenRequest}, each a Pulumi input. A mapped
 * type keeps the doc comment of each `OidcTokenRequest` member (`tests/unit/field-docs.test.ts` checks).
 */
export type WickrOidcTokenRequestArgs = { [K in keyof OidcTokenRequest]?: pulumi.Input<OidcTokenRequest[K]> };

/** Connection settings as Pulumi inputs, each with the doc comment of its `ConnectionSettings` member. */
export type ConnectionSettingsArgs = {
  [K in keyof ConnectionSettings]?: pulumi.Input<ConnectionSettings[K]>;
};

/** Arguments of the `WickrOidcInfo` resource. */
export interface WickrOidcInfoArgs extends ConnectionSettingsArgs {
  /** The ID of the Wickr network whose OIDC configuration will be retrieved: exactly 8 digits. */
  networkId: pulumi.Input<string>;
  /**
   * Optional token exchange, done when the resource is created and whenever this value changes — never
   * again with the same code. Stored encrypted as a whole, even when given as plain strings.
   */
  tokenRequest?: pulumi.Input<WickrOidcTokenRequestArgs>;
}

/** The resolved inputs the provider receives (plain values). */
export interface WickrOidcInfoInputs extends ConnectionSettings {
  /** The ID of the Wickr network whose OIDC configuration will be retrieved: exactly 8 digits. */
  networkId: string;
  /** The token request of {@link WickrOidcInfoArgs.tokenRequest}, resolved to plain values. */
  tokenRequest?: OidcTokenRequest;
  /**
   * Set by the resource class, not by callers: the names of the connection settings whose values are
   * secrets in the program, so the provider (which sees plain values) keeps them out of messages.
   */
  secretConnectionSettings?: string[];
  /**
   * Set by the resource class, not by callers: the resource's URN, so the provider's progress and drift
   * messages are shown on the resource's row.
   */
  __urn?: string;
}

/** Every output: the response's fields at top level, the network id and the resolved region. */
export interface WickrOidcInfoOutputs
  extends Omit<ConnectionSettings, "region">, Partial<OpenidConnectInfo>, OidcTokenInfo {
  /** The ID of the Wickr network whose OIDC configuration was read: exactly 8 digits. */
  networkId: string;
  /**
   * The AWS region the network was read in: the `region` argument, else its fallbacks (stack config, AWS
   * environment, profile).
   */
  region: string;
  /**
   * The names of the OIDC settings that the last `pulumi refresh` found changed outside Pulumi and that no
   * update has recorded yet; empty after every create and update.
   */
  driftedFields: string[];
  /** The token request that produced the stored tokens (secret), so a change can be detected. */
  tokenRequest?: OidcTokenRequest;
  /** See {@link WickrOidcInfoInputs.secretConnectionSettings}; kept so `refresh` knows them too. */
  secretConnectionSettings?: string[];
  /** See {@link WickrOidcInfoInputs.__urn}; kept so `refresh` can attach its messages too. */
  __urn?: string;
}
