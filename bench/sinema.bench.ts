/** SINEMA RC: N devices, each with a subnet (2N resources), HTTPS emulator, requests serialised (1 in flight, the vendor default). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startSinema } from "../test/emulators/sinema";
import { TestEngine } from "../test/engine";
import { lifecycleFigures, sizedBench } from "./support";

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
  try {
    // Minimum: one POST per object. Measured on top: the login, the device listing and one subnet listing per
    // device (natural-key checks), and one GET per object after its create (the create answers carry only the id).
    return await lifecycleFigures(
      emu,
      path.join(dir, "state.json"),
      (changed) => engine(changed ? "Hall 7" : undefined),
      { up: 2 * n, upOneField: 1, refresh: 2 * n, destroy: 2 * n },
      { latencyMs, concurrency: CONCURRENCY },
    );
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench = sizedBench(
  "sinema",
  (n, latencyMs) =>
    `N = ${n} devices + ${n} subnets (${2 * n} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`,
  size,
);
