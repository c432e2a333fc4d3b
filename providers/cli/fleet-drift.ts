/**
 * `facility fleet drift`: `facility drift` per site, each in a process of its own (so each site's credentials stay its
 * own: the stack config is process-wide), its JSON report merged into one fleet report (report-fleet.ts) written in
 * the chosen format, with --history as for `facility drift`.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { type Io, writeReport } from "./commands";
import { buildReport, type Report } from "./report";
import { mergeReports } from "./report-fleet";

type Values = Record<string, string | boolean | undefined>;

export interface FleetDriftContext {
  values: Values;
  /** Each site's report, once its drift ran. */
  reports: Map<string, Report>;
}

/** The `facility` CLI to start per site: the sibling of this file when built, else the package's. */
function facilityScript(): string {
  const sibling = path.join(__dirname, "facility.js");
  if (fs.existsSync(sibling)) return sibling;
  return path.join(path.dirname(require.resolve("pulumi-facility/package.json")), "dist/providers/cli/facility.js");
}

export async function siteDrift(
  site: string,
  exported: unknown,
  config: Record<string, { value: string; secret?: boolean }>,
  ctx: FleetDriftContext,
  write: (s: string) => void,
): Promise<{ exitCode: 0 | 1 | 2; detail: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-fleet-")); // 0700: the config holds the credentials
  try {
    const exportFile = path.join(dir, `${site}.json`);
    const configFile = path.join(dir, "config.json");
    const reportFile = path.join(dir, "report.json");
    fs.writeFileSync(exportFile, JSON.stringify(exported));
    fs.writeFileSync(configFile, JSON.stringify(config), { mode: 0o600 });
    const args = [facilityScript(), "drift", exportFile, "--config", configFile, "--format", "json"];
    if (ctx.values.ignore) args.push("--ignore", path.resolve(ctx.values.ignore as string));
    args.push("--output", reportFile, "--no-color");
    const code = await new Promise<number>((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
      child.stdout.on("data", (d) => write(String(d)));
      child.stderr.on("data", (d) => write(String(d)));
      child.on("error", reject);
      child.on("close", (c) => resolve(c ?? 1));
    });
    if (!fs.existsSync(reportFile)) return { exitCode: 1, detail: `facility drift exited ${code} with no report` };
    const report = JSON.parse(fs.readFileSync(reportFile, "utf8")) as Report;
    ctx.reports.set(site, report);
    const s = report.summary;
    return {
      exitCode: report.exitCode,
      detail: `${s.resources} resources: ${s.inSync} in sync, ${s.drifted} drifted, ${s.deleted} deleted, ${s.unreadable} unreadable; ${s.unmanaged} unmanaged`,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Writes the fleet report (every site's, and for a site that has none, its error); its exit code. */
export function fleetReport(sites: string[], ctx: FleetDriftContext, io: Io): number {
  const reports = sites.map(
    (site) =>
      ctx.reports.get(site) ??
      buildReport({ resources: [], unmanaged: [], errors: [`${site}: no drift report (see its log)`] }, [site]),
  );
  return writeReport(mergeReports(reports), { ...ctx.values, format: ctx.values.format ?? "table" }, io);
}
