import { beforeEach, describe, expect, it } from "vitest";
import { SEEDED_DOORLOCKS } from "../emulators/kentix";
import { LevelProfile } from "../../providers/kentix";
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
const kind = LevelProfile;
const lc = () => lifecycleOf(kind);
const WEEK = `${"0000000FFFFFFFFFFFF00000".repeat(5)}${"0".repeat(48)}`;
let office = "";
beforeEach(() => {
  for (const lock of SEEDED_DOORLOCKS) kentix.emu.insert("doorlocks", lock); // 1 "Frontdoor", 2 "Server room"
  office = String(kentix.emu.insert("timeprofiles", { name: "Office hours", flagstring: WEEK }).id);
  kentix.emu.clearRequests();
});
const staff = () => ({
  connection: kentix.connection,
  name: "Staff",
  timeProfileId: office,
  doorLockIds: ["1", "2"],
});

describe("kentix.LevelProfile lifecycle (the create answer carries no id)", () => {
  it("creates with one POST and finds the new profile by name, since the answer has no id", async () => {
    kentix.emu.insert("levelprofiles", { name: "Other" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, staff());
    expect(calls(kentix.emu)).toEqual([
      "GET /api/levelprofiles",
      { "POST /api/levelprofiles": { name: "Staff", timeprofile_id: Number(office), doorlocks: [1, 2] } },
      "GET /api/levelprofiles/names",
    ]);
    expect(id).toBe("2");
    expect(kentix.emu.get("levelprofiles", 2)).toMatchObject({ name: "Staff", doorlocks: [1, 2] });
    expect(outs).toMatchObject({ name: "Staff", timeProfileId: office, doorLockIds: ["1", "2"] });
  });

  it("never sends the create again when its answer is lost: the profile is found by name", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/levelprofiles", kind: "reset-after-commit" });
    const { id } = await createChecked(kind, staff());
    expect(kentix.emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(kentix.emu.list("levelprofiles").map((p) => String(p.id))).toEqual([id]);
  });

  it("fails on a taken name with the existing id, and takes it over with adopt: true", async () => {
    const taken = kentix.emu.insert("levelprofiles", { name: "Staff", doorlocks: [2] });
    const err = await failure(createChecked(kind, staff()));
    expect(err.message).toContain(`already exists on ${kentix.connection.url} with id ${taken.id}`);
    kentix.emu.clearRequests();
    const adopted = await createChecked(kind, { ...staff(), adopt: true });
    expect(adopted.id).toBe(String(taken.id));
    expect(calls(kentix.emu)).toEqual([
      "GET /api/levelprofiles",
      `GET /api/levelprofiles/${taken.id}`,
      { [`PATCH /api/levelprofiles/${taken.id}`]: { timeprofile_id: Number(office), doorlocks: [1, 2] } },
    ]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, staff(), kentix.emu));

  it("compares door locks as a set; one changed field is one PATCH; refresh shows changes made out of band", async () => {
    const { id, outs } = await createChecked(kind, staff());
    expect(await lc().diff(id, outs, { ...staff(), doorLockIds: ["2", "1"] })).toEqual({ changes: false });
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...staff(), doorLockIds: ["1"] });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/levelprofiles/${id}`]: { doorlocks: [1] } }]);
    kentix.emu.edit("levelprofiles", Number(id), { timeprofile_id: null, doorlocks: [2, 1] });
    const { inputs, diff } = await refreshDiff(kind, id, later);
    expect(inputs).toMatchObject({ timeProfileId: null, doorLockIds: ["2", "1"] });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("deletes with one DELETE, after which a read finds it gone", async () => {
    const { id, outs } = await createChecked(kind, staff());
    kentix.emu.clearRequests();
    await lc().delete(id, outs);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/levelprofiles/${id}`]);
    expect(kentix.emu.list("levelprofiles")).toEqual([]);
    expect(await lc().read(id, outs)).toEqual({});
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    const bad = (extra: Record<string, unknown>) =>
      failingProperties(kind, unchecked({ connection: kentix.connection, name: "P", ...extra }));
    expect(await bad({ name: "" })).toEqual(["name"]);
    expect(await bad({ timeProfileId: "office" })).toEqual(["timeProfileId"]);
    expect(await bad({ doorLockIds: ["1", "front"] })).toEqual(["doorLockIds[1]"]);
    expect(await bad({ doorLockIds: "1" })).toEqual(["doorLockIds"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("reports the appliance's 422 for a door lock it does not have", async () => {
    const err = await failure(createChecked(kind, { ...staff(), doorLockIds: ["9"] }));
    expect(err.message).toBe(
      "kentix API 422 on POST /api/levelprofiles: doorlocks.0: The selected doorlocks.0 is invalid.",
    );
    expect(kentix.emu.list("levelprofiles")).toEqual([]);
  });
});
