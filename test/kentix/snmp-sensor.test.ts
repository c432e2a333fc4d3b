import { beforeEach, describe, expect, it } from "vitest";
import { SnmpSensor } from "../../providers/kentix";
import { SEEDED_SNMPSENSORS } from "../emulators/kentix";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = SnmpSensor;
const lc = () => lifecycleOf(kind);
beforeEach(() => {
  for (const sensor of SEEDED_SNMPSENSORS) kentix.emu.insert("snmpsensors", sensor); // 2 "SNMP uptime", 8 "SNMP UPS load"
  kentix.emu.clearRequests();
});

describe("kentix.SnmpSensor lifecycle (an existing sensor: configured, never created or deleted)", () => {
  it("selected by id: reads, keeps the values it had, writes the declared fields that differ", async () => {
    kentix.emu.insert("snmpcredentials", { name: "Core switch" }); // id 1: the sensor's credential
    const cred = kentix.emu.insert("snmpcredentials", { name: "UPS" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      snmpSensorId: "2",
      oid: ".1.3.6.1.2.1.1.3.0",
      snmpCredentialId: String(cred.id),
      sendCycle: 60, // already so: not written
      settings: { max: 90 },
      webhookRelations: [[1, "alarm"]],
    });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/snmpsensors/2",
      {
        "PATCH /api/snmpsensors/2": {
          snmp_oid: ".1.3.6.1.2.1.1.3.0",
          snmp_credential_id: cred.id,
          settings: { min: 0, max: 90 }, // the object as read, the declared key changed
          webhooks: [[1, "alarm"]],
        },
      },
    ]);
    expect(kentix.emu.get("snmpsensors", 2)).toMatchObject({ settings: { min: 0, max: 90 } });
    expect(outs).toMatchObject({
      restoreValues: { oid: ".1.1.1.1.1.1.1.1.1.1.1.1.1.1", sendCycle: 60, webhookRelations: [] },
    });
  });

  it("selected by name; a name no sensor has fails without a write", async () => {
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "SNMP UPS load", alarmDelay: 0 });
    expect(id).toBe("8");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/snmpsensors",
      "GET /api/snmpsensors/8",
      { "PATCH /api/snmpsensors/8": { alarmdelay: 0 } },
    ]);
    kentix.emu.clearRequests();
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Nowhere" }));
    expect(err.message).toMatch(/^name: no kentix:SnmpSensor on the appliance \(.*\) has the name "Nowhere"/);
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        snmpSensorId: "2",
        settings: { min: 5 },
        sendCycle: 30,
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("one change = one PATCH; refresh drift; destroy retains or restores, never a DELETE", async () => {
    const declared = {
      connection: kentix.connection,
      snmpSensorId: "8",
      isActive: true,
      deletePolicy: "restore",
    } as const;
    const { id, outs } = await createChecked(kind, { ...declared, description: "UPS" });
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, description: "UPS A" });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/snmpsensors/8": { description: "UPS A" } }]);
    kentix.emu.edit("snmpsensors", 8, { is_active: false });
    const { inputs, diff } = await refreshDiff(kind, id, next);
    expect(inputs).toMatchObject({ isActive: false });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.clearRequests();
    await lc().delete(id, next);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/snmpsensors/8": { is_active: true, description: "" } }]);
    const kept = await createChecked(kind, { connection: kentix.connection, snmpSensorId: "2", name: "Kept" });
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({
          connection: kentix.connection,
          snmpSensorId: "s",
          oid: "sysUpTime",
          sendCycle: 0,
          alarmGroupId: "1", // the SmartAPI shows no alarm group for SNMP sensors
        }),
      ),
    ).toEqual(["snmpSensorId", "oid", "sendCycle", "(resource)"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
