/**
 * npm run bench [-- --json] [-- --sizes 10,100,500] [-- --vendor kentix] [-- --cli]: figures, never assertions.
 * `--cli` runs bench/cli.ts instead: the Kentix program through the real Pulumi CLI beside the CLI's floor.
 * Every `bench/<vendor>.bench.ts` runs against its emulator with 5 ms injected latency per request:
 * requests per operation against the minimum, wall time against the lower bound
 * (requests x latency / per-appliance concurrency), __provider and state bytes per resource, and the
 * peak memory of the dynamic-provider plugin process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { cliBench } from "./cli";
import type { VendorBench } from "./support";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const json = args.includes("--json");
const sizes = (option("--sizes") ?? "10,100,500").split(",").map(Number);
const only = option("--vendor");
const latencyMs = 5;

async function main() {
  if (args.includes("--cli")) {
    const { figures, lines } = await cliBench(sizes, latencyMs);
    console.log(json ? JSON.stringify({ latencyMs, cli: figures }) : lines.join("\n"));
    return;
  }
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith(".bench.ts"))
    .sort();
  const results: Record<string, unknown> = { latencyMs };
  for (const file of files) {
    const { bench } = (await import(path.join(__dirname, file))) as { bench: VendorBench };
    if (only && bench.vendor !== only) continue;
    const { figures, lines } = await bench.run({ sizes, latencyMs });
    results[bench.vendor] = figures;
    if (!json) console.log(lines.join("\n"));
  }
  if (json) console.log(JSON.stringify(results));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
