import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { clearSessions } from "../../providers/core/connection";
import { ControlledAreaState } from "../../providers/primis";
import { AREA, calls, createChecked, expectNoOpUp, lifecycleOf, PHONE_ID, usePrimis } from "./support";

const primis = usePrimis();
const kind = ControlledAreaState;
const lc = () => lifecycleOf(kind);
const LISTING = `GET /api/mobile/${PHONE_ID}/controlled_areas`;
const LOCKDOWN = { code: 13, reads: "lockdown" }; // the emulator's code; the read value is "LOCKDOWN" (casing ignored)

describe("primis.ControlledAreaState lifecycle", () => {
  it("logs in once, reads the admin listing and writes the numeric code, succeeding on Granted", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.serverRoom,
      state: "open",
    });
    expect(id).toBe(AREA.serverRoom);
    expect(calls(primis.emu)).toEqual([
      { "POST /api/mobile/login": { phoneId: PHONE_ID } },
      LISTING,
      { "POST /api/mobile/zone_state": { "zone-id": AREA.serverRoom, state: 11 } },
    ]);
    expect(primis.emu.requests[0]!.headers.authorization).toMatch(/^Basic /);
    expect(primis.emu.requests[1]!.headers.authorization).toMatch(/^Bearer ey/);
    expect(primis.emu.area(AREA.serverRoom)!.state).toBe("open");
    expect(outs).toEqual({
      connection: primis.connection,
      controlledAreaId: AREA.serverRoom,
      state: "open",
      areaName: "Server room",
      toggle: "T",
      warning: null,
      restoreValues: { controlledAreaId: AREA.serverRoom, state: "LOCKDOWN" },
    });
  });

  it("writes nothing when the area already holds the state, and nothing on a no-op diff", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: "open",
    });
    expect(primis.emu.writes().map((r) => r.path)).toEqual(["/api/mobile/login"]);
    primis.emu.clearRequests();
    expect(await lc().diff(id, outs, inputs)).toEqual({ changes: false });
    expect(primis.emu.requests).toEqual([]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      { connection: primis.connection, controlledAreaId: AREA.serverRoom, state: "open", deletePolicy: "restore" },
      primis.emu,
    ));

  it("takes a state outside the table as a {code, reads} pair, compared with the read value regardless of case", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: LOCKDOWN,
    });
    expect(primis.emu.writes().at(-1)!.body).toEqual({ "zone-id": AREA.lobby, state: 13 });
    expect(primis.emu.area(AREA.lobby)!.state).toBe("LOCKDOWN");
    const read = await lc().read(id, outs);
    expect(read.inputs).toEqual(inputs); // "LOCKDOWN" reads as the declared pair: no drift
    expect(await lc().diff(id, read.props!, inputs)).toEqual({ changes: false });
  });

  it("reports a state changed out of band as drift of `state`, and one update writes it back", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: "open",
    });
    primis.emu.editArea(AREA.lobby, { state: "secure" });
    clearSessions(); // refresh is a new plugin process (within one run, reads share the run's listing)
    const read = await lc().read(id, outs);
    expect(read.inputs).toMatchObject({ state: "secure" }); // a read value outside the table stays as Primis reports it
    expect(await lc().diff(id, read.props!, inputs)).toEqual({ replaces: [], deleteBeforeReplace: false });
    primis.emu.clearRequests();
    await lc().update(id, read.props!, inputs);
    expect(calls(primis.emu)).toEqual([{ "POST /api/mobile/zone_state": { "zone-id": AREA.lobby, state: 11 } }]);
    expect(primis.emu.area(AREA.lobby)!.state).toBe("open");
  });

  it("replaces on a new controlled area (another area is another object), and updates the state in place", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: "open",
    });
    expect(await lc().diff(id, outs, { ...inputs, controlledAreaId: AREA.dock })).toEqual({
      replaces: ["controlledAreaId"],
      deleteBeforeReplace: false,
    });
    expect(await lc().diff(id, outs, { ...inputs, state: LOCKDOWN })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("sees an area missing from the administrator listing as gone, and refuses to manage an unknown area", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: "open",
    });
    expect(await lc().read("130000000099", { ...outs, controlledAreaId: "130000000099" })).toEqual({});
    expect((await lc().read(id, outs)).id).toBe(id);
    const err = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: "130000000099",
      state: "open",
    }).catch((e) => e);
    expect(err.message).toMatch(
      /^controlledAreaId: no primis:ControlledAreaState with id 130000000099 on the appliance \(.*\); declare one that exists \(the API cannot create it\)$/,
    );
    expect(primis.emu.writes().filter((r) => r.path === "/api/mobile/zone_state")).toEqual([]);
  });

  it("fails unless Primis answers Granted, although the HTTP status is 200 and status is ok", async () => {
    primis.emu.inject({
      method: "POST",
      path: "/api/mobile/zone_state",
      kind: "status",
      status: 200,
      body: { status: "ok", result: "Denied" },
    });
    const err = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.serverRoom,
      state: "open",
    }).catch((e) => e);
    expect(err.message).toBe(
      'primis API 200 on POST /api/mobile/zone_state: Primis did not grant the operation: result "Denied"',
    );
    // An unknown write code is refused the same way by the emulator itself.
    const unknown = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.serverRoom,
      state: { code: 99, reads: "x" },
    }).catch((e) => e);
    expect(unknown.message).toContain('result "Denied"');
    expect(primis.emu.area(AREA.serverRoom)!.state).toBe("LOCKDOWN");
  });

  it("warns when the area is not a toggle area, whose schedules change the state on their own", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.dock,
      state: "open",
    });
    expect(outs.toggle).toBe("");
    expect(outs.warning).toMatch(/not a toggle area .* schedules change the state on their own/);
    primis.emu.runSchedules();
    clearSessions(); // refresh is a new plugin process
    expect((await lc().read(id, outs)).inputs).toMatchObject({ state: "secure" });
  });

  it("retains the state on destroy by default, and restores the captured one with deletePolicy restore", async () => {
    const kept = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: LOCKDOWN,
    });
    primis.emu.clearRequests();
    await lc().delete(kept.id, kept.outs);
    expect(primis.emu.requests).toEqual([]);
    expect(primis.emu.area(AREA.lobby)!.state).toBe("LOCKDOWN");

    primis.emu.reset();
    const restored = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.lobby,
      state: LOCKDOWN,
      deletePolicy: "restore",
    });
    expect(restored.outs.restoreValues).toEqual({ controlledAreaId: AREA.lobby, state: "open" });
    await lc().delete(restored.id, restored.outs);
    expect(primis.emu.writes().at(-1)!.body).toEqual({ "zone-id": AREA.lobby, state: 11 });
    expect(primis.emu.area(AREA.lobby)!.state).toBe("open");
  });

  it("cannot restore a state without a known write code, and says what to do instead", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: primis.connection,
      controlledAreaId: AREA.serverRoom,
      state: "open",
      deletePolicy: "restore",
    });
    expect(outs.restoreValues).toEqual({ controlledAreaId: AREA.serverRoom, state: "LOCKDOWN" });
    const err = await lc()
      .delete(id, outs)
      .catch((e) => e);
    expect(err.message).toBe(
      'primis: no write code is known for the state "LOCKDOWN"; declare it as {code, reads}, or destroy with deletePolicy "retain"',
    );
  });

  it("rejects invalid input in check, naming the property, without a request", async () => {
    const res = await lc().check(
      {},
      { connection: { ...primis.connection, url: "http://127.0.0.1:1" }, controlledAreaId: "lobby", state: "closed" },
    );
    expect(res.failures).toEqual([
      { property: "controlledAreaId", reason: 'must be the numeric id of a controlled area, e.g. "130000000001"' },
      {
        property: "state",
        reason: 'must be "open" or {code, reads}: a write code and the state it reads as, confirmed on the site',
      },
    ]);
    const http = await lc().check(
      {},
      { connection: { ...primis.connection, url: "http://127.0.0.1:1" }, controlledAreaId: AREA.lobby, state: "open" },
    );
    expect(http.failures).toEqual([
      { property: "connection.url", reason: expect.stringMatching(/^must be an https URL/) },
    ]);
    expect(primis.emu.requests).toEqual([]);
  });

  it("fails every generated non-numeric area id and unknown state name in check", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((s) => !/^\d+$/.test(s)),
        fc.string().filter((s) => s !== "open"),
        async (areaId, state) => {
          const res = await lc().check({}, { connection: primis.connection, controlledAreaId: areaId, state });
          expect(res.failures?.map((f) => f.property).sort()).toEqual(["controlledAreaId", "state"]);
        },
      ),
      { numRuns: 60 },
    );
    expect(primis.emu.requests).toEqual([]);
  });
});

describe("primis.ControlledAreaState refresh (reads through the administrator listing)", () => {
  /** Every area's state deployed by an earlier `up`; the refresh is a new process (no session). */
  async function deployed() {
    const made: { id: string; outs: Record<string, unknown> }[] = [];
    for (const area of Object.values(AREA))
      made.push(await createChecked(kind, { connection: primis.connection, controlledAreaId: area, state: "open" }));
    clearSessions();
    primis.emu.clearRequests();
    return made;
  }

  it("reads every area from one listing, with the same result as one listing per read", async () => {
    const made = await deployed();
    primis.emu.editArea(AREA.dock, { state: "secure" });
    const shared = await Promise.all(made.map(({ id, outs }) => lc().read(id, outs)));
    expect(calls(primis.emu)).toEqual([{ "POST /api/mobile/login": { phoneId: PHONE_ID } }, LISTING]);
    expect(shared.map((r) => (r.inputs as { state: unknown }).state)).toEqual(["open", "open", "secure"]);

    const one: unknown[] = [];
    for (const { id, outs } of made) {
      clearSessions();
      one.push(await lc().read(id, outs));
    }
    expect(one).toEqual(shared);
  });

  it("lists again after any write of this process, although the write's path is not the listing's", async () => {
    const [lobby, serverRoom] = await deployed();
    await lc().read(lobby!.id, lobby!.outs); // the listing is taken
    primis.emu.editArea(AREA.serverRoom, { state: "secure" }); // out of band, after the listing
    await lc().update(lobby!.id, lobby!.outs, { ...lobby!.outs, state: LOCKDOWN }); // POST /api/mobile/zone_state
    const after = await lc().read(serverRoom!.id, serverRoom!.outs);
    expect((after.inputs as { state: unknown }).state).toBe("secure");
    expect(calls(primis.emu).filter((c) => c === LISTING)).toHaveLength(2);
  });
});
