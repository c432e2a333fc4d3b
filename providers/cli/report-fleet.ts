/** The fleet view of a drift report: one row per site (stack), and many per-site reports merged into one. */
import type { DriftResult } from "../core/drift";
import { buildReport, type Report, type Summary } from "./report";

export type SiteStatus = "in-sync" | "drift" | "error";

/** A site's counts as the report's summary has them (unmanaged: on this site's appliances), and more. */
export interface SiteRow extends Omit<Summary, "stacks" | "appliances"> {
  stack: string;
  status: SiteStatus;
  /** Errors naming this site or one of its appliances. */
  errors: string[];
  appliances: string[];
  checkedAt: string;
}

/**
 * One row per stack of the report, in the report's order. An unmanaged object or an error belongs to every site
 * whose resources live on its appliance (a shared appliance shows it on each of its sites).
 */
export function siteRows(r: Report): SiteRow[] {
  return r.stacks.map((stack) => {
    const own = r.resources.filter((f) => f.stack === stack);
    const appliances = [...new Set(own.map((f) => f.appliance))].sort();
    const on = new Set(appliances);
    const unmanaged = r.unmanaged.filter((u) => on.has(u.appliance));
    const errors = r.errors.filter((e) => e.startsWith(`${stack}: `) || appliances.some((a) => e.includes(a)));
    const count = (s: string) => own.filter((f) => f.status === s).length;
    const row = {
      stack,
      resources: own.length,
      inSync: count("in-sync"),
      drifted: count("drifted"),
      deleted: count("deleted"),
      unreadable: count("unreadable"),
      unmanaged: unmanaged.filter((u) => !u.ignored).length,
      ignored: unmanaged.filter((u) => u.ignored).length,
      errors,
      appliances,
      checkedAt: r.checkedAt?.[stack] ?? r.generatedAt,
    };
    const status: SiteStatus =
      row.unreadable || errors.length ? "error" : row.drifted || row.deleted || row.unmanaged ? "drift" : "in-sync";
    return { ...row, status };
  });
}

/** Errors that name no site of the report (shown once, for the whole fleet). */
export function fleetErrors(r: Report, rows = siteRows(r)): string[] {
  const claimed = new Set(rows.flatMap((s) => s.errors));
  return r.errors.filter((e) => !claimed.has(e));
}

/**
 * Per-site reports (one `facility drift` each) as one fleet report: each site keeps its own check time in
 * `checkedAt`; the fleet's exit code is the worst of the sites' (1 over 2 over 0).
 */
export function mergeReports(reports: Report[], now = new Date()): Report {
  const merged: DriftResult = { resources: [], unmanaged: [], errors: [] };
  const stacks: string[] = [];
  const checkedAt: Record<string, string> = {};
  for (const r of reports) {
    merged.resources.push(...r.resources);
    merged.errors.push(...r.errors);
    for (const u of r.unmanaged)
      if (!merged.unmanaged.some((m) => m.appliance === u.appliance && m.kind === u.kind && m.id === u.id))
        merged.unmanaged.push(u);
    for (const s of r.stacks) {
      stacks.push(s);
      checkedAt[s] = r.checkedAt?.[s] ?? r.generatedAt;
    }
  }
  return { ...buildReport(merged, stacks, now), checkedAt };
}
