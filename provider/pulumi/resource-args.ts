import type * as pulumi from "@pulumi/pulumi";
import type { ConnectionSettings } from "../wickr/connection-settings";
import type { OidcTokenInfo, OidcTokenRequest, OpenidConnectInfo } from "../wickr/api-types";

/** The token-exchange members of {@link WickrOidcInfoArgs.tokenRequest}, each a Pulumi input. */
export type WickrOidcTokenRequestArgs = { [K in keyof OidcTokenRequest]?: pulumi.Input<OidcTokenRequest[K]> };

/** Connection settings as Pulumi inputs. */
export type ConnectionSettingsArgs = {
  [K in keyof ConnectionSettings]?: pulumi.Input<ConnectionSettings[K]>;
};

/** Arguments of the `WickrOidcInfo` resource. */
export interface WickrOidcInfoArgs extends ConnectionSettingsArgs {
  /** The 8-digit Wickr network id. */
  networkId: pulumi.Input<string>;
  /**
   * Optional token exchange, done when the resource is created and whenever this value changes — never
   * again with the same code. Stored encrypted as a whole, even when given as plain strings.
   */
  tokenRequest?: pulumi.Input<WickrOidcTokenRequestArgs>;
}

/** The resolved inputs the provider receives (plain values). */
export interface WickrOidcInfoInputs extends ConnectionSettings {
  networkId: string;
  tokenRequest?: OidcTokenRequest;
  /**
   * Set by the resource class, not by callers: the names of the connection settings whose values are
   * secrets in the program, so the provider (which sees plain values) keeps them out of messages.
   */
  secretConnectionSettings?: string[];
}

/** Every output: the response's fields at top level, the network id and the resolved region. */
export interface WickrOidcInfoOutputs
  extends Omit<ConnectionSettings, "region">, Partial<OpenidConnectInfo>, OidcTokenInfo {
  networkId: string;
  region: string;
  /**
   * Settings that the last `pulumi refresh` found changed outside Pulumi and that no update has
   * recorded yet; empty after every create and update.
   */
  driftedFields: string[];
  /** The token request that produced the stored tokens (secret), so a change can be detected. */
  tokenRequest?: OidcTokenRequest;
  /** See {@link WickrOidcInfoInputs.secretConnectionSettings}; kept so `refresh` knows them too. */
  secretConnectionSettings?: string[];
}
