/**
 * Distinct Wickr networks in the emulator. Each resource of a bench stack reads its own network,
 * because the provider deliberately makes identical reads of one engine run once (read-memo.ts).
 */
import type { Emulator, OpenidConnectInfo } from "../emulator";
import { demoSeed } from "../emulator";

/**
 * Adds `count` networks with 8-digit ids `first`, `first + 1`, ... and returns their ids.
 *
 * @throws RangeError when an id would not have 8 digits.
 */
export function addNetworks(emulator: Emulator, first: number, count: number): string[] {
  const template = demoSeed().networks[0]!.openidConnectInfo;
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const networkId = String(first + i);
    if (!/^[0-9]{8}$/.test(networkId)) throw new RangeError(`network id ${networkId} is not 8 digits`);
    const info: OpenidConnectInfo = { ...template, companyId: `bench-${networkId}` };
    emulator.addNetwork({ networkId, openidConnectInfo: info });
    ids.push(networkId);
  }
  return ids;
}
