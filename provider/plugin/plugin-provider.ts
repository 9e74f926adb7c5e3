/**
 * The provider plugin's methods over property values in the engine's form (secrets wrapped, unknowns
 * as the sentinel), with no gRPC: `server.ts` wires them to the engine. Each resource method runs the
 * same provider host as the dynamic provider (`createProviderHost`), so both doors share the reads,
 * the drift rules, the single-use code rule and the messages; what differs is where the connection
 * settings come from (the provider's configuration) and that the URN comes with every call.
 */
import { pickDefined } from "../util/defined";
import { stableKey } from "../util/stable-key";
import { sharedClient } from "../wickr/shared-clients";
import { PLUGIN_SETTING_HINTS } from "../wickr/setting-hints";
import { pickConnectionSettings, type ConnectionSettings } from "../wickr/connection-settings";
import { connectionSettingsFailures, networkIdFailures, tokenRequestInputFailures } from "../wickr/validate";
import { unknownMemberFailures, type InputFailure } from "../wickr/input-rules";
import { SECRET_OUTPUT_FIELDS } from "../wickr/sensitive-fields";
import { TOKEN_REQUEST_FIELDS, type GetOidcInfoRequest } from "../wickr/api-types";
import { createProviderHost, type ProviderHostOptions } from "../pulumi/provider-host";
import { ResourceInitError } from "../pulumi/spent-codes";
import { providerStep } from "../pulumi/provider-step";
import { CONFIG_OUTPUT_FIELDS, TOKEN_OUTPUT_FIELDS } from "../pulumi/resource-outputs";
import type { EngineLog } from "../pulumi/engine-log";
import type { WickrOidcInfoInputs, WickrOidcInfoOutputs } from "../pulumi/resource-args";
import { CONFIG_TYPES, FUNCTION_TOKEN, PROVIDER_CONFIG_FIELDS, RESOURCE_TOKEN } from "./schema";
import { secretKeys, UNKNOWN, unwrapSecrets, withSecrets, withoutUndefined } from "./rpc-values";

type Props = Record<string, unknown>;

/** The resource's arguments. */
const RESOURCE_ARGUMENTS = ["networkId", "tokenRequest"];
/** Outputs kept for the provider's own use, not in the schema. */
const INTERNAL_OUTPUTS = ["__urn"];

/** What a failed check or invoke reports per property. */
export type Failure = InputFailure;

/** The plugin's methods. */
export interface PluginProvider {
  configure(config: Props): void;
  checkConfig(news: Props): { inputs: Props; failures: Failure[] };
  diffConfig(olds: Props, news: Props): { changes: boolean };
  check(urn: string, news: Props): Promise<{ inputs: Props; failures: Failure[] }>;
  diff(id: string, urn: string, olds: Props, news: Props): Promise<{ changes: boolean; replaces: string[] }>;
  create(urn: string, news: Props, preview: boolean): Promise<{ id: string; outs: Props }>;
  read(id: string, urn: string, props: Props): Promise<{ id: string; props: Props; inputs: Props }>;
  update(id: string, urn: string, olds: Props, news: Props, preview: boolean): Promise<{ outs: Props }>;
  invoke(token: string, args: Props): Promise<{ outputs: Props; failures: Failure[] }>;
  /**
   * The engine's `Cancel` (Ctrl-C, SIGTERM, or the end of the operation): every step in flight ends, and
   * every later one fails with a `RequestAbortedError` before sending anything. The process keeps
   * answering until the engine closes it.
   */
  cancel(): void;
}

/** Options of {@link createPluginProvider}. */
export interface PluginProviderOptions {
  /** Where messages go (progress, drift): the engine's `Log` RPC in the plugin process. */
  log?: EngineLog;
  /**
   * Options of the provider host the resource methods run on (tests give a read memo on a fake clock).
   * Its cancellation is always the plugin's own ({@link PluginProvider.cancel}).
   */
  hostOptions?: Omit<ProviderHostOptions, "cancellation">;
}

/** Makes the plugin's methods. */
export function createPluginProvider(options: PluginProviderOptions = {}): PluginProvider {
  /** Aborted by the engine's `Cancel`; never reset: the engine cancels an operation once, at its end. */
  const cancellation = new AbortController();
  const host = createProviderHost({
    ...(options.log ? { log: options.log } : {}),
    ...options.hostOptions,
    cancellation: () => cancellation.signal,
    settingHints: PLUGIN_SETTING_HINTS,
  });
  let settings: ConnectionSettings = {};
  /** The names of the settings configured as secrets: their values stay out of messages and outputs. */
  let secretSettings: string[] = [];

  /** The host's inputs: the provider's settings, the resource's arguments, its URN. */
  const inputsOf = (urn: string, news: Props): WickrOidcInfoInputs => {
    const plain = unwrapSecrets(news) as Props;
    const inputs: Props = { ...settings, ...pickDefined(plain, RESOURCE_ARGUMENTS), __urn: urn };
    if (secretSettings.length > 0) inputs["secretConnectionSettings"] = secretSettings;
    return inputs as unknown as WickrOidcInfoInputs;
  };

  /** Outputs in the engine's form: the secret fields, the token request and secret settings wrapped. */
  const outputsOf = (outs: unknown): Props => {
    const record = { ...(outs as Props) };
    for (const key of INTERNAL_OUTPUTS) delete record[key];
    return withoutUndefined(
      withSecrets(record, [...SECRET_OUTPUT_FIELDS, "tokenRequest", ...secretSettings]),
    ) as Props;
  };

  /** Stored outputs as the host reads them, with this call's URN. */
  const storedOf = (urn: string, olds: Props): WickrOidcInfoOutputs =>
    ({ ...(unwrapSecrets(olds) as Props), __urn: urn }) as unknown as WickrOidcInfoOutputs;

  return {
    configure(config) {
      const plain = typedConfig(unwrapSecrets(config) as Props);
      settings = pickConnectionSettings(
        pickDefined(plain, PROVIDER_CONFIG_FIELDS) as Partial<ConnectionSettings>,
      );
      secretSettings = secretKeys(config).filter((key) =>
        (PROVIDER_CONFIG_FIELDS as readonly string[]).includes(key),
      );
    },

    checkConfig(news) {
      const plain = typedConfig(unwrapSecrets(news) as Props);
      const given = pickDefined(plain, PROVIDER_CONFIG_FIELDS) as Props;
      const secretFields = secretKeys(news);
      const failures = connectionSettingsFailures(given, { isUnknown: (v) => v === UNKNOWN, secretFields });
      return { inputs: news, failures };
    },

    diffConfig(olds, news) {
      // Never a replacement: replacing the provider would replace its resources, and a replacement's
      // create would send a stored single-use code again. Changed settings reach each resource's
      // diff instead, which updates it (a read; no exchange unless tokenRequest changed).
      const given = (config: Props): string =>
        stableKey(pickDefined(typedConfig(unwrapSecrets(config) as Props), PROVIDER_CONFIG_FIELDS));
      return {
        changes: given(olds) !== given(news) || stableKey(secretKeys(olds)) !== stableKey(secretKeys(news)),
      };
    },

    async check(_urn, given) {
      const news = withNetworkIdAsText(given);
      const plain = unwrapSecrets(news) as Props;
      const isUnknown = (v: unknown): boolean => v === UNKNOWN;
      const failures = [
        ...unknownMemberFailures(plain, RESOURCE_ARGUMENTS, "", "argument", ["version"]),
        ...(isUnknown(plain["networkId"]) ? [] : networkIdFailures(plain["networkId"])),
        ...tokenRequestInputFailures(plain["tokenRequest"], { isUnknown }),
      ];
      if (failures.length === 0) {
        // The host adds what depends on the settings (a region found nowhere).
        const { failures: more = [] } = await host.check({}, inputsOf("", news) as unknown as Props);
        failures.push(...more);
      }
      return { inputs: news, failures };
    },

    async diff(id, urn, olds, news) {
      const result = await host.diff(id, storedOf(urn, olds), inputsOf(urn, news));
      return { changes: result.changes === true, replaces: result.replaces ?? [] };
    },

    async create(urn, news, preview) {
      const inputs = inputsOf(urn, news);
      // A preview makes no call: a token exchange would use the code, and `up` reads anyway.
      if (preview) return { id: "", outs: outputsOf({ networkId: inputs.networkId }) };
      const { id, outs } = await recordingInEngineForm(host.create(inputs));
      return { id, outs: outputsOf(outs) };
    },

    async read(id, urn, props) {
      // `pulumi import` (and a resource read by id) gives no properties: read network `id` with the
      // provider's settings, the names of the secret ones included (kept out of messages and outputs).
      const stored =
        Object.keys(props).length === 0
          ? ({ ...settings, networkId: id, secretConnectionSettings: secretSettings } as Props)
          : props;
      const result = await host.read(id, storedOf(urn, stored));
      if (!result.id) return { id: "", props: {}, inputs: {} };
      const outs = outputsOf(result.props);
      const inputs: Props = { networkId: outs["networkId"] };
      if (outs["tokenRequest"] !== undefined) inputs["tokenRequest"] = outs["tokenRequest"];
      return { id: result.id, props: outs, inputs };
    },

    async update(id, urn, olds, news, preview) {
      if (preview) return { outs: { ...olds } };
      const { outs } = await recordingInEngineForm(host.update(id, storedOf(urn, olds), inputsOf(urn, news)));
      return { outs: outputsOf(outs) };
    },

    async invoke(token, args) {
      if (token !== FUNCTION_TOKEN)
        throw new Error(`unknown function ${token}; this provider has ${FUNCTION_TOKEN}`);
      const plain = unwrapSecrets(withNetworkIdAsText(args)) as Props;
      const failures = [
        ...unknownMemberFailures(plain, ["networkId", ...TOKEN_REQUEST_FIELDS], "", "argument", []),
        ...networkIdFailures(plain["networkId"]),
      ];
      if (failures.length > 0) return { outputs: {}, failures };
      const request = pickDefined(plain, [
        "networkId",
        ...TOKEN_REQUEST_FIELDS,
      ]) as unknown as GetOidcInfoRequest;
      const secretSettingsCarrier = {
        ...settings,
        networkId: request.networkId,
        secretConnectionSettings: secretSettings,
      };
      const outputs = await providerStep(secretSettingsCarrier, cancellation.signal, async (signal) => {
        const client = sharedClient(settings, PLUGIN_SETTING_HINTS);
        const response = await client.getOidcInfo(request, { signal });
        return {
          ...pickDefined(response.openidConnectInfo ?? {}, CONFIG_OUTPUT_FIELDS),
          ...pickDefined(response.tokenInfo ?? {}, TOKEN_OUTPUT_FIELDS),
          networkId: request.networkId,
          region: await client.region(),
        };
      });
      return { outputs: withoutUndefined(withSecrets(outputs, SECRET_OUTPUT_FIELDS)) as Props, failures: [] };
    },

    cancel() {
      if (cancellation.signal.aborted) return;
      const reason = new Error("the Pulumi engine cancelled the operation (Ctrl-C or SIGTERM)");
      reason.name = "RequestAbortedError";
      cancellation.abort(reason);
    },
  };

  /** A step whose failed exchange records outputs (`ResourceInitError`): those outputs in the engine's form. */
  async function recordingInEngineForm<T>(step: Promise<T>): Promise<T> {
    try {
      return await step;
    } catch (error) {
      if (error instanceof ResourceInitError) {
        const engineForm = outputsOf(error.properties);
        for (const key of Object.keys(error.properties)) delete error.properties[key];
        Object.assign(error.properties, engineForm);
      }
      throw error;
    }
  }
}

/**
 * Configuration values with their schema types: `pulumi config set wickr-oidc:timeoutMs 60000` (and
 * `… useFipsEndpoint true`) reach a provider as text. Text that is not a number or a boolean stays
 * text, so the check names the setting and its expected type.
 */
function typedConfig(config: Props): Props {
  const out = { ...config };
  for (const [field, type] of Object.entries(CONFIG_TYPES)) {
    const value = out[field];
    if (typeof value !== "string") continue;
    if (type === "integer" && /^-?\d+$/.test(value)) out[field] = Number(value);
    if (type === "boolean" && (value === "true" || value === "false")) out[field] = value === "true";
  }
  return out;
}

/**
 * `networkId` as text when it came as an 8-digit number. Pulumi YAML reads a config value such as
 * `12345678` as a number even when the program declares it `type: string`, so a user who sets the id
 * with `pulumi config set` would otherwise be refused. Only numbers of exactly 8 digits are taken: an
 * id with a leading zero has lost it as a number, and is refused with the advice to quote it.
 */
function withNetworkIdAsText(props: Props): Props {
  const id = props["networkId"];
  return typeof id === "number" && Number.isInteger(id) && id >= 10_000_000 && id <= 99_999_999
    ? { ...props, networkId: String(id) }
    : props;
}

/** The resource type this provider serves. */
export { RESOURCE_TOKEN };
