/**
 * facility drift over a deployed Kentix site of N alarm groups + N webhooks (2N resources; N = the largest
 * size, 500 by default): requests made against one listing per collection, and wall time.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { clearSessions } from "../providers/core/connection";
import { setStackConfig } from "../providers/core/credentials";
import { deployedResources, detectDrift } from "../providers/core/drift";
import "../providers/kentix";
import { tlsFixture } from "../test/emulators/common";
import { startKentix } from "../test/emulators/kentix";
import { TestEngine } from "../test/engine";
import type { BenchOptions, VendorBench } from "./support";

const token = "bench-drift-token-77e1";
const CONCURRENCY = 4;

export const bench: VendorBench = {
  vendor: "drift",
  async run({ sizes, latencyMs }: BenchOptions) {
    const n = Math.max(...sizes);
    const emu = await startKentix({ tokens: [token], https: "ca", latencyMs });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-bench-drift-"));
    try {
      const engine = new TestEngine({
        dir: __dirname,
        program: "kentix-program.ts",
        project: "bench",
        stack: "drift",
        statePath: path.join(dir, "state.json"),
        config: {
          count: String(n),
          url: emu.httpsUrl!,
          caCertPem: tlsFixture("ca.pem"),
          "kentix:bench.token": { secret: token },
        },
      });
      const up = await engine.up();
      if (!up.ok) throw new Error(up.errors.join("\n"));
      const resources = deployedResources(engine.readState(), "bench/drift");
      const edited = emu.list("alarmgroups").slice(0, 10);
      for (const g of edited) emu.edit("alarmgroups", g.id as number, { arm_delay: 600 });
      clearSessions();
      setStackConfig({ get: (k) => (k === "kentix:bench.token" ? token : undefined) });
      emu.clearRequests();
      const started = Date.now();
      const result = await detectDrift(resources);
      const wallMs = Date.now() - started;
      const listings = emu.requests.filter((r) => /^\/api\/(alarmgroups|webhooks)$/.test(r.path)).length;
      const gets = emu.requests.length - listings;
      const pages = 2 * Math.ceil(n / 25);
      const figures = {
        resources: resources.length,
        drifted: result.resources.filter((r) => r.status === "drifted").length,
        requests: emu.requests.length,
        writes: emu.writes().length,
        listingPages: listings,
        getsByIdForShortListings: gets,
        minimumRequests: pages,
        wallMs,
        lowerBoundMs: Math.round((emu.requests.length * latencyMs) / CONCURRENCY),
      };
      await engine.destroy();
      const lines = [
        "",
        `drift: facility drift over ${resources.length} resources (${n} alarm groups + ${n} webhooks), ${latencyMs} ms latency, ${CONCURRENCY} in flight`,
        `  requests ${figures.requests} (one listing per collection = ${pages} pages; alarm-group listings are short, so +${gets} GETs by id), writes ${figures.writes}`,
        `  wall ${wallMs} ms (lower bound ${figures.lowerBoundMs} ms); ${figures.drifted} of ${edited.length} edited groups reported drifted`,
      ];
      return { figures, lines };
    } finally {
      await emu.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
