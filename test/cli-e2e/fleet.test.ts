/**
 * `facility fleet preview|up|drift` on the real Pulumi CLI through the Automation API: 20 sites, each a stack of one
 * program and a Kentix emulator of its own, 4 at a time. Site s13's appliance refuses the token its environment
 * gives: its `up` fails, the 19 others succeed, and the fleet exits 1 (the worst). After an out-of-band change on
 * s05, `fleet drift` writes one fleet report (JSON, kept in the history) with s05 drifted and exits 2.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../providers/cli/facility";
import { bounded, firstError, fleetSites, worst } from "../../providers/cli/fleet";
import type { Report } from "../../providers/cli/report";
import type { KentixEmulator } from "../emulators/kentix";
import { plaintextSecrets } from "../secrets";
import { type Fleet, runFacility, startFleet } from "./fleet-sites";
import { tempDir } from "./support";

const SITES = Array.from({ length: 20 }, (_, i) => `s${String(i + 1).padStart(2, "0")}`);
const BROKEN = "s13";
const DRIFTING = "s05";
/** The Kentix connection's default concurrency limit (providers/kentix/client.ts). */
const KENTIX_LIMIT = 4;

let fleet: Fleet;
let project: string;
let emulators: Map<string, KentixEmulator>;

/** `facility fleet ...` as a user runs it; nothing it prints holds a secret. */
async function facility(args: string[]) {
  const r = await runFacility(fleet, args);
  expect(plaintextSecrets(r.stdout + r.stderr)).toEqual([]);
  return r;
}

const logOf = (site: string) => fs.readFileSync(path.join(project, "logs", `${site}.log`), "utf8");
const rowOf = (out: string, site: string) => out.split("\n").find((l) => l.startsWith(`${site} `)) ?? "";

describe("facility fleet on 20 sites", () => {
  beforeAll(async () => {
    fleet = await startFleet({ sites: SITES, broken: [BROKEN] });
    project = fleet.project;
    emulators = fleet.emulators;
  });

  afterAll(async () => {
    await fleet?.close();
  });

  it("previews every site, 4 at a time, with one log per site", async () => {
    const r = await facility(["fleet", "preview", "--sites", "sites", "--parallel", "4", "--logs", "logs"]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    for (const site of SITES) {
      expect(rowOf(r.stdout, site)).toMatch(/ ok .*create/);
      expect(logOf(site)).toContain("kentix:AlarmGroup");
    }
    expect(r.stdout).toContain("facility fleet preview: 20 sites: 20 ok, 0 with drift, 0 failed; exit 0");
    for (const emu of emulators.values()) expect(emu.list("alarmgroups")).toEqual([]);
  });

  it("updates 19 sites while the broken one fails, and exits with the worst code", async () => {
    const r = await facility(["fleet", "up", "--sites", "sites", "--parallel", "4", "--logs", "logs"]);
    expect(r.code, r.stdout + r.stderr).toBe(1);
    for (const site of SITES.filter((s) => s !== BROKEN)) {
      expect(rowOf(r.stdout, site)).toMatch(/ ok .*create/);
      expect(
        emulators
          .get(site)!
          .list("alarmgroups")
          .map((g) => g.name)
          .sort(),
      ).toEqual([`Building ${site}`, `Server room ${site}`]);
    }
    expect(rowOf(r.stdout, BROKEN)).toMatch(/ failed /);
    expect(emulators.get(BROKEN)!.list("alarmgroups")).toEqual([]);
    expect(logOf(BROKEN)).toMatch(/401|refused|token/i);
    expect(r.stdout).toContain("facility fleet up: 20 sites: 19 ok, 0 with drift, 1 failed; exit 1");
    for (const site of SITES) expect(plaintextSecrets(logOf(site))).toEqual([]);
  });

  it("checks the fleet for drift into one report: the drifted site exits 2, the rest in sync", async () => {
    const emu = emulators.get(DRIFTING)!;
    const building = emu.list("alarmgroups")[0]!;
    emu.edit("alarmgroups", Number(building.id), { name: "Renamed out of band" });
    for (const e of emulators.values()) e.clearRequests();
    const args = ["fleet", "drift", "--sites", "sites", "--parallel", "4", "--logs", "logs"];
    const r = await facility([...args, "--format", "json", "--output", "fleet.json", "--history", "history"]);
    expect(r.code, r.stdout + r.stderr).toBe(2);
    const report = JSON.parse(fs.readFileSync(path.join(project, "fleet.json"), "utf8")) as Report;
    expect(report.stacks).toHaveLength(20);
    expect(Object.keys(report.checkedAt ?? {})).toHaveLength(20);
    expect(report.summary).toMatchObject({ resources: 38, inSync: 37, drifted: 1, deleted: 0, unreadable: 0 });
    expect(report.resources.filter((f) => f.status === "drifted").map((f) => f.stack)).toEqual([
      `fleet-test/${DRIFTING}`,
    ]);
    expect(fs.readdirSync(path.join(project, "history")).filter((f) => f.endsWith(".json"))).toHaveLength(1);
    expect(rowOf(r.stderr, DRIFTING)).toMatch(/ drift /);
    // Read-only, and each appliance read once per resource kind and object at most: the figures of the bench.
    const requests = SITES.map((site) => emulators.get(site)!.requests);
    expect(requests.flat().filter((q) => q.method !== "GET")).toEqual([]);
    const peak = Math.max(...SITES.map((site) => emulators.get(site)!.peakInFlight));
    expect(peak).toBeLessThanOrEqual(KENTIX_LIMIT);
    console.log(`fleet drift of 20 sites: at most ${peak} requests at once on one appliance`);
    console.log(`fleet drift of 20 sites: requests per site ${requests.map((q) => q.length).join(", ")}`);
    expect(plaintextSecrets(fs.readFileSync(path.join(project, "fleet.json"), "utf8"))).toEqual([]);
  });
});

describe("facility fleet's parts", () => {
  it("runs at most N at a time, every item even when one fails, in the items' order", async () => {
    let running = 0;
    let most = 0;
    const results = await bounded(
      Array.from({ length: 10 }, (_, i) => i),
      3,
      async (i) => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setImmediate(r));
        running--;
        if (i === 4) return "failed";
        return `ok ${i}`;
      },
    );
    expect(most).toBe(3);
    expect(results).toHaveLength(10);
    expect(results[4]).toBe("failed");
    expect(results[9]).toBe("ok 9");
  });

  it("takes the worst exit code and lists the sites of a folder", () => {
    expect(worst([0, 2, 0])).toBe(2);
    expect(worst([0, 2, 1])).toBe(1);
    expect(worst([0, 0])).toBe(0);
    const printed =
      " +  kentix:AlarmGroup building creating (0s) error: kentix API 401 on GET /api/alarmgroups: refused\nmore";
    expect(firstError(printed)).toBe("kentix API 401 on GET /api/alarmgroups: refused");
    expect(firstError("error: update failed\n")).toBe("update failed");
    expect(firstError("something\nlast words\n")).toBe("last words");
    const dir = tempDir("facility-fleet-sites-");
    try {
      for (const f of ["b.yaml", "a.yml", "c.json", "notes.txt", ".hidden.yaml"])
        fs.writeFileSync(path.join(dir, f), "");
      expect(fleetSites(dir)).toEqual(["a", "b", "c"]);
      expect(() => fleetSites(path.join(dir, "none"))).toThrow(/no such folder/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses a missing operation, an unknown one, a missing --sites and a bad --parallel", async () => {
    const run = async (args: string[]) => {
      let err = "";
      const sink = (f: (s: string) => void) =>
        ({ write: (s: string) => (f(s), true) }) as unknown as NodeJS.WritableStream;
      const code = await main(
        args,
        sink(() => undefined),
        sink((s) => (err += s)),
      );
      return { code, err };
    };
    expect(await run(["fleet", "--sites", "x"])).toMatchObject({
      code: 1,
      err: expect.stringContaining("give one operation"),
    });
    expect(await run(["fleet", "destroy", "--sites", "x"])).toMatchObject({
      code: 1,
      err: expect.stringContaining("preview, up, drift"),
    });
    expect(await run(["fleet", "up"])).toMatchObject({
      code: 1,
      err: expect.stringContaining("--sites DIR is required"),
    });
    expect(await run(["fleet", "up", "--sites", "x", "--parallel", "0"])).toMatchObject({
      code: 1,
      err: expect.stringContaining("--parallel"),
    });
  });
});
