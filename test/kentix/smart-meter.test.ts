import { beforeEach, describe, expect, it } from "vitest";
import { SmartMeter } from "../../providers/kentix";
import { SEEDED_SMARTMETERS } from "../emulators/kentix";
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
const kind = SmartMeter;
const lc = () => lifecycleOf(kind);
beforeEach(() => {
  for (const meter of SEEDED_SMARTMETERS) kentix.emu.insert("smartmeters", meter); // 2 "Algodue 1-phasig", 9 "Algodue B"
  kentix.emu.clearRequests();
});

describe("kentix.SmartMeter lifecycle (an existing meter: configured, never created or deleted)", () => {
  it("selected by id: reads, keeps the values it had, writes the declared fields that differ in the wire's types", async () => {
    const group = kentix.emu.insert("alarmgroups", { name: "Power" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      smartMeterId: "2",
      usesSignedIntegers: false,
      modbusAddress: "4",
      rcmAcMax: null,
      supplyLine: "", // a value of its own, not "none"
      alarmGroupId: String(group.id),
      port: 502, // already so: not written
    });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/smartmeters/2",
      {
        "PATCH /api/smartmeters/2": {
          group_id: group.id,
          uses_signed_integers: 0,
          address: "4",
          rcm_ac_max: null,
          supplyline: "",
        },
      },
    ]);
    expect(outs).toMatchObject({
      type: 314,
      typeName: "Algodue-UEM40-2C",
      restoreValues: {
        usesSignedIntegers: true,
        modbusAddress: "2",
        rcmAcMax: 100,
        supplyLine: "a",
        alarmGroupId: null,
      },
    });
  });

  it("selected by name; a name no meter has fails without a write", async () => {
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "Algodue B", supplyLine: "none" });
    expect(id).toBe("9");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/smartmeters",
      "GET /api/smartmeters/9",
      { "PATCH /api/smartmeters/9": { supplyline: "none" } },
    ]);
    kentix.emu.clearRequests();
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Nowhere" }));
    expect(err.message).toMatch(/^name: no kentix:SmartMeter on the appliance \(.*\) has the name "Nowhere"/);
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        smartMeterId: "9",
        usesSignedIntegers: true,
        supplyLine: "",
        rcmDcMax: 50,
        modbusReadFunction: "0x04",
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("one change = one PATCH; refresh drift; destroy retains or restores, never a DELETE", async () => {
    const declared = { connection: kentix.connection, smartMeterId: "9", deletePolicy: "restore" } as const;
    const { id, outs } = await createChecked(kind, { ...declared, rcmDcAssignment: "fire" });
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, rcmDcAssignment: "display" });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/smartmeters/9": { rcm_dc_assignment: "display" } }]);
    kentix.emu.edit("smartmeters", 9, { rcm_dc_assignment: "off", type_name: "other" });
    const { inputs, diff } = await refreshDiff(kind, id, next);
    expect(inputs).toMatchObject({ rcmDcAssignment: "off" });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.clearRequests();
    await lc().delete(id, next);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/smartmeters/9": { rcm_dc_assignment: "always-active" } }]);
    const kept = await createChecked(kind, { connection: kentix.connection, smartMeterId: "2", name: "Kept" });
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
          smartMeterId: "2",
          modbusReadFunction: "0x05",
          modbusAddress: 2,
          rcmAcAssignment: "on",
          supplyLine: "c",
        }),
      ),
    ).toEqual(["modbusReadFunction", "modbusAddress", "rcmAcAssignment", "supplyLine"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
