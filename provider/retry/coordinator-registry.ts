import { ThrottleCoordinator, type CoordinatorClock, type ThrottlingSettings } from "./throttle-coordinator";

/**
 * One coordinator per endpoint and access key id in this process: all resources and calls that reach
 * the same service with the same credentials share one cool-down and one send rate. The first caller's
 * settings win. Process state only; never reachable from the serialized provider.
 */
const coordinators = new Map<string, ThrottleCoordinator>();

/** The shared coordinator for this endpoint and access key id. */
export function coordinatorFor(
  endpoint: string,
  accessKeyId: string,
  settings: ThrottlingSettings,
  clock: CoordinatorClock,
): ThrottleCoordinator {
  const key = `${endpoint}\n${accessKeyId}`;
  let coordinator = coordinators.get(key);
  if (!coordinator) {
    coordinator = new ThrottleCoordinator(settings, clock);
    coordinators.set(key, coordinator);
  }
  return coordinator;
}

/** Forgets every coordinator (tests). */
export function clearCoordinators(): void {
  coordinators.clear();
}
