import * as pulumi from "@pulumi/pulumi";
import { pickDefined } from "../util/defined";
import { sharedClient } from "../wickr/shared-clients";
import { pickConnectionSettings } from "../wickr/connection-settings";
import { isSensitiveField } from "../wickr/sensitive-fields";
import type { OidcTokenInfo, OpenidConnectInfo } from "../wickr/api-types";
import {
  getWickrOidcInfo,
  type GetWickrOidcInfoArgs,
  type GetWickrOidcInfoOptions,
  type GetWickrOidcInfoResult,
} from "./get-wickr-oidc-info";
import { CONFIG_OUTPUT_FIELDS, TOKEN_OUTPUT_FIELDS } from "./resource-outputs";
import { withConfigFallbacks } from "./stack-config";

/** {@link GetWickrOidcInfoArgs} as Pulumi inputs. */
export type GetWickrOidcInfoOutputArgs = {
  [K in keyof GetWickrOidcInfoArgs]: pulumi.Input<GetWickrOidcInfoArgs[K]>;
};

/** Options of {@link getWickrOidcInfoOutput}: those of {@link getWickrOidcInfo}, plus `dependsOn`. */
export interface GetWickrOidcInfoOutputOptions extends GetWickrOidcInfoOptions {
  /**
   * Resources to wait for before the call, as for other invokes: the call is made once each has been
   * created or updated. During a preview that creates or replaces one of them, the result is unknown.
   */
  dependsOn?: pulumi.Input<pulumi.Input<pulumi.Resource>[]> | pulumi.Input<pulumi.Resource>;
}

/** The values {@link getWickrOidcInfoOutput} returns, flat, with the names `WickrOidcInfo`'s outputs have. */
export interface WickrOidcInfoValues extends Partial<OpenidConnectInfo>, OidcTokenInfo {
  /** The Wickr network id the settings were read from. */
  networkId: string;
  /** The region the network was read in, after fallbacks. */
  region: string;
}

/**
 * The result of {@link getWickrOidcInfoOutput}: one Output per field, named as `WickrOidcInfo`'s
 * outputs are. The sensitive fields (`clientSecret`, `secret`, the tokens, `codeVerifier`) are secret
 * Outputs; the others are plain, unless the value they come from was given as a secret (`networkId`,
 * `region`).
 */
export type GetWickrOidcInfoOutputResult = {
  readonly [K in keyof WickrOidcInfoValues]-?: pulumi.Output<
    undefined extends WickrOidcInfoValues[K] ? WickrOidcInfoValues[K] | undefined : WickrOidcInfoValues[K]
  >;
};

const FIELDS = [...CONFIG_OUTPUT_FIELDS, ...TOKEN_OUTPUT_FIELDS, "networkId", "region"] as const;

/**
 * Output form of {@link getWickrOidcInfo}, for use inside a Pulumi program: takes inputs, reads the same
 * stack-config fallbacks as `WickrOidcInfo`, and returns one Output per field — the sensitive ones
 * secret, the others plain. The call runs in the program process on every preview and update, after the
 * inputs (and `dependsOn`) are known; it is not stored as a resource, so it has no drift detection —
 * use `WickrOidcInfo` for that.
 *
 * @example
 * const info = getWickrOidcInfoOutput({ networkId: "12345678" });
 * export const issuer = info.issuer; // plain
 * export const clientSecret = info.clientSecret; // secret
 */
export function getWickrOidcInfoOutput(
  args: GetWickrOidcInfoOutputArgs,
  options: GetWickrOidcInfoOutputOptions = {},
): GetWickrOidcInfoOutputResult {
  const resolved = withConfigFallbacks(args);
  const { dependsOn, ...callOptions } = options;
  const values = pulumi
    .all([pulumi.output(resolved), settled(dependsOn)])
    .apply(async ([plain]) => flatten(plain as GetWickrOidcInfoArgs, callOptions));
  // `values` is secret when any input was (a secret region, say): each field is made plain or secret
  // again on its own merits, so `issuer` never turns secret because the endpoint was.
  const result: Record<string, pulumi.Output<unknown>> = {};
  for (const field of FIELDS) {
    const value = values.apply((v) => v[field]);
    result[field] =
      field === "networkId" || field === "region"
        ? secretIf(value, resolved[field])
        : isSensitiveField(field)
          ? pulumi.secret(value)
          : pulumi.unsecret(value);
  }
  return result as unknown as GetWickrOidcInfoOutputResult;
}

async function flatten(
  args: GetWickrOidcInfoArgs,
  options: GetWickrOidcInfoOptions,
): Promise<WickrOidcInfoValues> {
  const response: GetWickrOidcInfoResult = await getWickrOidcInfo(args, options);
  return {
    ...pickDefined(response.openidConnectInfo ?? {}, CONFIG_OUTPUT_FIELDS),
    ...pickDefined(response.tokenInfo ?? {}, TOKEN_OUTPUT_FIELDS),
    networkId: args.networkId,
    region: await sharedClient(pickConnectionSettings(args)).region(),
  };
}

/** `value`, secret exactly when `source` (the input it came from) is a secret. */
function secretIf(
  value: pulumi.Output<unknown>,
  source: pulumi.Input<unknown> | undefined,
): pulumi.Output<unknown> {
  const plain = pulumi.unsecret(value);
  if (!pulumi.Output.isInstance(source)) return plain;
  return pulumi
    .output(pulumi.isSecret(source as pulumi.Output<unknown>))
    .apply((secret) => (secret ? pulumi.secret(plain) : plain));
}

/** Resolves once every resource in `dependsOn` is done (its id, or its URN for a component). */
function settled(dependsOn: GetWickrOidcInfoOutputOptions["dependsOn"]): pulumi.Output<unknown> {
  if (dependsOn === undefined) return pulumi.output(true);
  // `output` keeps Resources as they are (it does not look into them) and flattens the rest.
  return pulumi
    .output(dependsOn as pulumi.Input<pulumi.Input<pulumi.Resource>[]>)
    .apply((deps) => pulumi.all((Array.isArray(deps) ? deps : [deps]).map(doneOf)));
}

function doneOf(resource: pulumi.Resource): pulumi.Output<unknown> {
  return pulumi.CustomResource.isInstance(resource) ? resource.id : resource.urn;
}
