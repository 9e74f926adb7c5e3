/**
 * A bench stack of `WickrOidcInfo` resources, one per network, against the emulator.
 */
import { WickrOidcInfo, type WickrOidcInfoArgs } from "pulumi-wickr-oidc";
import { DEMO_REGION, type Emulator } from "../emulator";
import { createTestStack, type TestStack } from "../tests/engine/harness";
import { emulatorEnv, stateResources } from "./engine";

/** What a bench stack reads. */
export interface WickrStackOptions {
  /** Project name (also the prefix of the backend folder under `.work/engine`). */
  project: string;
  emulator: Emulator;
  /** One resource per network id. */
  networkIds: readonly string[];
  /**
   * More resource arguments (`retry`, `throttling`, ...). Deliberately loose: it may name settings the
   * provider does not declare yet, which then simply pass through as inputs.
   */
  extraArgs?: Readonly<Record<string, unknown>>;
}

/** Creates a fresh stack (in a backend of its own) whose program declares one resource per network. */
export function createWickrStack(options: WickrStackOptions): Promise<TestStack> {
  const { emulator, networkIds, extraArgs = {} } = options;
  const endpoint = emulator.url;
  return createTestStack({
    project: options.project,
    envVars: emulatorEnv(emulator),
    program: async () => {
      for (const networkId of networkIds) {
        const args = { networkId, region: DEMO_REGION, endpoint } satisfies WickrOidcInfoArgs;
        new WickrOidcInfo(`sso-${networkId}`, Object.assign(args, extraArgs));
      }
      return { resources: networkIds.length };
    },
  });
}

/** True for a `WickrOidcInfo` in raw state (its type token ends in the resource's type name). */
export const isWickrResource = (type: string): boolean => type.endsWith(":WickrOidcInfo");

/**
 * How many of the expected resources are missing from state or have no outputs (no `issuer`): the
 * resources a failed `up` did not create.
 */
export async function failedResourceCount(t: TestStack, expected: number): Promise<number> {
  const created = (await stateResources(t)).filter(
    (r) => isWickrResource(r.type) && typeof r.outputs?.["issuer"] === "string" && r.outputs["issuer"] !== "",
  );
  return Math.max(0, expected - created.length);
}
