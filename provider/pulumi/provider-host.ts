/**
 * The `WickrOidcInfo` provider's implementation. It runs in the Pulumi provider process, loaded by name
 * (`pulumi-wickr-oidc/provider-host`) from the small serialized provider in `dynamic-provider.ts`, so
 * none of this code, nor any SDK object, credential or environment value, is captured into state.
 */
import type * as pulumi from "@pulumi/pulumi";
import { CodeMayBeUsedError, isWickrError } from "../wickr/errors";
import { sharedClient } from "../wickr/shared-clients";
import type { WickrAdminClient } from "../wickr/client";
import { RESOURCE_SETTING_HINTS, type SettingHints } from "../wickr/setting-hints";
import {
  buildOutputs,
  changedConfigFields,
  hasSettings,
  sameTokenRequest,
  tokensOf,
} from "./resource-outputs";
import { pickConnectionSettings, type ConnectionSettings } from "../wickr/connection-settings";
import { pickDefined } from "../util/defined";
import { stableKey } from "../util/stable-key";
import { processReadMemo, type ReadMemo } from "./read-memo";
import { providerStep } from "./provider-step";
import { engineCancellation } from "./engine-cancellation";
import {
  isSpent,
  mayHaveUsedCode,
  ResourceInitError,
  spentCodeError,
  SPENT_CODES_OUTPUT,
  spentCodesOf,
  withSpentCode,
} from "./spent-codes";
import type { WickrOidcInfoInputs, WickrOidcInfoOutputs } from "./resource-args";
import { TOKEN_REQUEST_FIELDS, type GetOidcInfoResponse } from "../wickr/api-types";
import { checkInputs, hasUnknownValue } from "./check-inputs";
import { driftLine } from "./drift-line";
import { processEngineLog, type EngineLog } from "./engine-log";
import { describeWait, type WaitListener } from "../wickr/wait-notice";
import type { InputFailure } from "../wickr/input-rules";

/** The provider's methods, as the dynamic provider host calls them (`remove` is its `delete`). */
export interface ProviderHost {
  check(olds: unknown, news: Record<string, unknown>): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: WickrOidcInfoOutputs, news: WickrOidcInfoInputs): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: WickrOidcInfoInputs): Promise<pulumi.dynamic.CreateResult>;
  update(
    id: string,
    olds: WickrOidcInfoOutputs,
    news: WickrOidcInfoInputs,
  ): Promise<pulumi.dynamic.UpdateResult>;
  read(id: string, props: WickrOidcInfoOutputs): Promise<pulumi.dynamic.ReadResult>;
  remove(): Promise<void>;
}

/** Options of {@link createProviderHost}: the process state it uses, replaceable by tests. */
export interface ProviderHostOptions {
  /** Configuration reads shared between steps. Default: the process's memo ({@link processReadMemo}). */
  readMemo?: ReadMemo;
  /**
   * Receives the provider's messages: drift lines and progress while a call waits. Default: the
   * engine's `Log` RPC, on the resource's row ({@link processEngineLog}); stderr when that fails.
   */
  log?: EngineLog;
  /**
   * The signal that aborts every step when the engine cancels the operation (Ctrl-C, SIGTERM). Default:
   * the dynamic provider's, heard on the process's gRPC server ({@link engineCancellation}); the plugin
   * passes its own, aborted by its `Cancel` method.
   */
  cancellation?: () => AbortSignal;
  /** How messages name the settings a person can change. Default: the resource's ({@link RESOURCE_SETTING_HINTS}). */
  settingHints?: SettingHints;
}

/**
 * The provider's methods. Each one is correct whatever the engine called before it: a step that finds
 * no shared read to reuse (an `update` without a `diff`, or a read older than the memo's reuse window)
 * makes its own.
 */
export function createProviderHost(options: ProviderHostOptions = {}): ProviderHost {
  const memo = options.readMemo ?? processReadMemo;
  const log = options.log ?? processLog();
  const cancellation = options.cancellation ?? engineCancellation;
  const settingHints = options.settingHints ?? RESOURCE_SETTING_HINTS;
  const client = (settings: ConnectionSettings) => sharedClient(settings, settingHints);
  const step = <T>(carrier: Parameters<typeof providerStep>[0], run: (signal: AbortSignal) => Promise<T>) =>
    providerStep(carrier, cancellation(), run);
  /** The resources (URN and network) whose drift line this process has shown: one per run is enough. */
  const told = new Set<string>();

  /**
   * Names the changed settings on the resource's row, with old → new for the plain ones (secret ones
   * marked as such, their values never shown).
   */
  async function reportDrift(
    urn: string | undefined,
    networkId: string,
    fields: readonly string[],
    stored: Partial<WickrOidcInfoOutputs>,
    fresh: GetOidcInfoResponse,
  ): Promise<void> {
    if (fields.length === 0) return;
    told.add(`${urn ?? ""} ${networkId}`);
    await log(driftLine(networkId, fields, stored, fresh), { urn, severity: "info" });
  }

  /** After a refresh recorded drift, why the next preview shows an update (no call is made for it). */
  async function reportRecordedDrift(urn: string | undefined, networkId: string, fields: readonly string[]) {
    // In a refresh, `read` has just shown the drift line: the diff after it says nothing more.
    if (fields.length === 0 || told.has(`${urn ?? ""} ${networkId}`)) return;
    await log(
      `WickrOidcInfo: a refresh recorded that the OIDC settings of Wickr network ${networkId} changed outside Pulumi (${fields.join(", ")}); \`pulumi up\` brings the outputs and their dependents up to date, and changes nothing in Wickr`,
      { urn, severity: "info" },
    );
  }

  /** Progress on the resource's row while a call waits on throttling or before a retry. */
  function progress(urn: string | undefined, networkId: string): WaitListener {
    return (notice) => void log(describeWait(networkId, notice), { urn, ephemeral: true });
  }

  async function diffInputs(
    olds: WickrOidcInfoOutputs,
    news: WickrOidcInfoInputs,
    signal: AbortSignal,
  ): Promise<pulumi.dynamic.DiffResult> {
    if (hasUnknownValue(news)) return { changes: true };
    // A code an earlier run may have used is refused here, at preview, before any request.
    if (isSpent(spentCodesOf(olds), news.tokenRequest)) throw spentCodeError(news.networkId);
    // The id is the network id, which only `create` can set: another network is another resource.
    // Replacing it makes no API call beyond the new resource's one read (delete makes none).
    if (news.networkId !== olds.networkId) {
      // The replacement's create would exchange the code this resource already used.
      if (news.tokenRequest?.code !== undefined && sameTokenRequest(olds.tokenRequest, news.tokenRequest))
        throw replacementResendsCode(olds.networkId, news.networkId);
      return { changes: true, replaces: ["networkId"] };
    }
    if (!sameTokenRequest(olds.tokenRequest, news.tokenRequest)) return { changes: true };
    // Outputs recorded by a failed exchange hold no settings to compare: the update reads them.
    if (!hasSettings(olds)) return { changes: true };
    const settings = pickConnectionSettings(news);
    // Settings are stored with the outputs because `read` (refresh) gets only the outputs: an update
    // must record new ones, or a later refresh would still use the old endpoint, profile or role.
    const { region: _given, ...where } = settings; // region is compared after resolution, below
    const { region: _stored, ...storedWhere } = pickConnectionSettings(olds);
    if (stableKey(where) !== stableKey(storedWhere)) return { changes: true };
    // A setting that became a secret (or stopped being one) is rewritten, so its output is (re)encrypted.
    if (stableKey(news.secretConnectionSettings ?? []) !== stableKey(olds.secretConnectionSettings ?? []))
      return { changes: true };
    const region = await client(settings).region();
    if (region !== olds.region) return { changes: true };
    const urn = news.__urn ?? olds.__urn;
    const onWait = progress(urn, news.networkId);
    const fresh = await memo.read(news.networkId, settings, { region, signal, onWait, settingHints });
    const changed = changedConfigFields(olds, fresh);
    await reportDrift(urn, news.networkId, changed, olds, fresh);
    const recorded = olds.driftedFields ?? [];
    if (changed.length === 0) await reportRecordedDrift(urn, news.networkId, recorded);
    return { changes: changed.length > 0 || recorded.length > 0 };
  }

  /**
   * The outputs after a create or update: a token exchange when `exchange`, else a read. An exchange that
   * failed after its code may have reached the service becomes a {@link ResourceInitError}: the engine
   * stores `recorded` (the outputs to keep, with the code's digest added), so the next run refuses it.
   */
  async function fetchOutputs(
    inputs: WickrOidcInfoInputs,
    exchange: boolean,
    stored: { previousTokens: ReturnType<typeof tokensOf>; spentCodes: string[] },
    recorded: (spentCodes: string[], region: string | undefined) => Record<string, unknown>,
    signal: AbortSignal,
  ): Promise<WickrOidcInfoOutputs> {
    const settings = pickConnectionSettings(inputs);
    const api = client(settings);
    const onWait = progress(inputs.__urn, inputs.networkId);
    const request = inputs.tokenRequest;
    let response: GetOidcInfoResponse;
    if (exchange && request) {
      if (isSpent(stored.spentCodes, request)) throw spentCodeError(inputs.networkId);
      try {
        response = await api.getOidcInfo(
          { ...pickDefined(request, TOKEN_REQUEST_FIELDS), networkId: inputs.networkId },
          { signal, onWait },
        );
      } catch (error) {
        if (!mayHaveUsedCode(error) || request.code === undefined) throw error;
        const region = await api.region().catch(() => undefined);
        const properties = recorded(withSpentCode(stored.spentCodes, request.code), region);
        throw new ResourceInitError(inputs.networkId, properties, error);
      }
    } else {
      response = await memo.read(inputs.networkId, settings, {
        ...(await knownRegion(api)),
        settingHints,
        signal,
        onWait,
      });
    }
    return buildOutputs(inputs, await api.region(), response, stored.previousTokens, [], stored.spentCodes);
  }

  async function readOutputs(
    id: string,
    props: WickrOidcInfoOutputs,
    signal: AbortSignal,
  ): Promise<pulumi.dynamic.ReadResult> {
    const settings = pickConnectionSettings(props);
    // `WickrOidcInfo.get` (and a resource with the `id` option) reads with the constructor's
    // arguments, not stored outputs: there is nothing to compare with, so nothing has drifted.
    const stored = Array.isArray(props.driftedFields);
    const networkId = props.networkId ?? id;
    try {
      const region = stored ? props.region : await client(settings).region();
      const onWait = progress(props.__urn, networkId);
      const fresh = await memo.read(networkId, settings, { region, signal, onWait, settingHints });
      const inputs: WickrOidcInfoInputs = { ...settings, networkId };
      if (props.tokenRequest !== undefined) inputs.tokenRequest = props.tokenRequest;
      if (props.secretConnectionSettings !== undefined)
        inputs.secretConnectionSettings = props.secretConnectionSettings;
      if (props.__urn !== undefined) inputs.__urn = props.__urn;
      // Outputs recorded by a failed exchange hold no settings: nothing to compare with, nothing drifted.
      const drifted = stored && hasSettings(props) ? changedConfigFields(props, fresh) : [];
      await reportDrift(props.__urn, networkId, drifted, props, fresh);
      const outs = buildOutputs(inputs, region, fresh, tokensOf(props), drifted, spentCodesOf(props));
      return { id, props: outs };
    } catch (error) {
      if (isWickrError(error) && error.name === "ResourceNotFoundError") return { id: "" };
      throw error;
    }
  }

  return {
    check: async (_olds, news) => {
      const failures = checkInputs(news);
      if (failures.length === 0) failures.push(...(await missingRegion(news, client)));
      return { inputs: news, failures };
    },
    diff: (_id, olds, news) => step(news, (signal) => diffInputs(olds, news, signal)),
    create: (inputs) =>
      step(inputs, async (signal) => ({
        id: inputs.networkId,
        outs: await fetchOutputs(
          inputs,
          true,
          { previousTokens: {}, spentCodes: [] },
          // Nothing was read: the record holds where to read (for refresh) and the code's digest.
          (spentCodes, region) => recordOfFailedCreate(inputs, region, spentCodes),
          signal,
        ),
      })),
    update: (_id, olds, news) => {
      const exchange =
        news.tokenRequest !== undefined && !sameTokenRequest(olds.tokenRequest, news.tokenRequest);
      const previousTokens = news.tokenRequest === undefined ? {} : tokensOf(olds);
      return step(news, async (signal) => ({
        outs: await fetchOutputs(
          news,
          exchange,
          { previousTokens, spentCodes: spentCodesOf(olds) },
          // The stored outputs stay as they were (tokens of the last exchange included).
          (spentCodes) => ({ ...olds, [SPENT_CODES_OUTPUT]: spentCodes }),
          signal,
        ),
      }));
    },
    read: (id, props) => step(props, (signal) => readOutputs(id, props, signal)),
    remove: async () => {},
  };
}

/** The outputs recorded when a create's exchange failed after sending: where to read, and the code. */
function recordOfFailedCreate(
  inputs: WickrOidcInfoInputs,
  region: string | undefined,
  spentCodes: string[],
): Record<string, unknown> {
  const record: Record<string, unknown> = {
    ...pickConnectionSettings(inputs),
    networkId: inputs.networkId,
    driftedFields: [],
    [SPENT_CODES_OUTPUT]: spentCodes,
  };
  if (region !== undefined) record["region"] = region;
  if (inputs.secretConnectionSettings?.length)
    record["secretConnectionSettings"] = inputs.secretConnectionSettings;
  if (inputs.__urn !== undefined) record["__urn"] = inputs.__urn;
  return record;
}

/** A new network id with the token request that the resource already exchanged. */
function replacementResendsCode(oldId: string, newId: string): CodeMayBeUsedError {
  return new CodeMayBeUsedError(
    `WickrOidcInfo: networkId changed from ${oldId} to ${newId}, which replaces the resource, and the replacement would exchange tokenRequest.code again, though it was already used. Nothing was sent. Get a new authorization code for network ${newId} and set tokenRequest.code to it, or remove tokenRequest`,
  );
}

/**
 * The region the settings resolve to, to key a shared read by. When it cannot be resolved, none: the
 * read then fails with the client's own (described) error, as it would without this.
 */
async function knownRegion(api: WickrAdminClient): Promise<{ region?: string }> {
  const region = await api.region().catch(() => undefined);
  return region === undefined ? {} : { region };
}

/**
 * A missing region, found at `check` (so at preview, before any request) rather than at the first
 * call: resolving the region reads only the environment and the AWS config files.
 */
async function missingRegion(
  news: Readonly<Record<string, unknown>>,
  client: (settings: ConnectionSettings) => WickrAdminClient,
): Promise<InputFailure[]> {
  const settings = pickConnectionSettings(news as unknown as WickrOidcInfoInputs);
  if (hasUnknownValue(news) || settings.region !== undefined) return [];
  try {
    await client(settings).region();
    return [];
  } catch (error) {
    // Other configuration problems are reported by `checkInputs` or, with their context, by the call.
    const missing =
      isWickrError(error) && error.name === "ConfigurationError" && /^Missing Region/.test(error.message);
    return missing ? [{ property: "region", reason: error.message }] : [];
  }
}

/** The process's engine log, made on first use (a unit test's host never connects to an engine). */
function processLog(): EngineLog {
  let log: EngineLog | undefined;
  return (text, message) => (log ??= processEngineLog())(text, message);
}

/** The provider process's host: the process's read memo, messages to the engine. */
const processHost = createProviderHost();

/** Validates inputs before any API call. Values unknown during preview are not judged. */
export const check: ProviderHost["check"] = processHost.check;

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
export const diff: ProviderHost["diff"] = processHost.diff;

/**
 * The dynamic provider's outputs must carry its serialized self (`__provider`), or the engine cannot run
 * `refresh` or `destroy` on them; the host adds it to the outputs of a success, this to the outputs a
 * failed exchange records.
 */
async function keepingProvider<T>(inputs: object, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    const provider = (inputs as Record<string, unknown>)["__provider"];
    if (error instanceof ResourceInitError && provider !== undefined)
      error.properties["__provider"] = provider;
    throw error;
  }
}

/**
 * Reads the settings, exchanging tokens when a `tokenRequest` is given. When the exchange fails after
 * its code may have reached the service, the resource is recorded with the code's digest (a partial
 * failure), so that no later run sends the code again.
 */
export const create: ProviderHost["create"] = (inputs) => keepingProvider(inputs, processHost.create(inputs));

/**
 * Brings the outputs up to date. Exchanges tokens only when `tokenRequest` changed; otherwise the
 * tokens already obtained are kept and only the configuration is read. Without a `tokenRequest`, the
 * stored tokens are dropped. A code the stack records as possibly used is never sent (see `create`).
 */
export const update: ProviderHost["update"] = (id, olds, news) =>
  keepingProvider(news, processHost.update(id, olds, news));

/**
 * Refresh: reads the configuration only (an authorization code is never sent twice) and keeps the
 * stored tokens. `driftedFields` names the settings that changed since the stored outputs, so the
 * refresh reports drift (see {@link diff}). A network that no longer exists is reported as gone.
 */
export const read: ProviderHost["read"] = processHost.read;

/** Nothing to delete: the resource only reads. No API call is made. */
export const remove: ProviderHost["remove"] = processHost.remove;
