/** Kentix: N alarm groups + N webhooks (each group fires its webhook), HTTPS emulator, 4 requests in flight. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { TestEngine } from "../test/engine";
import { lifecycleFigures, sizedBench } from "./support";

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
      config: {
        count: String(n),
        url: emu.httpsUrl!,
        caCertPem: tlsFixture("ca.pem"),
        "kentix:bench.token": { secret: token },
        ...(bump ? { bump: String(bump) } : {}),
      },
    });
  try {
    // create: one POST per object; the natural-key check adds one listing per collection per run.
    return await lifecycleFigures(
      emu,
      path.join(dir, "state.json"),
      (changed) => engine(changed ? 60 : undefined),
      { up: 2 * n, upOneField: 1, refresh: 2 * n, destroy: 2 * n },
      { latencyMs, concurrency: CONCURRENCY },
    );
  } finally {
    await emu.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export const bench = sizedBench(
  "kentix",
  (n, latencyMs) =>
    `N = ${n} alarm groups + ${n} webhooks (${2 * n} resources), ${latencyMs} ms latency, ${CONCURRENCY} in flight`,
  size,
);
