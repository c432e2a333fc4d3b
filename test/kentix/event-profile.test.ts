import { describe, expect, it } from "vitest";
import { AlarmGroup, EventProfile } from "../../providers/kentix";
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
const kind = EventProfile;
const lc = () => lifecycleOf(kind);
const NIGHT = { start: "22:00", end: "06:00" };

describe("kentix.EventProfile lifecycle (the create call is an upsert)", () => {
  it("creates with one listing and one POST that never carries an id; alarm groups as typed refs", async () => {
    const { id: groupId } = await createChecked(AlarmGroup, { connection: kentix.connection, name: "Lobby" });
    kentix.emu.insert("eventprofiles", { name: "Other" }); // an id a stray body id could overwrite
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Night",
      type: "group",
      groupIds: [groupId],
      eventTimes: [NIGHT],
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/eventprofiles",
      {
        "POST /api/eventprofiles": { name: "Night", type: "group", groups: [Number(groupId)], eventtimes: [NIGHT] },
      },
    ]);
    expect(kentix.emu.list("eventprofiles").map((p) => [String(p.id), p.name])).toEqual([
      ["1", "Other"],
      [id, "Night"],
    ]);
    expect(outs).toMatchObject({ name: "Night", groupIds: [groupId], eventTimes: [NIGHT] });
  });

  it("never sends the create again when its answer is lost: the profile is found by name", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/eventprofiles", kind: "reset-after-commit" });
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "Night" });
    expect(kentix.emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(kentix.emu.list("eventprofiles").map((p) => String(p.id))).toEqual([id]);
  });

  it("fails on a taken name with the existing id, and takes it over with adopt: true", async () => {
    const taken = kentix.emu.insert("eventprofiles", { name: "Night" });
    const err = await failure(createChecked(kind, { connection: kentix.connection, name: "Night" }));
    expect(err.message).toContain(`already exists on ${kentix.connection.url} with id ${taken.id}`);
    kentix.emu.clearRequests();
    const adopted = await createChecked(kind, {
      connection: kentix.connection,
      name: "Night",
      eventTimes: [NIGHT],
      adopt: true,
    });
    expect(adopted.id).toBe(String(taken.id));
    expect(calls(kentix.emu)).toEqual([
      "GET /api/eventprofiles",
      `GET /api/eventprofiles/${taken.id}`,
      { [`PATCH /api/eventprofiles/${taken.id}`]: { eventtimes: [NIGHT] } },
    ]);
  });

  it("one changed field is one PATCH; groups compare as a set; refresh shows drift; delete is one DELETE", async () => {
    const a = await createChecked(AlarmGroup, { connection: kentix.connection, name: "A" });
    const b = await createChecked(AlarmGroup, { connection: kentix.connection, name: "B" });
    const declared = { connection: kentix.connection, name: "Night", groupIds: [a.id, b.id] };
    const { id, outs } = await createChecked(kind, declared);
    expect(await lc().diff(id, outs, { ...declared, groupIds: [b.id, a.id] })).toEqual({ changes: false });
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...declared, name: "Nights" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/eventprofiles/${id}`]: { name: "Nights" } }]);
    kentix.emu.edit("eventprofiles", Number(id), { groups: [Number(a.id)] });
    const { inputs } = await refreshDiff(kind, id, later);
    expect(inputs.groupIds).toEqual([a.id]);
    kentix.emu.clearRequests();
    await lc().delete(id, later);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/eventprofiles/${id}`]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({ connection: kentix.connection, name: "", type: "zone", eventTimes: ["x"], id: 3 }),
      ),
    ).toEqual(["name", "type", "eventTimes[0]", "(resource)"]);
    expect(
      await failingProperties(kind, { connection: kentix.connection, name: "N", type: "group", outputIds: [2] }),
    ).toEqual(["outputIds"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
