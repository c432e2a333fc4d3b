/** Primis: N controlled-area states (HTTPS emulator with N areas, 4 requests in flight, one login per plugin process). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startPrimis } from "../test/emulators/primis";
import { TestEngine } from "../test/engine";
import { lifecycleFigures, sizedBench } from "./support";

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
  try {
    // The API's minimum: one login, one administrator listing (it holds every area), one zone_state per area.
    // This provider reads the areas through the listing (no get-by-id exists): one listing serves every read of a
    // refresh; after a write in the same process, each read lists again.
    const figures = await lifecycleFigures(
      emu,
      path.join(dir, "state.json"),
      (changed) => engine(changed ? true : undefined),
      { up: n + 2, upOneField: 2, refresh: 2, destroy: 0 },
      { latencyMs, concurrency: CONCURRENCY },
    );
    return { ...figures, seats: new Set(emu.registrationLog().map((r) => r.phoneId)).size };
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench = sizedBench(
  "primis",
  (n, latencyMs) => `N = ${n} controlled-area states, ${latencyMs} ms latency, ${CONCURRENCY} in flight`,
  size,
  (f) => `; licence seats used ${f.seats}`,
);
