import { describe, expect, it } from "vitest";
import { VdsLine } from "../../providers/kentix";
import {
  calls,
  createChecked,
  failingProperties,
  failure,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = VdsLine;
const lc = () => lifecycleOf(kind);

describe("kentix.VdsLine lifecycle", () => {
  it("creates with one listing and one POST (no id); a taken line number fails naming the existing id", async () => {
    const { id, outs } = await createChecked(kind, { connection: kentix.connection, line: 2, alarmType: "fire" });
    expect(calls(kentix.emu)).toEqual(["GET /api/vdslines", { "POST /api/vdslines": { line: 2, alarmtype: "fire" } }]);
    expect(kentix.emu.get("vdslines", Number(id))).toMatchObject({ line: 2, alarmtype: "fire" });
    expect(outs).toMatchObject({ line: 2, alarmType: "fire" });
    const err = await failure(createChecked(kind, { connection: kentix.connection, line: 2, alarmType: "tampering" }));
    expect(err.message).toContain(`already exists on ${kentix.connection.url} with id ${id}`);
  });

  it("one changed field is one PATCH; refresh shows a change made out of band; delete is one DELETE", async () => {
    const declared = { connection: kentix.connection, line: 1, alarmType: "armed-active" as const };
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...declared, alarmType: "arm-disarm" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/vdslines/${id}`]: { alarmtype: "arm-disarm" } }]);
    kentix.emu.edit("vdslines", Number(id), { alarmtype: "fire" });
    const { inputs } = await refreshDiff(kind, id, later);
    expect(inputs.alarmType).toBe("fire");
    kentix.emu.clearRequests();
    await lc().delete(id, later);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/vdslines/${id}`]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(kind, unchecked({ connection: kentix.connection, line: 1.5, alarmType: "burglary" })),
    ).toEqual(["line", "alarmType"]);
    expect(await failingProperties(kind, unchecked({ connection: kentix.connection }))).toEqual(["line", "alarmType"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
