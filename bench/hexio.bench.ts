/** Hexio: one organization and N projects, HTTPS emulator, 8 requests in flight (the Hexio default). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startHexio } from "../test/emulators/hexio";
import { TestEngine } from "../test/engine";
import { type BenchOptions, measure, type OpFigures, stateSizes, table, type VendorBench, watchPlugin } from "./support";

const CONCURRENCY = 8; // hexio default per API
const bot = { userId: 1, username: "bench-bot", password: "bench-pass-4e1a" };

async function size(n: number, latencyMs: number) {
  const emu = await startHexio({ users: [bot], https: "ca", latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-hexio-"));
  const engine = (bump?: string) =>
    new TestEngine({
      dir: __dirname,
      program: "hexio-program.ts",
      project: "bench",
      stack: `hexio${n}`,
      statePath: path.join(dir, "state.json"),
      config: {
        count: String(n),
        url: `${emu.httpsUrl!}/v1`,
        caCertPem: tlsFixture("ca.pem"),
        "hexio:bench.username": bot.username,
        "hexio:bench.password": { secret: bot.password },
        ...(bump ? { bump } : {}),
      },
    });
  const memory = watchPlugin();
  const o = { latencyMs, concurrency: CONCURRENCY };
  try {
    const ops: Record<string, OpFigures> = {};
    // Minimums count the login. up: one POST per object (the natural-key check adds one project listing per run).
    ops.up = await measure(emu, { ...o, minimumRequests: n + 2 }, () => engine().up());
    const sizes = stateSizes(path.join(dir, "state.json"), engine().readState()!);
    ops.upNoChange = await measure(emu, { ...o, minimumRequests: 0 }, () => engine().up());
    // PUT replaces the whole entity, so a change is GET + PUT.
    ops.upOneField = await measure(emu, { ...o, minimumRequests: 3 }, () => engine("1y").up());
    ops.refresh = await measure(emu, { ...o, minimumRequests: n + 2 }, () => engine("1y").refresh());
    // destroy: one DELETE per object; the organization's check for projects in the way adds one listing.
    ops.destroy = await measure(emu, { ...o, minimumRequests: n + 2 }, () => engine("1y").destroy());
    return { ops, ...sizes, pluginPeakMiB: memory.stop() };
  } finally {
    memory.stop();
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: VendorBench = {
  vendor: "hexio",
  async run({ sizes, latencyMs }: BenchOptions) {
    const figures: Record<string, unknown> = {};
    const lines: string[] = [];
    for (const n of sizes) {
      const f = await size(n, latencyMs);
      figures[`n${n}`] = f;
      lines.push(
        "",
        ...table(`hexio: 1 organization + N = ${n} projects (${n + 1} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`, f.ops),
        `  __provider ${f.providerBytes} bytes; state ${f.stateBytesPerResource} bytes per resource; plugin peak memory ${f.pluginPeakMiB} MiB`,
      );
    }
    return { figures, lines };
  },
};
