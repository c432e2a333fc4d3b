/** Kentix: N alarm groups + N webhooks (each group fires its webhook), HTTPS emulator, 4 requests in flight. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { TestEngine } from "../test/engine";
import { type BenchOptions, measure, type OpFigures, stateSizes, table, type VendorBench, watchPlugin } from "./support";

const CONCURRENCY = 4; // Kentix default per appliance
const token = "bench-token-0c2f";

async function size(n: number, latencyMs: number) {
  const emu = await startKentix({ tokens: [token], https: "ca", latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-"));
  const engine = (bump?: number) =>
    new TestEngine({
      dir: __dirname,
      program: "kentix-program.ts",
      project: "bench",
      stack: `n${n}`,
      statePath: path.join(dir, "state.json"),
      config: { count: String(n), url: emu.httpsUrl!, caCertPem: tlsFixture("ca.pem"), "kentix:bench.token": { secret: token }, ...(bump ? { bump: String(bump) } : {}) },
    });
  const memory = watchPlugin();
  const o = { latencyMs, concurrency: CONCURRENCY };
  try {
    const ops: Record<string, OpFigures> = {};
    // create: one POST per object; the natural-key check adds one listing per collection per run.
    ops.up = await measure(emu, { ...o, minimumRequests: 2 * n }, () => engine().up());
    const sizes = stateSizes(path.join(dir, "state.json"), engine().readState()!);
    ops.upNoChange = await measure(emu, { ...o, minimumRequests: 0 }, () => engine().up());
    ops.upOneField = await measure(emu, { ...o, minimumRequests: 1 }, () => engine(60).up());
    ops.refresh = await measure(emu, { ...o, minimumRequests: 2 * n }, () => engine(60).refresh());
    ops.destroy = await measure(emu, { ...o, minimumRequests: 2 * n }, () => engine(60).destroy());
    return { ops, ...sizes, pluginPeakMiB: memory.stop() };
  } finally {
    memory.stop();
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: VendorBench = {
  vendor: "kentix",
  async run({ sizes, latencyMs }: BenchOptions) {
    const figures: Record<string, unknown> = {};
    const lines: string[] = [];
    for (const n of sizes) {
      const f = await size(n, latencyMs);
      figures[`n${n}`] = f;
      lines.push(
        "",
        ...table(`kentix: N = ${n} alarm groups + ${n} webhooks (${2 * n} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`, f.ops),
        `  __provider ${f.providerBytes} bytes; state ${f.stateBytesPerResource} bytes per resource; plugin peak memory ${f.pluginPeakMiB} MiB`,
      );
    }
    return { figures, lines };
  },
};
