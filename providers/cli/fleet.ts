/**
 * `facility fleet preview|up|drift --sites DIR`: one program, one stack per site file, many sites in one run through
 * the Automation API, at most --parallel sites at a time. Each site writes its own log; a failed site never stops the
 * others; one summary table; the exit code is the worst of all sites (1 over 2 over 0). Past one machine the same
 * unit of work, one site, fans out as a CI matrix or on Pulumi Deployments (docs/fleet.md): no scheduler here.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type * as Automation from "@pulumi/pulumi/automation";
import { registerSecrets, redact } from "../core/redact";
import type { Io } from "./commands";
import { type FleetDriftContext, fleetReport, siteDrift } from "./fleet-drift";

export const FLEET_OPERATIONS = ["preview", "up", "drift"] as const;
export type FleetOperation = (typeof FLEET_OPERATIONS)[number];

export interface SiteRun {
  site: string;
  /** 0 ok (in sync), 2 drift, 1 failed. */
  exitCode: 0 | 1 | 2;
  /** What happened, one line: the changes, the drift counts or the error. */
  detail: string;
  seconds: number;
  log: string;
}

type Values = Record<string, string | boolean | undefined>;

const SITE_FILE = /^(.+)\.(ya?ml|json)$/;

/** The sites of a folder: each site file's name without its extension, sorted. */
export function fleetSites(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`--sites ${dir}: no such folder`);
  const sites = fs
    .readdirSync(dir)
    .map((f) => SITE_FILE.exec(f)?.[1])
    .filter((s): s is string => !!s && !s.startsWith("."))
    .sort();
  if (sites.length === 0) throw new Error(`--sites ${dir}: no site files (<site>.yaml, .yml or .json)`);
  return sites;
}

/** The worst of the sites' exit codes: an error (1) over drift (2) over success (0). */
export const worst = (codes: number[]): 0 | 1 | 2 => (codes.includes(1) ? 1 : codes.includes(2) ? 2 : 0);

/** Runs `work` over `items`, at most `parallel` at a time, in order of the items; never rejects for one item. */
export async function bounded<T, R>(items: T[], parallel: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, items.length) }, worker));
  return results;
}

/** The Pulumi project of the sites: --project, else the folder above --sites when it holds Pulumi.yaml, else cwd. */
function projectDir(values: Values, sitesDir: string): string {
  const given = values.project as string | undefined;
  const candidates = given ? [given] : [path.dirname(path.resolve(sitesDir)), process.cwd()];
  const found = candidates.find((d) => ["Pulumi.yaml", "Pulumi.yml"].some((f) => fs.existsSync(path.join(d, f))));
  if (!found)
    throw new Error(
      `no Pulumi.yaml in ${candidates.join(" or ")}: give the program's folder with --project (docs/fleet.md)`,
    );
  return path.resolve(found);
}

/** The first error Pulumi printed (the text after its `error: `), else the last line. */
export const firstError = (text: string) => {
  const line = text.split("\n").find((l) => /(^|\s)error: /.test(l));
  return line
    ? line
        .slice(line.search(/(^|\s)error: /))
        .replace(/^\s*error: /, "")
        .trim()
    : text.trim().split("\n").pop();
};

const changes = (c: Record<string, number> | undefined) =>
  Object.entries(c ?? {})
    .filter(([, n]) => n)
    .map(([op, n]) => `${op} ${n}`)
    .join(", ") || "no changes";

export async function fleet(operation: string, values: Values, io: Io): Promise<number> {
  if (!FLEET_OPERATIONS.includes(operation as FleetOperation))
    throw new Error(`the fleet operations are ${FLEET_OPERATIONS.join(", ")}; see \`facility fleet --help\``);
  const sitesDir = values.sites as string | undefined;
  if (!sitesDir) throw new Error("--sites DIR is required: the folder of site files, one stack per file");
  const parallel = Number(values.parallel ?? 4);
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error("--parallel must be a whole number of 1 or more");
  const sites = fleetSites(sitesDir);
  const project = projectDir(values, sitesDir);
  const logs = path.resolve((values.logs as string | undefined) ?? "fleet-logs");
  fs.mkdirSync(logs, { recursive: true });
  // Loaded here only: the other commands do without the Automation API.
  const auto = require("@pulumi/pulumi/automation") as typeof Automation;
  const drift: FleetDriftContext = { values, reports: new Map() };
  io.err.write(`facility fleet ${operation}: ${sites.length} sites, ${parallel} at a time; logs in ${logs}\n`);

  const runs = await bounded(sites, parallel, async (site): Promise<SiteRun> => {
    const started = Date.now();
    const log = path.join(logs, `${site}.log`);
    const out = fs.createWriteStream(log);
    const write = (s: string) => out.write(redact(s));
    const done = (exitCode: 0 | 1 | 2, detail: string): SiteRun => {
      const run = { site, exitCode, detail: redact(detail), seconds: (Date.now() - started) / 1000, log };
      write(`\nfacility fleet ${operation} ${site}: exit ${exitCode}, ${run.detail}\n`);
      io.err.write(`  ${site}: ${exitCode === 1 ? "failed" : exitCode === 2 ? "drift" : "done"} (${run.detail})\n`);
      return run;
    };
    try {
      write(`facility fleet ${operation} ${site} (project ${project}) at ${new Date().toISOString()}\n`);
      const stack = await auto.LocalWorkspace.createOrSelectStack({ stackName: site, workDir: project });
      if (operation === "preview") {
        const r = await stack.preview({ onOutput: write, diff: true, color: "never" });
        return done(0, changes(r.changeSummary));
      }
      if (operation === "up") {
        const r = await stack.up({ onOutput: write, color: "never" });
        return done(0, changes(r.summary.resourceChanges));
      }
      const config = await stack.getAllConfig();
      registerSecrets(Object.values(config).flatMap((v) => (v.secret ? [v.value] : [])));
      const exported = await stack.exportStack();
      const r = await siteDrift(site, exported, config, drift, write);
      return done(r.exitCode, r.detail);
    } catch (e) {
      const message = (e as { stderr?: string }).stderr || (e as Error).message;
      write(`${message}\n`);
      return done(1, firstError(message) ?? "failed");
    } finally {
      await new Promise((resolve) => out.end(resolve));
    }
  });

  const code = worst(runs.map((r) => r.exitCode));
  const summary = summaryTable(operation, runs, code);
  if (operation === "drift") {
    io.err.write(summary);
    return worst([code, fleetReport(sites, drift, io)]);
  }
  io.out.write(summary);
  return code;
}

/** One line per site and the fleet's verdict. */
export function summaryTable(operation: string, runs: SiteRun[], code: number): string {
  const w = Math.max(4, ...runs.map((r) => r.site.length));
  const result = (c: number) => (c === 1 ? "failed" : c === 2 ? "drift" : "ok");
  const lines = [`${"SITE".padEnd(w)}  RESULT  ${"TIME".padStart(7)}  DETAIL`];
  for (const r of runs)
    lines.push(
      `${r.site.padEnd(w)}  ${result(r.exitCode).padEnd(6)}  ${`${r.seconds.toFixed(1)} s`.padStart(7)}  ${r.detail}`,
    );
  const n = (c: number) => runs.filter((r) => r.exitCode === c).length;
  lines.push(
    "",
    `facility fleet ${operation}: ${runs.length} sites: ${n(0)} ok, ${n(2)} with drift, ${n(1)} failed; exit ${code}`,
  );
  return `${lines.join("\n")}\n`;
}
