import { describe, expect, it } from "vitest";
import { Role, User } from "../../providers/sinema";
import { API, calls, createChecked, lifecycleOf, type PlainArgs, updateChecked, useSinema } from "./support";

const rc = useSinema();
const lc = lifecycleOf;
const ALICE_PW = "alice-pw-4d71e0";
const group = (name: string) =>
  String(rc.emu.insert("groups", { name, description: "", communicationAllowed: false }).id);

describe("sinema.User lifecycle", () => {
  it("creates (answer without id: found by username), then status, roles and groups; reads the request/response names back", async () => {
    const eng = group("Engineers");
    const user: PlainArgs<typeof User> = {
      connection: rc.connection,
      username: "alice",
      password: ALICE_PW,
      firstName: "Alice",
      lastName: "Berg",
      rights: ["manageDevices"],
      enabled: false,
      roles: ["3"],
      groups: [eng],
    };
    const { id, inputs, outs } = await createChecked(User, user);
    expect(calls(rc.emu)).toEqual([
      "GET /accounts/users",
      {
        "POST /accounts/users": {
          username: "alice",
          password: ALICE_PW,
          loginMethod: 1,
          firstName: "Alice",
          lastName: "Berg",
          rights: [5],
        },
      },
      "GET /accounts/users",
      { [`PUT /accounts/users/status/${id}`]: { status: false } },
      { "POST /accounts/users/roles": { userId: Number(id), roleId: 3 } },
      { "POST /accounts/users/groups": { userId: Number(id), groupId: Number(eng) } },
      `GET /accounts/users/${id}`,
    ]);
    expect(outs).toMatchObject({ username: "alice", loginMethod: "password", createdSince: expect.any(String) });
    rc.emu.clearRequests();
    const read = await lc(User).read(id, outs);
    expect(read.inputs).toEqual(inputs); // firstname/lastname read back; effective rights not compared (write-only)
    expect(calls(rc.emu)).toEqual([`GET /accounts/users/${id}`, `GET /accounts/users/status/${id}`]);
  });

  it("updates through the documented path, sends the password only when it changed, and keeps roles as a set", async () => {
    const user = { connection: rc.connection, username: "bob", password: "bob-pw-1a", roles: ["1", "3"] };
    const created = await createChecked(User, user);
    rc.emu.clearRequests();
    const next = await updateChecked(User, created.id, created.outs, {
      ...user,
      email: "bob@plant.example",
      roles: ["3", "4"],
    });
    expect(calls(rc.emu)).toEqual([
      { [`PUT /accounts/users/users/${created.id}`]: { email: "bob@plant.example" } },
      { "DELETE /accounts/users/roles": { userId: Number(created.id), roleId: 1 } },
      { "POST /accounts/users/roles": { userId: Number(created.id), roleId: 4 } },
    ]);
    rc.emu.clearRequests();
    const last = await updateChecked(User, created.id, next.outs, {
      ...user,
      email: "bob@plant.example",
      roles: ["3", "4"],
      password: "bob-pw-2b",
    });
    expect(calls(rc.emu)).toEqual([{ [`PUT /accounts/users/users/${created.id}`]: { password: "bob-pw-2b" } }]);
    rc.emu.edit("users", Number(created.id), { email: "mallory@evil.example" });
    rc.emu.unrelate("userRoles", Number(created.id), 4);
    expect((await lc(User).read(created.id, last.outs)).inputs).toMatchObject({
      email: "mallory@evil.example",
      roles: ["3"],
      password: "bob-pw-2b",
    });
  });

  it("fails in check for a PKI rule without PKI login, and never lets the password into an error", async () => {
    const res = await lc(User).checkRaw(
      {},
      {
        connection: rc.connection,
        username: "carol",
        password: "carol-pw-77",
        pkiFilterRule: "CN=carol",
        rights: ["manageOwnDevices"],
      },
    );
    expect(res.failures).toEqual([
      {
        property: "rights[0]",
        reason: expect.stringContaining('Invalid option: expected one of "manageUsersAndRoles"'),
      },
    ]);
    const pki = await lc(User).check(
      {},
      { connection: rc.connection, username: "carol", password: "carol-pw-77", pkiFilterRule: "CN=carol" },
    );
    expect(pki.failures).toEqual([{ property: "pkiFilterRule", reason: 'only applies with loginMethod "pki"' }]);
    rc.emu.inject({
      method: "POST",
      path: "/api/v1/accounts/users",
      kind: "status",
      status: 422,
      body: { detail: "Invalid entry", errors: { password: "carol-pw-77 is too weak" } },
    });
    const err = await createChecked(User, {
      connection: rc.connection,
      username: "carol",
      password: "carol-pw-77",
    }).catch((e) => e);
    expect(err.message).toBe(
      "sinema API 422 on POST /api/v1/accounts/users: Invalid entry; password: [redacted] is too weak",
    );
  });

  it("sees a user deleted out of band as gone; deleting it then succeeds (404)", async () => {
    const { id, outs } = await createChecked(User, {
      connection: rc.connection,
      username: "dave",
      password: "dave-pw-3c",
      enabled: true,
    });
    rc.emu.remove("users", Number(id));
    expect(await lc(User).read(id, outs)).toEqual({});
    rc.emu.clearRequests();
    await lc(User).delete(id, outs);
    expect(rc.emu.requests.map((r) => [r.method, r.path.slice(API.length), r.status])).toEqual([
      ["DELETE", `/accounts/users/${id}`, 404],
    ]);
  });
});

describe("sinema.Role lifecycle", () => {
  it("names the documented rights, sends them as the flat list, and ignores server defaults it was not told about", async () => {
    const eng = group("Engineers");
    const role: PlainArgs<typeof Role> = {
      connection: rc.connection,
      name: "Operations",
      rights: { global: ["seeLogfileMessages", "manageDevices"], group: ["manageOwnUsers"] },
      passwordExpire: 90,
      passwordResetLinkValidTime: 12,
      groups: [eng],
    };
    const { id, inputs, outs } = await createChecked(Role, role);
    expect(calls(rc.emu)).toEqual([
      "GET /accounts/roles",
      {
        "POST /accounts/roles": {
          name: "Operations",
          rights: [5, 12, 16],
          passwordExpire: 90,
          passwordResetLinkValidTime: 12,
        },
      },
      { "POST /accounts/roles/groups": { roleId: Number(id), groupId: Number(eng) } },
      `GET /accounts/roles/${id}`,
    ]);
    expect(rc.emu.get("roles", Number(id))).toMatchObject({ passwordReusing: 3, pkiDeleteTmpUser: 24 }); // server defaults
    const read = await lc(Role).read(id, outs);
    expect(read.inputs).toEqual(inputs); // the flat [5, 12, 16] compares equal to the declaration as sets
    expect(await lc(Role).diff(id, read.props!, inputs)).toEqual({ changes: false });
    rc.emu.edit("roles", Number(id), { rights: [5, 12, 13], passwordResetLinkValidTime: 48 });
    expect((await lc(Role).read(id, outs)).inputs).toMatchObject({
      rights: { global: ["manageDevices", "seeLogfileMessages", "readOnlyFullAccess"], group: [] },
      passwordResetLinkValidTime: 48,
    });
  });

  it("refuses read-only full access together with group rights in check", async () => {
    const res = await lc(Role).check(
      {},
      {
        connection: rc.connection,
        name: "Bad",
        rights: { global: ["readOnlyFullAccess"], group: ["manageOwnDevices"] },
      },
    );
    expect(res.failures).toEqual([
      { property: "rights", reason: "readOnlyFullAccess cannot be combined with group rights" },
    ]);
    expect(rc.emu.requests).toEqual([]);
  });

  it("finds the factory roles in the bare-array listing and offers to adopt one", async () => {
    const err = await createChecked(Role, { connection: rc.connection, name: "Service" }).catch((e) => e);
    expect(err.message).toContain('sinema:Role name "Service" already exists on');
    expect(err.message).toContain("with id 3");
    const { id } = await createChecked(Role, {
      connection: rc.connection,
      name: "Service",
      passwordExpire: 30,
      adopt: true,
    });
    expect([id, rc.emu.get("roles", 3)!.passwordExpire]).toEqual(["3", 30]);
  });

  it("changes one policy with one PUT, and sees a role deleted out of band as gone", async () => {
    const role: PlainArgs<typeof Role> = {
      connection: rc.connection,
      name: "Auditors",
      rights: { global: ["seeLogfileMessages"], group: [] },
      passwordExpire: 90,
    };
    const { id, outs } = await createChecked(Role, role);
    rc.emu.clearRequests();
    await updateChecked(Role, id, outs, { ...role, passwordExpire: 30 });
    expect(calls(rc.emu)).toEqual([{ [`PUT /accounts/roles/${id}`]: { passwordExpire: 30 } }]);
    expect(rc.emu.get("roles", Number(id))).toMatchObject({ passwordExpire: 30, rights: [12] });
    rc.emu.remove("roles", Number(id));
    expect(await lc(Role).read(id, outs)).toEqual({});
  });
});
