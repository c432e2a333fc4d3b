/** Primis: N controlled-area states (HTTPS emulator with N areas, 4 requests in flight, one login per plugin process). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startPrimis } from "../test/emulators/primis";
import { TestEngine } from "../test/engine";
import { type BenchOptions, measure, type OpFigures, stateSizes, table, type VendorBench, watchPlugin } from "./support";

const CONCURRENCY = 4; // Primis default per server
const email = "bench@primis.example";
const password = "Bench-pw-7d1c";

async function size(n: number, latencyMs: number) {
  const emu = await startPrimis({ users: [{ email, password, isAdmin: true }], areas: n, latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-primis-"));
  const engine = (bump?: boolean) =>
    new TestEngine({
      dir: __dirname,
      program: "primis-program.ts",
      project: "bench",
      stack: `primis-n${n}`,
      statePath: path.join(dir, "state.json"),
      config: {
        count: String(n),
        url: emu.httpsUrl!,
        caCertPem: tlsFixture("ca.pem"),
        "primis:bench.email": { secret: email },
        "primis:bench.password": { secret: password },
        "primis:bench.phoneId": "bench-device-1",
        ...(bump ? { bump: "true" } : {}),
      },
    });
  const memory = watchPlugin();
  const o = { latencyMs, concurrency: CONCURRENCY };
  try {
    const ops: Record<string, OpFigures> = {};
    // The API's minimum: one login, one administrator listing (it holds every area), one zone_state per area.
    // This provider reads each area through the listing (no get-by-id exists): one listing per area.
    ops.up = await measure(emu, { ...o, minimumRequests: n + 2 }, () => engine().up());
    const sizes = stateSizes(path.join(dir, "state.json"), engine().readState()!);
    ops.upNoChange = await measure(emu, { ...o, minimumRequests: 0 }, () => engine().up());
    ops.upOneField = await measure(emu, { ...o, minimumRequests: 2 }, () => engine(true).up());
    ops.refresh = await measure(emu, { ...o, minimumRequests: 2 }, () => engine(true).refresh());
    ops.destroy = await measure(emu, { ...o, minimumRequests: 0 }, () => engine(true).destroy()); // deletePolicy retain
    const seats = new Set(emu.registrationLog().map((r) => r.phoneId)).size;
    return { ops, ...sizes, pluginPeakMiB: memory.stop(), seats };
  } finally {
    memory.stop();
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: VendorBench = {
  vendor: "primis",
  async run({ sizes, latencyMs }: BenchOptions) {
    const figures: Record<string, unknown> = {};
    const lines: string[] = [];
    for (const n of sizes) {
      const f = await size(n, latencyMs);
      figures[`n${n}`] = f;
      lines.push(
        "",
        ...table(`primis: N = ${n} controlled-area states, ${latencyMs} ms latency, ${CONCURRENCY} in flight`, f.ops),
        `  __provider ${f.providerBytes} bytes; state ${f.stateBytesPerResource} bytes per resource; plugin peak memory ${f.pluginPeakMiB} MiB; licence seats used ${f.seats}`,
      );
    }
    return { figures, lines };
  },
};
