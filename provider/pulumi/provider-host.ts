/**
 * The `WickrOidcInfo` provider's implementation. It runs in the Pulumi provider process, loaded by name
 * (`pulumi-wickr-oidc/provider-host`) from the small serialized provider in `dynamic-provider.ts`, so
 * none of this code, nor any SDK object, credential or environment value, is captured into state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { unknownValue } from "@pulumi/pulumi/runtime";
import { isWickrError } from "../wickr/errors";
import { isSensitiveField } from "../wickr/sensitive-fields";
import { sharedClient } from "../wickr/shared-clients";
import { buildOutputs, changedConfigFields, tokensOf } from "./resource-outputs";
import { pickConnectionSettings } from "../wickr/connection-settings";
import { pickDefined } from "../util/defined";
import { stableKey } from "../util/stable-key";
import { readConfiguration } from "./read-memo";
import { providerStep } from "./provider-step";
import type { WickrOidcInfoInputs, WickrOidcInfoOutputs } from "./resource-args";
import { TOKEN_REQUEST_FIELDS, type OidcTokenRequest } from "../wickr/api-types";
import { checkInputs } from "./check-inputs";

const PROVIDER_KEY = "__provider";

/** Validates inputs before any API call. Values unknown during preview are not judged. */
export async function check(
  _olds: unknown,
  news: Record<string, unknown>,
): Promise<pulumi.dynamic.CheckResult> {
  return { inputs: news, failures: checkInputs(news) };
}

/**
 * Reports a change when the network's settings differ from the stored outputs (drift), when the last
 * refresh found drift that no update has recorded yet, when `tokenRequest` changed (a new token
 * exchange is due), or when the connection settings or region changed; a new `networkId` replaces the
 * resource.
 *
 * The engine also calls this right after `read` during `pulumi refresh`, with the refreshed outputs as
 * `olds` (pulumi/pulumi pkg/resource/deploy/step.go, RefreshStep); `driftedFields`, set by `read`, is
 * what makes a refresh report the drift it found. The read here is shared with `read` and with the
 * `update` that follows, so each engine run makes one `GetOidcInfo` call per resource.
 */
export function diff(
  id: string,
  olds: WickrOidcInfoOutputs,
  news: WickrOidcInfoInputs,
): Promise<pulumi.dynamic.DiffResult> {
  return providerStep(news, (signal) => diffInputs(id, olds, news, signal));
}

async function diffInputs(
  _id: string,
  olds: WickrOidcInfoOutputs,
  news: WickrOidcInfoInputs,
  signal: AbortSignal,
): Promise<pulumi.dynamic.DiffResult> {
  if (hasUnknown(news)) return { changes: true };
  // The id is the network id, which only `create` can set: another network is another resource.
  // Replacing it makes no API call beyond the new resource's one read (delete makes none).
  if (news.networkId !== olds.networkId) return { changes: true, replaces: ["networkId"] };
  if (!sameTokenRequest(olds.tokenRequest, news.tokenRequest)) return { changes: true };
  const settings = pickConnectionSettings(news);
  // Settings are stored with the outputs because `read` (refresh) gets only the outputs: an update
  // must record new ones, or a later refresh would still use the old endpoint, profile or role.
  const { region: _given, ...where } = settings; // region is compared after resolution, below
  const { region: _stored, ...storedWhere } = pickConnectionSettings(olds);
  if (stableKey(where) !== stableKey(storedWhere)) return { changes: true };
  // A setting that became a secret (or stopped being one) is rewritten, so its output is (re)encrypted.
  if (stableKey(news.secretConnectionSettings ?? []) !== stableKey(olds.secretConnectionSettings ?? []))
    return { changes: true };
  const region = await sharedClient(settings).region();
  if (region !== olds.region) return { changes: true };
  const changed = changedConfigFields(olds, await readConfiguration(news.networkId, settings, signal));
  if (changed.length > 0) reportDrift(news.networkId, changed);
  return { changes: changed.length > 0 || (olds.driftedFields ?? []).length > 0 };
}

/** Reads the settings, exchanging tokens when a `tokenRequest` is given. */
export function create(inputs: WickrOidcInfoInputs): Promise<pulumi.dynamic.CreateResult> {
  return providerStep(inputs, async (signal) => ({
    id: inputs.networkId,
    outs: await fetchOutputs(inputs, true, {}, signal),
  }));
}

/**
 * Brings the outputs up to date. Exchanges tokens only when `tokenRequest` changed; otherwise the
 * tokens already obtained are kept and only the configuration is read.
 */
export function update(
  _id: string,
  olds: WickrOidcInfoOutputs,
  news: WickrOidcInfoInputs,
): Promise<pulumi.dynamic.UpdateResult> {
  const exchange = news.tokenRequest !== undefined && !sameTokenRequest(olds.tokenRequest, news.tokenRequest);
  const previous = news.tokenRequest === undefined ? {} : tokensOf(olds);
  return providerStep(news, async (signal) => ({
    outs: await fetchOutputs(news, exchange, previous, signal),
  }));
}

/**
 * Refresh: reads the configuration only (an authorization code is never sent twice) and keeps the
 * stored tokens. `driftedFields` names the settings that changed since the stored outputs, so the
 * refresh reports drift (see {@link diff}). A network that no longer exists is reported as gone.
 */
export function read(id: string, props: WickrOidcInfoOutputs): Promise<pulumi.dynamic.ReadResult> {
  return providerStep(props, (signal) => readOutputs(id, props, signal));
}

async function readOutputs(
  id: string,
  props: WickrOidcInfoOutputs,
  signal: AbortSignal,
): Promise<pulumi.dynamic.ReadResult> {
  const settings = pickConnectionSettings(props);
  try {
    const fresh = await readConfiguration(props.networkId, settings, signal);
    const inputs: WickrOidcInfoInputs = { ...settings, networkId: props.networkId };
    if (props.tokenRequest !== undefined) inputs.tokenRequest = props.tokenRequest;
    if (props.secretConnectionSettings !== undefined)
      inputs.secretConnectionSettings = props.secretConnectionSettings;
    const drifted = changedConfigFields(props, fresh);
    if (drifted.length > 0) reportDrift(props.networkId, drifted);
    return { id, props: buildOutputs(inputs, props.region, fresh, tokensOf(props), drifted) };
  } catch (error) {
    if (isWickrError(error) && error.name === "ResourceNotFoundError") return { id: "" };
    throw error;
  }
}

/** Nothing to delete: the resource only reads. No API call is made. */
export async function remove(): Promise<void> {}

async function fetchOutputs(
  inputs: WickrOidcInfoInputs,
  exchange: boolean,
  previousTokens: ReturnType<typeof tokensOf>,
  signal: AbortSignal,
): Promise<WickrOidcInfoOutputs> {
  const settings = pickConnectionSettings(inputs);
  const client = sharedClient(settings);
  const response =
    exchange && inputs.tokenRequest
      ? await client.getOidcInfo(
          { ...definedMembers(inputs.tokenRequest), networkId: inputs.networkId },
          { signal },
        )
      : await readConfiguration(inputs.networkId, settings, signal);
  return buildOutputs(inputs, await client.region(), response, previousTokens);
}

/**
 * Names the changed settings on the provider's stderr, which the engine shows with the update's
 * diagnostics: a dynamic provider cannot return a detailed diff, so this is how a person sees which
 * fields changed. Names only, never values; secret fields are marked as such.
 */
function reportDrift(networkId: string, fields: readonly string[]): void {
  const shown = fields.map((f) => (isSensitiveField(f) ? `${f} (secret, value hidden)` : f));
  console.error(
    `WickrOidcInfo: the OIDC settings of Wickr network ${networkId} changed outside Pulumi: ${shown.join(", ")}`,
  );
}

function definedMembers(request: OidcTokenRequest): OidcTokenRequest {
  return pickDefined(request, TOKEN_REQUEST_FIELDS);
}

function sameTokenRequest(a: OidcTokenRequest | undefined, b: OidcTokenRequest | undefined): boolean {
  const x = definedMembers(a ?? {});
  const y = definedMembers(b ?? {});
  return TOKEN_REQUEST_FIELDS.every((f) => x[f] === y[f]);
}

function hasUnknown(value: unknown): boolean {
  if (value === unknownValue) return true; // not known yet (during preview)
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(value).some(([k, v]) => k !== PROVIDER_KEY && hasUnknown(v));
}
