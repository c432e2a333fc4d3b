import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY } from "../../providers/core/http/retry";
import { AlarmGroup, Rack } from "../../providers/kentix";
import {
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  refreshDiff,
  unchangedUp,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = Rack;
const lc = () => lifecycleOf(kind);
const PDU = { device_id: 7, supplyline: "a" };

describe("kentix.Rack lifecycle (the create call takes only name and group)", () => {
  it("creates with one POST of name and group, then one PATCH of the rest", async () => {
    const { id: groupId } = await createChecked(AlarmGroup, { connection: kentix.connection, name: "Server room" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "R1",
      groupId,
      description: "Row A",
      isActive: false,
      ioIds: [4, 3],
      devices: [PDU],
      synchronicity: { active: true },
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/racks",
      { "POST /api/racks": { name: "R1", group_id: Number(groupId) } },
      {
        [`PATCH /api/racks/${id}`]: {
          is_active: false,
          description: "Row A",
          devices: [PDU],
          ios: [4, 3],
          synchronicity: { active: true },
        },
      },
    ]);
    expect(kentix.emu.get("racks", Number(id))).toMatchObject({
      name: "R1",
      group_id: Number(groupId),
      description: "Row A",
      is_active: false,
      ios: [4, 3],
    });
    expect(outs).toMatchObject({ name: "R1", groupId, description: "Row A", isActive: false, ioIds: ["4", "3"] });
  });

  it("sends no update when the declaration has only name and group", async () => {
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "R2" });
    expect(calls(kentix.emu)).toEqual(["GET /api/racks", { "POST /api/racks": { name: "R2" } }]);
    expect(kentix.emu.get("racks", Number(id))).toMatchObject({ name: "R2", group_id: null, is_active: true });
  });

  it("reports a partial create when the follow-up update fails; the next up writes the rest", async () => {
    kentix.emu.inject({
      method: "PATCH",
      path: "/api/racks/{id}",
      kind: "status",
      status: 500,
      body: { message: "Server Error" },
      times: 1 + DEFAULT_RETRY.maxRetries,
    });
    const declared = { connection: kentix.connection, name: "Half", description: "later" };
    const err = await createChecked(kind, declared).catch((e) => e);
    const created = kentix.emu.list("racks")[0]!;
    expect(err).toMatchObject({ id: String(created.id), properties: { name: "Half" } });
    expect(err.properties).not.toHaveProperty("description");
    kentix.emu.clearRequests();
    const up = await unchangedUp(kind, err.id, err.properties, declared);
    expect(up.outs).toMatchObject({ description: "later" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/racks/${err.id}`]: { description: "later" } }]);
  });

  it("one changed field is one PATCH; IOs compare as a set; refresh shows a change made out of band", async () => {
    const declared = { connection: kentix.connection, name: "R1", description: "Row A", ioIds: [1, 2] };
    const { id, outs } = await createChecked(kind, declared);
    expect(await lc().diff(id, outs, { ...declared, ioIds: [2, 1] })).toEqual({ changes: false });
    kentix.emu.clearRequests();
    const { outs: later } = await updateChecked(kind, id, outs, { ...declared, description: "Row B" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/racks/${id}`]: { description: "Row B" } }]);
    kentix.emu.edit("racks", Number(id), { description: "moved" });
    const { inputs } = await refreshDiff(kind, id, later);
    expect(inputs.description).toBe("moved");
  });

  it("deletes with one DELETE", async () => {
    const { id, outs } = await createChecked(kind, { connection: kentix.connection, name: "R1" });
    kentix.emu.clearRequests();
    await lc().delete(id, outs);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/racks/${id}`]);
    expect(kentix.emu.list("racks")).toEqual([]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({ connection: kentix.connection, name: "", ioIds: ["x"], devices: [1], isActive: "yes" }),
      ),
    ).toEqual(["name", "isActive", "devices[0]", "ioIds[0]"]);
    expect(kentix.emu.requests).toEqual([]);
  });
});
