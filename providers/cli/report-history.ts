/**
 * `facility drift --history DIR`: each run's JSON report is kept in DIR, and the HTML report draws from them a trend
 * per site (drifted and unmanaged objects over time) as inline SVG: no script, no network, no CDN.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { type Report, xml as esc } from "./report";
import { siteRows } from "./report-fleet";

export interface TrendPoint {
  at: string;
  /** Resources drifted or deleted out of band. */
  drifted: number;
  unmanaged: number;
}

export interface History {
  /** Per site (stack), oldest first. */
  sites: Map<string, TrendPoint[]>;
  /** The whole fleet per run, oldest first. */
  fleet: TrendPoint[];
  runs: number;
}

/** How many runs the trend shows at most (the newest); older files stay in DIR. */
export const TREND_RUNS = 90;

const RUN_FILE = /^drift-.*\.json$/;

/** Writes the run's JSON report into DIR (created if missing) as drift-<generatedAt>.json; returns the file. */
export function keepRun(dir: string, report: Report, text: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `drift-${report.generatedAt.replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, text.endsWith("\n") ? text : `${text}\n`);
  return file;
}

/** The kept runs of DIR (files that are not schema-1 reports are skipped), newest TREND_RUNS of them. */
export function loadHistory(dir: string): History {
  const runs: Report[] = [];
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    if (!RUN_FILE.test(name)) continue;
    try {
      const r = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8")) as Report;
      if (r?.schemaVersion === 1 && typeof r.generatedAt === "string" && Array.isArray(r.stacks)) runs.push(r);
    } catch {
      // a half-written or foreign file: not a run
    }
  }
  runs.sort((a, b) => a.generatedAt.localeCompare(b.generatedAt));
  const kept = runs.slice(-TREND_RUNS);
  const sites = new Map<string, TrendPoint[]>();
  const fleet: TrendPoint[] = [];
  for (const run of kept) {
    const total = { at: run.generatedAt, drifted: 0, unmanaged: 0 };
    for (const s of siteRows(run)) {
      const point = { at: s.checkedAt, drifted: s.drifted + s.deleted, unmanaged: s.unmanaged };
      sites.set(s.stack, [...(sites.get(s.stack) ?? []), point]);
      total.drifted += point.drifted;
      total.unmanaged += point.unmanaged;
    }
    total.unmanaged = run.summary?.unmanaged ?? total.unmanaged; // a shared appliance counts once for the fleet
    fleet.push(total);
  }
  return { sites, fleet, runs: kept.length };
}

const SERIES = [
  { key: "drifted", label: "drifted or deleted", colour: "#c60" },
  { key: "unmanaged", label: "unmanaged", colour: "#75b" },
] as const;

export const trendLegend = SERIES.map((s) => ({ label: s.label, colour: s.colour }));

/**
 * A line chart of both series as an SVG element. `axes` adds the y maximum and the first and last dates (the fleet
 * chart); without it, a sparkline for a table cell.
 */
export function trendSvg(points: TrendPoint[], opts: { width: number; height: number; axes?: boolean; title: string }) {
  const { width, height, axes } = opts;
  const pad = axes ? { l: 34, r: 8, t: 8, b: 20 } : { l: 2, r: 4, t: 3, b: 3 };
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const span = Math.max(...times) - t0;
  const max = Math.max(1, ...points.flatMap((p) => [p.drifted, p.unmanaged]));
  const x = (i: number) =>
    pad.l +
    (points.length < 2 ? 0 : (span ? (times[i]! - t0) / span : i / (points.length - 1)) * (width - pad.l - pad.r));
  const y = (v: number) => pad.t + (1 - v / max) * (height - pad.t - pad.b);
  const f = (n: number) => n.toFixed(1);
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="trend" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">`,
    `<title>${esc(opts.title)}</title>`,
  ];
  if (axes) {
    const base = f(y(0));
    parts.push(
      `<line x1="${pad.l}" y1="${base}" x2="${width - pad.r}" y2="${base}" stroke="#999"/>`,
      `<line x1="${pad.l}" y1="${pad.t}" x2="${pad.l}" y2="${base}" stroke="#999"/>`,
      `<text x="${pad.l - 4}" y="${pad.t + 9}" text-anchor="end" font-size="10">${max}</text>`,
      `<text x="${pad.l - 4}" y="${base}" text-anchor="end" font-size="10">0</text>`,
    );
    if (points.length)
      parts.push(
        `<text x="${pad.l}" y="${height - 5}" font-size="10">${esc(points[0]!.at.slice(0, 10))}</text>`,
        `<text x="${width - pad.r}" y="${height - 5}" text-anchor="end" font-size="10">${esc(points.at(-1)!.at.slice(0, 10))}</text>`,
      );
  }
  for (const s of SERIES) {
    const xy = points.map((p, i) => `${f(x(i))},${f(y(p[s.key]))}`);
    if (xy.length > 1)
      parts.push(
        `<polyline class="${s.key}" fill="none" stroke="${s.colour}" stroke-width="${axes ? 2 : 1.5}" points="${xy.join(" ")}"/>`,
      );
    const last = points.at(-1);
    if (last)
      parts.push(
        `<circle class="${s.key}" cx="${f(x(points.length - 1))}" cy="${f(y(last[s.key]))}" r="${axes ? 3 : 2}" fill="${s.colour}"/>`,
      );
  }
  parts.push("</svg>");
  return parts.join("");
}
