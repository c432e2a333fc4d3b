import { describe, expect, it } from "vitest";
import { Report } from "../../providers/kentix";
import {
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = Report;
const lc = () => lifecycleOf(kind);

describe("kentix.Report lifecycle", () => {
  it("creates with one listing and one POST that carries no id; the enums travel as the appliance's numbers", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Weekly",
      type: "sum",
      interval: "weekly",
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/reports",
      { "POST /api/reports": { name: "Weekly", type: 1, interval_mode: 2 } },
    ]);
    expect(kentix.emu.get("reports", Number(id))).toMatchObject({ name: "Weekly", type: 1, interval_mode: 2 });
    expect(outs).toMatchObject({ name: "Weekly", type: "sum", interval: "weekly" });
  });

  it("one changed field is one PATCH; refresh shows a change made out of band; delete is one DELETE", async () => {
    const declared = { connection: kentix.connection, name: "Daily", interval: "daily" as const };
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...declared, interval: "yearly" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/reports/${id}`]: { interval_mode: 4 } }]);
    kentix.emu.edit("reports", Number(id), { interval_mode: 3 });
    const { inputs } = await refreshDiff(kind, id, later);
    expect(inputs.interval).toBe("monthly");
    kentix.emu.clearRequests();
    await lc().delete(id, later);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/reports/${id}`]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({ connection: kentix.connection, name: "", type: 0, interval: "hourly", id: 1 }),
      ),
    ).toEqual(["name", "type", "interval", "(resource)"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
