/** Run a test body against its own emulator on a free port, closed afterwards whatever happens. */
import { type Emulator, type EmulatorOptions, startEmulator } from "..";

/** Start an emulator, run `body`, close the emulator. */
export async function withEmulator(
  body: (emulator: Emulator) => Promise<void>,
  options: EmulatorOptions = {},
): Promise<void> {
  const emulator = await startEmulator(options);
  try {
    await body(emulator);
  } finally {
    await emulator.close();
  }
}

/** A clock a test moves by hand (epoch ms). */
export class ManualClock {
  constructor(public time: number = Date.now()) {}

  /** Bound reader for `EmulatorOptions.now`. */
  readonly now = (): number => this.time;

  /** Move forward. */
  advance(ms: number): void {
    this.time += ms;
  }

  /** The current time as a signing date. */
  date(): Date {
    return new Date(this.time);
  }
}
