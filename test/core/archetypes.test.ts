/**
 * The `existing` archetype (configuration of an object the API cannot create or delete, selected by id or by
 * name), driven through the Kentix emulator's user groups standing in for such objects; and the compile-time
 * checks of field names in the archetype builders (a misspelt field name must not compile).
 */
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { collection, existing, membership, settings } from "../../providers/core/resource/archetypes";
import { lifecycles } from "../../providers/core/resource/registry";
import { field } from "../../providers/core/resource/schema";
import { kentix } from "../../providers/kentix/client";
import { useKentix } from "../kentix/support";

const groupFields = {
  groupId: field(z.number().int().optional(), { description: "which group", replaceOnChanges: true, wire: "id" }),
  name: field(z.string(), { description: "its name" }),
  permissions: field(z.record(z.string(), z.boolean()).optional(), { description: "flags", declaredKeysOnly: true }),
};

existing({
  vendor: kentix,
  name: "TestExistingById",
  description: "test-only: an object selected by its id",
  select: { id: "groupId" },
  routes: { read: "GET /api/usergroups/{id}", update: "PATCH /api/usergroups/{id}" },
  fields: groupFields,
});
existing({
  vendor: kentix,
  name: "TestExistingByName",
  description: "test-only: an object selected by its name",
  select: { naturalKey: ["name"] },
  routes: { list: "GET /api/usergroups", read: "GET /api/usergroups/{id}", update: "PATCH /api/usergroups/{id}" },
  fields: { name: groupFields.name, permissions: groupFields.permissions },
});

const env = useKentix({ stringNumbers: 0 });
const lc = (name: string) => lifecycles.get(`kentix:${name}`)!;
const checked = async (name: string, news: Record<string, unknown>) => {
  const res = await lc(name).check({}, { connection: env.connection, ...news });
  expect(res.failures).toBeUndefined();
  return res.inputs;
};

describe("existing: an object the API cannot create or delete", () => {
  it("is selected by id, read, given the declared values, and restored on destroy with deletePolicy restore", async () => {
    const group = env.emu.insert("usergroups", { name: "Door 1", permissions: { "doorlocks.open": false } });
    const inputs = await checked("TestExistingById", {
      groupId: group.id,
      permissions: { "doorlocks.open": true },
      name: "Door 1",
      deletePolicy: "restore",
    });
    const { id, outs } = await lc("TestExistingById").create(inputs);
    expect(id).toBe(String(group.id));
    expect(env.emu.writes().map((w) => [w.method, w.path])).toEqual([["PATCH", `/api/usergroups/${group.id}`]]);
    expect(env.emu.get("usergroups", group.id as number)!.permissions).toMatchObject({ "doorlocks.open": true });
    expect(outs.restoreValues).toMatchObject({ permissions: { "doorlocks.open": false } });
    await lc("TestExistingById").delete(id, outs);
    expect(env.emu.get("usergroups", group.id as number)!.permissions).toMatchObject({ "doorlocks.open": false });
    expect(env.emu.list("usergroups")).toHaveLength(1); // never created, never deleted
  });

  it("retains by default: destroy sends nothing", async () => {
    const group = env.emu.insert("usergroups", { name: "Door 2" });
    const { id, outs } = await lc("TestExistingById").create(
      await checked("TestExistingById", { groupId: group.id, name: "Door 2b" }),
    );
    env.emu.clearRequests();
    await lc("TestExistingById").delete(id, outs);
    expect(env.emu.requests).toEqual([]);
    expect(env.emu.get("usergroups", group.id as number)!.name).toBe("Door 2b");
  });

  it("is selected by name through the listing, and a missing one fails without a write", async () => {
    const group = env.emu.insert("usergroups", { name: "Lobby door" });
    const { id } = await lc("TestExistingByName").create(
      await checked("TestExistingByName", { name: "Lobby door", permissions: { "doorlocks.open": true } }),
    );
    expect(id).toBe(String(group.id));
    env.emu.clearRequests();
    await expect(
      lc("TestExistingByName").create(await checked("TestExistingByName", { name: "No such door" })),
    ).rejects.toThrow(/kentix:TestExistingByName name "No such door" was not found on .*: it cannot be created/);
    expect(env.emu.writes()).toEqual([]);
  });

  it("has no adopt input (it is always taken over) and is not reported as unmanaged by drift", async () => {
    const res = await lc("TestExistingById").check(
      {},
      { connection: env.connection, groupId: 1, name: "x", adopt: true },
    );
    expect(res.failures).toEqual([{ property: "(resource)", reason: "unknown property adopt" }]);
    expect(lc("TestExistingById").model.reportsUnmanaged).toBe(false);
  });
});

describe("field names in definitions are checked by the compiler", () => {
  it("refuses misspelt names in naturalKey, conditional, writeTogether, rules, parts and pair", () => {
    const fields = { name: field(z.string(), { description: "n" }), flag: field(z.boolean(), { description: "f" }) };
    const routes = { create: "POST /x", read: "GET /x/{id}", update: "PUT /x/{id}", delete: "DELETE /x/{id}" };
    const base = { vendor: kentix, description: "type test", fields, routes };
    // Each definition is built only inside a function never called: this test is about compiling.
    const never = () => {
      // @ts-expect-error: "nmae" is not a field
      collection({ ...base, name: "T1", naturalKey: ["nmae"] });
      // @ts-expect-error: "flga" is not a field
      collection({ ...base, name: "T2", conditional: [{ flag: "flga", activeWhen: true, defaults: {} }] });
      // @ts-expect-error: "nam" is not a field
      collection({ ...base, name: "T3", writeTogether: [["nam", "flag"]] });
      collection({
        ...base,
        name: "T4",
        rules(inputs, fail) {
          // @ts-expect-error: inputs are typed; "nmae" is not among them
          if (inputs.nmae) fail("name", "x");
          // @ts-expect-error: "flga" is not a field
          fail("flga", "x");
        },
      });
      // @ts-expect-error: "nme" is not a field
      collection({ ...base, name: "T5", parts: { nme: { read: "GET /r", write: "PUT /r", key: "k" } } });
      // @ts-expect-error: "flg" is not a field
      membership({ ...base, name: "T6", pair: ["name", "flg"], id: () => "x", readFromList: true });
      const policy = { default: "retain", options: [] } as const;
      // @ts-expect-error: settings take no natural key
      settings({ ...base, name: "T7", id: "s", deletePolicy: { ...policy, options: [] }, naturalKey: ["name"] });
    };
    expect(typeof never).toBe("function");
  });
});
