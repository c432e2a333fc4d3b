import { beforeEach, describe, expect, it } from "vitest";
import { SEEDED_ACCESSMANAGERS } from "../emulators/kentix";
import { AccessManager } from "../../providers/kentix";
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
const kind = AccessManager;
const lc = () => lifecycleOf(kind);
const MAIN = "1"; // the devices on the appliance: 1 "AccessManager", 2 "AccessManager Satellite"
beforeEach(() => {
  for (const device of SEEDED_ACCESSMANAGERS) kentix.emu.insert("accessmanagers", device); // hardware, not created
  kentix.emu.clearRequests();
});

describe("kentix.AccessManager lifecycle (an existing device: configured, never created or deleted)", () => {
  it("selected by id: reads the device, keeps the values it had, writes only the declared fields that differ", async () => {
    const group = kentix.emu.insert("alarmgroups", { name: "Building A" });
    const hook = kentix.emu.insert("webhooks", { name: "SOC", url: "https://soc.example/hook" });
    const lock = kentix.emu.insert("doorlocks", { name: "Frontdoor" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      accessManagerId: MAIN,
      name: "Entrance manager",
      isActive: true, // already so: not written
      relayActionArm: "channel1",
      extArmDoorLockIds: [String(lock.id)],
      alarmGroupId: String(group.id),
      webhookIds: [String(hook.id)],
      external: { mode: 1 },
    });
    expect(id).toBe(MAIN);
    expect(calls(kentix.emu)).toEqual([
      `GET /api/accessmanagers/${MAIN}`,
      {
        [`PATCH /api/accessmanagers/${MAIN}`]: {
          name: "Entrance manager",
          relais_action_arm: "channel1",
          ext_arm_doorlocks: [lock.id],
          external: { mode: 1 },
          group_id: group.id,
          webhooks: [hook.id],
        },
      },
    ]);
    expect(kentix.emu.get("accessmanagers", 1)).toMatchObject({ name: "Entrance manager", group_id: group.id });
    expect(outs).toMatchObject({
      accessManagerId: MAIN,
      name: "Entrance manager",
      macAddress: "70:82:0e:10:81:3d", // the appliance's `mac_adress`, read-only
      type: 105,
      restoreValues: {
        accessManagerId: MAIN,
        name: "AccessManager",
        isActive: true,
        relayActionArm: "none",
        extArmDoorLockIds: [],
        alarmGroupId: null, // the appliance's 0: no group
        webhookIds: [],
        external: { mode: null },
      },
    });
  });

  it("selected by name (no accessManagerId): one listing finds the device; a name no device has fails", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "AccessManager Satellite",
      ios: [{ id: 1, mode: "input" }],
    });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/accessmanagers",
      "GET /api/accessmanagers/2",
      { "PATCH /api/accessmanagers/2": { ios: [{ id: 1, mode: "input" }] } },
    ]);
    expect(outs).toMatchObject({ name: "AccessManager Satellite", macAddress: "70:82:0e:10:81:3e" });
    kentix.emu.clearRequests();
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Annex", isActive: false }));
    expect(err.message).toMatch(/^name: no kentix:AccessManager on the appliance \(.*\) has the name "Annex"/);
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("fails on an id the appliance does not have, saying so, with one GET and no write", async () => {
    const err = await failure(createChecked(kind, { connection: kentix.connection, accessManagerId: "9" }));
    expect(err.message).toMatch(
      /^accessManagerId: no kentix:AccessManager with id 9 on the appliance \(.*\); declare one that exists \(the API cannot create it\)$/,
    );
    expect(calls(kentix.emu)).toEqual(["GET /api/accessmanagers/9"]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        accessManagerId: MAIN,
        relayActionArm: "backchannel_inevitability",
        doorLocks: [{ id: 1, relay: 1 }],
        external: { mode: 2 },
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("writes one changed field with one PATCH", async () => {
    const declared = { connection: kentix.connection, accessManagerId: MAIN, isActive: true, name: "AM" } as const;
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, { ...declared, isActive: false });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/accessmanagers/${MAIN}`]: { is_active: false } }]);
  });

  it("refresh shows a declared field changed out of band; the MAC address and undeclared fields are never drift", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      accessManagerId: MAIN,
      address: "10.0.0.7",
      ios: [{ id: 1, mode: "input" }],
    });
    // An integer inside an object passed through, read back as a string (the appliance does this): the same value.
    kentix.emu.edit("accessmanagers", 1, {
      mac_adress: "70:82:0e:10:81:ff",
      is_active: false,
      ios: [{ id: "1", mode: "input" }],
    });
    const quiet = await lc().read(id, outs);
    expect(quiet.props).toMatchObject({ macAddress: "70:82:0e:10:81:ff" });
    expect(await lc().diff(id, quiet.props!, outs)).toEqual({ changes: false });
    kentix.emu.edit("accessmanagers", 1, { address: "10.0.0.8" });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ address: "10.0.0.8" });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy retains by default (no request) and restores the values found on request; never a DELETE", async () => {
    const kept = await createChecked(kind, { connection: kentix.connection, accessManagerId: MAIN, name: "Lobby" });
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
    expect(kentix.emu.get("accessmanagers", 1)!.name).toBe("Lobby");

    const group = kentix.emu.insert("alarmgroups", { name: "Annex" });
    const restored = await createChecked(kind, {
      connection: kentix.connection,
      name: "AccessManager Satellite",
      relayActionArm: "channel2",
      alarmGroupId: String(group.id),
      deletePolicy: "restore",
    });
    expect(kentix.emu.get("accessmanagers", 2)).toMatchObject({ relais_action_arm: "channel2", group_id: group.id });
    kentix.emu.clearRequests();
    await lc().delete(restored.id, restored.outs);
    // "No group" goes back as the appliance's 0.
    expect(calls(kentix.emu)).toEqual([
      {
        "PATCH /api/accessmanagers/2": { name: "AccessManager Satellite", relais_action_arm: "none", group_id: 0 },
      },
    ]);
    expect(kentix.emu.list("accessmanagers").map((d) => d.name)).toEqual(["Lobby", "AccessManager Satellite"]);
    expect(lc().deletePolicies).toEqual(["retain", "restore"]);
  });

  it("is taken over as it is (the import path: no adopt input): declaring the live values writes nothing", async () => {
    const { outs } = await createChecked(kind, {
      connection: kentix.connection,
      accessManagerId: "2",
      name: "AccessManager Satellite",
      address: "192.168.100.225",
      isActive: true,
      relayActionArm: "none",
    });
    expect(calls(kentix.emu)).toEqual(["GET /api/accessmanagers/2"]);
    expect(outs).toMatchObject({ accessManagerId: "2", address: "192.168.100.225" });
    expect(
      (await lc().checkRaw({}, { connection: kentix.connection, accessManagerId: "2", adopt: true })).failures,
    ).toEqual([{ property: "(resource)", reason: "unknown property adopt" }]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({
          connection: kentix.connection,
          accessManagerId: "main",
          relayActionArm: "channel3",
          extArmDoorLockIds: ["x"],
          doorLocks: [1],
          macAddress: "70:82:0e:10:81:3d", // read-only: an output, never an input
          deletePolicy: "delete", // the API cannot delete a device
        }),
      ),
    ).toEqual([
      "accessManagerId",
      "doorLocks[0]",
      "relayActionArm",
      "extArmDoorLockIds[0]",
      "deletePolicy",
      "(resource)",
    ]);
    expect(await failingProperties(kind, { connection: kentix.connection, isActive: true })).toEqual([
      "accessManagerId",
    ]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
