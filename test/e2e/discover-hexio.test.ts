import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type HexioEmulator, startHexio } from "../emulators/hexio";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility, scratchDir } from "./facility";

const BOT = { userId: 1, username: "pulumi-bot", password: SECRETS.hexioPassword };
let emu: HexioEmulator;
let dir: string;

beforeAll(async () => {
  emu = await startHexio({ users: [BOT, { userId: 12, username: "alice", password: "alice-unused-pw" }], https: "ca" });
  dir = scratchDir("discover-hexio-");
  const acme = emu.insertOrg({ name: "ACME Facilities" });
  const lab = emu.insertOrg({ name: "Lab" });
  const sensors = emu.insertProject(acme.orgId as number, { name: "Sensors", dataRetention: "90d", rateLimit: 100 });
  emu.insertProject(lab.orgId as number, { name: "Bench" });
  emu.setRoles("ORG", acme.orgId as number, 12, [2]);
  emu.setRoles("PROJECT", sensors.projectId as number, 12, [3]);
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (hexio)", () => {
  it("discovers organizations, the projects and memberships under them, and adopts them without a write", async () => {
    const config = path.join(dir, "config.json");
    fs.writeFileSync(
      config,
      JSON.stringify({
        "hexio:cloud.username": { value: BOT.username },
        "hexio:cloud.password": { value: BOT.password, secret: true },
      }),
    );
    fs.writeFileSync(path.join(dir, "ca.pem"), tlsFixture("ca.pem"));
    emu.clearRequests();
    const res = await facility(
      "discover",
      "--vendor",
      "hexio",
      "--url",
      `${emu.httpsUrl!}/v1`,
      "--profile",
      "cloud",
      "--ca-cert",
      path.join(dir, "ca.pem"),
      "--config",
      config,
      "--out",
      dir,
      "--project",
      "tenants",
    );
    expect(res.code).toBe(0);
    expect(emu.requests.filter((r) => r.method !== "GET" && !r.path.includes("/auth/"))).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(plaintextSecrets(program)).toEqual([]);
    expect(program).toMatch(/new hexio\.Organization\("acme-facilities", \{\n {2}connection: site,\n {2}adopt: "\d+",/);
    expect(program).toMatch(/orgId: organizationAcmeFacilities\.id/);
    expect(program).toMatch(/projectId: projectSensors\.id/);
    expect(res.stdout).toContain("pulumi config set --secret hexio:cloud.password <value>");

    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "tenants",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        "hexio:cloud.username": BOT.username,
        "hexio:cloud.password": { secret: BOT.password },
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(7); // 2 organizations, 2 projects, 2 memberships, the stack
    expect(emu.requests.filter((r) => r.method !== "GET" && !r.path.includes("/auth/"))).toEqual([]);
    expect((await engine.refresh({ previewOnly: true })).steps.filter((s) => s.op !== "same")).toEqual([]);
    const drift = await facility("drift", engine.statePath, "--config", config, "--format", "json");
    expect(JSON.parse(drift.stdout).summary).toMatchObject({ resources: 6, inSync: 6, unmanaged: 0 });
    expect(drift.code).toBe(0);
  });
});
