import { describe, expect, it } from "vitest";
import * as primis from "../../providers/primis";
import { AREA, PHONE_ID, usePrimis } from "./support";

const env = usePrimis();

describe("primis data functions (read-only lists, not resources)", () => {
  it("lists controlled areas for the user or, as administrator, all of them, fixing the misspelled field", async () => {
    const mine = await primis.listControlledAreas(env.connection);
    expect(mine.map((a) => a.id)).toEqual([AREA.lobby]);
    const all = await primis.listControlledAreas(env.connection, { admin: true });
    expect(all.map((a) => [a.id, a.state, a.toggle])).toEqual([
      [AREA.lobby, "open", "T"],
      [AREA.serverRoom, "LOCKDOWN", "T"],
      [AREA.dock, "open", ""],
    ]);
    expect(all[0]).toMatchObject({
      authorizationTimeout: 0,
      zoneGroupId: null,
      siteId: "1",
      geoLocation: { enabled: true },
    });
    expect(env.emu.requests.map((r) => r.path)).toEqual([
      "/api/mobile/login",
      "/api/mobile/controlled_areas",
      `/api/mobile/${PHONE_ID}/controlled_areas`,
    ]);
  });

  it("lists access groups with string ids, the areas of a group, schedules and beacons", async () => {
    expect(await primis.listAccessGroups(env.connection, { admin: true })).toEqual([
      { id: "3", name: "Staff", description: "", siteId: "1" },
      { id: "545", name: "Management", description: "", siteId: "1" },
    ]);
    expect((await primis.listControlledAreasByAccessGroup(env.connection, "3")).map((a) => a.name)).toEqual(["Lobby"]);
    const [schedule] = await primis.listSchedules(env.connection);
    expect(schedule).toEqual({
      id: "7",
      name: "Business hours",
      description: "Mon-Fri 07:00-19:00",
      siteId: "1",
      usedByAccessGroup: true,
      periods: [{ id: "71", frequency: 2, exceptions: 256, days: 62, onTime: null, offTime: null }],
    });
    expect((await primis.listBeacons(env.connection)).map((b) => [b.uniqueId, b.major, b.minor])).toEqual([
      ["rLxR", 1, 3],
    ]);
    expect(await primis.getBeacon(env.connection, "rLxR")).toMatchObject({ uniqueId: "rLxR", batteryLevel: 91 });
    await expect(primis.getBeacon(env.connection, "nope")).rejects.toThrow(
      "primis API 404 on GET /api/mobile/beacon/nope: Beacon nope not found",
    );
  });

  it("checks the connection before any request", async () => {
    await expect(primis.listBeacons({ url: "ftp://x" } as never)).rejects.toThrow(/^primis: connection\.url: /);
    await expect(primis.listBeacons({ ...env.connection, url: env.emu.httpUrl })).rejects.toThrow(/https/);
    expect(env.emu.requests).toEqual([]);
  });
});
