import { describe, expect, it } from "vitest";
import { ExceptionDayProfile, TimeProfile } from "../../providers/kentix";
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
const kind = ExceptionDayProfile;
const lc = () => lifecycleOf(kind);
const XMAS = { date: "2026-12-24" };
const NEW_YEAR = { date: "2027-01-01" };

describe("kentix.ExceptionDayProfile lifecycle (the create call is an upsert)", () => {
  it("creates with one listing and one POST that never carries an id", async () => {
    kentix.emu.insert("exceptiondays", { name: "Other" }); // an id a stray body id could overwrite
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Holidays",
      days: [XMAS, NEW_YEAR],
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/exceptiondays",
      { "POST /api/exceptiondays": { name: "Holidays", days: [XMAS, NEW_YEAR] } },
    ]);
    expect(kentix.emu.list("exceptiondays").map((p) => [String(p.id), p.name])).toEqual([
      ["1", "Other"],
      [id, "Holidays"],
    ]);
    expect(outs).toMatchObject({ name: "Holidays", days: [XMAS, NEW_YEAR] });
  });

  it("never sends the create again when its answer is lost: the profile is found by name", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/exceptiondays", kind: "reset-after-commit" });
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "Holidays", days: [XMAS] });
    expect(kentix.emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(kentix.emu.list("exceptiondays").map((p) => String(p.id))).toEqual([id]);
  });

  it("fails on a taken name with the existing id, and takes it over with adopt: true", async () => {
    const taken = kentix.emu.insert("exceptiondays", { name: "Holidays", days: [XMAS] });
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Holidays" }));
    expect(err.message).toContain(`already exists on ${kentix.connection.url} with id ${taken.id}`);
    kentix.emu.clearRequests();
    const adopted = await createChecked(kind, {
      connection: kentix.connection,
      name: "Holidays",
      days: [NEW_YEAR, XMAS],
      adopt: true,
    });
    expect(adopted.id).toBe(String(taken.id));
    expect(calls(kentix.emu)).toEqual([
      "GET /api/exceptiondays",
      `GET /api/exceptiondays/${taken.id}`,
      { [`PATCH /api/exceptiondays/${taken.id}`]: { days: [NEW_YEAR, XMAS] } },
    ]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, { connection: kentix.connection, name: "Holidays", days: [XMAS, NEW_YEAR] }, kentix.emu));

  it("compares days as a set; one changed field is one PATCH; refresh shows days changed out of band", async () => {
    const declared = { connection: kentix.connection, name: "Holidays", days: [XMAS] };
    const { id, outs } = await createChecked(kind, declared);
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...declared, days: [NEW_YEAR, XMAS] });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/exceptiondays/${id}`]: { days: [NEW_YEAR, XMAS] } }]);
    expect(await lc().diff(id, later, { ...declared, days: [XMAS, NEW_YEAR] })).toEqual({ changes: false });
    kentix.emu.edit("exceptiondays", Number(id), { days: [XMAS] });
    const { inputs, diff } = await refreshDiff(kind, id, later);
    expect(inputs.days).toEqual([XMAS]);
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("deletes with one DELETE; a time profile can name it", async () => {
    const { id, outs } = await createChecked(kind, { connection: kentix.connection, name: "Holidays" });
    const week = `${"0".repeat(7)}${"F".repeat(12)}${"0".repeat(149)}`;
    await createChecked(TimeProfile, {
      connection: kentix.connection,
      name: "Office",
      flagstring: week,
      exceptionDayProfileId: id,
    });
    expect(kentix.emu.list("timeprofiles")[0]!.exceptionday_profile_id).toBe(Number(id));
    kentix.emu.clearRequests();
    await lc().delete(id, outs);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/exceptiondays/${id}`]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({ connection: kentix.connection, name: "", days: [XMAS, "2026-12-31"], id: 3 }),
      ),
    ).toEqual(["name", "days[1]", "(resource)"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
