/**
 * The shape of `bench/results/*.json`: every number the bench measured, with the targets it judged.
 */

/** The machine and tool versions a result was measured on. */
export interface MachineInfo {
  date: string;
  nproc: number;
  totalMemoryBytes: number;
  cpuModel: string;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
  gitCommit?: string;
  /** True when `git status --porcelain` listed changes when the bench ran. */
  gitDirty?: boolean;
}

/** The change summary the engine reported for an operation (`{ same: 51 }`, ...). */
export type ChangeSummary = Record<string, number>;

/** One engine operation of B1. */
export interface CallCount {
  operation: string;
  /** `GetOidcInfo` requests the emulator logged during the operation, any status. */
  calls: number;
  callsPerResource: number;
  /** Requests of any other operation (STS, ...), for context. */
  otherRequests: number;
  wallMs: number;
  changes: ChangeSummary;
}

export interface B1Result {
  /** Per stack size (`"1"`, `"50"`): one entry per operation, in the order run. */
  stacks: Record<string, CallCount[]>;
  target: number;
  pass: boolean;
}

/** How the 429s of one throttled run spread over time (seconds from the run's first request). */
export interface ThrottleTimeline {
  requests: number;
  ok: number;
  throttled: number;
  otherStatus: number;
  firstRequestToLastMs: number;
  /** Time of the last 2xx, from the first request. */
  lastOkMs: number;
  /** `[second, 2xx, 429]` per whole second from the first request. */
  perSecond: [number, number, number][];
  /** Requests per network: how many networks needed k attempts (`{ "1": 5, "2": 30, ... }`). */
  attemptsPerNetwork: Record<string, number>;
  /** Requests that arrived within the first 500 ms: the engine's opening burst. */
  openingBurst: number;
}

/** One throttled (or unthrottled) creating `up` of B2. */
export interface ThrottleRun {
  label: string;
  retryAfter?: "seconds" | "none";
  /** Client settings passed as resource arguments. */
  args: Record<string, unknown>;
  wallMs: number;
  upFailed: boolean;
  /** First lines of the engine's error, when the `up` failed. */
  error?: string;
  failedResources: number;
  http429: number;
  timeline: ThrottleTimeline;
  /** Extra wall time over the unthrottled median, in ms (throttled runs only). */
  extraMs?: number;
  /** extraMs / floorMs. */
  ratio?: number;
  /** The target for the ratio (coordinated variants only). */
  ratioTarget?: number;
  /** 429s of the SDK-standard baseline with the same Retry-After style. */
  baseline429?: number;
  pass?: boolean;
}

export interface B2Result {
  resources: number;
  ratePerSecond: number;
  burst: number;
  floorMs: number;
  /** Whether the provider declares the `throttling` connection setting (else it is passed loosely). */
  throttlingSettingSupported: boolean;
  /** Engine `--parallel` used (the CLI default unless set). */
  parallel: string;
  unthrottled: ThrottleRun[];
  unthrottledMedianMs: number;
  throttled: ThrottleRun[];
  pass: boolean;
}

/** Peak memory of the dynamic provider process during one run, from `/proc/<pid>/status`. */
export interface MemoryPeak {
  pid?: number;
  /** `VmHWM`, in bytes (the kernel's peak resident set). */
  hwmBytes: number;
  /** Largest `VmRSS` sampled, in bytes. */
  maxRssBytes: number;
  samples: number;
}

export interface OverheadRun {
  kind: "wickr" | "trivial";
  wallMs: number;
  memory: MemoryPeak;
}

export interface B3Result {
  resources: number;
  runs: OverheadRun[];
  wickrMedianMs: number;
  trivialMedianMs: number;
  timeRatio: number;
  wickrMedianHwmBytes: number;
  trivialMedianHwmBytes: number;
  memoryRatio: number;
  /** Bytes of the `__provider` input of one `WickrOidcInfo` in the raw state file. */
  providerBytes: number;
  /** The same for the bench's trivial provider, for comparison. */
  trivialProviderBytes: number;
  pass: { time: boolean; memory: boolean; providerSize: boolean };
}

export interface BenchResults {
  machine: MachineInfo;
  startedAt: string;
  durationMs: number;
  b1?: B1Result;
  b2?: B2Result;
  b3?: B3Result;
  b4?: B4Result;
  b6?: B6Result;
  /** Sections that failed or were cut by the deadline, with the reason. */
  errors: { section: string; message: string }[];
  notes: string[];
}

/** B4: loading the package in a fresh process. */
export interface B4Result {
  rounds: number;
  entries: {
    entry: string;
    /** "cold": a bare process; "warm": `@pulumi/pulumi` loaded first (as in the provider process). */
    mode: "cold" | "warm";
    medianMs: number;
    medianMaxRssBytes: number;
    /** Modules the `require` added to `require.cache`. */
    modules: number;
    /** Of those, files of the emulator (must be 0: the provider never loads it). */
    emulatorModules: number;
  }[];
}

/** B6: scrubbing a message of every secret in every encoding. */
export interface B6Result {
  rounds: number;
  /** The lengths of the secrets looked for. */
  secrets: number[];
  rows: {
    /** `plain`: nothing to find; `echoes`: secrets echoed in five encodings at both ends; `escapes`: only `%\&`. */
    kind: "plain" | "echoes" | "escapes";
    bytes: number;
    medianMs: number;
    /** `[REDACTED]` marks in the scrubbed text. */
    redactions: number;
  }[];
}
