import { describe, expect, it } from "vitest";
import type { DriftResult, ResourceFinding } from "../../providers/core/drift";
import { buildReport, html, json, junit, markdown, table } from "../../providers/cli/report";

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
