/**
 * The provider plugin's entry point: `pulumi-resource-wickr-oidc <engine address>`. The engine starts
 * it, reads the port from its first line of stdout, and talks gRPC to it for one operation.
 */
import { processEngineLog } from "../pulumi/engine-log";
import { packageVersionFrom } from "../wickr/user-agent";
import { createPluginProvider } from "./plugin-provider";
import { serve } from "./server";

async function main(argv: readonly string[]): Promise<void> {
  const [address] = argv;
  const log = processEngineLog({ address });
  const provider = createPluginProvider({ log });
  const { port } = await serve(provider, packageVersionFrom(__dirname));
  // The engine reads the port from the first line; nothing else may be printed on stdout.
  process.stdout.write(`${port}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`pulumi-resource-wickr-oidc: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
