import { Registry } from "../util/registry";
import { stableKey } from "../util/stable-key";
import { ThrottleCoordinator, type CoordinatorClock, type ThrottlingSettings } from "./throttle-coordinator";

/**
 * The coordinators of this process. Process state only; never reachable from the serialized provider.
 */
const coordinators = new Registry<ThrottleCoordinator>();

/** A number per function object, so hooks can be part of a key (a WeakMap: no function is kept alive). */
const identities = new WeakMap<object, number>();
let lastIdentity = 0;
function identityOf(fn: object): number {
  let id = identities.get(fn);
  if (id === undefined) identities.set(fn, (id = ++lastIdentity));
  return id;
}

/**
 * The shared coordinator of this endpoint and access key id, for these throttling settings and this
 * clock. All resources and calls that reach the same service with the same credentials share one
 * cool-down and one send rate — provided they also agree on `settings` and on the clock and sleep
 * hooks (which only tests set). Clients that differ in any of them get a coordinator of their own, so
 * each client's settings are honoured (never silently replaced by the first client's), at the price of
 * not sharing throttling state with the others.
 */
export function coordinatorFor(
  endpoint: string,
  accessKeyId: string,
  settings: Readonly<ThrottlingSettings>,
  clock: CoordinatorClock,
): ThrottleCoordinator {
  const key = [endpoint, accessKeyId, stableKey(settings), identityOf(clock.now), identityOf(clock.sleep)];
  return coordinators.get(key.join("\n"), () => new ThrottleCoordinator(settings, clock));
}

/** Forgets every coordinator (tests start from a clean process state with it). */
export function clearCoordinators(): void {
  coordinators.clear();
}
