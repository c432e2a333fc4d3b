import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type SinemaEmulator, startSinema } from "../emulators/sinema";
import { createEngine, type Engine } from "../engine";
import { SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
const ADMIN = { username: "pulumi-api", password: SECRETS.sinemaPassword };
let emu: SinemaEmulator;
let tmp: string;
let pristine: unknown;

function plant(extraConfig: Record<string, unknown> = {}) {
  return createEngine({
    dir: path.join(root, "examples/sinema"),
    program: "index.ts",
    project: "facility-sinema",
    stack: "dev",
    statePath: path.join(tmp, "dev.json"),
    config: {
      sinemaUrl: emu.httpsUrl!,
      sinemaCaCertPem: tlsFixture("ca.pem"),
      devicePassword: { secret: SECRETS.sinemaDevicePassword },
      alicePassword: { secret: SECRETS.sinemaAlicePassword },
      bobPassword: { secret: SECRETS.sinemaBobPassword },
      "sinema:plant.username": ADMIN.username,
      "sinema:plant.password": { secret: ADMIN.password },
      ...extraConfig,
    },
  });
}

const byName = (entity: "devices" | "groups" | "roles" | "subnets", name: string) =>
  emu.list(entity).find((o) => o.name === name)!;
const user = (username: string) => emu.list("users").find((u) => u.username === username)!;
const writes = () =>
  emu
    .writes()
    .filter((r) => !r.path.endsWith("/api-auth"))
    .map((r) => `${r.method} ${r.path.slice("/api/v1".length).replace(/\/\d+$/, "/{id}")}`);

const checkState = (engine: Engine) => expectCleanState(engine);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-e2e-sinema-"));
  emu = await startSinema({ accounts: [ADMIN], https: "ca" });
  pristine = emu.snapshot();
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/sinema through the test engine", () => {
  it("creates the plant: groups, relation, three devices with subnets, a role, two users, DNS", async () => {
    const up = await plant().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(18); // 17 resources and the stack
    const lines = byName("groups", "Production lines");
    const engineers = byName("groups", "Engineers");
    expect(emu.related("destinations", engineers.id)).toEqual([lines.id]);
    for (const n of [1, 2, 3]) {
      const device = byName("devices", `Line ${n} router`);
      expect(device).toMatchObject({ type: 2, connectionType: 1, password: SECRETS.sinemaDevicePassword });
      expect(emu.related("deviceGroups", device.id)).toEqual([lines.id]);
      expect(emu.list("subnets").find((s) => s.deviceid === device.id)).toMatchObject({
        name: "LAN",
        ipAddress: `192.168.${10 + n}.0`,
        subnetMask: "255.255.255.0",
      });
    }
    const operations = byName("roles", "Operations");
    expect(operations).toMatchObject({ rights: [5, 12, 17], passwordExpire: 90 });
    expect(emu.related("userRoles", user("alice").id)).toEqual([operations.id]);
    expect(emu.related("userGroups", user("bob").id)).toEqual([engineers.id]);
    const plcPorts = emu.list("portgroups");
    expect(plcPorts).toMatchObject([{ name: "PLC access", icmpEnabled: true, ports: [{ port: 102 }, { port: 502 }] }]);
    expect(emu.related("portgroupGroups", plcPorts[0]!.id)).toEqual([engineers.id]);
    expect(emu.setting("dns")).toMatchObject({ hostname: "rc.plant.example", dnsPrimary: "10.0.0.53" });
    expect(emu.setting("passwordpolicy")).toMatchObject({ policy: 1, minPasswordLength: 12 });
    expect(emu.setting("bruteforceprevention")).toMatchObject({ policy: 1, ipAddressBlockPeriod: 900 });
    expect(emu.setting("openvpn")).toMatchObject({ cipher: 3, hash: 3, tls: 2, key: 4 });
    checkState(plant());
  });

  it("changes exactly what changed: one PUT for one changed field, nothing on the next up", async () => {
    emu.clearRequests();
    const changed = await plant({ line1Location: "Hall 4" }).up();
    expect(changed.summary).toMatchObject({ create: 0, update: 1, delete: 0, same: 17 });
    expect(
      emu
        .writes()
        .filter((r) => !r.path.endsWith("/api-auth"))
        .map((r) => [r.method, r.body]),
    ).toEqual([["PUT", { location: "Hall 4" }]]);
  });

  it("shows out-of-band changes in refresh property by property, and the next up corrects them", async () => {
    const line1 = byName("devices", "Line 1 router");
    const line2 = byName("devices", "Line 2 router");
    const line3 = byName("devices", "Line 3 router");
    emu.edit("devices", line1.id, { location: "Basement" });
    emu.unrelate("deviceGroups", line2.id, byName("groups", "Production lines").id);
    emu.setEnabled("users", user("alice").id, false);
    emu.editSetting("dns", { dnsPrimary: "10.6.6.6" });
    emu.remove("subnets", emu.list("subnets").find((s) => s.deviceid === line3.id)!.id);
    emu.clearRequests();

    const drift = await plant({ line1Location: "Hall 4" }).refresh({ previewOnly: true });
    expect(writes()).toEqual([]);
    const changed = Object.fromEntries(
      drift.steps.filter((s) => s.op !== "same").map((s) => [s.name, s.op === "update" ? s.diffs?.sort() : s.op]),
    );
    expect(changed).toEqual({
      "line-1": ["location"],
      "line-2": ["groups"],
      alice: ["enabled"],
      dns: ["dnsPrimary"],
      "line-3-lan": "delete",
    });

    expect((await plant({ line1Location: "Hall 4" }).refresh()).ok).toBe(true);
    emu.clearRequests();
    const fix = await plant({ line1Location: "Hall 4" }).up();
    expect(fix.errors).toEqual([]);
    expect(writes().sort()).toEqual([
      "POST /connections/devices/groups",
      "POST /connections/devices/subnets",
      "POST /connections/devices/subnets/groups",
      "POST /system/network/dns",
      "PUT /accounts/users/status/{id}",
      "PUT /connections/devices/{id}",
    ]);
    expect(emu.get("devices", line1.id)).toMatchObject({ location: "Hall 4" });
    expect(emu.enabled("users", user("alice").id)).toBe(true);
    emu.clearRequests();
    const again = await plant({ line1Location: "Hall 4" }).up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 18 });
    expect(writes()).toEqual([]);
    checkState(plant());
  });

  it("destroys in dependency order and leaves the server as it started", async () => {
    const down = await plant().destroy();
    expect(down.errors).toEqual([]);
    expect(emu.snapshot()).toEqual(pristine);
    checkState(plant());
  });
});
