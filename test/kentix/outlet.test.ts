import { beforeEach, describe, expect, it } from "vitest";
import { Outlet } from "../../providers/kentix";
import { SEEDED_OUTLETS } from "../emulators/kentix";
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
const kind = Outlet;
const lc = () => lifecycleOf(kind);
beforeEach(() => {
  for (const outlet of SEEDED_OUTLETS) kentix.emu.insert("outlets", outlet); // 1 "1-1", 2 "1-2" (switch_dual null)
  kentix.emu.clearRequests();
});

describe("kentix.Outlet lifecycle (an outlet of a SmartPDU: configured, never created or deleted)", () => {
  it("reads the outlet by id, keeps the values it had, writes the declared fields that differ", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      outletId: "1",
      name: "Server A PSU 1",
      switchDual: false, // already so: not written
    });
    expect(id).toBe("1");
    expect(calls(kentix.emu)).toEqual(["GET /api/outlets/1", { "PATCH /api/outlets/1": { name: "Server A PSU 1" } }]);
    expect(outs).toMatchObject({ restoreValues: { outletId: "1", name: "1-1", switchDual: false } });
  });

  it("fails on an id the appliance does not have, with one GET and no write", async () => {
    const err = await failure(createChecked(kind, { connection: kentix.connection, outletId: "9", name: "x" }));
    expect(err.message).toMatch(/^outletId: no kentix:Outlet with id 9 on the appliance/);
    expect(calls(kentix.emu)).toEqual(["GET /api/outlets/9"]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(
      kind,
      { connection: kentix.connection, outletId: "2", switchDual: null, deletePolicy: "restore" },
      kentix.emu,
    ));

  it("writes one change with one PATCH; refresh shows drift; destroy retains or restores, never a DELETE", async () => {
    const declared = { connection: kentix.connection, outletId: "2", name: "B", switchDual: true } as const;
    const { id, outs } = await createChecked(kind, { ...declared, deletePolicy: "restore" });
    kentix.emu.clearRequests();
    const { outs: next } = await updateChecked(kind, id, outs, { ...declared, name: "C", deletePolicy: "restore" });
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/outlets/2": { name: "C" } }]);
    kentix.emu.edit("outlets", 2, { switch_dual: false });
    const { inputs, diff } = await refreshDiff(kind, id, next);
    expect(inputs).toMatchObject({ switchDual: false });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.clearRequests();
    await lc().delete(id, next);
    expect(calls(kentix.emu)).toEqual([{ "PATCH /api/outlets/2": { name: "1-2", switch_dual: null } }]);
    const kept = await createChecked(kind, { connection: kentix.connection, outletId: "1", name: "Kept" });
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
          outletId: "a",
          name: "",
          switchDual: "yes",
          deletePolicy: "delete",
        }),
      ),
    ).toEqual(["outletId", "name", "switchDual", "deletePolicy"]);
    expect(await failingProperties(kind, unchecked({ connection: kentix.connection, name: "x" }))).toEqual([
      "outletId",
    ]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
