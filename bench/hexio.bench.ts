/** Hexio: one organization and N projects, HTTPS emulator, 8 requests in flight (the Hexio default). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startHexio } from "../test/emulators/hexio";
import { TestEngine } from "../test/engine";
import { lifecycleFigures, sizedBench } from "./support";

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
  try {
    // Minimums count the login. up: one POST per object (the natural-key check adds one project listing per run).
    // PUT replaces the whole entity, so a change is GET + PUT.
    // destroy: one DELETE per object; the organization's check for projects in the way adds one listing.
    return await lifecycleFigures(
      emu,
      path.join(dir, "state.json"),
      (changed) => engine(changed ? "1y" : undefined),
      { up: n + 2, upOneField: 3, refresh: n + 2, destroy: n + 2 },
      { latencyMs, concurrency: CONCURRENCY },
    );
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench = sizedBench(
  "hexio",
  (n, latencyMs) =>
    `1 organization + N = ${n} projects (${n + 1} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`,
  size,
);
