import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calls, createChecked, failingProperties, lifecycleOf, refreshDiff, unchecked, useKentix } from "./support";
import { UserGroup } from "../../providers/kentix";

const kentix = useKentix({ stringNumbers: 1 });
const kind = UserGroup;
const lc = () => lifecycleOf(kind);

describe("kentix.UserGroup lifecycle", () => {
  it("manages only the declared permission keys and keeps the others on update", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Operators",
      permissions: { "alarmgroups.view": true },
    });
    expect(kentix.emu.get("usergroups", Number(id))!.permissions).toMatchObject({
      "alarmgroups.view": true,
      "users.edit": false,
    });
    kentix.emu.edit("usergroups", Number(id), {
      permissions: { ...(kentix.emu.get("usergroups", Number(id))!.permissions as object), "events.view": true },
    });
    const read = await lc().read(id, outs);
    expect(read.inputs).toMatchObject({ permissions: { "alarmgroups.view": true } });
    expect(await lc().diff(id, read.props!, outs)).toEqual({ changes: false }); // an undeclared key is not drift
    kentix.emu.clearRequests();
    const next = (
      await lc().check(inputs, { ...inputs, permissions: { "alarmgroups.view": true, "alarmgroups.edit": true } })
    ).inputs;
    await lc().update(id, outs, next);
    expect(kentix.emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      `GET /api/usergroups/${id}`,
      `PATCH /api/usergroups/${id}`,
    ]);
    expect(kentix.emu.get("usergroups", Number(id))!.permissions).toMatchObject({
      "alarmgroups.view": true,
      "alarmgroups.edit": true,
      "events.view": true,
    });
  });

  it("reads numbers the appliance sends as strings without reporting drift", async () => {
    const { id, outs } = await createChecked(kind, { connection: kentix.connection, name: "Guards" });
    const read = await lc().read(id, outs);
    expect(read.id).toBe(id);
    expect(await lc().diff(id, read.props!, outs)).toEqual({ changes: false });
  });

  it("fails on a taken name with the existing id; a rename is one PATCH", async () => {
    const existing = kentix.emu.insert("usergroups", { name: "Admins" });
    const err = await createChecked(kind, { connection: kentix.connection, name: "Admins" }).catch((e) => e);
    expect(err.message).toContain(
      `already exists on ${kentix.connection.url} with id ${existing.id}. To manage that object, set \`adopt: true\``,
    );
    const { inputs, id, outs } = await createChecked(kind, { connection: kentix.connection, name: "Night shift" });
    kentix.emu.clearRequests();
    expect(await lc().diff(id, outs, { ...inputs, name: "Night crew" })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
    await lc().update(id, outs, { ...inputs, name: "Night crew" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/usergroups/${id}`]: { name: "Night crew" } }]);
  });

  it("creates with one listing (natural key) and one POST of the name and the declared permissions", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Operators",
      permissions: { "alarmgroups.view": true },
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/usergroups",
      { "POST /api/usergroups": { name: "Operators", permissions: { "alarmgroups.view": true } } },
    ]);
    expect(id).toBe(String(kentix.emu.list("usergroups")[0]!.id));
    expect(outs).toMatchObject({
      name: "Operators",
      permissions: { "alarmgroups.view": true },
      createdAt: expect.any(String),
    });
  });

  it("reports a declared permission changed out of band as drift, and a group deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Operators",
      permissions: { "alarmgroups.view": true },
    });
    const live = kentix.emu.get("usergroups", Number(id))!;
    kentix.emu.edit("usergroups", Number(id), {
      name: "Renamed",
      permissions: { ...(live.permissions as object), "alarmgroups.view": false },
    });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ name: "Renamed", permissions: { "alarmgroups.view": false } });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.remove("usergroups", Number(id));
    expect(await lc().read(id, outs)).toEqual({});
  });

  it("fails every generated non-boolean permission in check, naming its key so that it reads back as that key", async () => {
    const key = fc.string({ minLength: 1, maxLength: 20 }).filter((k) => k !== "__proto__");
    const notBoolean = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null), fc.array(fc.boolean()));
    await fc.assert(
      fc.asyncProperty(key, notBoolean, async (k, value) => {
        const [property, ...more] = await failingProperties(
          kind,
          unchecked({
            connection: kentix.connection,
            name: "Operators",
            permissions: { "alarmgroups.view": true, [k]: value },
          }),
        );
        expect(more).toEqual([]);
        // permissions.<plain word> or permissions["<any key>"]: a key with dots or quotes stays one key.
        const dotted = /^permissions\.([\w$-]+)$/.exec(property!)?.[1];
        expect(dotted ?? JSON.parse(/^permissions\[(".*")\]$/.exec(property!)![1]!)).toBe(k);
      }),
      { numRuns: 100 },
    );
    expect(kentix.emu.requests).toEqual([]);
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    expect(
      await failingProperties(
        kind,
        unchecked({ connection: kentix.connection, name: "", permissions: { "alarmgroups.view": "yes" } }),
      ),
    ).toEqual(["name", 'permissions["alarmgroups.view"]']);
    expect(kentix.emu.requests).toEqual([]);
  });
});
