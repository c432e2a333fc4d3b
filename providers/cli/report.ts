/** Drift report formats: terminal table, Markdown, JSON (schema in docs/drift.md), JUnit XML, self-contained HTML. */
import type { DriftResult } from "../core/drift";

export interface Report extends DriftResult {
  schemaVersion: 1;
  generatedAt: string;
  stacks: string[];
  summary: Summary;
  /** 0 in sync, 2 drift or unmanaged objects, 1 error (terraform plan -detailed-exitcode convention). */
  exitCode: 0 | 1 | 2;
  /** Per stack, when it was read, where that differs from generatedAt (a fleet run merges per-site reports). */
  checkedAt?: Record<string, string>;
}

export interface Summary {
  stacks: number;
  appliances: number;
  resources: number;
  inSync: number;
  drifted: number;
  deleted: number;
  unreadable: number;
  unmanaged: number;
  ignored: number;
}

export function buildReport(result: DriftResult, stacks: string[], now = new Date()): Report {
  const count = (s: string) => result.resources.filter((r) => r.status === s).length;
  const summary: Summary = {
    stacks: stacks.length,
    appliances: new Set([...result.resources.map((r) => r.appliance), ...result.unmanaged.map((u) => u.appliance)])
      .size,
    resources: result.resources.length,
    inSync: count("in-sync"),
    drifted: count("drifted"),
    deleted: count("deleted"),
    unreadable: count("unreadable"),
    unmanaged: result.unmanaged.filter((u) => !u.ignored).length,
    ignored: result.unmanaged.filter((u) => u.ignored).length,
  };
  const exitCode =
    summary.unreadable || result.errors.length ? 1 : summary.drifted || summary.deleted || summary.unmanaged ? 2 : 0;
  return { schemaVersion: 1, generatedAt: now.toISOString(), stacks, summary, exitCode, ...result };
}

export const show = (v: unknown) => (v === undefined ? "(absent)" : JSON.stringify(v));
const vendorOf = (kind: string) => kind.split(":")[0]!;
export const problems = (r: Report) => r.resources.filter((f) => f.status !== "in-sync");
export const verdict = (r: Report) => (r.exitCode === 0 ? "in sync" : r.exitCode === 2 ? "drift found" : "errors");
export const headline = (s: Summary) =>
  `${s.resources} resources in ${s.stacks} stack(s) on ${s.appliances} appliance(s): ${s.inSync} in sync, ${s.drifted} drifted, ${s.deleted} deleted, ${s.unreadable} unreadable; ${s.unmanaged} unmanaged objects${s.ignored ? ` (${s.ignored} ignored)` : ""}`;

/** Per stack and vendor: counts, so 50 sites stay one readable screen. */
function rollup(r: Report) {
  const rows = new Map<
    string,
    {
      stack: string;
      vendor: string;
      total: number;
      inSync: number;
      drifted: number;
      deleted: number;
      unreadable: number;
    }
  >();
  for (const f of r.resources) {
    const key = `${f.stack}\u0000${vendorOf(f.kind)}`;
    const row = rows.get(key) ?? {
      stack: f.stack,
      vendor: vendorOf(f.kind),
      total: 0,
      inSync: 0,
      drifted: 0,
      deleted: 0,
      unreadable: 0,
    };
    row.total++;
    if (f.status === "in-sync") row.inSync++;
    else if (f.status === "drifted") row.drifted++;
    else if (f.status === "deleted") row.deleted++;
    else row.unreadable++;
    rows.set(key, row);
  }
  return [...rows.values()];
}

export function json(r: Report): string {
  return JSON.stringify(r, null, 2);
}

export function table(r: Report, colour: boolean): string {
  const c = (code: number, s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  const status = (s: string) => (s === "in-sync" ? c(32, s) : s === "unreadable" ? c(31, s) : c(33, s));
  const lines = [c(1, `facility drift: ${verdict(r)}`), headline(r.summary), ""];
  const roll = rollup(r);
  const w = Math.max(5, ...roll.map((x) => x.stack.length));
  lines.push(`${"STACK".padEnd(w)}  VENDOR    TOTAL  IN SYNC  DRIFTED  DELETED  UNREADABLE`);
  for (const x of roll) {
    const bad = x.drifted + x.deleted + x.unreadable;
    lines.push(
      `${x.stack.padEnd(w)}  ${x.vendor.padEnd(8)}  ${String(x.total).padStart(5)}  ${String(x.inSync).padStart(7)}  ${String(x.drifted).padStart(7)}  ${String(x.deleted).padStart(7)}  ${String(x.unreadable).padStart(10)}${bad ? c(33, "  !") : ""}`,
    );
  }
  for (const f of problems(r)) {
    lines.push("", `${status(f.status)}  ${f.stack}  ${f.kind} ${f.name} (id ${f.id}) on ${f.appliance}`);
    for (const p of f.properties) lines.push(`    ${p.path}: ${show(p.declared)} -> ${show(p.live)}`);
    if (f.error) lines.push(`    ${f.error}`);
  }
  for (const u of r.unmanaged)
    lines.push(
      "",
      `${u.ignored ? c(2, "ignored") : c(33, "unmanaged")}  ${u.kind} ${u.label} (id ${u.id}) on ${u.appliance}`,
    );
  for (const e of r.errors) lines.push("", `${c(31, "error")}  ${e}`);
  return lines.join("\n");
}

const md = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

export function markdown(r: Report): string {
  const lines = [
    `## Drift report: ${verdict(r)}`,
    "",
    `${headline(r.summary)}. Generated ${r.generatedAt}.`,
    "",
    "| Stack | Vendor | Total | In sync | Drifted | Deleted | Unreadable |",
    "|---|---|---:|---:|---:|---:|---:|",
  ];
  for (const x of rollup(r))
    lines.push(
      `| ${md(x.stack)} | ${x.vendor} | ${x.total} | ${x.inSync} | ${x.drifted} | ${x.deleted} | ${x.unreadable} |`,
    );
  if (problems(r).length) {
    lines.push(
      "",
      "### Findings",
      "",
      "| Stack | Resource | Status | Property | Declared | Live |",
      "|---|---|---|---|---|---|",
    );
    for (const f of problems(r)) {
      const rows = f.properties.length ? f.properties : [{ path: f.error ?? "", declared: undefined, live: undefined }];
      for (const p of rows)
        lines.push(
          `| ${md(f.stack)} | \`${f.kind}\` ${md(f.name)} (${f.id}) | ${f.status} | ${md(p.path)} | ${p.declared === undefined ? "" : `\`${md(show(p.declared))}\``} | ${p.live === undefined ? "" : `\`${md(show(p.live))}\``} |`,
        );
    }
  }
  if (r.unmanaged.length) {
    lines.push("", "### Unmanaged objects", "", "| Appliance | Kind | Object | Id | |", "|---|---|---|---|---|");
    for (const u of r.unmanaged)
      lines.push(
        `| ${md(u.appliance)} | \`${u.kind}\` | ${md(u.label)} | ${u.id} | ${u.ignored ? "ignored" : "**unmanaged**"} |`,
      );
  }
  if (r.errors.length) lines.push("", "### Errors", "", ...r.errors.map((e) => `- ${md(e)}`));
  return `${lines.join("\n")}\n`;
}

export const xml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function junit(r: Report): string {
  const suites: string[] = [];
  for (const stack of r.stacks) {
    const fs = r.resources.filter((f) => f.stack === stack);
    const cases = fs.map((f) => {
      const head = `    <testcase classname="${xml(f.kind)}" name="${xml(`${f.name} (${f.id})`)}">`;
      if (f.status === "in-sync") return `${head}</testcase>`;
      const detail =
        f.properties.map((p) => `${p.path}: ${show(p.declared)} -> ${show(p.live)}`).join("\n") || f.error || f.status;
      const tag = f.status === "unreadable" ? "error" : "failure";
      return `${head}<${tag} type="${f.status}" message="${xml(`${f.status}: ${f.properties.map((p) => p.path).join(", ") || f.error || "deleted out of band"}`)}">${xml(detail)}</${tag}></testcase>`;
    });
    const failures = fs.filter((f) => f.status === "drifted" || f.status === "deleted").length;
    const errors = fs.filter((f) => f.status === "unreadable").length;
    suites.push(
      `  <testsuite name="${xml(`drift ${stack}`)}" tests="${fs.length}" failures="${failures}" errors="${errors}">\n${cases.join("\n")}\n  </testsuite>`,
    );
  }
  const um = r.unmanaged.map(
    (u) =>
      `    <testcase classname="${xml(u.kind)}" name="${xml(`${u.label} (${u.id}) on ${u.appliance}`)}">${u.ignored ? "<skipped/>" : `<failure type="unmanaged" message="not declared by any stack"/>`}</testcase>`,
  );
  suites.push(
    `  <testsuite name="unmanaged objects" tests="${um.length}" failures="${r.summary.unmanaged}" errors="${r.errors.length}" skipped="${r.summary.ignored}">\n${um.join("\n")}\n  </testsuite>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="facility drift">\n${suites.join("\n")}\n</testsuites>\n`;
}

/** The report formats other than the terminal table and HTML (report-html.ts), by their `--format` name. */
export const renderers = { json, markdown, junit } as const;
