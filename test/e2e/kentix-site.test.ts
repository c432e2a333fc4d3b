/**
 * examples/kentix-site through the test engine: a server room with a rack, a MultiSensor, SmartPDU outlets, VdS
 * transmission, SNMP and the system settings. The must-holds of issue 13: a no-change `up` makes zero requests,
 * and destroy sends no DELETE to a device, an outlet or a settings singleton.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import {
  type KentixEmulator,
  SEEDED_MULTISENSORS,
  SEEDED_OUTLETS,
  SEEDED_POWERMANAGERS,
  startKentix,
} from "../emulators/kentix";
import { createEngine } from "../engine";
import { SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
let emu: KentixEmulator;
let tmp: string;

const KENTIX_SITE_SECRETS = {
  vdsKey: SECRETS.kentixVdsKey,
  snmpAuthPassword: SECRETS.kentixSnmpAuthPassword,
  snmpPrivPassword: SECRETS.kentixSnmpPrivPassword,
  smtpPassword: SECRETS.kentixSmtpPassword,
};
const engine = () =>
  createEngine({
    dir: path.join(root, "examples/kentix-site"),
    program: "index.ts",
    project: "facility-kentix-site",
    stack: "dev",
    statePath: path.join(tmp, "dev.json"),
    config: {
      kentixUrl: emu.httpsUrl!,
      kentixCaCertPem: tlsFixture("ca.pem"),
      "kentix:hq.token": { secret: SECRETS.kentixToken },
      ...Object.fromEntries(Object.entries(KENTIX_SITE_SECRETS).map(([k, v]) => [k, { secret: v }])),
    },
  });
const writes = () => emu.writes().map((r) => `${r.method} ${r.path.replace(/\/\d+$/, "/{id}")}`);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-e2e-site-"));
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
  // The hardware the example selects: the sensors and the SmartPDU's outlets are taught in on the appliance.
  for (const sensor of SEEDED_MULTISENSORS) emu.insert("multisensors", sensor);
  for (const outlet of SEEDED_OUTLETS) emu.insert("outlets", outlet);
  for (const pdu of SEEDED_POWERMANAGERS) emu.insert("powermanagers", pdu);
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/kentix-site through the test engine", () => {
  it("configures the server room; a second up makes no request at all; drift shows in refresh", async () => {
    const up = await engine().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(16); // fifteen resources and the stack
    expect(writes().sort()).toEqual([
      "PATCH /api/datetime",
      "PATCH /api/email",
      "PATCH /api/locale",
      "PATCH /api/multisensors/{id}",
      "PATCH /api/outlets/{id}",
      "PATCH /api/outlets/{id}",
      "PATCH /api/powermanagers/{id}",
      "PATCH /api/racks/{id}", // the rest of the rack, after its create
      "PATCH /api/snmp",
      "PATCH /api/systemname",
      "PATCH /api/vds",
      "POST /api/alarmgroups",
      "POST /api/racks",
      "POST /api/snmpcredentials",
      "POST /api/vdslines",
      "POST /api/vdslines",
    ]);
    const rack = emu.list("racks")[0]!;
    const group = emu.list("alarmgroups")[0]!;
    expect(rack).toMatchObject({ name: "Rack A1", group_id: group.id, description: "Server room, row A" });
    expect(emu.get("multisensors", 5)).toMatchObject({ group_id: group.id, rack_id: rack.id });
    expect(emu.get("powermanagers", 2)).toMatchObject({ group_id: group.id, rack_id: rack.id });
    expect(emu.get("outlets", 1)).toMatchObject({ name: "Server A PSU 1", switch_dual: true });
    expect(emu.setting("vds")).toMatchObject({ is_active: true, key: SECRETS.kentixVdsKey });
    expect(emu.setting("systemname")).toEqual({ name: "HQ server room" });
    expectCleanState(engine(), Object.values(KENTIX_SITE_SECRETS));

    emu.clearRequests();
    const again = await engine().up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 16 });
    expect(emu.requests).toEqual([]); // not even a read

    emu.edit("outlets", 2, { name: "spare" });
    const drift = await engine().refresh({ previewOnly: true });
    expect(drift.steps.filter((s) => s.op !== "same").map((s) => [s.name, s.op, s.diffs])).toEqual([
      ["server-a-psu2", "update", ["name"]],
    ]);
    emu.edit("outlets", 2, { name: "Server A PSU 2" });
  });

  it("destroy deletes the collections it created, and never a device, an outlet or a settings singleton", async () => {
    emu.clearRequests();
    const down = await engine().destroy();
    expect(down.errors).toEqual([]);
    expect(writes().sort()).toEqual([
      "DELETE /api/alarmgroups/{id}",
      "DELETE /api/racks/{id}",
      "DELETE /api/snmpcredentials/{id}",
      "DELETE /api/vdslines/{id}",
      "DELETE /api/vdslines/{id}",
      "PATCH /api/datetime", // restore
      "PATCH /api/multisensors/{id}", // restore
      "PATCH /api/powermanagers/{id}", // restore
      "PATCH /api/vds", // disable
    ]);
    expect(emu.setting("vds")).toMatchObject({ is_active: false });
    expect(emu.list("multisensors")).toHaveLength(2);
    expect(emu.list("outlets")).toHaveLength(2);
    expect(emu.list("powermanagers")).toHaveLength(2);
    expect(emu.setting("systemname")).toEqual({ name: "HQ server room" }); // retained
  });
});
