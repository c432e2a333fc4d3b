/**
 * npm run bench -- --fleet [--sites 20] [--groups 10] [--parallel 4] [--repeat 3]: `facility fleet drift` over a
 * fleet of Kentix sites (issue 15), through the compiled CLI, the Automation API and the real Pulumi CLI
 * (`npm run pulumi:install`). Each site is a stack of test/cli-e2e/fleet-program.js with `--groups` alarm groups and
 * a Kentix emulator of its own (5 ms latency per request). `facility fleet up` creates the fleet once; then
 * `facility fleet drift` runs `--repeat` times. Reported: wall time of each run (median), requests per site against
 * the minimum (one listing page: the reads of a kind are served from one listing per run), writes (must be 0),
 * and the most requests one appliance served at once against the connection's limit. Figures, never assertions.
 */
import { type Fleet, runFacility, startFleet } from "../test/cli-e2e/fleet-sites";

/** The Kentix connection's default concurrency limit (providers/kentix/client.ts). */
const KENTIX_LIMIT = 4;

export interface FleetFigures {
  sites: number;
  groupsPerSite: number;
  parallel: number;
  latencyMs: number;
  upWallMs: number;
  upExit: number | null;
  drift: {
    wallMs: number;
    exit: number | null;
    requestsPerSite: { min: number; median: number; max: number };
    writes: number;
    peakInFlight: number;
  }[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] ?? 0;

async function timed(fleet: Fleet, args: string[]) {
  const started = performance.now();
  const r = await runFacility(fleet, args);
  return { ...r, wallMs: Math.round(performance.now() - started) };
}

export async function fleetBench(o: {
  sites: number;
  groups: number;
  parallel: number;
  repeat: number;
  latencyMs: number;
}): Promise<{ figures: FleetFigures; lines: string[] }> {
  const names = Array.from({ length: o.sites }, (_, i) => `s${String(i + 1).padStart(2, "0")}`);
  const fleet = await startFleet({ sites: names, groupsPerSite: o.groups, latencyMs: o.latencyMs });
  const common = ["--sites", "sites", "--parallel", String(o.parallel), "--logs", "logs"];
  try {
    const up = await timed(fleet, ["fleet", "up", ...common]);
    if (up.code !== 0) throw new Error(`facility fleet up exited ${up.code}:\n${up.stdout}\n${up.stderr}`);
    const drift: FleetFigures["drift"] = [];
    for (let i = 0; i < o.repeat; i++) {
      for (const e of fleet.emulators.values()) e.clearRequests();
      const r = await timed(fleet, ["fleet", "drift", ...common, "--format", "json", "--output", "fleet.json"]);
      const perSite = names.map((s) => fleet.emulators.get(s)!.requests.length);
      drift.push({
        wallMs: r.wallMs,
        exit: r.code,
        requestsPerSite: { min: Math.min(...perSite), median: median(perSite), max: Math.max(...perSite) },
        writes: names.reduce((n, s) => n + fleet.emulators.get(s)!.writes().length, 0),
        peakInFlight: Math.max(...names.map((s) => fleet.emulators.get(s)!.peakInFlight)),
      });
    }
    const figures: FleetFigures = {
      sites: o.sites,
      groupsPerSite: o.groups,
      parallel: o.parallel,
      latencyMs: o.latencyMs,
      upWallMs: up.wallMs,
      upExit: up.code,
      drift,
    };
    const last = drift[drift.length - 1]!;
    const lines = [
      "",
      `facility fleet on the real Pulumi CLI: ${o.sites} Kentix sites x ${o.groups} alarm groups, ${o.parallel} sites at a time, ${o.latencyMs} ms latency`,
      `  fleet up (create):  ${up.wallMs} ms, exit ${up.code}`,
      `  fleet drift:        median ${median(drift.map((d) => d.wallMs))} ms over ${drift.length} runs (${drift.map((d) => d.wallMs).join(", ")}), exit ${drift.map((d) => d.exit).join(", ")}`,
      `  requests per site:  min ${last.requestsPerSite.min}, median ${last.requestsPerSite.median}, max ${last.requestsPerSite.max} (${o.groups} resources each; writes ${drift.map((d) => d.writes).join(", ")})`,
      `  most requests at once on one appliance: ${Math.max(...drift.map((d) => d.peakInFlight))} (the connection's limit: ${KENTIX_LIMIT})`,
    ];
    return { figures, lines };
  } finally {
    await fleet.close();
  }
}
