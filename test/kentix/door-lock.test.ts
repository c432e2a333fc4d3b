import { beforeEach, describe, expect, it } from "vitest";
import { SEEDED_DOORLOCKS } from "../emulators/kentix";
import { DoorLock, doorLockByName } from "../../providers/kentix";
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
const kind = DoorLock;
const lc = () => lifecycleOf(kind);
const FRONT = "1"; // the taught-in locks: 1 "Frontdoor", 2 "Server room"
beforeEach(() => {
  for (const lock of SEEDED_DOORLOCKS) kentix.emu.insert("doorlocks", lock); // hardware: taught in, not created
  kentix.emu.clearRequests();
});

describe("kentix.DoorLock lifecycle (an existing lock: configured, never created or deleted)", () => {
  it("selected by id: reads the lock, keeps the values it had, writes only the declared fields that differ", async () => {
    const hook = kentix.emu.insert("webhooks", { name: "SOC", url: "https://soc.example/hook" });
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      doorLockId: FRONT,
      name: "Main entrance",
      coupleTime: 3, // already so: not written
      armLevel: "zone",
      webhookIds: [String(hook.id)],
    });
    expect(id).toBe(FRONT);
    expect(calls(kentix.emu)).toEqual([
      `GET /api/doorlocks/${FRONT}`,
      { [`PATCH /api/doorlocks/${FRONT}`]: { name: "Main entrance", armlevel: 1, webhooks: [hook.id] } },
    ]);
    expect(kentix.emu.get("doorlocks", 1)).toMatchObject({ name: "Main entrance", armlevel: 1, coupletime: 3 });
    expect(outs).toMatchObject({
      doorLockId: FRONT,
      name: "Main entrance",
      batteryLevel: "full",
      deviceId: "1",
      type: 21,
      restoreValues: { doorLockId: FRONT, name: "Frontdoor", coupleTime: 3, armLevel: "off", webhookIds: [] },
    });
  });

  it("selected by name (no doorLockId): one listing finds the lock; the name is not written", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Server room",
      reedDelay: 60,
    });
    expect(id).toBe("2");
    expect(calls(kentix.emu)).toEqual([
      "GET /api/doorlocks",
      "GET /api/doorlocks/2",
      { "PATCH /api/doorlocks/2": { reed_delay: 60 } },
    ]);
    expect(outs).toMatchObject({ name: "Server room", reedDelay: 60, batteryLevel: "half" });
    expect(outs.doorLockId).toBeUndefined();
  });

  it("a name no lock has, or several have, fails naming the name and the ids, without a write", async () => {
    const none = await failure(createChecked(kind, { connection: kentix.connection, name: "Back door" }));
    expect(none.message).toMatch(
      /^name: no kentix:DoorLock on the appliance \(.*\) has the name "Back door"; declare one that exists \(the API cannot create it\), or select it by doorLockId$/,
    );
    kentix.emu.edit("doorlocks", 2, { name: "Frontdoor" });
    const several = await failure(createChecked(kind, { connection: kentix.connection, name: "Frontdoor" }));
    expect(several.message).toMatch(
      /^name: several kentix:DoorLock objects on .* \(ids 1, 2\); select one by doorLockId/,
    );
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("doorLockByName (deprecated, kept for programs) still gives the id with one listing", async () => {
    expect(await doorLockByName(kentix.connection, "Server room")).toBe("2");
    expect(calls(kentix.emu)).toEqual(["GET /api/doorlocks"]);
    await expect(doorLockByName(kentix.connection, "Back door")).rejects.toThrow(
      'kentix: DoorLock named "Back door": none has it',
    );
  });

  it("fails on an id the appliance does not have, saying so, with one GET and no write", async () => {
    const err = await failure(createChecked(kind, { connection: kentix.connection, doorLockId: "99", isActive: true }));
    expect(err.message).toMatch(
      /^doorLockId: no kentix:DoorLock with id 99 on the appliance \(.*\); declare one that exists \(the API cannot create it\)$/,
    );
    expect(calls(kentix.emu)).toEqual(["GET /api/doorlocks/99"]);
  });

  it("renames a lock selected by id in place; another id, or another name selecting it, replaces", async () => {
    const byId = { connection: kentix.connection, doorLockId: FRONT, name: "Frontdoor" } as const;
    const { id, outs, inputs } = await createChecked(kind, byId);
    expect(await lc().diff(id, outs, { ...inputs, name: "Lobby" })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
    expect(await lc().diff(id, outs, { ...inputs, doorLockId: "2" })).toEqual({
      replaces: ["doorLockId"],
      deleteBeforeReplace: true,
    });
    const { doorLockId: _, ...byName } = inputs;
    expect(await lc().diff(id, outs, byName)).toEqual({ changes: false }); // the same lock, now by name
    expect(await lc().diff(id, outs, { ...byName, name: "Server room" })).toEqual({
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      {
        connection: kentix.connection,
        doorLockId: FRONT,
        logLevel: "noUserData",
        timeProfileMode: "openAfterFirstBooking",
        reedBypassTime: 45,
        sabotage: { active: true },
        deletePolicy: "restore",
      },
      kentix.emu,
    ));

  it("writes one changed field with one PATCH", async () => {
    const declared = { connection: kentix.connection, doorLockId: FRONT, coupleTime: 5, isActive: true } as const;
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, { ...declared, coupleTime: 10 });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/doorlocks/${FRONT}`]: { coupletime: 10 } }]);
  });

  it("refresh shows a declared field changed out of band; measured values and the 0 'no profile' are never drift", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      doorLockId: FRONT,
      reedWarningDelay: 600,
      doubleAuthTimeProfileId: null,
    });
    kentix.emu.edit("doorlocks", 1, { batterylevel: "low", doubleauth_timeprofile_id: 0 });
    const quiet = await lc().read(id, outs);
    expect(quiet.props).toMatchObject({ batteryLevel: "low", doubleAuthTimeProfileId: null });
    expect(await lc().diff(id, quiet.props!, outs)).toEqual({ changes: false });
    kentix.emu.edit("doorlocks", 1, { reed_warning_delay: 30 });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ reedWarningDelay: 30 });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy retains by default (no request) and restores the values found on request; never a DELETE", async () => {
    const kept = await createChecked(kind, { connection: kentix.connection, doorLockId: FRONT, name: "Lobby" });
    kentix.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(kentix.emu.requests).toEqual([]);
    expect(kentix.emu.get("doorlocks", 1)!.name).toBe("Lobby");

    const restored = await createChecked(kind, {
      connection: kentix.connection,
      doorLockId: "2",
      name: "Rack room",
      armLevel: "system",
      deletePolicy: "restore",
    });
    kentix.emu.clearRequests();
    await lc().delete(restored.id, restored.outs);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/doorlocks/2": { name: "Server room", armlevel: 0 } }]);
    expect(kentix.emu.list("doorlocks").map((l) => l.name)).toEqual(["Lobby", "Server room"]);
    expect(lc().deletePolicies).toEqual(["retain", "restore"]);
  });

  it("refuses a lock selected neither by id nor by name, before any request", async () => {
    expect(await failingProperties(kind, { connection: kentix.connection, coupleTime: 5 })).toEqual(["doorLockId"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({
          connection: kentix.connection,
          doorLockId: "front",
          coupleTime: -1,
          armLevel: "max",
          reedBypassTime: 20,
          webhookIds: ["x"],
          batteryLevel: "full", // measured: an output, never an input
          deletePolicy: "delete", // the API cannot delete a lock
        }),
      ),
    ).toEqual([
      "doorLockId",
      "coupleTime",
      "armLevel",
      "webhookIds[0]",
      "reedBypassTime",
      "deletePolicy",
      "(resource)",
    ]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
