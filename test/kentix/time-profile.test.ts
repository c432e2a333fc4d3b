import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { TimeProfile } from "../../providers/kentix";
import { compileWeek, DAYS, decompileWeek } from "../../providers/kentix/time-profile";
import { clearSessions } from "../../providers/core/connection";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = TimeProfile;
const lc = () => lifecycleOf(kind);
// The SmartAPI documentation's sample: Monday to Friday, 07:00 to 19:00.
const SAMPLE = `${"0000000FFFFFFFFFFFF00000".repeat(5)}${"0".repeat(48)}`;
const OFFICE = [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "07:00", to: "19:00" }] as const;
const office = () => ({
  connection: kentix.connection,
  name: "Office hours",
  weekly: OFFICE.map((r) => ({ ...r, days: [...r.days] })),
});

describe("kentix.TimeProfile lifecycle (no delete call)", () => {
  it("compiles weekly ranges to the flag string and creates with one listing and one POST", async () => {
    const { id, outs } = await createChecked(kind, office());
    expect(calls(kentix.emu)).toEqual([
      "GET /api/timeprofiles",
      { "POST /api/timeprofiles": { name: "Office hours", flagstring: SAMPLE } },
    ]);
    expect(kentix.emu.get("timeprofiles", Number(id))!.flagstring).toBe(SAMPLE);
    expect(outs).toMatchObject({ name: "Office hours", weekly: OFFICE, createdAt: expect.any(String) });
  });

  it("takes the raw flag string too, compared without regard to case", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Raw",
      flagstring: SAMPLE.toLowerCase(),
    });
    kentix.emu.edit("timeprofiles", Number(id), { flagstring: SAMPLE });
    const read = await lc().read(id, outs);
    expect(read.inputs).toMatchObject({ flagstring: SAMPLE.toLowerCase() }); // canonically equal: kept as declared
    expect(await lc().diff(id, read.props!, outs)).toEqual({ changes: false });
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, { ...office(), exceptionDayProfileId: null }, kentix.emu));

  it("writes one changed field with one PATCH of the compiled string", async () => {
    const { id, outs } = await createChecked(kind, office());
    kentix.emu.clearRequests();
    const later = [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "07:00", to: "19:15" }] as const;
    await updateChecked(kind, id, outs, { ...office(), weekly: later.map((r) => ({ ...r, days: [...r.days] })) });
    const flags = calls(kentix.emu);
    expect(flags).toEqual([{ [`PATCH /api/timeprofiles/${id}`]: { flagstring: expect.any(String) } }]);
    expect(kentix.emu.get("timeprofiles", Number(id))!.flagstring).toMatch(/^0000000FFFFFFFFFFFF800000000000F/);
  });

  it("refresh shows the week changed out of band as readable ranges", async () => {
    const { id, outs } = await createChecked(kind, office());
    kentix.emu.edit("timeprofiles", Number(id), { flagstring: SAMPLE.slice(0, 120) + "F".repeat(48) });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs.weekly).toEqual([
      { days: ["mon", "tue", "wed", "thu", "fri"], from: "07:00", to: "19:00" },
      { days: ["sat", "sun"], from: "00:00", to: "24:00" },
    ]);
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("destroy retains the profile with a warning and no request; a later create with its name takes it over", async () => {
    const first = await createChecked(kind, office());
    kentix.emu.clearRequests();
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await lc().delete(first.id, first.outs);
    expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([
      `warning: kentix:TimeProfile ${first.id}: the SmartAPI cannot delete time profiles, so it stays on the appliance`,
    ]);
    warn.mockRestore();
    expect(kentix.emu.requests).toEqual([]);
    expect(lc().deletePolicies).toEqual(["retain"]);

    clearSessions(); // a later run
    kentix.emu.clearRequests();
    const again = await createChecked(kind, {
      ...office(),
      flagstring: undefined,
      weekly: [{ days: ["sat"], from: "08:00", to: "12:00" }],
    });
    expect(again.id).toBe(first.id);
    expect(calls(kentix.emu)).toEqual([
      "GET /api/timeprofiles",
      `GET /api/timeprofiles/${first.id}`,
      { [`PATCH /api/timeprofiles/${first.id}`]: { flagstring: expect.stringMatching(/^0{120}0{8}F{4}0{12}0{24}$/) } },
    ]);
    expect(kentix.emu.list("timeprofiles")).toHaveLength(1);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    const bad = (extra: Record<string, unknown>) =>
      failingProperties(kind, unchecked({ connection: kentix.connection, name: "P", ...extra }));
    expect(await bad({})).toEqual(["weekly"]);
    expect(await bad({ weekly: OFFICE, flagstring: SAMPLE })).toEqual(["flagstring"]);
    expect(await bad({ weekly: [{ days: ["mon"], from: "19:00", to: "07:00" }] })).toEqual(["weekly[0].to"]);
    expect(await bad({ weekly: [{ days: ["monday"], from: "07:00", to: "08:00" }] })).toEqual(["weekly[0].days[0]"]);
    expect(await bad({ flagstring: SAMPLE, deletePolicy: "delete" })).toEqual(["deletePolicy"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("refuses every generated malformed flag string and time in check, naming the property", async () => {
    const notFlags = fc.oneof(
      fc.stringMatching(/^[0-9a-fA-F]*$/).filter((s) => s.length !== 168),
      fc.string({ minLength: 168, maxLength: 168 }).filter((s) => !/^[0-9a-fA-F]{168}$/.test(s)),
    );
    const notTime = fc.string().filter((s) => !/^(?:([01]\d|2[0-3]):(00|15|30|45)|24:00)$/.test(s));
    await fc.assert(
      fc.asyncProperty(notFlags, notTime, async (f, t) => {
        const decl = { connection: kentix.connection, name: "P" };
        expect(await failingProperties(kind, unchecked({ ...decl, flagstring: f }))).toEqual(["flagstring"]);
        const range = { days: ["mon"], from: t, to: "24:00" };
        expect(await failingProperties(kind, unchecked({ ...decl, weekly: [range] }))).toEqual(["weekly[0].from"]);
      }),
      { numRuns: 100 },
    );
    expect(kentix.emu.requests).toEqual([]);
  });

  it("decompiles every flag string to ranges that compile back to it", () => {
    const flags = fc.stringMatching(/^[0-9A-F]{168}$/);
    fc.assert(
      fc.property(flags, (f) => {
        expect(compileWeek(decompileWeek(f))).toBe(f);
      }),
    );
    expect(decompileWeek(SAMPLE)).toEqual([{ days: [...DAYS.slice(0, 5)], from: "07:00", to: "19:00" }]);
  });
});
