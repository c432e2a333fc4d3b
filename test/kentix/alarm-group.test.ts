import fc from "fast-check";
import { DEFAULT_RETRY } from "../../providers/core/http/retry";
import { describe, expect, it } from "vitest";
import {
  calls,
  createChecked,
  failingProperties,
  lifecycleOf,
  type PlainArgs,
  unchangedUp,
  useKentix,
} from "./support";
import { AlarmGroup } from "../../providers/kentix";

const kentix = useKentix();
const kind = AlarmGroup;
const lc = () => lifecycleOf(kind);
const building = () => kentix.emu.insert("alarmgroups", { name: "Building A" });

describe("kentix.AlarmGroup lifecycle", () => {
  it("creates with one listing (natural key) and one POST of the declared fields", async () => {
    const parent = building();
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Server room",
      parentId: String(parent.id),
      armDelay: 30,
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/alarmgroups",
      {
        "POST /api/alarmgroups": {
          name: "Server room",
          group_id: parent.id,
          inherit_arm: false,
          arm_delay: 30,
          buzzer_arm_duration: 0,
        },
      },
    ]);
    expect(kentix.emu.get("alarmgroups", Number(id))).toMatchObject({
      name: "Server room",
      group_id: parent.id,
      arm_delay: 30,
      inherit_arm: false,
    });
    expect(outs).toMatchObject({
      name: "Server room",
      parentId: String(parent.id),
      armDelay: 30,
      createdAt: expect.any(String),
    });
  });

  it("makes no request when nothing changed, and exactly one PATCH for one changed field", async () => {
    const { inputs, id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Lobby",
      armDelay: 30,
      stealthMode: true,
    });
    kentix.emu.clearRequests();
    const same = await lc().check(inputs, { ...inputs });
    expect(await lc().diff(id, outs, same.inputs)).toEqual({ changes: false });
    expect(kentix.emu.requests).toEqual([]);
    const changed = (await lc().check(inputs, { ...inputs, armDelay: 60 })).inputs;
    expect(await lc().diff(id, outs, changed)).toEqual({ replaces: [], deleteBeforeReplace: false });
    const updated = await lc().update(id, outs, changed);
    expect(calls(kentix.emu)).toEqual([
      { [`PATCH /api/alarmgroups/${id}`]: { arm_delay: 60, buzzer_arm_duration: 0 } },
    ]);
    expect(updated.outs).toMatchObject({ armDelay: 60, stealthMode: true });
    expect(kentix.emu.get("alarmgroups", Number(id))).toMatchObject({ arm_delay: 60, in_stealthmode: true });
  });

  it("replaces on create-only fields (the seed's update variant omits them)", async () => {
    const { inputs, id, outs } = await createChecked(kind, { connection: kentix.connection, name: "Vault" });
    expect(await lc().diff(id, outs, { ...inputs, name: "Vault 2" })).toEqual({
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(await lc().diff(id, outs, { ...inputs, inheritNotification: false })).toEqual({
      replaces: ["inheritNotification"],
      deleteBeforeReplace: true,
    });
  });

  it("reports out-of-band edits as property-level drift, and an object deleted out of band as gone", async () => {
    const { id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Dock",
      armDelay: 30,
      maintenanceStart: "2026-02-17T01:00:00Z",
    });
    const clean = await lc().read(id, outs);
    expect(clean.inputs).toEqual(
      outs && Object.fromEntries(Object.entries(outs).filter(([k]) => !["createdAt", "updatedAt"].includes(k))),
    );
    kentix.emu.edit("alarmgroups", Number(id), { arm_delay: 600, in_stealthmode: true });
    const drifted = await lc().read(id, outs);
    expect(drifted.inputs).toMatchObject({ armDelay: 600, maintenanceStart: "2026-02-17T01:00:00Z" });
    expect(drifted.inputs).not.toHaveProperty("stealthMode"); // not declared: not managed
    expect(await lc().diff(id, drifted.props!, outs)).toEqual({ replaces: [], deleteBeforeReplace: false });
    kentix.emu.remove("alarmgroups", Number(id));
    expect(await lc().read(id, outs)).toEqual({});
  });

  it("treats deleting a missing object as success", async () => {
    const { id, outs } = await createChecked(kind, { connection: kentix.connection, name: "Gone" });
    kentix.emu.remove("alarmgroups", Number(id));
    kentix.emu.clearRequests();
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect(calls(kentix.emu)).toEqual([`DELETE /api/alarmgroups/${id}`]);
  });

  it("never duplicates when the create answer is lost after the appliance committed it", async () => {
    kentix.emu.inject({ method: "POST", path: "/api/alarmgroups", kind: "reset-after-commit" });
    const { id } = await createChecked(kind, { connection: kentix.connection, name: "Lost answer" });
    expect(kentix.emu.list("alarmgroups").map((g) => g.name)).toEqual(["Lost answer"]);
    expect(kentix.emu.requests.filter((r) => r.method === "POST")).toHaveLength(1);
    expect(id).toBe(String(kentix.emu.list("alarmgroups")[0]!.id));
  });

  it("reports a partial create when a follow-up call fails, keeping the id; the next up writes what is missing", async () => {
    // On every attempt: an update's PATCH carries absolute values and is retried after a 500.
    kentix.emu.inject({
      method: "PATCH",
      path: "/api/alarmgroups/{id}",
      kind: "status",
      status: 500,
      body: { message: "Server Error" },
      times: 1 + DEFAULT_RETRY.maxRetries,
    });
    const declared = { connection: kentix.connection, name: "Half", sortIndex: 7 };
    const err = await createChecked(kind, declared).catch((e) => e);
    const created = kentix.emu.list("alarmgroups")[0]!;
    // The state keeps what was written: not sortIndex, which only an update can set.
    expect(err).toMatchObject({
      id: String(created.id),
      properties: { name: "Half" },
      reasons: [expect.stringContaining("kentix API 500 on PATCH")],
    });
    expect(err.properties).not.toHaveProperty("sortIndex");
    expect(kentix.emu.list("alarmgroups")).toHaveLength(1);
    // The update the engine forces on the next up (olds = those properties) writes it, without a refresh.
    kentix.emu.clearRequests();
    const up = await unchangedUp(kind, err.id, err.properties, declared);
    expect(up.outs).toMatchObject({ sortIndex: 7 });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/alarmgroups/${err.id}`]: { sort_index: 7 } }]);
    expect(kentix.emu.get("alarmgroups", created.id)).toMatchObject({ sort_index: 7 });
  });

  it("fails on an existing natural key naming the id and how to adopt it; adopts with adopt: true", async () => {
    const existing = kentix.emu.insert("alarmgroups", { name: "Existing", arm_delay: 10, inherit_arm: false });
    const err = await createChecked(kind, { connection: kentix.connection, name: "Existing", armDelay: 30 }).catch(
      (e) => e,
    );
    expect(err.message).toBe(
      `kentix:AlarmGroup name "Existing", parentId null already exists on ${kentix.connection.url} with id ${existing.id}. To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); otherwise choose another name / parentId.`,
    );
    expect(kentix.emu.writes()).toEqual([]);
    const { id } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Existing",
      armDelay: 30,
      adopt: true,
    });
    expect(id).toBe(String(existing.id));
    expect(kentix.emu.writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ["PATCH", `/api/alarmgroups/${existing.id}`, { arm_delay: 30, buzzer_arm_duration: 0 }],
    ]);
  });

  it("rejects invalid input in check without sending a request", async () => {
    const res = await lc().check(
      {},
      {
        connection: kentix.connection,
        name: "X",
        armDelay: 45,
        webhooks: [{ webhookId: "1", event: "fire", cycleTime: -1 }],
      },
    );
    expect(res.failures).toEqual([
      { property: "armDelay", reason: "must be one of 0, 10, 30, 60, 120, 180, 240, 300, 600, 1200, 1800, 3600" },
      { property: "webhooks[0].cycleTime", reason: "Too small: expected number to be >=0" },
    ]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("fails every generated arm delay outside the seed's list and every negative cycle time in check, before any request", async () => {
    const ARM_DELAYS = [0, 10, 30, 60, 120, 180, 240, 300, 600, 1200, 1800, 3600];
    const armDelay = fc.oneof(
      fc.integer().filter((n) => !ARM_DELAYS.includes(n)),
      fc.double({ noInteger: true, noNaN: true }),
    );
    await fc.assert(
      fc.asyncProperty(armDelay, fc.integer({ max: -1 }), async (delay, cycleTime) => {
        const declared: PlainArgs<typeof AlarmGroup> = {
          connection: kentix.connection,
          name: "X",
          armDelay: delay,
          webhooks: [{ webhookId: "1", event: "fire", cycleTime }],
        };
        expect(await failingProperties(kind, declared)).toEqual(["armDelay", "webhooks[0].cycleTime"]);
      }),
      { numRuns: 60 },
    );
    expect(kentix.emu.requests).toEqual([]);
  });

  it("compares webhook assignments as a set and writes them with wire codes", async () => {
    const hook = kentix.emu.insert("webhooks", { name: "SOC", url: "https://soc.example" });
    const hooks = [
      { webhookId: String(hook.id), event: "fire", triggerOnAlarm: true, triggerOnWarning: false },
      { webhookId: String(hook.id), event: "afterArming", triggerOnAlarm: true, triggerOnWarning: true },
    ] satisfies PlainArgs<typeof AlarmGroup>["webhooks"];
    const { inputs, id, outs } = await createChecked(kind, {
      connection: kentix.connection,
      name: "Hooks",
      webhooks: hooks,
    });
    expect(kentix.emu.get("alarmgroups", Number(id))!.webhooks).toEqual([
      { webhook_id: hook.id, event: 3, trigger_on_alarm: true, trigger_on_warning: false },
      { webhook_id: hook.id, event: 55, trigger_on_alarm: true, trigger_on_warning: true },
    ]);
    expect(await lc().diff(id, outs, { ...inputs, webhooks: [...hooks].reverse() })).toEqual({ changes: false });
    expect((await lc().read(id, outs)).inputs).toMatchObject({ webhooks: hooks });
  });
});
