/**
 * Run the emulator from a shell:
 *
 *     npm run emulator -- --port 8080 --seed emulator/seeds/demo.json \
 *       [--region eu-west-1] [--clock-skew 600000]
 *
 * Prints `Wickr emulator listening on http://HOST:PORT`, then the (fake) credentials of the seed's first
 * user and the emulator's region (`export AWS_REGION=...`) to export, and stops cleanly on
 * SIGINT/SIGTERM. Requests are never echoed unless `--verbose`, and then only as redacted log entries
 * on stderr.
 */
import { parseCliArgs, USAGE } from "./cli-args";
import { demoSeed } from "./demo-seed";
import { startEmulator } from "./emulator";
import { loadSeed } from "./seed-load";

async function main(): Promise<void> {
  let options;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  const seed = options.seedFile ? loadSeed(options.seedFile) : demoSeed();
  const emulator = await startEmulator({
    port: options.port,
    host: options.host,
    seed,
    throttle: options.throttle,
    region: options.region,
    clockSkewMs: options.clockSkewMs,
  });
  const user = seed.credentials[0];
  const lines = [`Wickr emulator listening on ${emulator.url}`];
  if (user) {
    // Seeds hold fake credentials by design; printing them is how a shell gets to use the emulator.
    lines.push(
      `export AWS_ACCESS_KEY_ID=${user.accessKeyId}`,
      `export AWS_SECRET_ACCESS_KEY=${user.secretAccessKey}`,
    );
    if (user.sessionToken) lines.push(`export AWS_SESSION_TOKEN=${user.sessionToken}`);
  }
  lines.push(`export AWS_REGION=${emulator.region}`);
  process.stdout.write(`${lines.join("\n")}\n`);

  let printed = 0;
  const verbose = options.verbose
    ? setInterval(() => {
        for (; printed < emulator.log.length; printed++) {
          process.stderr.write(`${JSON.stringify(emulator.log[printed])}\n`);
        }
      }, 200)
    : undefined;

  const stop = (): void => {
    clearInterval(verbose);
    void emulator.close().then(() => {
      process.exitCode = 0;
    });
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message ?? String(error)}\n`);
  process.exitCode = 1;
});
