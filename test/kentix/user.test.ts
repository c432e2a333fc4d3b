import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AlarmGroup, User, UserGroup } from "../../providers/kentix";
import { clearSessions } from "../../providers/core/connection";
import { forgetSecrets } from "../../providers/core/redact";
import { deployedResources, detectDrift } from "../../providers/core/drift";
import { passwordHash } from "../emulators/kentix";
import { errorFields, secretPaths } from "../support/lifecycle";
import {
  calls,
  createChecked,
  expectNoOpUp,
  failingProperties,
  failure,
  lifecycleOf,
  type PlainArgs,
  refreshDiff,
  unchecked,
  updateChecked,
  useKentix,
} from "./support";

const kentix = useKentix();
const kind = User;
const lc = () => lifecycleOf(kind);
const PASSWORD = "user-pw-one-6c2d91";
const PASSWORD_2 = "user-pw-two-0e7b44";
const PIN = "482913";
const RFID = "04A1B2C3D4E5F6";
const alice = (): PlainArgs<typeof User> => ({
  connection: kentix.connection,
  username: "alice",
  fullname: "Alice Example",
  password: PASSWORD,
  pin: PIN,
});

describe("kentix.User lifecycle", () => {
  it("creates with one listing and one POST: the password with its confirmation, readable enums and refs mapped", async () => {
    const group = await createChecked(UserGroup, { connection: kentix.connection, name: "Staff" });
    const zone = await createChecked(AlarmGroup, { connection: kentix.connection, name: "HQ" });
    kentix.emu.clearRequests();
    const { id, outs } = await createChecked(kind, {
      ...alice(),
      usergroupId: group.id,
      alarmgroups: [zone.id],
      armdisarmMode: "disarmOnly",
      autologout: 30,
      lockAt: "2027-06-30T18:00:00Z",
    });
    expect(calls(kentix.emu)).toEqual([
      "GET /api/users",
      {
        "POST /api/users": {
          username: "alice",
          password: PASSWORD,
          lock_at: "2027-06-30T18:00:00Z",
          autologout: 30,
          fullname: "Alice Example",
          pin: PIN,
          armdisarm_mode: 1,
          alarmgroups: [Number(zone.id)],
          usergroup_id: Number(group.id),
          password_confirmation: PASSWORD,
        },
      },
    ]);
    const stored = kentix.emu.get("users", Number(id))!;
    expect(stored.password).toBe(passwordHash(PASSWORD));
    expect(outs).toMatchObject({ username: "alice", armdisarmMode: "disarmOnly", apiToken: stored.api_token });
    // The create answer is the whole user (no read); it carries no password.
    expect(JSON.stringify(kentix.emu.requests)).not.toContain(passwordHash(PASSWORD));
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, { ...alice(), rfidUid: RFID, alarmgroups: [], unlockAt: null, isActive: true }, kentix.emu));

  it("writes one changed field with one PATCH; the password is not sent again", async () => {
    const { id, outs } = await createChecked(kind, alice());
    kentix.emu.clearRequests();
    await updateChecked(kind, id, outs, { ...alice(), fullname: "Alice Q. Example" });
    expect(calls(kentix.emu)).toEqual([{ [`PATCH /api/users/${id}`]: { fullname: "Alice Q. Example" } }]);
  });

  it("writes a rotated password once (with its confirmation), and not on the next up", async () => {
    const { id, outs } = await createChecked(kind, alice());
    kentix.emu.clearRequests();
    const rotated = { ...alice(), password: PASSWORD_2 };
    const diff = await lc().diff(id, outs, (await lc().check(outs, rotated)).inputs!);
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
    const next = await updateChecked(kind, id, outs, rotated);
    expect(calls(kentix.emu)).toEqual([
      { [`PATCH /api/users/${id}`]: { password: PASSWORD_2, password_confirmation: PASSWORD_2 } },
    ]);
    expect(kentix.emu.get("users", Number(id))!.password).toBe(passwordHash(PASSWORD_2));
    kentix.emu.clearRequests();
    expect(await lc().diff(id, next.outs, (await lc().check(next.outs, rotated)).inputs!)).toEqual({ changes: false });
    expect(kentix.emu.requests).toEqual([]);
  });

  it("refresh shows a PIN and an RFID UID changed out of band; the password keeps its declared value", async () => {
    const { id, outs } = await createChecked(kind, { ...alice(), rfidUid: RFID });
    kentix.emu.edit("users", Number(id), { pin: "000111", rfid_uid: "04FFFFFFFFFFFF", password: "changed-elsewhere" });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ pin: "000111", rfidUid: "04FFFFFFFFFFFF", password: PASSWORD });
    expect(diff).toEqual({ replaces: [], deleteBeforeReplace: false });
  });

  it("compares lock dates as instants and RFID UIDs without regard to case", async () => {
    const { id, outs } = await createChecked(kind, {
      ...alice(),
      unlockAt: "2027-01-01T08:00:00Z",
      rfidUid: RFID.toLowerCase(),
    });
    kentix.emu.edit("users", Number(id), { unlock_at: "2027-01-01T09:00:00.000000+01:00", rfid_uid: RFID });
    const { inputs, diff } = await refreshDiff(kind, id, outs);
    expect(inputs).toMatchObject({ unlockAt: "2027-01-01T08:00:00Z", rfidUid: RFID.toLowerCase() });
    expect(diff).toEqual({ changes: false });
  });

  it("reads the appliance's RFID 0 as no card: no drift whether rfidUid is undeclared or null", async () => {
    for (const rfidUid of [undefined, null]) {
      const { id, outs } = await createChecked(kind, { ...alice(), username: `u${String(rfidUid)}`, rfidUid });
      expect(kentix.emu.get("users", Number(id))!.rfid_uid).toBe(0);
      const { inputs, diff } = await refreshDiff(kind, id, outs);
      expect(inputs.rfidUid).toBe(rfidUid);
      expect(diff).toEqual({ changes: false });
    }
    // Read as "0" too (integers as strings), and as null inside a full read.
    const full = await createChecked(User, { connection: kentix.connection, username: "bob", rfidUid: null });
    kentix.emu.edit("users", Number(full.id), { rfid_uid: "0" });
    expect((await refreshDiff(kind, full.id, full.outs)).inputs.rfidUid).toBeNull();
  });

  it("sends level profiles as objects and compares them (and alarm groups) as sets", async () => {
    const [a, b] = ["Staff", "Lab"].map((name) => kentix.emu.insert("levelprofiles", { name }).id);
    const [x, y] = ["HQ", "Lab"].map((name) => kentix.emu.insert("alarmgroups", { name }).id);
    const { id, outs } = await createChecked(kind, {
      ...alice(),
      levelprofiles: [String(a), String(b)],
      alarmgroups: [String(x), String(y)],
    });
    expect(kentix.emu.requests[1]!.body).toMatchObject({ levelprofiles: [{ id: a }, { id: b }], alarmgroups: [x, y] });
    kentix.emu.edit("users", Number(id), { levelprofiles: [{ id: b }, { id: a }], alarmgroups: [y, x] });
    expect((await refreshDiff(kind, id, outs)).diff).toEqual({ changes: false });
  });

  it("fails on an existing username naming its id, and takes the user over with adopt: true", async () => {
    const { id } = await createChecked(kind, alice()); // made by an earlier run
    clearSessions();
    kentix.emu.clearRequests();
    const taken = await failure(createChecked(kind, alice()));
    expect(taken.message).toBe(
      `kentix:User username "alice" already exists on ${kentix.connection.url} with id ${id}. To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); otherwise choose another username.`,
    );
    expect(kentix.emu.writes()).toEqual([]);
    kentix.emu.clearRequests();
    const adopted = await createChecked(kind, { ...alice(), password: PASSWORD_2, isAdmin: true, adopt: true });
    expect(adopted.id).toBe(id);
    // Only the readable setting that differs is written: adoption cannot know whether the password matches.
    expect(calls(kentix.emu)).toEqual([
      "GET /api/users",
      `GET /api/users/${id}`,
      { [`PATCH /api/users/${id}`]: { is_admin: true } },
    ]);
    expect(kentix.emu.list("users")).toHaveLength(1);
  });

  it("deletes with one DELETE; a user deleted out of band reads as gone and deletes as done", async () => {
    const { id, outs } = await createChecked(kind, alice());
    kentix.emu.clearRequests();
    await lc().delete(id, outs);
    expect(calls(kentix.emu)).toEqual([`DELETE /api/users/${id}`]);
    expect(kentix.emu.list("users")).toEqual([]);
    expect(await lc().read(id, outs)).toEqual({});
    kentix.emu.clearRequests();
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect(kentix.emu.requests.map((r) => r.status)).toEqual([404]);
  });

  it("keeps the PIN, the password and the API token out of errors, even when the appliance echoes them", async () => {
    const { id, outs } = await createChecked(kind, alice());
    const token = String(outs.apiToken);
    forgetSecrets();
    clearSessions(); // a later run: the secrets are known only from the state it receives
    kentix.emu.inject({
      method: "PATCH",
      path: `/api/users/${id}`,
      kind: "status",
      status: 422,
      body: { message: `pin ${PIN} of token ${token} rejected; password ${PASSWORD} too` },
    });
    const err = await failure(updateChecked(kind, id, outs, { ...alice(), fullname: "A" }));
    expect(err.message).toBe(
      `kentix API 422 on PATCH /api/users/${id}: pin [redacted] of token [redacted] rejected; password [redacted] too`,
    );
    for (const secret of [PIN, token, PASSWORD]) expect(secretPaths(errorFields(err), secret)).toEqual([]);
  });

  it("keeps the PIN, card, password and token out of a drift report, which shows the readable drift", async () => {
    const { id, outs } = await createChecked(kind, { ...alice(), rfidUid: RFID });
    const NEW_PIN = "551177";
    kentix.emu.edit("users", Number(id), { pin: NEW_PIN, rfid_uid: "04FFFFFFFFFFFF", fullname: "Mallory" });
    forgetSecrets();
    clearSessions();
    const SIG = "4dabf18193072939515e22adb298388d";
    const hidden = (v: unknown) => ({ [SIG]: "1b47061264138c4ac30d75fd1eb44270", plaintext: JSON.stringify(v) });
    const state = { ...outs, password: hidden(PASSWORD), pin: hidden(PIN), rfidUid: hidden(RFID) };
    const urn = `urn:pulumi:dev::site::pulumi-nodejs:dynamic/${kind.kind}::alice`;
    const resource = { type: `pulumi-nodejs:dynamic/${kind.kind}`, urn, id, inputs: state, outputs: state };
    const report = await detectDrift(deployedResources({ deployment: { resources: [resource] } }, "dev"));
    // `facility drift` never compares secrets (refresh shows them, as secret values): only the readable change.
    expect(report.resources[0]!.properties).toEqual([{ path: "fullname", declared: "Alice Example", live: "Mallory" }]);
    for (const secret of [PIN, NEW_PIN, RFID, "04FFFFFFFFFFFF", PASSWORD, String(outs.apiToken)])
      expect(secretPaths(report, secret)).toEqual([]);
  });

  it("refuses bad input in check, with the property path, before any request", async () => {
    const bad = (extra: Record<string, unknown>) =>
      failingProperties(kind, unchecked({ connection: kentix.connection, username: "u", ...extra }));
    expect(await bad({ username: "" })).toEqual(["username"]);
    expect(await bad({ pin: "12a4" })).toEqual(["pin"]);
    expect(await bad({ pin: 1234 })).toEqual(["pin"]);
    expect(await bad({ rfidUid: "xyz" })).toEqual(["rfidUid"]);
    expect(await bad({ autologout: 10 })).toEqual(["autologout"]);
    expect(await bad({ armdisarmMode: 2 })).toEqual(["armdisarmMode"]);
    expect(await bad({ lockAt: "next week" })).toEqual(["lockAt"]);
    expect(await bad({ alarmgroups: ["HQ"] })).toEqual(["alarmgroups[0]"]);
    expect(await bad({ email: "alice" })).toEqual(["email"]);
    expect(await bad({ apiToken: "mine" })).toEqual(["(resource)"]); // an output, never an input
    expect(await bad({ password: "" })).toEqual(["password"]);
    expect(kentix.emu.requests).toEqual([]);
  });

  it("refuses every generated malformed PIN, RFID UID, autologout and date in check, naming the property", async () => {
    const notPin = fc.oneof(
      fc.string().filter((s) => !/^\d{4,10}$/.test(s)),
      fc.integer(),
    );
    const notRfid = fc.string().filter((s) => !/^[0-9A-Fa-f]{8,32}$/.test(s));
    const notAutologout = fc.integer().filter((n) => ![5, 15, 30, 60, 120, 360, 720].includes(n));
    const notInstant = fc.string().filter((s) => Number.isNaN(Date.parse(s)));
    await fc.assert(
      fc.asyncProperty(notPin, notRfid, notAutologout, notInstant, async (pin, rfidUid, autologout, lockAt) => {
        const decl = { connection: kentix.connection, username: "u" };
        expect(await failingProperties(kind, unchecked({ ...decl, pin }))).toEqual(["pin"]);
        expect(await failingProperties(kind, unchecked({ ...decl, rfidUid }))).toEqual(["rfidUid"]);
        expect(await failingProperties(kind, unchecked({ ...decl, autologout }))).toEqual(["autologout"]);
        expect(await failingProperties(kind, unchecked({ ...decl, lockAt }))).toEqual(["lockAt"]);
      }),
      { numRuns: 100 },
    );
    expect(kentix.emu.requests).toEqual([]);
  });
});
