import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility } from "./facility";

const root = path.resolve(__dirname, "../..");
let emu: KentixEmulator;
let tmp: string;
let statePath: string;
let configPath: string;

const site = () =>
  createEngine({
    dir: path.join(root, "examples/site"),
    program: "index.ts",
    project: "facility-site",
    stack: "drift",
    statePath,
    config: {
      kentixUrl: emu.httpsUrl!,
      kentixCaCertPem: tlsFixture("ca.pem"),
      socToken: { secret: SECRETS.socToken },
      "kentix:hq.token": { secret: SECRETS.kentixToken },
    },
  });

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-drift-"));
  statePath = path.join(tmp, "site.json");
  configPath = path.join(tmp, "config.json");
  // The shape of `pulumi config --show-secrets --json`.
  fs.writeFileSync(configPath, JSON.stringify({ "kentix:hq.token": { value: SECRETS.kentixToken, secret: true } }));
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
  expect((await site().up()).errors).toEqual([]);
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("facility drift", () => {
  it("reports a deployed site in sync, exit code 0, with read requests only", async () => {
    emu.clearRequests();
    const res = await facility("drift", statePath, "--config", configPath, "--format", "json");
    const report = JSON.parse(res.stdout);
    expect(res.code).toBe(0);
    expect(report.summary).toMatchObject({
      stacks: 1,
      resources: 5,
      inSync: 5,
      drifted: 0,
      deleted: 0,
      unreadable: 0,
      unmanaged: 0,
    });
    expect(report.stacks).toEqual(["facility-site/drift"]);
    expect(new Set(emu.requests.map((r) => r.method))).toEqual(new Set(["GET"]));
    // Webhooks and user groups are read with one listing each; alarm groups need one GET per group.
    expect(emu.requests.filter((r) => r.path === "/api/webhooks" || r.path === "/api/usergroups")).toHaveLength(2);
    expect(emu.requests.filter((r) => /^\/api\/(webhooks|usergroups)\/\d+$/.test(r.path))).toEqual([]);
  });

  it("finds out-of-band edits, deletions and unmanaged objects, as refresh does, and never writes", async () => {
    const serverRoom = emu.list("alarmgroups").find((g) => g.name === "Server room")!;
    emu.edit("alarmgroups", serverRoom.id as number, { arm_delay: 600 });
    emu.remove("alarmgroups", emu.list("alarmgroups").find((g) => g.name === "Lobby")!.id as number);
    emu.insert("webhooks", {
      name: "Backdoor",
      url: "https://exfil.example/x",
      authentication_mode: 2,
      username: "stolen-token-1234",
    });
    emu.insert("usergroups", { name: "Contractors" });
    emu.clearRequests();

    const res = await facility("drift", statePath, "--config", configPath, "--format", "json");
    expect(res.code).toBe(2);
    expect(emu.writes()).toEqual([]);
    const report = JSON.parse(res.stdout);
    const byName = (n: string) => report.resources.find((r: { name: string }) => r.name === n);
    expect(byName("server-room")).toMatchObject({
      status: "drifted",
      properties: [{ path: "armDelay", declared: 30, live: 600 }],
    });
    expect(byName("lobby").status).toBe("deleted");
    expect(report.unmanaged.map((u: { kind: string; label: string }) => `${u.kind}:${u.label}`).sort()).toEqual([
      "kentix:UserGroup:Contractors",
      "kentix:Webhook:Backdoor",
    ]);

    // The same drift as the engine's refresh.
    const refresh = await site().refresh({ previewOnly: true });
    const fromRefresh = refresh.steps
      .filter((s) => s.op !== "same")
      .map((s) => `${s.name}:${s.op === "delete" ? "deleted" : "drifted"}:${(s.diffs ?? []).join(",")}`);
    const fromDrift = report.resources
      .filter((r: { status: string }) => r.status !== "in-sync")
      .map(
        (r: { name: string; status: string; properties: { path: string }[] }) =>
          `${r.name}:${r.status}:${r.properties.map((p) => p.path).join(",")}`,
      );
    expect(fromDrift.sort()).toEqual(fromRefresh.sort());
  });

  it("honours an ignore file for unmanaged objects", async () => {
    const ignore = path.join(tmp, "ignore");
    fs.writeFileSync(ignore, "# known hand-made objects\nkentix:Webhook:Backdoor\nkentix:UserGroup#*\n");
    const report = JSON.parse(
      (await facility("drift", statePath, "--config", configPath, "--format", "json", "--ignore", ignore)).stdout,
    );
    expect(report.summary).toMatchObject({ unmanaged: 0, ignored: 2 });
  });

  it("writes every format without a secret, and exits 1 when it cannot read", async () => {
    for (const format of ["table", "markdown", "junit", "html", "json"]) {
      const res = await facility("drift", statePath, "--config", configPath, "--format", format);
      expect(res.code).toBe(2);
      expect(res.stdout).toContain(format === "json" ? '"armDelay"' : "armDelay");
      expect(plaintextSecrets(res.stdout + res.stderr)).toEqual([]);
      expect(res.stdout).not.toContain("stolen-token-1234");
    }
    const junit = (await facility("drift", statePath, "--config", configPath, "--format", "junit")).stdout;
    expect(junit).toMatch(/<testsuite name="drift facility-site\/drift" tests="5" failures="2" errors="0">/);
    const html = (await facility("drift", statePath, "--config", configPath, "--format", "html")).stdout;
    // The fleet page (test/cli/report-browser.test.ts checks its layout in a browser): the sites table, then per site.
    expect(html).toMatch(
      /^<!doctype html>[\s\S]*<table id="sites">[\s\S]*<h2>Per site<\/h2>[\s\S]*armDelay[\s\S]*<\/html>\n$/,
    );

    const noToken = await facility("drift", statePath, "--format", "json");
    expect(noToken.code).toBe(1);
    expect(JSON.parse(noToken.stdout).resources[0]).toMatchObject({
      status: "unreadable",
      error: expect.stringContaining('kentix: no token for profile "hq"'),
    });
  });
});
