import { describe, expect, it } from "vitest";
import { CommunicationRelation, ParticipantGroup } from "../../providers/sinema";
import {
  API,
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  type PlainArgs,
  refreshDiff,
  unchecked,
  updateChecked,
  useSinema,
} from "./support";

const rc = useSinema();
const lc = lifecycleOf;
const group = (name: string, extra: Partial<PlainArgs<typeof ParticipantGroup>> = {}) => ({
  connection: rc.connection,
  name,
  ...extra,
});

describe("sinema.ParticipantGroup lifecycle", () => {
  it("creates, updates in place with PUT, and replaces on a LAN flag (not in the update call)", async () => {
    const { id, inputs, outs } = await createChecked(
      ParticipantGroup,
      group("Engineers", { communicationAllowed: true, lan1: true }),
    );
    expect(calls(rc.emu)).toEqual([
      "GET /connections/groups",
      { "POST /connections/groups": { name: "Engineers", communicationAllowed: true, lan1: true } },
      `GET /connections/groups/${id}`,
    ]);
    rc.emu.clearRequests();
    await updateChecked(
      ParticipantGroup,
      id,
      outs,
      group("Engineers", { communicationAllowed: true, lan1: true, description: "Line 1" }),
    );
    expect(calls(rc.emu)).toEqual([{ [`PUT /connections/groups/${id}`]: { description: "Line 1" } }]);
    expect(await lc(ParticipantGroup).diff(id, outs, { ...inputs, lan1: false })).toEqual({
      replaces: ["lan1"],
      deleteBeforeReplace: true,
    });
  });

  it("refuses to delete a group that still has members or relations, naming them, and deletes nothing", async () => {
    const { id, outs } = await createChecked(ParticipantGroup, group("Engineers"));
    const other = rc.emu.insert("groups", { name: "Line 1" });
    const third = rc.emu.insert("groups", { name: "Vendors" });
    const dev = rc.emu.insert("devices", { name: "Router", password: "x", type: 2, connectionType: 1 });
    const user = rc.emu.insert("users", { username: "alice", password: "x", loginMethod: 1 });
    rc.emu.relate("deviceGroups", dev.id, Number(id));
    rc.emu.relate("userGroups", user.id, Number(id));
    rc.emu.relate("destinations", Number(id), other.id);
    rc.emu.relate("destinations", third.id, Number(id));
    const before = rc.emu.snapshot();
    rc.emu.clearRequests();
    const err = await lc(ParticipantGroup)
      .delete(id, outs)
      .catch((e) => e);
    expect(err.message).toBe(
      `sinema:ParticipantGroup ${id} cannot be deleted while other objects depend on it: device "Router" (id ${dev.id}); user "alice" (id ${user.id}); communication relation to group "Line 1" (id ${other.id}); communication relation from group "Vendors" (id ${third.id}). Remove them or their references to it first (objects declared in the same program are removed in dependency order); nothing was deleted.`,
    );
    expect(rc.emu.writes()).toEqual([]);
    expect(rc.emu.snapshot()).toEqual(before);
    // Once the members and relations are gone, the delete goes through.
    rc.emu.remove("devices", dev.id);
    rc.emu.remove("users", user.id);
    rc.emu.unrelate("destinations", Number(id), other.id);
    rc.emu.unrelate("destinations", third.id, Number(id));
    await lc(ParticipantGroup).delete(id, outs);
    expect(rc.emu.list("groups").map((g) => g.name)).toEqual(["Line 1", "Vendors"]);
  });

  it("deletes a group while a sibling group is deleted at the same moment (found by the real CLI's parallel destroy)", async () => {
    const { id, outs } = await createChecked(ParticipantGroup, group("Engineers"));
    const sibling = rc.emu.insert("groups", { name: "Production lines" });
    // The sibling is listed, then gone by the time its relations are looked up: its destinations answer 404.
    rc.emu.inject({
      method: "GET",
      path: `${API}/connections/groups/destination/${sibling.id}`,
      kind: "status",
      status: 404,
      body: { message: "Group not found" },
    });
    rc.emu.clearRequests();
    await lc(ParticipantGroup).delete(id, outs);
    expect(rc.emu.list("groups").map((g) => g.name)).toEqual(["Production lines"]);
    expect(rc.emu.writes().map((r) => `${r.method} ${r.path}`)).toEqual([`DELETE ${API}/connections/groups/${id}`]);
  });

  it("reports out-of-band edits as drift (a LAN flag as a replacement), and a group deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(
      ParticipantGroup,
      group("Engineers", { description: "Line 1", lan1: true }),
    );
    rc.emu.edit("groups", Number(id), { description: "Line 9", lan1: false });
    const { inputs, diff } = await refreshDiff(ParticipantGroup, id, outs);
    expect(inputs).toMatchObject({ description: "Line 9", lan1: false });
    expect(diff).toEqual({ replaces: ["lan1"], deleteBeforeReplace: true });
    rc.emu.remove("groups", Number(id));
    expect(await lc(ParticipantGroup).read(id, outs)).toEqual({});
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(
      await failingProperties(ParticipantGroup, unchecked({ ...group(""), communicationAllowed: "yes", lan5: true })),
    ).toEqual(["name", "communicationAllowed", "(resource)"]);
    expect(rc.emu.requests).toEqual([]);
  });
});

describe("sinema.CommunicationRelation lifecycle", () => {
  it("creates the directed relation, reads it from the source's list, and deletes it with a JSON body", async () => {
    const [src, dst] = [rc.emu.insert("groups", { name: "Engineers" }), rc.emu.insert("groups", { name: "Line 1" })];
    const rel = { connection: rc.connection, sourceGroupId: String(src.id), destinationGroupId: String(dst.id) };
    const { id, inputs, outs } = await createChecked(CommunicationRelation, rel);
    expect(id).toBe(`${src.id}:${dst.id}`);
    expect(calls(rc.emu)).toEqual([
      { [`POST /connections/groups/destination/${src.id}`]: { destinationId: dst.id } },
      `GET /connections/groups/destination/${src.id}`,
    ]);
    expect((await lc(CommunicationRelation).read(id, outs)).inputs).toEqual(inputs);
    expect(await lc(CommunicationRelation).diff(id, outs, { ...inputs, destinationGroupId: String(src.id) })).toEqual({
      replaces: ["destinationGroupId"],
      deleteBeforeReplace: false,
    });
    rc.emu.clearRequests();
    await lc(CommunicationRelation).delete(id, outs);
    expect(calls(rc.emu)).toEqual([
      { [`DELETE /connections/groups/destination/${src.id}`]: { destinationId: dst.id } },
    ]);
    expect(rc.emu.related("destinations", src.id)).toEqual([]);
    expect(await lc(CommunicationRelation).read(id, outs)).toEqual({});
  });

  it("takes the relation after a lost create answer instead of failing on its own duplicate, and adopts by id", async () => {
    const [src, dst] = [rc.emu.insert("groups", { name: "Engineers" }), rc.emu.insert("groups", { name: "Line 1" })];
    const rel = { connection: rc.connection, sourceGroupId: String(src.id), destinationGroupId: String(dst.id) };
    rc.emu.inject({
      method: "POST",
      path: `${API}/connections/groups/destination/${src.id}`,
      kind: "reset-after-commit",
    });
    const { id } = await createChecked(CommunicationRelation, rel);
    expect([id, rc.emu.related("destinations", src.id)]).toEqual([`${src.id}:${dst.id}`, [dst.id]]);
    const dup = await createChecked(CommunicationRelation, rel).catch((e) => e);
    expect(dup.message).toBe(
      `sinema API 409 on POST /api/v1/connections/groups/destination/${src.id}: The specified destination group ID is already in the destination list.`,
    );
    const adopted = await createChecked(CommunicationRelation, { ...rel, adopt: id });
    expect(adopted.id).toBe(id);
  });

  it("fails group ids that are not numeric ids in check, before any request", async () => {
    expect(
      await failingProperties(CommunicationRelation, {
        connection: rc.connection,
        sourceGroupId: "engineers",
        destinationGroupId: "",
      }),
    ).toEqual(["sourceGroupId", "destinationGroupId"]);
    expect(rc.emu.requests).toEqual([]);
  });
});
