// The program process's peak resident memory and CPU time, written where bench/program-cost.ts reads them when the
// program exits. CPU time is the steadier figure on a shared machine: it does not count waiting for a core.
import * as fs from "node:fs";

export function recordPeak(): void {
  const file = process.env.FACILITY_BENCH_PEAK_FILE;
  if (!file) return;
  process.on("exit", () => {
    const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage(); // KiB, microseconds
    const cpuMs = Math.round((userCPUTime + systemCPUTime) / 1000);
    fs.appendFileSync(file, `${JSON.stringify({ maxRssKiB: maxRSS, cpuMs })}\n`);
  });
}
