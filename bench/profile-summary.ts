/**
 * npx tsx bench/profile-summary.ts DIR...: where a node process spent its time, from the `--cpu-prof` profiles
 * that `npm run bench -- --program-cost --profile DIR` keeps. Self time per category, per profile; a profile is
 * the program's when no frame comes from the dynamic-provider plugin's entry point.
 */
import * as fs from "node:fs";
import * as path from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const CATEGORIES: [string, (f: ProfileNode["callFrame"]) => boolean][] = [
  ["garbage collection", (f) => f.functionName === "(garbage collector)"],
  ["idle", (f) => f.functionName === "(idle)"],
  ["TypeScript (ts-node type check and emit)", (f) => /\/typescript\/|\/ts-node\//.test(f.url)],
  ["SDK promise bookkeeping (debuggable.js)", (f) => f.url.includes("pulumi/runtime/debuggable")],
  [
    "SDK stack capture (Resource.callsites/stackTrace)",
    (f) => /callsites|stackTrace|sourcePosition/.test(f.functionName),
  ],
  ["SDK closure serialization", (f) => f.url.includes("pulumi/runtime/closure")],
  ["SDK other", (f) => f.url.includes("@pulumi/pulumi")],
  ["gRPC and protobuf", (f) => /@grpc|google-protobuf|protobufjs/.test(f.url)],
  ["pulumi-facility", (f) => /pulumi-facility|\/dist\/providers\//.test(f.url)],
  ["zod", (f) => f.url.includes("/zod/")],
  ["node internals", (f) => f.url.startsWith("node:") || f.url === ""],
  ["other", () => true],
];

export function summarize(file: string): { total: number; by: Record<string, number>; plugin: boolean } {
  const p = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const by: Record<string, number> = {};
  let total = 0;
  p.samples.forEach((id, i) => {
    const frame = byId.get(id)!.callFrame;
    const [name] = CATEGORIES.find(([, test]) => test(frame))!;
    const us = p.timeDeltas[i] ?? 0;
    by[name] = (by[name] ?? 0) + us;
    if (name !== "idle") total += us;
  });
  const plugin = p.nodes.some((n) => n.callFrame.url.includes("dynamic-provider"));
  return { total, by, plugin };
}

if (require.main === module) {
  const files = process.argv
    .slice(2)
    .flatMap((d) => (fs.statSync(d).isDirectory() ? fs.readdirSync(d).map((f) => path.join(d, f)) : [d]))
    .filter((f) => f.endsWith(".cpuprofile"));
  for (const file of files) {
    const { total, by, plugin } = summarize(file);
    console.log(`${file} (${plugin ? "plugin" : "program"}): ${(total / 1e6).toFixed(1)} s busy`);
    for (const [name, us] of Object.entries(by).sort((a, b) => b[1] - a[1])) {
      if (name === "idle") continue;
      console.log(
        `  ${name.padEnd(50)} ${(us / 1e6).toFixed(2).padStart(7)} s  ${((100 * us) / total).toFixed(0).padStart(3)}%`,
      );
    }
  }
}
