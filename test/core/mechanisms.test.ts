import { z } from "zod";
import { describe, expect, it } from "vitest";
import { defineResource } from "../../providers/core/resource/define";
import { lifecycles } from "../../providers/core/resource/registry";
import { field } from "../../providers/core/resource/schema";
import { kentix } from "../../providers/kentix/client";
import { useKentix } from "../kentix/support";

// Test-only specs over the Kentix emulator's usergroups, to drive the generic mechanisms through real HTTP.
defineResource({
  vendor: kentix,
  name: "TestGroupSettings",
  description: "test-only singleton",
  singleton: true,
  idFor: (inputs) => String(inputs.groupId),
  updateMerge: true,
  deletePolicy: { default: "retain", options: ["retain", "restore", "disable"], disable: { name: "disabled" } },
  routes: { read: "GET /api/usergroups/{id}", update: "PUT /api/usergroups/{id}" },
  fields: {
    groupId: field(z.number().int(), { description: "which group", replaceOnChanges: true, wire: "id" }),
    name: field(z.string(), { description: "its name" }),
  },
});
defineResource({
  vendor: kentix,
  name: "TestGroupById",
  description: "test-only resource without a natural key",
  routes: {
    create: "POST /api/usergroups",
    read: "GET /api/usergroups/{id}",
    update: "PATCH /api/usergroups/{id}",
    delete: "DELETE /api/usergroups/{id}",
  },
  fields: { name: field(z.string(), { description: "its name" }) },
});

const env = useKentix({ stringNumbers: 0 });
const lc = (name: string) => lifecycles.get(`kentix:${name}`)!;

describe("singleton settings with a delete policy", () => {
  it("captures the current values, writes the declared ones by read-modify-write, and restores them on delete", async () => {
    const group = env.emu.insert("usergroups", { name: "Before" });
    const checked = await lc("TestGroupSettings").check(
      {},
      { connection: env.connection, groupId: group.id, name: "After", deletePolicy: "restore" },
    );
    const { id, outs } = await lc("TestGroupSettings").create(checked.inputs);
    expect(id).toBe(String(group.id));
    expect(outs.restoreValues).toEqual({ groupId: group.id, name: "Before" });
    const put = env.emu.writes()[0]!;
    expect([put.method, put.body]).toEqual([
      "PUT",
      expect.objectContaining({
        id: group.id,
        name: "After",
        permissions: expect.any(Object),
        created_at: expect.any(String),
      }),
    ]);
    await lc("TestGroupSettings").delete(id, outs);
    expect(env.emu.get("usergroups", group.id as number)!.name).toBe("Before");
  });

  it("retains by default and writes the disable settings on request", async () => {
    const group = env.emu.insert("usergroups", { name: "Kept" });
    const { id, outs } = await lc("TestGroupSettings").create({
      connection: env.connection,
      groupId: group.id,
      name: "Managed",
    });
    env.emu.clearRequests();
    await lc("TestGroupSettings").delete(id, outs);
    expect(env.emu.requests).toEqual([]);
    await lc("TestGroupSettings").delete(id, { ...outs, deletePolicy: "disable" });
    expect(env.emu.get("usergroups", group.id as number)!.name).toBe("disabled");
  });
});

describe("adoption by id", () => {
  it("takes over the object with the given id and applies the declared settings", async () => {
    const group = env.emu.insert("usergroups", { name: "Legacy" });
    const { id } = await lc("TestGroupById").create({
      connection: env.connection,
      name: "Renamed",
      adopt: String(group.id),
    });
    expect(id).toBe(String(group.id));
    expect(env.emu.list("usergroups").map((g) => g.name)).toEqual(["Renamed"]);
  });

  it("refuses adopt: true without a natural key, in check", async () => {
    const res = await lc("TestGroupById").check({}, { connection: env.connection, name: "X", adopt: true });
    expect(res.failures).toEqual([
      {
        property: "adopt",
        reason: "this resource has no natural key to find the object by; give the id of the object to adopt instead",
      },
    ]);
  });
});
