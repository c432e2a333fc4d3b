/**
 * npm run bench -- --cli [--sizes 10,100,500]: the Kentix bench program through the real Pulumi CLI
 * (`npm run pulumi:install`), beside the CLI's own floor (the same number of dynamic resources whose methods
 * make no request) and the test engine on the same program. Figures, never assertions.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { CliEngine, type Engine, type EngineOptions, TestEngine } from "../test/engine";
import { type OpFigures, measure, watchPlugin } from "./support";

const CONCURRENCY = 4;
const token = "bench-token-0c2f";
const OPS = ["preview", "up", "upNoChange", "upOneField", "refresh", "destroy"] as const;
type Op = (typeof OPS)[number];

/** The six operations through `engine(changed)`, timed; requests counted where there is an appliance. */
async function lifecycle(
  engine: (changed: boolean) => Engine,
  count: (run: () => Promise<{ ok: boolean }>) => Promise<OpFigures>,
) {
  const ops = {} as Record<Op, OpFigures>;
  ops.preview = await count(() => engine(false).preview());
  ops.up = await count(() => engine(false).up());
  ops.upNoChange = await count(() => engine(false).up());
  ops.upOneField = await count(() => engine(true).up());
  ops.refresh = await count(() => engine(true).refresh());
  ops.destroy = await count(() => engine(true).destroy());
  return ops;
}

async function timed(run: () => Promise<{ ok: boolean }>): Promise<OpFigures> {
  const started = Date.now();
  const r = await run();
  return { wallMs: Date.now() - started, requests: 0, writes: 0, minimumRequests: 0, lowerBoundMs: 0, ok: r.ok };
}

async function kentix(n: number, latencyMs: number, kind: "cli" | "test") {
  const emu = await startKentix({ tokens: [token], https: "ca", latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `facility-bench-${kind}-`));
  const options = (changed: boolean): EngineOptions => ({
    dir: __dirname,
    program: "kentix-program.ts",
    project: "bench",
    stack: `n${n}`,
    statePath: path.join(dir, "state.json"),
    config: {
      count: String(n),
      url: emu.httpsUrl!,
      caCertPem: tlsFixture("ca.pem"),
      "kentix:bench.token": { secret: token },
      ...(changed ? { bump: "60" } : {}),
    },
  });
  const memory = watchPlugin();
  try {
    const ops = await lifecycle(
      (c) => (kind === "cli" ? new CliEngine(options(c)) : new TestEngine(options(c))),
      (run) => measure(emu, { minimumRequests: 0, latencyMs, concurrency: CONCURRENCY }, run),
    );
    return { ops, pluginPeakMiB: memory.stop() };
  } finally {
    memory.stop();
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function floor(n: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-floor-"));
  const options = (changed: boolean): EngineOptions => ({
    dir: __dirname,
    program: "floor-program.ts",
    project: "floor",
    stack: `n${n}`,
    statePath: path.join(dir, "state.json"),
    config: { count: String(n), ...(changed ? { bump: "60" } : {}) },
  });
  try {
    return await lifecycle((c) => new CliEngine(options(c)), timed);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function cliBench(
  sizes: number[],
  latencyMs: number,
): Promise<{ figures: Record<string, unknown>; lines: string[] }> {
  const figures: Record<string, unknown> = {};
  const lines: string[] = [];
  for (const n of sizes) {
    const cli = await kentix(n, latencyMs, "cli");
    const floorOps = await floor(n);
    const test = await kentix(n, latencyMs, "test");
    figures[`n${n}`] = { cli, floor: floorOps, testEngine: test };
    lines.push(
      "",
      `kentix on the real Pulumi CLI: N = ${n} alarm groups + ${n} webhooks (${2 * n} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`,
      "  operation      CLI wall ms  CLI floor ms  test engine ms   requests  writes",
      ...OPS.map((op) => {
        const c = cli.ops[op];
        return `  ${op.padEnd(14)} ${String(c.wallMs).padStart(11)}  ${String(floorOps[op].wallMs).padStart(12)}  ${String(test.ops[op].wallMs).padStart(14)}  ${String(c.requests).padStart(9)}  ${String(c.writes).padStart(6)}${c.ok && floorOps[op].ok && test.ops[op].ok ? "" : "  FAILED"}`;
      }),
      `  plugin peak memory: CLI ${cli.pluginPeakMiB} MiB, test engine ${test.pluginPeakMiB} MiB`,
    );
  }
  return { figures, lines };
}
