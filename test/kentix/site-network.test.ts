import { beforeEach, describe, expect, it } from "vitest";
import { NetworkSensor, SiteManager } from "../../providers/kentix";
import { SEEDED_NETWORKSENSORS, SEEDED_SITEMANAGERS } from "../emulators/kentix";
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

const CASES = [
  {
    name: "SiteManager",
    kind: SiteManager,
    idKey: "siteManagerId",
    path: "/api/sitemanagers",
    table: "sitemanagers",
    seeded: SEEDED_SITEMANAGERS, // 1 "SiteManager", 6 "SiteManager Annex"
    main: "1",
    other: { id: "6", name: "SiteManager Annex" },
    outputs: { type: 113, macAddress: "12:34:56:78:90:ab" },
    declared: { address: "10.1.0.5" },
    wire: { address: "10.1.0.5" },
    bad: { address: "" },
  },
  {
    name: "NetworkSensor",
    kind: NetworkSensor,
    idKey: "networkSensorId",
    path: "/api/networksensors",
    table: "networksensors",
    seeded: SEEDED_NETWORKSENSORS, // 2 "Network-Sensor" (ping), 7 "Network-Sensor Web" (port 443)
    main: "2",
    other: { id: "7", name: "Network-Sensor Web" },
    outputs: { type: 142 },
    declared: { serviceType: "port", port: 22, serviceInterval: 60, alarmValue: { delay: 30 } },
    wire: { service_type: "port", port: 22, service_interval: 60, alarmvalue: { delay: 30 } },
    bad: { serviceType: "tcp" },
  },
] as const;

describe.each(CASES)("kentix.$name (an existing device: configured, never created or deleted)", (c) => {
  const { kind, idKey, path, table, main } = c;
  const lc = () => lifecycleOf(kind);
  beforeEach(() => {
    for (const device of c.seeded) kentix.emu.insert(table, device);
    kentix.emu.clearRequests();
  });

  it("selected by id: reads, keeps the values it had, writes the declared fields that differ; memberships as refs", async () => {
    const group = kentix.emu.insert("alarmgroups", { name: "Building A" });
    const rack = kentix.emu.insert("racks", { name: "Rack 1", group_id: group.id });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      [idKey]: main,
      isActive: true, // already so: not written
      alarmGroupId: String(group.id),
      rackId: String(rack.id),
      ...c.declared,
    } as never);
    expect(id).toBe(main);
    expect(calls(kentix.emu)).toEqual([
      `GET ${path}/${main}`,
      { [`PATCH ${path}/${main}`]: { group_id: group.id, rack_id: rack.id, ...c.wire } },
    ]);
    expect(outs).toMatchObject({ ...c.outputs, restoreValues: { isActive: true, alarmGroupId: null, rackId: null } });
  });

  it("selected by name; a name no device has fails without a write", async () => {
    const { id } = await createChecked(kind, {
      connection: kentix.connection,
      name: c.other.name,
      isActive: false,
    } as never);
    expect(id).toBe(c.other.id);
    expect(calls(kentix.emu)).toEqual([
      `GET ${path}`,
      `GET ${path}/${c.other.id}`,
      { [`PATCH ${path}/${c.other.id}`]: { is_active: false } },
    ]);
    kentix.emu.clearRequests();
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Nowhere" } as never));
    expect(err.message).toMatch(
      new RegExp(`^name: no kentix:${c.name} on the appliance \\(.*\\) has the name "Nowhere"`),
    );
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      { connection: kentix.connection, [idKey]: main, ...c.declared, rackId: null, deletePolicy: "restore" } as never,
      kentix.emu,
    ));

  it("writes one changed field with one PATCH; refresh shows drift of a declared field", async () => {
    const declared = { connection: kentix.connection, [idKey]: main, isActive: true, name: "Renamed" };
    const { id, outs } = await createChecked(kind, declared as never);
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, isActive: false } as never);
    expect(calls(kentix.emu)).toEqual([{ [`PATCH ${path}/${main}`]: { is_active: false } }]);
    kentix.emu.edit(table, Number(main), { type: 999 });
    const quiet = await lc().read(id, next);
    expect(await lc().diff(id, quiet.props!, next)).toEqual({ changes: false });
    kentix.emu.edit(table, Number(main), { name: "Changed by hand" });
    const { inputs, diff } = await refreshDiff(kind, id, next);
    expect(inputs).toMatchObject({ name: "Changed by hand" });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy retains by default (no request) and restores on request; never a DELETE", async () => {
    const kept = await createChecked(kind, { connection: kentix.connection, [idKey]: main, name: "Lobby" } as never);
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
    const group = kentix.emu.insert("alarmgroups", { name: "Annex" });
    const restored = await createChecked(kind, {
      connection: kentix.connection,
      name: c.other.name,
      alarmGroupId: String(group.id),
      deletePolicy: "restore",
    } as never);
    kentix.emu.clearRequests();
    await lc().delete(restored.id, restored.outs);
    expect(calls(kentix.emu)).toEqual([{ [`PATCH ${path}/${c.other.id}`]: { name: c.other.name, group_id: 0 } }]);
    expect(lc().deletePolicies).toEqual(["retain", "restore"]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    const props = await failingProperties(
      kind,
      unchecked({ connection: kentix.connection, [idKey]: "x", rackId: "r", ...c.bad, deletePolicy: "delete" }),
    );
    expect(props).toEqual([idKey, "rackId", Object.keys(c.bad)[0], "deletePolicy"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
