/**
 * npm run bench [-- --json] [-- --sizes 10,100,500] [-- --vendor kentix] [-- --cli]: figures, never assertions.
 * `--cli` runs bench/cli.ts instead: the Kentix program through the real Pulumi CLI beside the CLI's floor.
 * `--program-cost [--repeat 3] [--variants facility,peer,trivial] [--ops preview,up] [--baseline DIR] [--profile DIR]` runs bench/program-cost.ts instead:
 * the program process of N Kentix alarm groups (this project, a hand-made peer provider, trivial resources) through
 * the real CLI: wall time of preview and up and the program's peak memory (sizes default to 1000 there).
 * `--faults P [--seed S] [--cli]` runs bench/faults.ts instead: 500 Kentix and 200 SINEMA resources under P% mixed
 * faults drawn from a seeded PRNG: runs of `up` to converge, duplicates, orphans, drift, requests against fault-free.
 * `--fleet [--sites 20] [--groups 10] [--parallel 4] [--repeat 3]` runs bench/fleet.ts instead: `facility fleet drift`
 * over that many Kentix sites on the real CLI: wall time, requests per site, the most requests at once per appliance.
 * Every `bench/<vendor>.bench.ts` runs against its emulator with 5 ms injected latency per request:
 * requests per operation against the minimum, wall time against the lower bound
 * (requests x latency / per-appliance concurrency), __provider and state bytes per resource, and the
 * peak memory of the dynamic-provider plugin process.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { cliBench } from "./cli";
import { faultBench } from "./faults";
import { fleetBench } from "./fleet";
import { type Op, programCostBench, type Variant } from "./program-cost";
import type { VendorBench } from "./support";

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const json = args.includes("--json");
const sizes = (option("--sizes") ?? "10,100,500").split(",").map(Number);
const only = option("--vendor");
const latencyMs = 5;

async function main() {
  if (args.includes("--faults")) {
    const percent = Number(option("--faults"));
    if (!(percent >= 0 && percent <= 100)) throw new Error("--faults takes a percentage, e.g. --faults 10");
    const seed = Number(option("--seed") ?? 1);
    const pairs = option("--pairs") ? Number(option("--pairs")) : undefined;
    const kinds = option("--kinds")?.split(",");
    const { figures, lines } = await faultBench({ percent, seed, cli: args.includes("--cli"), only, pairs, kinds });
    console.log(json ? JSON.stringify({ faults: figures }) : lines.join("\n"));
    return;
  }
  if (args.includes("--program-cost")) {
    const { figures, lines } = await programCostBench({
      sizes: (option("--sizes") ?? "1000").split(",").map(Number),
      repeat: Number(option("--repeat") ?? 3),
      latencyMs,
      profile: option("--profile"),
      baseline: option("--baseline"),
      variants: option("--variants")?.split(",") as Variant[] | undefined,
      ops: option("--ops")?.split(",") as Op[] | undefined,
    });
    console.log(json ? JSON.stringify({ latencyMs, programCost: figures }) : lines.join("\n"));
    return;
  }
  if (args.includes("--fleet")) {
    const { figures, lines } = await fleetBench({
      sites: Number(option("--sites") ?? 20),
      groups: Number(option("--groups") ?? 10),
      parallel: Number(option("--parallel") ?? 4),
      repeat: Number(option("--repeat") ?? 3),
      latencyMs,
    });
    console.log(json ? JSON.stringify({ fleet: figures }) : lines.join("\n"));
    return;
  }
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
