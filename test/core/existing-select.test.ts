/**
 * `existing({select: {id, name}})`: an object the API cannot create, selected by the field holding its id or, when
 * the program leaves that out, by its name (one listing). Driven through the Kentix emulator's user groups standing
 * in for such objects (no vendor rule is involved).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { existing } from "../../providers/core/resource/archetypes";
import { lifecycles } from "../../providers/core/resource/registry";
import { field } from "../../providers/core/resource/schema";
import { kentix } from "../../providers/kentix/client";
import { calls, useKentix } from "../kentix/support";

const fields = {
  groupId: field(z.string().optional(), { description: "its id", replaceOnChanges: true, wire: "id" }),
  name: field(z.string().min(1).optional(), { description: "its name" }),
  permissions: field(z.record(z.string(), z.boolean()).optional(), { description: "flags", declaredKeysOnly: true }),
};
existing({
  vendor: kentix,
  name: "TestSelect",
  description: "test-only: an object selected by id or by name",
  select: { id: "groupId", name: "name" },
  routes: { list: "GET /api/usergroups", read: "GET /api/usergroups/{id}", update: "PATCH /api/usergroups/{id}" },
  fields,
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
});

const env = useKentix({ stringNumbers: 0 });
const lc = () => lifecycles.get("kentix:TestSelect")!;
const checked = async (news: Record<string, unknown>) => {
  const res = await lc().check({}, { connection: env.connection, ...news });
  expect(res.failures).toBeUndefined();
  return res.inputs;
};
/** The error a create fails with (a CheckError carries the property). */
const refused = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error("expected a failure, but it succeeded");
    },
    (e: Error & { property?: string }) => e,
  );
const twoGroups = () => {
  const a = env.emu.insert("usergroups", { name: "Door A", permissions: { "doorlocks.open": false } });
  const b = env.emu.insert("usergroups", { name: "Door B" });
  env.emu.clearRequests();
  return { a: String(a.id), b: String(b.id) };
};

describe("existing, selected by id or by name", () => {
  it("selected by name: one listing finds it, then read and write as by id; the name is not written", async () => {
    const { b } = twoGroups();
    const { id, outs } = await lc().create(await checked({ name: "Door B", permissions: { "doorlocks.open": true } }));
    expect(id).toBe(b);
    expect(calls(env.emu)).toEqual([
      "GET /api/usergroups",
      `GET /api/usergroups/${b}`,
      { [`PATCH /api/usergroups/${b}`]: { permissions: expect.objectContaining({ "doorlocks.open": true }) } },
    ]);
    expect(outs).toMatchObject({ name: "Door B", permissions: { "doorlocks.open": true } });
    expect(outs.groupId).toBeUndefined();
  });

  it("selected by id: the name renames the object (written), no listing", async () => {
    const { a } = twoGroups();
    const { id } = await lc().create(await checked({ groupId: a, name: "Door A2" }));
    expect(id).toBe(a);
    expect(calls(env.emu)).toEqual([
      `GET /api/usergroups/${a}`,
      { [`PATCH /api/usergroups/${a}`]: { name: "Door A2" } },
    ]);
  });

  it("a name no object has, or several have, fails naming the property, the name and the ids, without a write", async () => {
    const { a } = twoGroups();
    const none = await refused(lc().create(await checked({ name: "Door C" })));
    expect(none.property).toBe("name");
    expect(none.message).toMatch(
      /^name: no kentix:TestSelect on the appliance \(https:\/\/127\.0\.0\.1:\d+\) has the name "Door C"; declare one that exists \(the API cannot create it\), or select it by groupId$/,
    );
    env.emu.edit("usergroups", Number(a), { name: "Door B" });
    const several = await refused(lc().create(await checked({ name: "Door B" })));
    expect(several.message).toMatch(
      /^name: several kentix:TestSelect objects on .* have the name "Door B" \(ids 1, 2\); select one by groupId/,
    );
    expect(env.emu.writes()).toEqual([]);
  });

  it("an id the appliance does not have fails saying so, after one GET", async () => {
    twoGroups();
    const err = await refused(lc().create(await checked({ groupId: "99", name: "x" })));
    expect(err.property).toBe("groupId");
    expect(err.message).toMatch(
      /^groupId: no kentix:TestSelect with id 99 on the appliance \(https:\/\/127\.0\.0\.1:\d+\); declare one that exists \(the API cannot create it\)$/,
    );
    expect(calls(env.emu)).toEqual(["GET /api/usergroups/99"]);
  });

  it("check refuses a declaration with neither, naming both, before any request", async () => {
    const res = await lc().check({}, { connection: env.connection, permissions: {} });
    expect(res.failures).toEqual([
      {
        property: "groupId",
        reason: "select the object: give groupId (its id) or name (its name on the appliance); neither is set",
      },
    ]);
    expect(env.emu.requests).toEqual([]);
  });

  it("diff: another id or (without an id) another name replaces, releasing the old first; a rename by id updates", async () => {
    const { a, b } = twoGroups();
    const byId = await checked({ groupId: a, name: "Door A" });
    const { outs } = await lc().create(byId);
    const byName = await checked({ name: "Door A" });
    // The same object, now selected by name (or again by id): no change.
    expect(await lc().diff(a, outs, byName)).toEqual({ changes: false });
    const named = (await lc().create(byName)).outs;
    expect(await lc().diff(a, named, byId)).toEqual({ changes: false });
    // A rename of the object selected by id.
    expect(await lc().diff(a, outs, { ...byId, name: "Door A2" })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
    // Another object.
    expect(await lc().diff(a, outs, { ...byId, groupId: b })).toEqual({
      replaces: ["groupId"],
      deleteBeforeReplace: true,
    });
    expect(await lc().diff(a, named, { ...byName, name: "Door B" })).toEqual({
      replaces: ["name"],
      deleteBeforeReplace: true,
    });
    env.emu.clearRequests();
    // An update that switches from id to name writes the changed field only: the id is never sent (the GET is the
    // merge of a map managed on declared keys only).
    await lc().update(a, outs, { ...byName, permissions: { "doorlocks.open": true } });
    expect(calls(env.emu)).toEqual([
      `GET /api/usergroups/${a}`,
      { [`PATCH /api/usergroups/${a}`]: { permissions: expect.objectContaining({ "doorlocks.open": true }) } },
    ]);
  });

  it("a definition whose id field is required is refused when it is built", () => {
    expect(() =>
      existing({
        vendor: kentix,
        name: "TestSelectBad",
        description: "test-only",
        select: { id: "groupId", name: "name" },
        routes: { read: "GET /api/usergroups/{id}", update: "PATCH /api/usergroups/{id}" },
        fields: { ...fields, groupId: field(z.string(), { description: "its id", wire: "id" }) },
      }),
    ).toThrow(
      "TestSelectBad: select {id, name}: groupId must be optional; groupId must be replaceOnChanges (another id is another object); routes.list is needed to find an object by name",
    );
  });
});
