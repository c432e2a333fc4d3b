/**
 * The HTML drift report in a real browser: Debian's Chromium (`npm run browser:install`) renders a fleet report with
 * a kept history headless; the test asserts on the rendered DOM (layout values the browser computed, through a probe
 * script added to a copy of the page) and on a screenshot of the page as it is shipped.
 * FACILITY_REPORT_SCREENSHOT=docs/drift-report.png keeps the screenshot (the one in docs/ is made this way).
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { inflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DriftResult, ResourceFinding } from "../../providers/core/drift";
import { buildReport, json } from "../../providers/cli/report";
import { html } from "../../providers/cli/report-html";
import { keepRun, loadHistory } from "../../providers/cli/report-history";

const SITES = ["berlin", "bremen", "dresden", "essen", "hamburg", "kiel", "koeln", "leipzig", "mainz", "muenchen"];

/** Site `drifting` has `drift` drifted resources and one unmanaged object; `broken`'s appliance refuses reads. */
function run(at: string, drift: number, broken?: string): ReturnType<typeof buildReport> {
  const resources: ResourceFinding[] = [];
  const result: DriftResult = { resources, unmanaged: [], errors: [] };
  SITES.forEach((site, s) => {
    const appliance = `https://10.40.${s}.5 (${site})`;
    for (let i = 0; i < 6; i++) {
      const drifted = site === "hamburg" && i < drift;
      const unreadable = site === broken && i === 0;
      resources.push({
        stack: `sites/${site}`,
        urn: `urn:pulumi:${site}::sites::kentix:AlarmGroup::g${i}`,
        name: `g${i}`,
        kind: i % 2 ? "kentix:Webhook" : "kentix:AlarmGroup",
        appliance,
        id: String(i + 1),
        status: drifted ? "drifted" : unreadable ? "unreadable" : "in-sync",
        properties: drifted ? [{ path: "armDelay", declared: 30, live: 600 }] : [],
        ...(unreadable ? { error: "HTTP 401: the appliance refused the token" } : {}),
      });
    }
  });
  if (drift)
    result.unmanaged.push({
      kind: "kentix:Webhook",
      appliance: "https://10.40.4.5 (hamburg)",
      id: "99",
      label: "Backdoor",
      ignored: false,
    });
  return buildReport(
    result,
    SITES.map((s) => `sites/${s}`),
    new Date(at),
  );
}

function findChromium(): string | undefined {
  for (const c of [process.env.CHROMIUM, "chromium", "chromium-browser"]) {
    if (!c) continue;
    if (path.isAbsolute(c) && fs.existsSync(c)) return c;
    for (const dir of (process.env.PATH ?? "").split(path.delimiter))
      if (dir && fs.existsSync(path.join(dir, c))) return path.join(dir, c);
  }
  return undefined;
}

const chromium = findChromium();
const work = fs.mkdtempSync(path.join(os.tmpdir(), "facility-report-browser-"));
const profile = path.join(work, "profile");
const WIDTH = 1280;
const HEIGHT = 1000;

/** Runs Chromium headless once; the whole process group is killed if it outlives its hang guard. */
function browse(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      chromium!,
      [
        "--headless",
        "--no-sandbox", // root on CI machines
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--hide-scrollbars",
        "--force-device-scale-factor=1",
        `--user-data-dir=${profile}`,
        `--window-size=${WIDTH},${HEIGHT}`,
        ...args,
      ],
      { stdio: ["ignore", "pipe", "pipe"], detached: true },
    );
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const guard = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, 180_000); // a hang guard with headroom for a loaded machine, not a timing
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(guard);
      if (code === 0) resolve(out);
      else reject(new Error(`chromium exited with ${code ?? signal}: ${err.slice(-2000)}`));
    });
  });
}

/** Processes still running that were started with this test's browser profile (none once each run ended). */
function leftovers(): number[] {
  const pids: number[] = [];
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(profile)) pids.push(Number(pid));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

/** A PNG's size and the RGB(A) of its pixels (8-bit, colour types 2 and 6, as Chromium writes them). */
function decodePng(file: string) {
  const buf = fs.readFileSync(file);
  expect(buf.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  for (let at = 8; at < buf.length; ) {
    const len = buf.readUInt32BE(at);
    const type = buf.toString("latin1", at + 4, at + 8);
    const data = buf.subarray(at + 8, at + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      expect(data[8]).toBe(8);
      channels = data[9] === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(data);
    at += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? px[y * stride + x - channels]! : 0;
      const b = y > 0 ? px[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? px[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const pred = [0, a, b, (a + b) >> 1, paeth][filter]!;
      px[y * stride + x] = (v + pred) & 0xff;
    }
  }
  const at = (x: number, y: number) => [...px.subarray(y * stride + x * channels, y * stride + x * channels + 3)];
  return { width, height, at };
}

const hex = (rgb: number[]) => `#${rgb.map((v) => v.toString(16).padStart(2, "0")).join("")}`;

/** Added to a copy of the page only: reads what the browser laid out into a <pre id="probe">. */
const PROBE = `<script>
const q = (s) => [...document.querySelectorAll(s)];
const box = (e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, w: r.width, h: r.height }; };
const banner = document.getElementById("banner");
const details = q("details.in-sync");
const probe = {
  title: document.title,
  product: document.querySelector("header.product").textContent,
  header: box(document.querySelector("header.product")),
  banner: { status: banner.dataset.status, text: banner.textContent, box: box(banner), background: getComputedStyle(banner).backgroundColor },
  rows: q("#sites tbody tr").map((tr) => ({ site: tr.dataset.site, status: tr.dataset.status, cells: q.call(null, "#sites tbody tr[data-site='" + tr.dataset.site + "'] td").map((td) => td.textContent) })),
  numAlign: [...new Set(q("#sites td.num, #sites th.num").map((td) => getComputedStyle(td).textAlign))],
  numRightEdges: q("#sites tbody tr").map((tr) => { const cells = [...tr.querySelectorAll("td.num")]; return cells.map((td) => { const r = document.createRange(); r.selectNodeContents(td); const t = r.getBoundingClientRect(); const c = td.getBoundingClientRect(); return Math.round(c.right - t.right); }); }),
  foldedOpen: details.filter((d) => d.open).length,
  folded: details.length,
  foldedTablesShown: details.filter((d) => d.querySelector("table")?.checkVisibility()).length,
  summariesShown: details.filter((d) => d.querySelector("summary").checkVisibility()).length,
  sparklines: q("#sites svg.trend").map((s) => ({ w: s.getBBox().width, lines: s.querySelectorAll("polyline").length })),
  fleetTrend: q("#trend svg polyline").map((p) => p.getTotalLength() > 0),
  resources: performance.getEntriesByType("resource").map((e) => e.name),
  scripts: q("script").length,
};
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify(probe);
document.body.appendChild(pre);
</script>`;

describe.skipIf(!chromium && !process.env.CI)("the HTML drift report in headless Chromium", () => {
  let page: string;
  let probe: {
    title: string;
    product: string;
    header: { x: number; y: number; w: number; h: number };
    banner: { status: string; text: string; box: { x: number; y: number; w: number; h: number }; background: string };
    rows: { site: string; status: string; cells: string[] }[];
    numAlign: string[];
    numRightEdges: number[][];
    foldedOpen: number;
    folded: number;
    foldedTablesShown: number;
    summariesShown: number;
    sparklines: { w: number; lines: number }[];
    fleetTrend: boolean[];
    resources: string[];
    scripts: number;
  };

  beforeAll(async () => {
    if (!chromium) throw new Error("no chromium on PATH: run `npm run browser:install` (Debian's chromium package)");
    // Seven nightly runs, as `facility drift --history` keeps them: Hamburg drifts more each night; in the last two
    // Koeln's appliance refuses reads. The page is tonight's, drawn from the kept runs.
    const history = path.join(work, "history");
    const nights = [0, 0, 1, 2, 2, 3, 3];
    let tonight = run("2026-11-20T03:17:00Z", 0);
    nights.forEach((drift, i) => {
      tonight = run(`2026-11-${20 + i}T03:17:00Z`, drift, i >= 5 ? "koeln" : undefined);
      keepRun(history, tonight, json(tonight));
    });
    fs.writeFileSync(path.join(history, "notes.txt"), "not a run");
    page = html(tonight, { history: loadHistory(history), version: "0.1.0" });
    fs.writeFileSync(path.join(work, "report.html"), page);
    fs.writeFileSync(path.join(work, "probe.html"), page.replace("</body>", `${PROBE}</body>`));
    const dom = await browse(["--dump-dom", `file://${path.join(work, "probe.html")}`]);
    const text = /<pre id="probe">([^<]*)<\/pre>/.exec(dom)?.[1];
    expect(text, "the probe ran in the page").toBeTruthy();
    probe = JSON.parse(
      text!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&"),
    );
  });

  afterAll(() => {
    expect(leftovers()).toEqual([]);
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("ships a page with no script and no network: the browser fetched nothing", () => {
    expect(page).not.toMatch(/<script|<link|src=|@import|url\(/i);
    expect(probe.scripts).toBe(1); // the probe, added to the copy
    expect(probe.resources).toEqual([]);
  });

  it("shows the product header and the overall status banner", () => {
    expect(probe.product).toContain("pulumi-facility");
    expect(probe.product).toContain("v0.1.0");
    expect(probe.title).toBe("Drift report: errors");
    expect(probe.banner.status).toBe("error");
    expect(probe.banner.text).toContain("Errors: 10 sites, 8 in sync, 1 with drift, 1 with errors.");
    expect(probe.banner.background).toBe("rgb(253, 228, 228)");
  });

  it("has one row per site, worst first, with counts, the check time and the appliance", () => {
    expect(probe.rows.map((r) => r.site)).toEqual([
      "sites/koeln",
      "sites/hamburg",
      ...SITES.filter((s) => s !== "koeln" && s !== "hamburg").map((s) => `sites/${s}`),
    ]);
    expect(probe.rows.map((r) => r.status).slice(0, 3)).toEqual(["error", "drift", "in-sync"]);
    // Site, status, resources, in sync, drifted, deleted, unreadable, unmanaged, last check, appliance, trend.
    expect(probe.rows[1]!.cells.slice(0, 10)).toEqual([
      "sites/hamburg",
      "drift",
      "6",
      "3",
      "3",
      "0",
      "0",
      "1",
      "2026-11-26 03:17 UTC",
      "https://10.40.4.5 (hamburg)",
    ]);
    expect(probe.rows[0]!.cells.slice(2, 8)).toEqual(["6", "5", "0", "0", "1", "0"]);
  });

  it("right-aligns the numbers", () => {
    expect(probe.numAlign).toEqual(["right"]);
    // Each number's text ends at the same distance from its cell's right edge (the padding).
    const edges = new Set(probe.numRightEdges.flat());
    expect(edges.size).toBe(1);
  });

  it("folds the in-sync resources", () => {
    expect(probe.folded).toBe(SITES.length);
    expect(probe.foldedOpen).toBe(0);
    expect(probe.foldedTablesShown).toBe(0);
    expect(probe.summariesShown).toBe(SITES.length);
    expect(page).toContain("<summary>5 resources in sync</summary>");
  });

  it("draws the trend per site and for the fleet as inline SVG", () => {
    expect(probe.sparklines).toHaveLength(SITES.length);
    for (const s of probe.sparklines) {
      expect(s.w).toBeGreaterThan(0);
      expect(s.lines).toBe(2); // drifted and unmanaged
    }
    expect(probe.fleetTrend).toEqual([true, true]);
    expect(page).toContain(
      "<title>sites/hamburg: drifted or deleted 0, 0, 1, 2, 2, 3, 3; unmanaged 0, 0, 1, 1, 1, 1, 1</title>",
    );
    expect(page).toContain("over the last 7 runs kept in the history");
  });

  it("looks right in a screenshot: the dark product header above the red error banner", async () => {
    const shot = path.join(work, "report.png");
    await browse([`--screenshot=${shot}`, `file://${path.join(work, "report.html")}`]);
    const png = decodePng(shot);
    expect([png.width, png.height]).toEqual([WIDTH, HEIGHT]);
    const mid = (b: { x: number; y: number; w: number; h: number }) =>
      [Math.round(b.x + b.w - 20), Math.round(b.y + b.h / 2)] as const;
    expect(hex(png.at(...mid(probe.header)))).toBe("#1f2a36");
    expect(hex(png.at(...mid(probe.banner.box)))).toBe("#fde4e4");
    expect(
      hex(png.at(Math.round(probe.banner.box.x + 3), Math.round(probe.banner.box.y + probe.banner.box.h / 2))),
    ).toBe("#c62828");
    if (process.env.FACILITY_REPORT_SCREENSHOT) fs.copyFileSync(shot, process.env.FACILITY_REPORT_SCREENSHOT);
  });
});
