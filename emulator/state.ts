/**
 * The emulator's mutable world: networks, authorization codes, credentials and roles.
 *
 * Everything goes in and out as deep copies, so a test holding a seed object cannot change the
 * emulator behind its back, and a snapshot it reads cannot be changed by a later request.
 */
import { OIDC_FIELDS, type OpenidConnectInfo, type Seed, type SeedAuthorizationCode } from "./seed";
import type { SeedCredentials, SeedNetwork, SeedRole } from "./seed";
import { readOidcInfo, validateAuthorizationCode, validateCredentials, validateNetwork } from "./seed-items";
import { validateSeed } from "./seed-load";

interface CodeState {
  code: SeedAuthorizationCode;
  used: boolean;
}

const codeKey = (networkId: string, code: string): string => `${networkId}\n${code}`;

/** In-memory state behind one emulator. */
export class EmulatorState {
  private readonly networks = new Map<string, SeedNetwork>();
  private readonly codes = new Map<string, CodeState>();
  private readonly credentials = new Map<string, SeedCredentials>();
  private readonly roles = new Map<string, SeedRole>();

  /** @throws `SeedError` when the seed is invalid. */
  constructor(seed: Seed) {
    const clean = validateSeed(structuredClone(seed));
    clean.networks.forEach((n) => this.networks.set(n.networkId, n));
    clean.credentials.forEach((c) => this.credentials.set(c.accessKeyId, c));
    (clean.roles ?? []).forEach((r) => this.roles.set(r.arn, r));
    (clean.authorizationCodes ?? []).forEach((c) => this.addAuthorizationCode(c));
  }

  /** The live network (handlers only; callers outside get {@link snapshot}). */
  findNetwork(networkId: string): SeedNetwork | undefined {
    return this.networks.get(networkId);
  }

  /** Deep copy of a network's current state. */
  snapshot(networkId: string): SeedNetwork | undefined {
    const network = this.networks.get(networkId);
    return network && structuredClone(network);
  }

  /** Add or replace a network. @throws `SeedError` when invalid. */
  addNetwork(network: SeedNetwork): void {
    const clean = validateNetwork(structuredClone(network));
    this.networks.set(clean.networkId, clean);
  }

  /** Remove a network and its codes. */
  deleteNetwork(networkId: string): void {
    this.networks.delete(networkId);
    for (const [key, state] of this.codes) if (state.code.networkId === networkId) this.codes.delete(key);
  }

  /**
   * Merge `config` into a network's OIDC settings: members present overwrite, members absent keep their
   * value (RegisterOidcConfig's rule). Returns the resulting settings.
   *
   * @throws Error when the network is unknown; `SeedError` when a member has the wrong type.
   */
  registerOidcConfig(networkId: string, config: Partial<OpenidConnectInfo>): OpenidConnectInfo {
    const network = this.networks.get(networkId);
    if (!network) throw new Error(`No network ${networkId} in the emulator`);
    const merged: Record<string, unknown> = { ...network.openidConnectInfo };
    for (const key of OIDC_FIELDS) if (config[key] !== undefined) merged[key] = config[key];
    network.openidConnectInfo = readOidcInfo(merged, "openidConnectInfo");
    return structuredClone(network.openidConnectInfo);
  }

  /** Add (or re-arm) an authorization code. @throws when invalid or its network is unknown. */
  addAuthorizationCode(code: SeedAuthorizationCode): void {
    const clean = validateAuthorizationCode(structuredClone(code));
    if (!this.networks.has(clean.networkId)) throw new Error(`No network ${clean.networkId} in the emulator`);
    this.codes.set(codeKey(clean.networkId, clean.code), { code: clean, used: false });
  }

  /** An unused code of a network, or undefined (unknown and already-used codes look the same, as in OAuth). */
  unusedCode(networkId: string, code: string): SeedAuthorizationCode | undefined {
    const state = this.codes.get(codeKey(networkId, code));
    return state && !state.used ? state.code : undefined;
  }

  /** Burn a code after a successful exchange: codes are single use. */
  markCodeUsed(networkId: string, code: string): void {
    const state = this.codes.get(codeKey(networkId, code));
    if (state) state.used = true;
  }

  /** Add or replace credentials. @throws `SeedError` when invalid. */
  addCredentials(credentials: SeedCredentials): void {
    const clean = validateCredentials(structuredClone(credentials));
    this.credentials.set(clean.accessKeyId, clean);
  }

  /** Credentials by access key id. */
  findCredentials(accessKeyId: string): SeedCredentials | undefined {
    return this.credentials.get(accessKeyId);
  }

  /** A role by ARN. */
  findRole(arn: string): SeedRole | undefined {
    return this.roles.get(arn);
  }
}
