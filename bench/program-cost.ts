/**
 * npm run bench -- --program-cost [--sizes 1000] [--repeat 3] [--profile DIR]: the cost of the Pulumi program
 * process (issue 16), through the real Pulumi CLI. N Kentix alarm groups setting four fields, three ways:
 * - facility: this project (cost-facility-program.ts);
 * - peer: a well-written hand-made dynamic provider, one provider object for the kind and a few declared outputs,
 *   sending the same requests to the same emulator (cost-peer-program.ts);
 * - peerOutputs: the same peer offering the outputs this project's AlarmGroup offers (createdAt and updatedAt; the
 *   peer offers createdAt only), so that the two register as many keys: like for like (each registered key costs the
 *   SDK an Output of four tracked promises per resource, about 0.3 ms of program CPU);
 * - trivial: N dynamic resources whose provider makes no request (cost-trivial-program.ts);
 * - baseline (with `--baseline DIR`): cost-facility-program.ts of another checkout of this repository in DIR, with
 *   its own `dist` and `node_modules/pulumi-facility` linking to DIR (e.g. the commit before a change).
 * For each: wall time of `preview` and `up` on a fresh stack and emulator, and the program process's
 * peak resident memory and CPU time (`process.resourceUsage()`, written by the program at exit: cost-peak.ts). The
 * variants run interleaved `--repeat` times; medians are reported. `--profile DIR` profiles every node process
 * (program and plugin) through profile-hook.js and keeps the profiles in DIR. Figures, never assertions.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { CliEngine } from "../test/engine";

const token = "bench-token-0c2f";
export const VARIANTS = ["facility", "peer", "peerOutputs", "trivial", "baseline"] as const;
export type Variant = (typeof VARIANTS)[number];
const programOf: Record<Variant, string> = {
  facility: "facility",
  peer: "peer",
  peerOutputs: "peer",
  trivial: "trivial",
  baseline: "facility",
};
export const OPS = ["preview", "up"] as const;
export type Op = (typeof OPS)[number];

export interface CostRun {
  wallMs: number;
  /** The program process's peak resident memory, MiB. */
  programPeakMiB: number;
  /** The program process's CPU time (user + system), ms. */
  programCpuMs: number;
  ok: boolean;
}

async function once(
  variant: Variant,
  n: number,
  latencyMs: number,
  ops: readonly Op[],
  profile?: string,
  baseline?: string,
) {
  const emu = await startKentix({ tokens: [token], https: "ca", latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `facility-cost-${variant}-`));
  const peakFile = path.join(dir, "peak.jsonl");
  const profileDir = profile ? path.join(profile, `${variant}-n${n}-${Date.now()}`) : undefined;
  const engine = (op: Op) =>
    new CliEngine({
      dir: variant === "baseline" ? path.join(path.resolve(baseline!), "bench") : __dirname,
      program: variant === "baseline" ? "cost-facility-program.ts" : `cost-${programOf[variant]}-program.ts`,
      project: `cost-${variant}`,
      stack: `n${n}`,
      statePath: path.join(dir, "state.json"),
      env: {
        FACILITY_BENCH_PEAK_FILE: peakFile,
        ...(profileDir
          ? {
              NODE_OPTIONS: `--require "${path.join(__dirname, "profile-hook.js")}"`,
              FACILITY_BENCH_PROFILE_DIR: path.join(profileDir, op),
            }
          : {}),
      },
      config: {
        count: String(n),
        url: emu.httpsUrl!,
        caCertPem: tlsFixture("ca.pem"),
        "kentix:bench.token": { secret: token },
        token: { secret: token },
        ...(variant === "peerOutputs" ? { sameOutputs: "true" } : {}),
      },
    });
  const runs = {} as Record<Op, CostRun>;
  try {
    for (const op of ops) {
      fs.rmSync(peakFile, { force: true });
      const started = Date.now();
      const r = await engine(op)[op]();
      const wallMs = Date.now() - started;
      const exits = fs.existsSync(peakFile)
        ? fs
            .readFileSync(peakFile, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((l) => JSON.parse(l) as { maxRssKiB: number; cpuMs: number })
        : [];
      runs[op] = {
        wallMs,
        programPeakMiB: Math.round(Math.max(0, ...exits.map((e) => e.maxRssKiB)) / 1024),
        programCpuMs: exits.reduce((sum, e) => sum + e.cpuMs, 0),
        ok: r.ok,
      };
    }
    return runs; // no destroy: the emulator and the stack's folder are thrown away
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : Math.round((s[s.length / 2 - 1] + s[s.length / 2]) / 2);
};

type Figure = "wallMs" | "programPeakMiB" | "programCpuMs";

export async function programCostBench(o: {
  sizes: number[];
  repeat: number;
  latencyMs: number;
  profile?: string;
  /** Another checkout to measure as the `baseline` variant. */
  baseline?: string;
  variants?: Variant[];
  /** The operations to time (default both; `["preview"]` leaves out the long up of the peer at large N). */
  ops?: Op[];
}): Promise<{ figures: Record<string, unknown>; lines: string[] }> {
  const variants = o.variants ?? VARIANTS.filter((v) => v !== "baseline" || o.baseline);
  const ops = o.ops ?? OPS;
  const figures: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const n of o.sizes) {
    const all = Object.fromEntries(variants.map((v) => [v, [] as Record<Op, CostRun>[]])) as Record<
      Variant,
      Record<Op, CostRun>[]
    >;
    for (let i = 0; i < o.repeat; i++)
      for (const v of variants) {
        all[v].push(await once(v, n, o.latencyMs, ops, o.profile, o.baseline));
        console.error(`program cost: n=${n} run ${i + 1} ${v}: ${JSON.stringify(all[v][i])}`); // progress
      }
    const med = (v: Variant, op: Op, key: Figure) => median(all[v].map((r) => r[op][key]));
    const cell = (v: Variant, op: Op, key: Figure) =>
      `${med(v, op, key)} (${all[v].map((r) => r[op][key]).join(", ")})`.padEnd(26);
    figures[`n${n}`] = { runs: all, repeat: o.repeat };
    lines.push(
      "",
      `program cost on the real Pulumi CLI: N = ${n} Kentix alarm groups (four fields set), ${o.latencyMs} ms latency, median (each run)`,
      `  ${"variant".padEnd(10)} ${"op".padEnd(8)} ${"wall ms".padEnd(26)} ${"program CPU ms".padEnd(26)} program peak MiB`,
      ...variants.flatMap((v) =>
        ops.map((op) => {
          const failed = all[v].some((r) => !r[op].ok) ? "  FAILED" : "";
          return `  ${v.padEnd(10)} ${op.padEnd(8)} ${cell(v, op, "wallMs")} ${cell(v, op, "programCpuMs")} ${cell(v, op, "programPeakMiB").trimEnd()}${failed}`;
        }),
      ),
    );
    const ratio = (a: Variant, b: Variant, key: Figure) =>
      ops.map((op) => `${op} ${(med(a, op, key) / med(b, op, key)).toFixed(2)}x`).join(", ");
    for (const a of variants.filter((v) => v === "facility" || v === "baseline")) {
      for (const peer of variants.filter((v) => v === "peer" || v === "peerOutputs"))
        lines.push(
          `  ${a} / ${peer}: wall ${ratio(a, peer, "wallMs")} (target <= 1.0); program CPU ${ratio(a, peer, "programCpuMs")}`,
        );
      if (variants.includes("trivial"))
        lines.push(`  ${a} / trivial program peak memory: ${ratio(a, "trivial", "programPeakMiB")} (target <= 1.2)`);
    }
  }
  return { figures, lines };
}
