import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type HexioEmulator, startHexio } from "../emulators/hexio";
import { createEngine, type Engine } from "../engine";
import { SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
const BOT = { userId: 1, username: "pulumi-bot", password: SECRETS.hexioPassword };
const ALICE = { userId: 12, username: "alice", password: "alice-unused" };
const BOB = { userId: 13, username: "bob", password: "bob-unused" };
let emu: HexioEmulator;
let tmp: string;

function cloud(extraConfig: Record<string, unknown> = {}) {
  return createEngine({
    dir: path.join(root, "examples/hexio"),
    program: "index.ts",
    project: "hexio-tenants",
    stack: "dev",
    statePath: path.join(tmp, "dev.json"),
    config: {
      hexioUrl: `${emu.httpsUrl!}/v1`,
      hexioCaCertPem: tlsFixture("ca.pem"),
      aliceUserId: String(ALICE.userId),
      bobUserId: String(BOB.userId),
      "hexio:cloud.username": BOT.username,
      "hexio:cloud.password": { secret: SECRETS.hexioPassword },
      ...extraConfig,
    },
  });
}

/** Writes without the login, ids replaced by {id}. */
const writes = () =>
  emu
    .writes()
    .filter((r) => !r.path.startsWith("/v1/auth/"))
    .map((r) => `${r.method} ${r.path.replace(/^\/v1/, "").replace(/\/\d+/g, "/{id}")}`);
const org = (name: string) => emu.orgs().find((o) => o.name === name)!;
const project = (name: string) => emu.projects().find((p) => p.name === name)!;

const checkState = (engine: Engine) => expectCleanState(engine);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-hexio-e2e-"));
  emu = await startHexio({ users: [BOT, ALICE, BOB], https: "ca" });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/hexio through the test engine", () => {
  it("creates two organizations, three projects and the memberships, parents first", async () => {
    const up = await cloud().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(9); // eight resources and the stack
    expect(writes().sort()).toEqual([
      "POST /orgs",
      "POST /orgs",
      "POST /orgs/{id}/projects",
      "POST /orgs/{id}/projects",
      "POST /orgs/{id}/projects",
      "PUT /orgs/{id}/permissions",
      "PUT /orgs/{id}/projects/{id}/permissions",
      "PUT /orgs/{id}/projects/{id}/permissions",
    ]);
    const acme = org("ACME Facilities");
    expect(acme).toMatchObject({
      contactPerson: "Jane Roe",
      projectsLimit: 10,
      usersLimit: 50,
      devicesLimit: -1,
      enabled: true,
      createdBy: BOT.username,
    });
    expect(project("Sensors")).toMatchObject({ orgId: acme.orgId, dataRetention: "90d", rateLimit: 100 });
    expect(project("Pilot")).toMatchObject({ orgId: org("Lab").orgId, rateLimit: -1 });
    const byProject = (name: string) => ["PROJECT", project(name).projectId];
    expect(emu.assignments().map((a) => [a.resourceType, a.resourceId, a.userId, a.roles])).toEqual(
      expect.arrayContaining([
        ["ORG", acme.orgId, ALICE.userId, [3, 5]],
        [...byProject("Sensors"), BOB.userId, [2]],
        [...byProject("Pilot"), ALICE.userId, [1, 2]],
      ]),
    );
    expect(emu.assignments()).toHaveLength(3);
    expect(up.outputs).toMatchObject({
      acmeId: String(acme.orgId),
      sensorsProjectId: String(project("Sensors").projectId),
    });
    checkState(cloud());
  });

  it("makes zero writes on a second up, and one read-modify-write for one changed field", async () => {
    emu.clearRequests();
    const again = await cloud().up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 9 });
    expect(writes()).toEqual([]);
    const changed = await cloud({ sensorsRetention: "1y" }).up();
    expect(changed.summary).toMatchObject({ update: 1, same: 8 });
    expect(writes()).toEqual(["PUT /orgs/{id}/projects/{id}"]);
    expect(project("Sensors")).toMatchObject({
      dataRetention: "1y",
      description: "Room climate sensors",
      rateLimit: 100,
    });
  });

  it("reports out-of-band changes property by property and corrects them on the next up", async () => {
    const acme = org("ACME Facilities");
    emu.editProject(project("Sensors").projectId as number, { rateLimit: 5000, modifiedBy: "web-ui" });
    emu.editOrg(acme.orgId as number, { usersLimit: 500 });
    emu.setRoles("ORG", acme.orgId as number, ALICE.userId, [1]);
    emu.setRoles("PROJECT", project("Sensors").projectId as number, BOB.userId, []);
    emu.clearRequests();
    const engine = () => cloud({ sensorsRetention: "1y" });

    const drift = await engine().refresh({ previewOnly: true });
    expect(emu.writes().filter((r) => !r.path.startsWith("/v1/auth/"))).toEqual([]);
    const step = (name: string) => drift.steps.find((s) => s.name === name)!;
    expect([step("sensors").op, step("sensors").diffs]).toEqual(["update", ["rateLimit"]]);
    expect([step("acme").op, step("acme").diffs]).toEqual(["update", ["usersLimit"]]);
    expect([step("alice-acme").op, step("alice-acme").diffs]).toEqual(["update", ["roles"]]);
    expect(step("bob-sensors").op).toBe("delete");
    expect(drift.steps.filter((s) => s.op !== "same")).toHaveLength(4);

    expect((await engine().refresh()).ok).toBe(true);
    emu.clearRequests();
    const fix = await engine().up();
    expect(fix.errors).toEqual([]);
    expect(writes().sort()).toEqual([
      "PUT /orgs/{id}",
      "PUT /orgs/{id}/permissions",
      "PUT /orgs/{id}/projects/{id}",
      "PUT /orgs/{id}/projects/{id}/permissions",
    ]);
    expect(project("Sensors").rateLimit).toBe(100);
    expect(emu.assignments("ORG")[0]!.roles).toEqual([3, 5]);
    expect((await engine().refresh({ previewOnly: true })).steps.every((s) => s.op === "same")).toBe(true);
    checkState(cloud());
  });

  it("retires a tenant: membership, project, then organization (the platform refuses the other order)", async () => {
    emu.clearRequests();
    const retire = await cloud({ sensorsRetention: "1y", withLab: false }).up();
    expect(retire.errors).toEqual([]);
    expect(retire.summary).toMatchObject({ delete: 3, same: 6 });
    expect(writes()).toEqual([
      "PUT /orgs/{id}/projects/{id}/permissions",
      "DELETE /orgs/{id}/projects/{id}",
      "DELETE /orgs/{id}",
    ]);
    expect(emu.orgs().map((o) => o.name)).toEqual(["ACME Facilities"]);
  });

  it("destroys everything it created", async () => {
    const down = await cloud({ sensorsRetention: "1y", withLab: false }).destroy();
    expect(down.errors).toEqual([]);
    expect([emu.orgs(), emu.projects(), emu.assignments()]).toEqual([[], [], []]);
    checkState(cloud());
  });
});
