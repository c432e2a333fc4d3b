/**
 * The HTML drift report: a self-contained page (no script, no network, no CDN) with a product header, an overall
 * status banner, the fleet table (one row per site), a trend per site when the run keeps a history, and each site's
 * findings with its in-sync resources folded. JSON stays the machine format; this page is for people.
 */
import type { ResourceFinding, UnmanagedFinding } from "../core/drift";
import { headline, problems, type Report, show, verdict, xml } from "./report";
import { fleetErrors, type SiteRow, type SiteStatus, siteRows } from "./report-fleet";
import { type History, trendLegend, trendSvg } from "./report-history";
import { PRODUCT, packageVersion } from "./report-product";

export interface HtmlOptions {
  /** The kept runs (`--history DIR`): draws the fleet trend and one sparkline per site. */
  history?: History;
  /** The version in the product header (default: the installed package's). */
  version?: string;
}

const STATUS_TEXT: Record<SiteStatus, string> = { "in-sync": "in sync", drift: "drift", error: "error" };
const RANK: Record<SiteStatus, number> = { error: 0, drift: 1, "in-sync": 2 };
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const when = (iso: string) => `<time datetime="${xml(iso)}">${xml(iso.slice(0, 16).replace("T", " "))} UTC</time>`;
const num = (n: number, cls = "") => `<td class="num${n && cls ? ` ${cls}` : ""}">${n}</td>`;

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:0;color:#222;background:#fff}
main{padding:0 24px 24px}
header.product{display:flex;gap:12px;align-items:baseline;padding:10px 24px;background:#1f2a36;color:#fff}
.product-name{font-weight:700;font-size:18px}.product-version{color:#bcd;font-size:13px}.product-what{flex:1}
.banner{margin:16px 0;padding:12px 16px;border-radius:4px;font-size:16px;border-left:8px solid}
.banner.in-sync{background:#e6f4e6;border-color:#2a8a2a}.banner.drift{background:#fff1dc;border-color:#d97a00}
.banner.error{background:#fde4e4;border-color:#c62828}
table{border-collapse:collapse;margin:8px 0 16px}
th,td{border:1px solid #d4d4d4;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f3f3f3}.badge,time,th{white-space:nowrap}
.num{text-align:right;font-variant-numeric:tabular-nums}
td.num.bad{color:#b35c00;font-weight:600}td.num.err{color:#c62828;font-weight:600}
.badge{display:inline-block;padding:0 6px;border-radius:3px;font-size:12px;font-weight:600;color:#fff}
.badge.in-sync{background:#2a8a2a}.badge.drift{background:#d97a00}.badge.error{background:#c62828}
tr.site.drift td:first-child{border-left:4px solid #d97a00}tr.site.error td:first-child{border-left:4px solid #c62828}
tr.site.in-sync td:first-child{border-left:4px solid #2a8a2a}
.drifted,.deleted{color:#b35c00}.unreadable{color:#c62828}del{color:#a00}ins{color:#070;text-decoration:none}
code{font-size:12px}section.site{margin:0 0 20px}details.in-sync summary{cursor:pointer;color:#555}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:12px;height:3px;vertical-align:middle;margin-right:4px}
svg.trend{display:block}
`;

export function html(r: Report, options: HtmlOptions = {}): string {
  const rows = siteRows(r);
  const order = [...rows].sort((a, b) => RANK[a.status] - RANK[b.status] || a.stack.localeCompare(b.stack));
  const anchor = new Map(rows.map((s, i) => [s.stack, `site-${i + 1}`]));
  const others = fleetErrors(r, rows);
  const history = options.history;
  const trendOf = (stack: string) => {
    const points = history?.sites.get(stack) ?? [];
    return points.length
      ? trendSvg(points, {
          width: 120,
          height: 28,
          title: `${stack}: drifted or deleted ${points.map((p) => p.drifted).join(", ")}; unmanaged ${points.map((p) => p.unmanaged).join(", ")}`,
        })
      : "";
  };
  const siteRow = (s: SiteRow) =>
    `<tr class="site ${s.status}" data-site="${xml(s.stack)}" data-status="${s.status}"><td><a href="#${anchor.get(s.stack)}">${xml(s.stack)}</a></td><td><span class="badge ${s.status}">${STATUS_TEXT[s.status]}</span></td>${num(s.resources)}${num(s.inSync)}${num(s.drifted, "bad")}${num(s.deleted, "bad")}${num(s.unreadable, "err")}${num(s.unmanaged, "bad")}<td>${when(s.checkedAt)}</td><td>${s.appliances.map(xml).join("<br>") || "&mdash;"}</td>${history ? `<td class="trend">${trendOf(s.stack)}</td>` : ""}</tr>`;
  const fleetTrend = history?.fleet.length
    ? `<section id="trend"><h2>Trend</h2><p class="legend">${trendLegend.map((l) => `<span><i style="background:${l.colour}"></i>${l.label} objects</span>`).join("")} over the last ${plural(history.runs, "run")} kept in the history</p>${trendSvg(
        history.fleet,
        { width: 640, height: 150, axes: true, title: "The fleet: drifted or deleted and unmanaged objects per run" },
      )}</section>`
    : "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Drift report: ${verdict(r)}</title><style>${STYLE}</style></head>
<body><header class="product"><span class="product-name">${PRODUCT}</span><span class="product-version">v${xml(options.version ?? packageVersion())}</span><span class="product-what">drift report</span><span class="generated">generated ${when(r.generatedAt)}</span></header>
<main>
${banner(r, rows, others)}
${fleetTrend}
<h2>Sites</h2>
<table id="sites"><thead><tr><th>Site</th><th>Status</th><th class="num">Resources</th><th class="num">In sync</th><th class="num">Drifted</th><th class="num">Deleted</th><th class="num">Unreadable</th><th class="num">Unmanaged</th><th>Last check</th><th>Appliance</th>${history ? "<th>Trend</th>" : ""}</tr></thead>
<tbody>
${order.map(siteRow).join("\n")}
</tbody></table>
<h2>Per site</h2>
${order.map((s) => siteSection(r, s, anchor.get(s.stack)!)).join("\n")}
${others.length ? `<h2>Errors</h2><ul class="errors">${others.map((e) => `<li>${xml(e)}</li>`).join("")}</ul>` : ""}
</main></body></html>
`;
}

function banner(r: Report, rows: SiteRow[], others: string[]): string {
  const status: SiteStatus =
    others.length || rows.some((s) => s.status === "error") ? "error" : r.exitCode ? "drift" : "in-sync";
  const n = (st: SiteStatus) => rows.filter((s) => s.status === st).length;
  const title = { "in-sync": "In sync", drift: "Drift found", error: "Errors" }[status];
  const parts = [`${n("in-sync")} in sync`, `${n("drift")} with drift`, `${n("error")} with errors`];
  return `<div id="banner" class="banner ${status}" role="status" data-status="${status}"><strong>${title}</strong>: ${plural(rows.length, "site")}, ${parts.join(", ")}.<br><small>${xml(headline(r.summary))}.</small></div>`;
}

const finding = (f: ResourceFinding) =>
  `<tr><td><code>${xml(f.kind)}</code> ${xml(f.name)} (${xml(f.id)})</td><td class="${f.status}">${f.status}</td><td>${
    f.properties
      .map(
        (p) =>
          `<code>${xml(p.path)}</code>: <del>${xml(show(p.declared))}</del> &rarr; <ins>${xml(show(p.live))}</ins>`,
      )
      .join("<br>") || xml(f.error ?? "deleted out of band")
  }</td></tr>`;

const unmanagedRow = (u: UnmanagedFinding) =>
  `<tr><td>${xml(u.appliance)}</td><td><code>${xml(u.kind)}</code></td><td>${xml(u.label)} (${xml(u.id)})</td><td>${u.ignored ? "ignored" : "<b>unmanaged</b>"}</td></tr>`;

function siteSection(r: Report, s: SiteRow, id: string): string {
  const own = r.resources.filter((f) => f.stack === s.stack);
  const found = problems(r).filter((f) => f.stack === s.stack);
  const unmanaged = r.unmanaged.filter((u) => s.appliances.includes(u.appliance));
  const inSync = own.filter((f) => f.status === "in-sync");
  return `<section class="site" id="${id}" data-site="${xml(s.stack)}"><h3>${xml(s.stack)} <span class="badge ${s.status}">${STATUS_TEXT[s.status]}</span></h3>
${found.length ? `<table class="findings"><tr><th>Resource</th><th>Status</th><th>Declared &rarr; live</th></tr>\n${found.map(finding).join("\n")}</table>` : ""}
${unmanaged.length ? `<table class="unmanaged"><tr><th>Appliance</th><th>Kind</th><th>Object</th><th></th></tr>\n${unmanaged.map(unmanagedRow).join("\n")}</table>` : ""}
${s.errors.length ? `<ul class="errors">${s.errors.map((e) => `<li>${xml(e)}</li>`).join("")}</ul>` : ""}
<details class="in-sync"><summary>${plural(inSync.length, "resource")} in sync</summary>${inSync.length ? `<table><tr><th>Resource</th><th>Id</th><th>Appliance</th></tr>${inSync.map((f) => `<tr><td><code>${xml(f.kind)}</code> ${xml(f.name)}</td><td class="num">${xml(f.id)}</td><td>${xml(f.appliance)}</td></tr>`).join("")}</table>` : ""}</details>
</section>`;
}
