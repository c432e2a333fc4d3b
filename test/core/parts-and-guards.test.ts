/**
 * Core mechanisms added for association-heavy APIs, driven through real HTTP (the SINEMA RC emulator) with
 * test-only specs: fields on endpoints of their own (`parts`), natural-key lookups per parent listing,
 * read-from-list with a matcher, lost create answers for ids given by the inputs, delete guards
 * (`dependents`), outputs kept across refresh, `wireAsNamed`, and remembered login refusals.
 */
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { AutoLogout, CommunicationRelation, EmailSettings, Node } from "../../providers/sinema";
import { TokenSession } from "../../providers/core/auth";
import { ApiError } from "../../providers/core/errors";
import { defineResource } from "../../providers/core/resource/define";
import { field, fieldMeta, ref, wireAsNamed, wireName } from "../../providers/core/resource/schema";
import { sinema } from "../../providers/sinema/client";
import { API, calls, createChecked, lifecycleOf, updateChecked, useSinema } from "../sinema/support";

const TestPartsGroup = defineResource({
  vendor: sinema,
  name: "TestPartsGroup",
  description: "test-only: a group with an enabled-like value part and a set part",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/groups",
    create: "POST /connections/groups",
    read: "GET /connections/groups/{id}",
    update: "PUT /connections/groups/{id}",
    delete: "DELETE /connections/groups/{id}",
  },
  fields: wireAsNamed({
    name: field(z.string(), { description: "name" }),
    // A set part read through a listing, kept by add/remove calls (the group's outgoing relations).
    targets: field(z.array(ref("group")).optional(), { description: "targets", unordered: true }),
  }),
  parts: {
    targets: {
      list: "GET /connections/groups/destination/{id}",
      add: "POST /connections/groups/destination/{id}",
      remove: "DELETE /connections/groups/destination/{id}",
      body: (_op, _id, m) => ({ destinationId: m }),
    },
  },
  dependents: async (session, id) =>
    (await session.list("GET /connections/groups/destination/{id}", { id })).map(
      (d) => `relation to ${String(d.name)}`,
    ),
});
const TestPerParent = defineResource({
  vendor: sinema,
  name: "TestPerParent",
  description: "test-only: a collection listed per parent",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/devices/subnets/nodes?subnetId={subnetId}",
    create: "POST /connections/devices/subnets/nodes",
    read: "GET /connections/devices/subnets/nodes/{id}",
    delete: "DELETE /connections/devices/subnets/nodes/{id}",
  },
  fields: wireAsNamed({
    subnetId: field(ref("subnet"), { description: "parent", replaceOnChanges: true, writeOnly: true }),
    name: field(z.string(), { description: "name", replaceOnChanges: true }),
    nodeIp: field(z.string(), { description: "ip", replaceOnChanges: true, writeOnly: true }),
  }),
});

const rc = useSinema();
const lc = lifecycleOf;

describe("parts: fields on endpoints of their own", () => {
  it("writes a set part after create, only the difference on update, tolerating 'already there' and 'already gone'", async () => {
    const [a, b, c] = ["A", "B", "C"].map((name) => String(rc.emu.insert("groups", { name }).id));
    const { id, outs } = await createChecked(TestPartsGroup, {
      connection: rc.connection,
      name: "Src",
      targets: [a, b],
    });
    expect(calls(rc.emu).slice(1, 4)).toEqual([
      { "POST /connections/groups": { name: "Src" } }, // the part never travels in the object's body
      { [`POST /connections/groups/destination/${id}`]: { destinationId: Number(a) } },
      { [`POST /connections/groups/destination/${id}`]: { destinationId: Number(b) } },
    ]);
    rc.emu.unrelate("destinations", Number(id), Number(a)); // gone out of band: its removal answers 404
    rc.emu.relate("destinations", Number(id), Number(c)); // there already: its addition answers 409
    rc.emu.clearRequests();
    await updateChecked(TestPartsGroup, id, outs, { connection: rc.connection, name: "Src", targets: [c, b] });
    expect(rc.emu.requests.map((r) => `${r.method} ${r.status}`)).toEqual(["DELETE 404", "POST 409"]);
    expect(rc.emu.related("destinations", Number(id))).toEqual([Number(b), Number(c)]);
    expect((await lc(TestPartsGroup).read(id, outs)).inputs).toMatchObject({ targets: [b, c] });
  });

  it("changes to a part never replace, even on a resource without an update call", async () => {
    const s = rc.emu.insert("subnets", {
      deviceid: 1,
      name: "LAN",
      ipAddress: "192.168.10.0",
      subnetMask: "255.255.255.0",
      natMode: 0,
    });
    const { id, inputs, outs } = await createChecked(Node, {
      connection: rc.connection,
      subnetId: String(s.id),
      name: "PLC",
      nodeIp: "192.168.10.2",
    });
    expect(await lc(Node).diff(id, outs, { ...inputs, groups: ["1"] })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
  });
});

describe("natural keys per parent listing", () => {
  it("keeps one index per listing, so a name taken under one parent is free under another", async () => {
    const [s1, s2] = [10, 20].map((n) =>
      rc.emu.insert("subnets", {
        deviceid: 1,
        name: `S${n}`,
        ipAddress: `10.0.${n}.0`,
        subnetMask: "255.255.255.0",
        natMode: 0,
      }),
    );
    rc.emu.insert("nodes", { subnetId: s1.id, name: "PLC", nodeIp: "10.0.10.2" });
    const err = await createChecked(TestPerParent, {
      connection: rc.connection,
      subnetId: String(s1.id),
      name: "PLC",
      nodeIp: "10.0.10.3",
    }).catch((e) => e);
    expect(err.code).toBe("FACILITY_CONFLICT");
    await createChecked(TestPerParent, {
      connection: rc.connection,
      subnetId: String(s2.id),
      name: "PLC",
      nodeIp: "10.0.20.3",
    });
    expect(calls(rc.emu).filter((c) => typeof c === "string" && c.includes("?subnetId="))).toEqual([
      `GET /connections/devices/subnets/nodes?subnetId=${s1.id}`,
      `GET /connections/devices/subnets/nodes?subnetId=${s2.id}`,
    ]);
  });
});

describe("ids given by the inputs, delete guards, outputs across refresh", () => {
  it("after a lost create answer, finds the object by the id its inputs give instead of failing on a retry", async () => {
    const [a, b] = ["A", "B"].map((name) => rc.emu.insert("groups", { name }).id);
    rc.emu.inject({ method: "POST", path: `${API}/connections/groups/destination/${a}`, kind: "reset-after-commit" });
    const { id } = await createChecked(CommunicationRelation, {
      connection: rc.connection,
      sourceGroupId: String(a),
      destinationGroupId: String(b),
    });
    expect(id).toBe(`${a}:${b}`);
  });

  it("fails a delete while dependents remain, naming them and deleting nothing", async () => {
    const other = rc.emu.insert("groups", { name: "Other" });
    const { id, outs } = await createChecked(TestPartsGroup, {
      connection: rc.connection,
      name: "Src",
      targets: [String(other.id)],
    });
    const err = await lc(TestPartsGroup)
      .delete(id, outs)
      .catch((e) => e);
    expect(err.message).toBe(
      `sinema:TestPartsGroup ${id} cannot be deleted while other objects depend on it: relation to Other. Remove them or their references to it first (objects declared in the same program are removed in dependency order); nothing was deleted.`,
    );
    expect(rc.emu.get("groups", Number(id))).toBeDefined();
  });

  it("keeps outputs the appliance does not report (captured restore values) through a refresh", async () => {
    const { id, outs } = await createChecked(AutoLogout, {
      connection: rc.connection,
      wbmAutoLogoutTime: 5,
      deletePolicy: "restore",
    });
    const refreshed = await lc(AutoLogout).read(id, outs);
    expect(refreshed.props).toMatchObject({ restoreValues: { wbmAutoLogoutTime: 30 } });
    await lc(AutoLogout).delete(id, refreshed.props!);
    expect(rc.emu.setting("autologout")).toEqual({ wbmAutoLogoutTime: 30 });
  });
});

describe("singletons with unreadable settings", () => {
  it("taking over writes the declared write-only settings even when every readable one already matches", async () => {
    const live = rc.emu.setting("email");
    await createChecked(EmailSettings, {
      connection: rc.connection,
      enabled: true,
      sender: String(live.sender),
      password: "smtp-core-pw-1",
      username: "u",
    });
    expect(rc.emu.setting("email")).toMatchObject({ enabled: true, username: "u", password: "smtp-core-pw-1" });
  });
});

describe("wireAsNamed and remembered login refusals", () => {
  it("sets every field's wire name to its property name, nested ones too, keeping explicit names", () => {
    const inner = field(z.string(), { description: "x" });
    const shape = wireAsNamed({
      ipAddress: field(z.string(), { description: "a" }),
      renamed: field(z.string(), { description: "b", wire: "other" }),
      list: z.array(z.strictObject({ innerName: inner })),
    });
    expect([
      wireName("ipAddress", shape.ipAddress),
      wireName("renamed", shape.renamed),
      wireName("list", shape.list),
      fieldMeta.get(inner)?.wire,
    ]).toEqual(["ipAddress", "other", "list", "innerName"]);
  });

  it("remembers a refused login for the life of the session and never asks again; a transient failure is retried", async () => {
    let logins = 0;
    const refused = new TokenSession({
      login: async () =>
        Promise.reject(
          new ApiError({
            vendor: "t",
            method: "POST",
            path: "/login",
            status: 400,
            detail: `bad password ${++logins}`,
          }),
        ),
    });
    await expect(refused.token()).rejects.toThrow("bad password 1");
    await expect(refused.withToken(async () => "never")).rejects.toThrow("bad password 1");
    expect(logins).toBe(1);
    let attempts = 0;
    const flaky = new TokenSession({
      login: async () =>
        ++attempts === 1
          ? Promise.reject(new ApiError({ vendor: "t", method: "POST", path: "/login", status: 503 }))
          : { token: "t" },
    });
    await expect(flaky.token()).rejects.toMatchObject({ status: 503 });
    await expect(flaky.token()).resolves.toBe("t");
  });
});
