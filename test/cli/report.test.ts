import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import type { DriftResult, ResourceFinding } from "../../providers/core/drift";
import { buildReport, json, junit, markdown, table } from "../../providers/cli/report";
import { fleetErrors, mergeReports, siteRows } from "../../providers/cli/report-fleet";
import { keepRun, loadHistory } from "../../providers/cli/report-history";
import { html } from "../../providers/cli/report-html";

/** 50 sites of 20 resources each; site 7 has one drifted and one deleted resource, one unmanaged object. */
function fleet(): DriftResult {
  const resources: ResourceFinding[] = [];
  for (let s = 0; s < 50; s++) {
    for (let i = 0; i < 20; i++) {
      const drifted = s === 7 && i === 3;
      const deleted = s === 7 && i === 4;
      resources.push({
        stack: `site/s${s}`,
        urn: `urn:pulumi:s${s}::site::x::r${i}`,
        name: `r${i}`,
        kind: i % 2 ? "kentix:Webhook" : "kentix:AlarmGroup",
        appliance: `https://10.0.${s}.5 (hq)`,
        id: String(i + 1),
        status: drifted ? "drifted" : deleted ? "deleted" : "in-sync",
        properties: drifted ? [{ path: "armDelay", declared: 30, live: 600 }] : [],
      });
    }
  }
  return {
    resources,
    unmanaged: [
      { kind: "kentix:Webhook", appliance: "https://10.0.7.5 (hq)", id: "99", label: "Backdoor", ignored: false },
    ],
    errors: [],
  };
}

describe("drift report formats", () => {
  const report = buildReport(
    fleet(),
    Array.from({ length: 50 }, (_, s) => `site/s${s}`),
    new Date("2026-11-21T00:00:00Z"),
  );

  it("summarises a fleet and picks the pipeline exit code", () => {
    expect(report.summary).toEqual({
      stacks: 50,
      appliances: 50,
      resources: 1000,
      inSync: 998,
      drifted: 1,
      deleted: 1,
      unreadable: 0,
      unmanaged: 1,
      ignored: 0,
    });
    expect(report.exitCode).toBe(2);
    expect(buildReport({ resources: [], unmanaged: [], errors: [] }, []).exitCode).toBe(0);
    expect(buildReport({ resources: [], unmanaged: [], errors: ["listing failed"] }, []).exitCode).toBe(1);
  });

  it("keeps the terminal table to one line per site and vendor plus the findings", () => {
    const lines = table(report, false).split("\n");
    expect(lines[0]).toBe("facility drift: drift found");
    expect(lines[1]).toBe(
      "1000 resources in 50 stack(s) on 50 appliance(s): 998 in sync, 1 drifted, 1 deleted, 0 unreadable; 1 unmanaged objects",
    );
    expect(lines.filter((l) => /^site\/s\d+ /.test(l))).toHaveLength(50); // one vendor per site here
    expect(lines).toContain("    armDelay: 30 -> 600");
    expect(lines.length).toBeLessThan(70);
    expect(table(report, true)).toContain("\x1b[33mdrifted\x1b[0m");
  });

  it("renders the same findings in Markdown, JUnit, HTML and JSON", () => {
    expect(markdown(report)).toContain("| site/s7 | `kentix:AlarmGroup` r4 (5) | deleted |");
    expect(markdown(report)).toContain("| site/s7 | `kentix:Webhook` r3 (4) | drifted | armDelay | `30` | `600` |");
    const xml = junit(report);
    expect(xml.match(/<testsuite /g)).toHaveLength(51);
    expect(xml).toContain('<testsuite name="drift site/s7" tests="20" failures="2" errors="0">');
    expect(xml).toContain('<failure type="unmanaged" message="not declared by any stack"/>');
    expect(html(report)).toContain("<del>30</del> &rarr; <ins>600</ins>");
    expect(JSON.parse(json(report))).toMatchObject({ schemaVersion: 1, exitCode: 2, stacks: expect.any(Array) });
  });
});

describe("the fleet view and the kept history", () => {
  const site = (stack: string, status: ResourceFinding["status"], appliance = `https://${stack}.example`) =>
    ({
      stack,
      urn: `urn:${stack}`,
      name: "g",
      kind: "kentix:AlarmGroup",
      appliance,
      id: "1",
      status,
      properties: [],
    }) satisfies ResourceFinding;

  it("gives one row per site with its status, appliance, unmanaged objects and errors", () => {
    const r = buildReport(
      {
        resources: [site("a", "in-sync"), site("b", "drifted"), site("c", "in-sync")],
        unmanaged: [{ kind: "kentix:Webhook", appliance: "https://c.example", id: "9", label: "x", ignored: false }],
        errors: ["kentix:Webhook on https://a.example: listing failed: HTTP 500", "d: stack export unreadable"],
      },
      ["a", "b", "c", "d"],
    );
    const rows = siteRows(r);
    expect(rows.map((s) => [s.stack, s.status, s.unmanaged, s.errors.length, s.appliances])).toEqual([
      ["a", "error", 0, 1, ["https://a.example"]],
      ["b", "drift", 0, 0, ["https://b.example"]],
      ["c", "drift", 1, 0, ["https://c.example"]],
      ["d", "error", 0, 1, []],
    ]);
    expect(fleetErrors(r, rows)).toEqual([]);
  });

  it("merges per-site reports into one fleet report whose exit code is the worst", () => {
    const at = (iso: string) => new Date(iso);
    const ok = buildReport(
      { resources: [site("a", "in-sync")], unmanaged: [], errors: [] },
      ["a"],
      at("2026-11-21T01:00:00Z"),
    );
    const drifted = buildReport(
      { resources: [site("b", "deleted")], unmanaged: [], errors: [] },
      ["b"],
      at("2026-11-21T02:00:00Z"),
    );
    const failed = buildReport(
      { resources: [], unmanaged: [], errors: ["c: refused"] },
      ["c"],
      at("2026-11-21T03:00:00Z"),
    );
    expect(mergeReports([ok, drifted]).exitCode).toBe(2);
    const fleet = mergeReports([ok, drifted, failed], at("2026-11-21T04:00:00Z"));
    expect(fleet.exitCode).toBe(1);
    expect(fleet.stacks).toEqual(["a", "b", "c"]);
    expect(fleet.checkedAt).toEqual({
      a: "2026-11-21T01:00:00.000Z",
      b: "2026-11-21T02:00:00.000Z",
      c: "2026-11-21T03:00:00.000Z",
    });
    expect(siteRows(fleet).map((s) => s.checkedAt)).toEqual(Object.values(fleet.checkedAt!));
  });

  it("keeps each run's JSON and reads the trend back, skipping what is not a run", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "facility-history-"));
    try {
      for (const [day, status] of [
        ["20", "in-sync"],
        ["22", "drifted"],
        ["21", "deleted"],
      ] as const) {
        const r = buildReport(
          { resources: [site("a", status)], unmanaged: [], errors: [] },
          ["a"],
          new Date(`2026-11-${day}T03:00:00Z`),
        );
        keepRun(dir, r, json(r));
      }
      fs.writeFileSync(path.join(dir, "drift-broken.json"), "{");
      fs.writeFileSync(path.join(dir, "README"), "x");
      expect(fs.readdirSync(dir).filter((f) => f.startsWith("drift-2026"))).toHaveLength(3);
      const h = loadHistory(dir);
      expect(h.runs).toBe(3);
      expect(h.sites.get("a")?.map((p) => [p.at.slice(8, 10), p.drifted])).toEqual([
        ["20", 0],
        ["21", 1],
        ["22", 1],
      ]);
      expect(loadHistory(path.join(dir, "missing")).runs).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
