import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Device } from "../../providers/sinema";
import {
  API,
  calls,
  createChecked,
  lifecycleOf,
  type PlainArgs,
  unchangedUp,
  updateChecked,
  useSinema,
} from "./support";

const rc = useSinema();
const kind = Device;
const lc = () => lifecycleOf(kind);
const PASSWORD = "dev-pw-0c9b44";
const base = (): PlainArgs<typeof Device> => ({
  connection: rc.connection,
  name: "Line 1 router",
  password: PASSWORD,
  type: "M800",
  connectionType: "permanent",
});
const groups = () =>
  ["Engineers", "Operators", "Vendors"].map((name) =>
    String(rc.emu.insert("groups", { name, description: "", communicationAllowed: false }).id),
  );
const param = { ipAddress: "203.0.113.10", port: 1194, protocol: "UDP" as const };

describe("sinema.Device lifecycle", () => {
  it("creates with one POST of the general data, then its status, groups and connection parameters", async () => {
    const [eng, ops] = groups();
    const { id, outs } = await createChecked(kind, {
      ...base(),
      location: "Hall 3",
      enabled: false,
      groups: [eng],
      deviceAccessGroups: [ops],
      connectionParameters: [param],
    });
    expect(calls(rc.emu)).toEqual([
      "GET /connections/devices",
      {
        "POST /connections/devices": {
          name: "Line 1 router",
          password: PASSWORD,
          type: 2,
          connectionType: 1,
          location: "Hall 3",
        },
      },
      { [`PUT /connections/devices/status/${id}`]: { status: false } },
      { "POST /connections/devices/groups": { deviceId: Number(id), groupId: Number(eng) } },
      { "POST /connections/devices/deviceaccess/groups": { deviceId: Number(id), groupId: Number(ops) } },
      { "POST /connections/devices/connectionparameter": { deviceID: Number(id), ...param } },
      `GET /connections/devices/${id}`,
    ]);
    expect(rc.emu.enabled("devices", Number(id))).toBe(false);
    expect(outs).toMatchObject({
      type: "M800",
      enabled: false,
      groups: [eng],
      vpnAddress: "none",
      fingerprintSha256: expect.stringMatching(/^[0-9A-F:]{95}$/),
    });
  });

  it("reads back type and connection type given as strings, and makes no request when nothing changed", async () => {
    const [eng] = groups();
    const { inputs, id, outs } = await createChecked(kind, {
      ...base(),
      enabled: true,
      groups: [eng],
      connectionParameters: [param],
    });
    rc.emu.clearRequests();
    const read = await lc().read(id, outs);
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/${id}`,
      `GET /connections/devices/status/${id}`,
      `GET /connections/devices/connectionparameter?deviceId=${id}`,
      `GET /connections/devices/connectionparameter/${rc.emu.list("params")[0]!.id}`,
    ]);
    expect(read.inputs).toEqual(inputs);
    rc.emu.clearRequests();
    expect(await lc().diff(id, read.props!, inputs)).toEqual({ changes: false });
    expect(rc.emu.requests).toEqual([]);
  });

  it("updates in place: one PUT with the changed fields, the status only when it changes, groups as a set", async () => {
    const [eng, ops, ven] = groups();
    const created = await createChecked(kind, { ...base(), comment: "old", enabled: true, groups: [eng, ops] });
    rc.emu.clearRequests();
    expect(await lc().diff(created.id, created.outs, { ...created.inputs, groups: [ops, eng] })).toEqual({
      changes: false,
    });
    const { outs } = await updateChecked(kind, created.id, created.outs, {
      ...base(),
      comment: "new",
      enabled: false,
      groups: [ops, ven],
    });
    expect(calls(rc.emu)).toEqual([
      { [`PUT /connections/devices/${created.id}`]: { comment: "new" } },
      { [`PUT /connections/devices/status/${created.id}`]: { status: false } },
      { "DELETE /connections/devices/groups": { deviceId: Number(created.id), groupId: Number(eng) } },
      { "POST /connections/devices/groups": { deviceId: Number(created.id), groupId: Number(ven) } },
    ]);
    expect(rc.emu.related("deviceGroups", Number(created.id))).toEqual([Number(ops), Number(ven)]);
    expect(outs).toMatchObject({ comment: "new", enabled: false, groups: [ops, ven] });
  });

  it("replaces a changed connection parameter by removing the old entry (by its id) and adding the new one", async () => {
    const created = await createChecked(kind, {
      ...base(),
      connectionParameters: [param, { ipAddress: "203.0.113.11", port: 443, protocol: "TCP" }],
    });
    const [first] = rc.emu.list("params");
    rc.emu.clearRequests();
    await updateChecked(kind, created.id, created.outs, {
      ...base(),
      connectionParameters: [
        { ipAddress: "203.0.113.11", port: 443, protocol: "TCP" },
        { ...param, port: 1195 },
      ],
    });
    expect(calls(rc.emu)).toEqual([
      `GET /connections/devices/connectionparameter?deviceId=${created.id}`,
      `GET /connections/devices/connectionparameter/${first!.id}`,
      `GET /connections/devices/connectionparameter/${first!.id + 1}`,
      `DELETE /connections/devices/connectionparameter/${first!.id}`,
      { "POST /connections/devices/connectionparameter": { deviceID: Number(created.id), ...param, port: 1195 } },
    ]);
    expect(
      rc.emu
        .list("params")
        .map((p) => p.port)
        .sort(),
    ).toEqual([1195, 443]);
  });

  it("shows out-of-band changes property by property, and a device deleted out of band as gone", async () => {
    const [eng, ops] = groups();
    const { id, outs } = await createChecked(kind, { ...base(), location: "Hall 3", enabled: true, groups: [eng] });
    rc.emu.edit("devices", Number(id), { location: "Hall 9", type: 0 });
    rc.emu.setEnabled("devices", Number(id), false);
    rc.emu.relate("deviceGroups", Number(id), Number(ops));
    const drifted = await lc().read(id, outs);
    expect(drifted.inputs).toMatchObject({
      location: "Hall 9",
      type: "other",
      enabled: false,
      groups: [eng, ops],
      password: PASSWORD,
    });
    expect(await lc().diff(id, drifted.props!, outs)).toEqual({ replaces: [], deleteBeforeReplace: false });
    rc.emu.remove("devices", Number(id));
    expect(await lc().read(id, outs)).toEqual({});
    rc.emu.clearRequests();
    await expect(lc().delete(id, outs)).resolves.toBeUndefined(); // 404 is success
    expect(calls(rc.emu)).toEqual([`DELETE /connections/devices/${id}`]);
  });

  it("keeps a device whose follow-up call failed as a partial create, and completes it on the next update", async () => {
    const [eng] = groups();
    rc.emu.inject({
      method: "POST",
      path: `${API}/connections/devices/groups`,
      kind: "status",
      status: 404,
      body: { detail: "No entry found" },
    });
    const err = await createChecked(kind, { ...base(), groups: [eng] }).catch((e) => e);
    const device = rc.emu.list("devices")[0]!;
    // The state keeps what was written (not the groups), so the update the engine forces on the next up writes them.
    expect(err).toMatchObject({
      id: String(device.id),
      properties: { name: "Line 1 router" },
      reasons: ["sinema API 404 on POST /api/v1/connections/devices/groups: No entry found"],
    });
    expect(err.properties).not.toHaveProperty("groups");
    expect(err.message).not.toContain(PASSWORD);
    const up = await unchangedUp(kind, String(device.id), err.properties, { ...base(), groups: [eng] });
    expect(up.diff).toMatchObject({ replaces: [] });
    expect(rc.emu.related("deviceGroups", device.id)).toEqual([Number(eng)]);
  });

  it("never makes a duplicate when the create answer is lost", async () => {
    rc.emu.inject({ method: "POST", path: `${API}/connections/devices`, kind: "reset-after-commit" });
    const { id } = await createChecked(kind, { ...base(), enabled: true });
    expect(rc.emu.list("devices").map((d) => [d.id, d.name])).toEqual([[Number(id), "Line 1 router"]]);
    expect(rc.emu.requests.filter((r) => r.method === "POST" && r.path.endsWith("/connections/devices"))).toHaveLength(
      1,
    );
  });

  it("fails on an existing name naming its id and how to adopt it; adopts with adopt: true", async () => {
    const existing = rc.emu.insert("devices", {
      name: "Line 1 router",
      password: "x",
      type: 2,
      connectionType: 1,
      location: "Old",
    });
    const err = await createChecked(kind, { ...base(), location: "Hall 3" }).catch((e) => e);
    expect(err.message).toBe(
      `sinema:Device name "Line 1 router" already exists on ${rc.connection.url} with id ${existing.id}. To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); otherwise choose another name.`,
    );
    expect(rc.emu.writes().filter((r) => !r.path.endsWith("/api-auth"))).toEqual([]);
    const { id } = await createChecked(kind, { ...base(), location: "Hall 3", adopt: true });
    expect(id).toBe(String(existing.id));
    // Only the differing readable field is written: adopting never sends the unreadable password unasked.
    expect(
      rc.emu
        .writes()
        .filter((r) => !r.path.endsWith("/api-auth"))
        .map((r) => [r.method, r.body]),
    ).toEqual([["PUT", { location: "Hall 3" }]]);
  });

  it("fails invalid input in check with the property path, before any request", async () => {
    const res = await lc().checkRaw(
      {},
      {
        ...base(),
        type: "M900",
        connectionType: "sometimes",
        fixedVpnAddress: "10.0.0.300",
        senderId: "rc1",
        groups: ["eng"],
        connectionParameters: [{ ipAddress: "203.0.113.10", port: 0, protocol: "SCTP" }],
      },
    );
    expect(res.failures).toEqual([
      {
        property: "type",
        reason:
          'Invalid option: expected one of "other"|"S615"|"M800"|"SC600"|"CP1243-1"|"CP1243-7LTE"|"RTU303xC"|"RTU3010C"|"MUM8xx"|"EdgeClient"|"MUB8xx"',
      },
      {
        property: "connectionType",
        reason:
          'Invalid option: expected one of "permanent"|"digitalInput"|"wakeUpSmsM800"|"wakeUpSmsRtu3030"|"digitalInputOrWakeUpSmsM800"',
      },
      { property: "fixedVpnAddress", reason: "must be an IPv4 address such as 192.168.10.1" },
      { property: "groups[0]", reason: "must be the numeric id of a ParticipantGroup" },
      { property: "connectionParameters[0].port", reason: "Too small: expected number to be >=1" },
      { property: "connectionParameters[0].protocol", reason: 'Invalid option: expected one of "TCP"|"UDP"' },
    ]);
    const rtu = await lc().check({}, { ...base(), senderId: "rc1" });
    expect(rtu.failures).toEqual([{ property: "senderId", reason: 'only applies to type "RTU303xC"' }]);
    expect(rc.emu.requests).toEqual([]);
  });

  it("fails every generated invalid port or address in check, naming the property", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 65536 }), fc.double({ noInteger: true })),
        fc.string({ maxLength: 12 }).filter((s) => !/^\d{1,3}(\.\d{1,3}){3}$/.test(s)),
        async (port, ip) => {
          const res = await lc().check(
            {},
            { ...base(), connectionParameters: [{ ipAddress: ip, port, protocol: "TCP" }] },
          );
          expect(res.failures?.map((f) => f.property).sort()).toEqual([
            "connectionParameters[0].ipAddress",
            "connectionParameters[0].port",
          ]);
        },
      ),
      { numRuns: 60 },
    );
    expect(rc.emu.requests).toEqual([]);
  });
});
