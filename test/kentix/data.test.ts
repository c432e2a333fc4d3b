/** Kentix data functions: `lookup` (an id by name, any kind with a listing) and `events`, against the emulator. */
import { beforeEach, describe, expect, it } from "vitest";
import { events, lookup } from "../../providers/kentix";
import { SEEDED_MULTISENSORS, SEEDED_OUTLETS } from "../emulators/kentix";
import { calls, useKentix } from "./support";

const kentix = useKentix();
beforeEach(() => {
  for (const sensor of SEEDED_MULTISENSORS) kentix.emu.insert("multisensors", sensor); // 4 "MultiSensor", 5 "MultiSensor TI"
  for (const outlet of SEEDED_OUTLETS) kentix.emu.insert("outlets", outlet);
  kentix.emu.clearRequests();
});

describe("kentix.lookup", () => {
  it("gives the id of the one object of a kind with the name, from the kind's listing, reading only", async () => {
    expect(await lookup("MultiSensor", kentix.connection, "MultiSensor TI")).toBe("5");
    expect(calls(kentix.emu)).toEqual(["GET /api/multisensors"]);
    const rack = kentix.emu.insert("racks", { name: "Rack A1" });
    expect(await lookup("Rack", kentix.connection, "Rack A1")).toBe(String(rack.id));
    expect(kentix.emu.writes()).toEqual([]);
  });

  it("fails naming the ids when several have the name, and says when none has it or the kind has no listing", async () => {
    const a = kentix.emu.insert("alarmgroups", { name: "Lobby" });
    const b = kentix.emu.insert("alarmgroups", { name: "Lobby", parent_id: a.id });
    await expect(lookup("AlarmGroup", kentix.connection, "Lobby")).rejects.toThrow(
      `kentix: AlarmGroup named "Lobby": several have it (ids ${a.id}, ${b.id})`,
    );
    await expect(lookup("MultiSensor", kentix.connection, "Garage")).rejects.toThrow(
      'kentix: MultiSensor named "Garage": none has it',
    );
    await expect(lookup("Outlet", kentix.connection, "1-1")).rejects.toThrow(
      /"Outlet" has no listing to look a name up in; kinds with a listing: .*MultiSensor/,
    );
    await expect(lookup("Toaster", kentix.connection, "x")).rejects.toThrow('"Toaster" is not a kind of this package');
  });
});

describe("kentix.events", () => {
  it("lists the recent events of a log as the appliance sends them, newest first, at most `limit`", async () => {
    expect(await events(kentix.connection)).toEqual([]);
    for (const n of [1, 2, 3]) kentix.emu.logEvent("alarm", { message: `Temperature high (${n})`, group_id: 1 });
    kentix.emu.logEvent("system", { message: "Configuration changed" });
    const alarms = await events(kentix.connection, { type: "alarm", limit: 2 });
    expect(alarms.map((e) => e.message)).toEqual(["Temperature high (3)", "Temperature high (2)"]);
    expect((await events(kentix.connection, { type: "system" })).map((e) => e.message)).toEqual([
      "Configuration changed",
    ]);
    expect(await events(kentix.connection, { type: "access" })).toEqual([]);
    expect(calls(kentix.emu).slice(-3)).toEqual(["GET /api/log/alarm", "GET /api/log/system", "GET /api/log/access"]);
    expect(kentix.emu.requests.slice(-3).map((r) => r.query.per_page)).toEqual(["2", "25", "25"]);
    expect(kentix.emu.writes()).toEqual([]);
    await expect(events(kentix.connection, { limit: 0 })).rejects.toThrow("limit must be an integer from 1 to 1000");
  });
});
