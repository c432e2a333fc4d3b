import { describe, expect, it, vi } from "vitest";
import { ControlledAreaSchedule } from "../../providers/primis";
import { AREA, calls, createChecked, expectNoOpUp, lifecycleOf, type PlainArgs, usePrimis } from "./support";

const primis = usePrimis();
const kind = ControlledAreaSchedule;
const lc = () => lifecycleOf(kind);
const zones = [{ controlledAreaId: AREA.lobby, onAction: 1, offAction: 1, description: "Lobby in business hours" }];
const declare = (extra: Partial<PlainArgs<typeof ControlledAreaSchedule>> = {}) => ({
  connection: primis.connection,
  acknowledgeUnmanaged: true,
  scheduleId: "7",
  zones,
  ...extra,
});

describe("primis.ControlledAreaSchedule (create-only, behind an acknowledgement)", () => {
  it("fails check without the acknowledgement, explaining why, and sends nothing", async () => {
    const res = await lc().check({}, { connection: primis.connection, scheduleId: "7", zones });
    expect(res.failures).toEqual([
      {
        property: "acknowledgeUnmanaged",
        reason: expect.stringMatching(
          /^Primis can only create controlled-area schedules: the Mobile API cannot read, update or delete them\..*links stay in Primis/,
        ),
      },
    ]);
    expect((await lc().check({}, declare({ acknowledgeUnmanaged: false }))).failures?.[0]?.property).toBe(
      "acknowledgeUnmanaged",
    );
    expect(primis.emu.requests).toEqual([]);
  });

  it("creates the links with the schedule id as a number and keeps the link ids", async () => {
    const { id, outs } = await createChecked(kind, declare());
    expect(calls(primis.emu).slice(1)).toEqual([
      {
        "POST /api/controlled_area_schedules/schedule": {
          id: 7,
          zones: [
            { controlled_area_id: AREA.lobby, on_action: 1, off_action: 1, description: "Lobby in business hours" },
          ],
        },
      },
    ]);
    expect(id).toBe("7");
    expect(outs).toMatchObject({
      scheduleName: "Business hours",
      linkIds: ["9001"],
      warning: expect.stringContaining("cannot read, update or delete"),
    });
    expect(primis.emu.scheduleLinks()).toEqual([
      {
        id: "9001",
        scheduleId: "7",
        controlled_area_id: AREA.lobby,
        on_action: 1,
        off_action: 1,
        description: "Lobby in business hours",
      },
    ]);
  });

  it("cannot see drift: read keeps the state without a request; every change replaces", async () => {
    const { inputs, id, outs } = await createChecked(kind, declare());
    primis.emu.clearRequests();
    expect(await lc().read(id, outs)).toEqual({ id, props: outs, inputs });
    expect(primis.emu.requests).toEqual([]);
    expect(await lc().diff(id, outs, { ...inputs, zones: [{ ...zones[0], offAction: 2 }] })).toEqual({
      replaces: ["zones"],
      deleteBeforeReplace: false,
    });
    expect(await lc().diff(id, outs, { ...inputs, zones: [...zones] })).toEqual({ changes: false });
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, declare(), primis.emu));

  it("refuses adopt in check (the API cannot read schedules, so there is nothing to take over), before any request", async () => {
    const res = await lc().check({}, declare({ adopt: "7" }));
    expect(res.failures).toEqual([
      {
        property: "adopt",
        reason: "this resource cannot be read from the API, so there is no existing object to adopt",
      },
    ]);
    expect((await lc().check({}, declare({ adopt: true }))).failures).toEqual(res.failures); // one reason, not also "give the id"
    expect(primis.emu.requests).toEqual([]);
  });

  it("destroy only removes it from state, warning that the links stay in Primis", async () => {
    const { id, outs } = await createChecked(kind, declare());
    primis.emu.clearRequests();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await lc().delete(id, outs);
      expect(warn.mock.calls).toEqual([
        [
          "warning: primis:ControlledAreaSchedule 7: removed from the Pulumi state only: Primis cannot delete controlled-area schedules, so the links stay in Primis until removed in the Primis client",
        ],
      ]);
    } finally {
      warn.mockRestore();
    }
    expect(primis.emu.requests).toEqual([]);
    expect(primis.emu.scheduleLinks()).toHaveLength(1);
  });

  it("reports Primis's validation of an unknown schedule", async () => {
    const err = await createChecked(kind, declare({ scheduleId: "99" })).catch((e) => e);
    expect(err.message).toBe("primis API 400 on POST /api/controlled_area_schedules/schedule: Unknown schedule 99");
  });
});
