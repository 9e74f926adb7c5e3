import { Registry } from "../util/registry";
import { ThrottleCoordinator, type CoordinatorClock, type ThrottlingSettings } from "./throttle-coordinator";

/**
 * One coordinator per endpoint and access key id in this process: all resources and calls that reach
 * the same service with the same credentials share one cool-down and one send rate. The first caller's
 * settings win. Process state only; never reachable from the serialized provider.
 */
const coordinators = new Registry<ThrottleCoordinator>();

/** The shared coordinator for this endpoint and access key id. */
export function coordinatorFor(
  endpoint: string,
  accessKeyId: string,
  settings: ThrottlingSettings,
  clock: CoordinatorClock,
): ThrottleCoordinator {
  return coordinators.get(`${endpoint}\n${accessKeyId}`, () => new ThrottleCoordinator(settings, clock));
}

/** Forgets every coordinator (tests). */
export function clearCoordinators(): void {
  coordinators.clear();
}
