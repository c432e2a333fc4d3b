/** SINEMA RC: N devices, each with a subnet (2N resources), HTTPS emulator, requests serialised (1 in flight, the vendor default). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startSinema } from "../test/emulators/sinema";
import { TestEngine } from "../test/engine";
import { type BenchOptions, measure, type OpFigures, stateSizes, table, type VendorBench, watchPlugin } from "./support";

const CONCURRENCY = 1; // SINEMA RC default per server: the seed asks to let the server finish before the next command
const account = { username: "bench", password: "bench-pw-3c1e" };

async function size(n: number, latencyMs: number) {
  const emu = await startSinema({ accounts: [account], https: "ca", latencyMs });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-sinema-"));
  const engine = (bump?: string) =>
    new TestEngine({
      dir: __dirname,
      program: "sinema-program.ts",
      project: "bench",
      stack: `sinema-n${n}`,
      statePath: path.join(dir, "state.json"),
      config: {
        count: String(n),
        url: emu.httpsUrl!,
        caCertPem: tlsFixture("ca.pem"),
        devicePassword: { secret: "bench-device-pw-77" },
        "sinema:bench.username": account.username,
        "sinema:bench.password": { secret: account.password },
        ...(bump ? { bump } : {}),
      },
    });
  const memory = watchPlugin();
  const o = { latencyMs, concurrency: CONCURRENCY };
  try {
    const ops: Record<string, OpFigures> = {};
    // Minimum: one POST per object. Measured on top: the login, the device listing and one subnet listing per
    // device (natural-key checks), and one GET per object after its create (the create answers carry only the id).
    ops.up = await measure(emu, { ...o, minimumRequests: 2 * n }, () => engine().up());
    const sizes = stateSizes(path.join(dir, "state.json"), engine().readState()!);
    ops.upNoChange = await measure(emu, { ...o, minimumRequests: 0 }, () => engine().up());
    ops.upOneField = await measure(emu, { ...o, minimumRequests: 1 }, () => engine("Hall 7").up());
    ops.refresh = await measure(emu, { ...o, minimumRequests: 2 * n }, () => engine("Hall 7").refresh());
    ops.destroy = await measure(emu, { ...o, minimumRequests: 2 * n }, () => engine("Hall 7").destroy());
    return { ops, ...sizes, pluginPeakMiB: memory.stop() };
  } finally {
    memory.stop();
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench: VendorBench = {
  vendor: "sinema",
  async run({ sizes, latencyMs }: BenchOptions) {
    const figures: Record<string, unknown> = {};
    const lines: string[] = [];
    for (const n of sizes) {
      const f = await size(n, latencyMs);
      figures[`n${n}`] = f;
      lines.push(
        "",
        ...table(`sinema: N = ${n} devices + ${n} subnets (${2 * n} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`, f.ops),
        `  __provider ${f.providerBytes} bytes; state ${f.stateBytesPerResource} bytes per resource; plugin peak memory ${f.pluginPeakMiB} MiB`,
      );
    }
    return { figures, lines };
  },
};
