import { beforeEach, describe, expect, it } from "vitest";
import { AlarmManager, MultiSensor } from "../../providers/kentix";
import { SEEDED_ALARMMANAGERS, SEEDED_MULTISENSORS } from "../emulators/kentix";
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

// The AlarmManager and the MultiSensor share one configuration object in the seed: one table of cases.
const CASES = [
  {
    kind: AlarmManager,
    name: "AlarmManager",
    idKey: "alarmManagerId",
    path: "/api/alarmmanagers",
    table: "alarmmanagers",
    seeded: SEEDED_ALARMMANAGERS, // 2 "AlarmManager", 3 "AlarmManager Annex"
    main: { id: "2", name: "AlarmManager", type: 101, typeName: "Alarmmanager" },
    other: { id: "3", name: "AlarmManager Annex" },
  },
  {
    kind: MultiSensor,
    name: "MultiSensor",
    idKey: "multiSensorId",
    path: "/api/multisensors",
    table: "multisensors",
    seeded: SEEDED_MULTISENSORS, // 4 "MultiSensor" (RF), 5 "MultiSensor TI"
    main: { id: "4", name: "MultiSensor", type: 1, typeName: "MultiSensor-RF" },
    other: { id: "5", name: "MultiSensor TI" },
  },
] as const;

describe.each(CASES)("kentix.$name (an existing device: configured, never created or deleted)", (c) => {
  const { kind, idKey, path, table, main } = c;
  const lc = () => lifecycleOf(kind);
  const conn = () => kentix.connection;
  beforeEach(() => {
    for (const device of c.seeded) kentix.emu.insert(table, device);
    kentix.emu.clearRequests();
  });

  it("selected by id: reads the device, keeps the values it had, writes only the declared fields that differ", async () => {
    const group = kentix.emu.insert("alarmgroups", { name: "Building A" });
    const rack = kentix.emu.insert("racks", { name: "Rack 1", group_id: group.id });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: conn(),
      [idKey]: main.id,
      name: "Hall",
      isActive: true, // already so: not written
      alarmDelay: 30,
      alarmGroupId: String(group.id),
      rackId: String(rack.id),
      monitoring: { temperature: { min: 5, max: 30 } },
      webhookRelations: [{ webhook_id: 1, event: "alarm" }],
    } as never);
    expect(id).toBe(main.id);
    expect(calls(kentix.emu)).toEqual([
      `GET ${path}/${main.id}`,
      {
        [`PATCH ${path}/${main.id}`]: {
          name: "Hall",
          alarmdelay: 30,
          monitoring: { temperature: { min: 5, max: 30 } },
          group_id: group.id,
          rack_id: rack.id,
          webhooks: [{ webhook_id: 1, event: "alarm" }],
        },
      },
    ]);
    expect(kentix.emu.get(table, Number(main.id))).toMatchObject({
      name: "Hall",
      group_id: group.id,
      rack_id: rack.id,
    });
    expect(outs).toMatchObject({
      [idKey]: main.id,
      name: "Hall",
      type: main.type, // read-only outputs
      typeName: main.typeName,
      deviceId: 1,
      restoreValues: {
        name: main.name,
        isActive: true,
        alarmDelay: 10,
        alarmGroupId: null, // the appliance's 0: no group
        rackId: null, // the sample's null: no rack
        webhookRelations: [],
      },
    });
    // Kept as read (the appliance may send an integer inside a hidden object as a string).
    expect(JSON.stringify((outs.restoreValues as { monitoring: unknown }).monitoring).replace(/"(\d+)"/g, "$1")).toBe(
      '{"temperature":{"min":10,"max":35}}',
    );
  });

  it("selected by name (no id): one listing finds the device; a name no device has fails without a write", async () => {
    const { id } = await createChecked(kind, {
      connection: conn(),
      name: c.other.name,
      fire: { active: false },
    } as never);
    expect(id).toBe(c.other.id);
    expect(calls(kentix.emu)).toEqual([
      `GET ${path}`,
      `GET ${path}/${c.other.id}`,
      { [`PATCH ${path}/${c.other.id}`]: { fire: { active: false } } },
    ]);
    kentix.emu.clearRequests();
    const err = await failure(createChecked(kind, { connection: conn(), name: "Nowhere", isActive: false } as never));
    expect(err.message).toMatch(
      new RegExp(`^name: no kentix:${c.name} on the appliance \\(.*\\) has the name "Nowhere"`),
    );
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: conn(),
        [idKey]: main.id,
        alarmDelay: 20,
        intrusion: { active: true },
        rackId: null,
        deletePolicy: "restore",
      } as never,
      kentix.emu,
    ));

  it("writes one changed field with one PATCH", async () => {
    const declared = { connection: conn(), [idKey]: main.id, isActive: true, description: "x" };
    const { id, outs } = await createChecked(kind, declared as never);
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, { ...declared, isActive: false } as never);
    expect(calls(kentix.emu)).toEqual([{ [`PATCH ${path}/${main.id}`]: { is_active: false } }]);
  });

  it("refresh shows a declared field changed out of band; outputs and undeclared keys of hidden objects are never drift", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: conn(),
      [idKey]: main.id,
      address: "10.0.0.7",
      output: { buzzer: true },
    } as never);
    kentix.emu.edit(table, Number(main.id), {
      type_name: "Renamed",
      output: { buzzer: true, led: "red" },
      alarmdelay: 99,
    });
    const quiet = await lc().read(id, outs);
    expect(quiet.props).toMatchObject({ typeName: "Renamed" });
    expect(await lc().diff(id, quiet.props!, outs)).toEqual({ changes: false });
    kentix.emu.edit(table, Number(main.id), { address: "10.0.0.8", output: { buzzer: false } });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ address: "10.0.0.8", output: { buzzer: false } });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy retains by default (no request) and restores the values found on request; never a DELETE", async () => {
    const kept = await createChecked(kind, { connection: conn(), [idKey]: main.id, name: "Lobby" } as never);
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
    expect(kentix.emu.get(table, Number(main.id))!.name).toBe("Lobby");

    const group = kentix.emu.insert("alarmgroups", { name: "Annex" });
    const restored = await createChecked(kind, {
      connection: conn(),
      name: c.other.name,
      alarmDelay: 0,
      alarmGroupId: String(group.id),
      deletePolicy: "restore",
    } as never);
    kentix.emu.clearRequests();
    await lc().delete(restored.id, restored.outs);
    // "No group" goes back as the appliance's 0.
    expect(calls(kentix.emu)).toEqual([
      { [`PATCH ${path}/${c.other.id}`]: { name: c.other.name, alarmdelay: 10, group_id: 0 } },
    ]);
    expect(kentix.emu.list(table)).toHaveLength(2);
    expect(lc().deletePolicies).toEqual(["retain", "restore"]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({
          connection: conn(),
          [idKey]: "main",
          alarmDelay: -1,
          monitoring: [1],
          alarmGroupId: "x",
          typeName: "Alarmmanager", // read-only: an output, never an input
          deletePolicy: "delete", // the API cannot delete a device
        }),
      ),
    ).toEqual([idKey, "alarmGroupId", "alarmDelay", "monitoring", "deletePolicy", "(resource)"]);
    expect(await failingProperties(kind, { connection: conn(), isActive: true } as never)).toEqual([idKey]);
    expect(kentix.emu.requests).toEqual([]);
  });
});

describe("kentix.MultiSensor thermal (MultiSensor-TI) settings", () => {
  beforeEach(() => {
    for (const device of SEEDED_MULTISENSORS) kentix.emu.insert("multisensors", device);
    kentix.emu.clearRequests();
  });

  it("the emissivity is a number in the program, a string on the wire, equal to the appliance's noisy string", async () => {
    const { id, outs } = await createChecked(MultiSensor, {
      connection: kentix.connection,
      name: "MultiSensor TI",
      irEmissivity: 0.95, // the appliance's "0.9499999999999999996": no write
      irColorMode: "gray",
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/multisensors",
      "GET /api/multisensors/5",
      { "PATCH /api/multisensors/5": { ir_color_mode: "gray" } },
    ]);
    kentix.emu.clearRequests();
    await updateChecked(MultiSensor, id, outs, {
      connection: kentix.connection,
      name: "MultiSensor TI",
      irEmissivity: 0.9,
      irColorMode: "gray",
    });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/multisensors/5": { ir_emissivity: "0.9" } }]);
    expect(
      await failingProperties(MultiSensor, unchecked({ connection: kentix.connection, name: "x", irEmissivity: 1.5 })),
    ).toEqual(["irEmissivity"]);
  });

  it("an ir field sent to a MultiSensor-RF is refused by the appliance, and the error names it", async () => {
    const err = await failure(
      createChecked(MultiSensor, { connection: kentix.connection, multiSensorId: "4", irDistance: 300 }),
    );
    expect(err.message).toMatch(/ir_distance/);
  });
});
