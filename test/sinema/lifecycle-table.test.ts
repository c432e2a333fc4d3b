/** The lifecycle aspects every SINEMA RC collection shares (no-op, delete of a missing object, adopt, partial create), as one table. */
import { describe, expect, it } from "vitest";
import { clearSessions } from "../../providers/core/connection";
import { API, calls, createChecked, expectNoOpUp, failure, lifecycle, refreshDiff, unchangedUp, updateChecked, useSinema } from "./support";

const rc = useSinema();
type Props = Record<string, unknown>;
type Entity = Parameters<typeof rc.emu.list>[0];

const insert = (entity: Entity, fields: Props) => String(rc.emu.insert(entity, fields).id);
const group = (name: string) => insert("groups", { name, description: "", communicationAllowed: false });
const device = () => insert("devices", { name: "Line 1", password: "x", type: 2, connectionType: 1 });
const lan = () => insert("subnets", { deviceid: Number(device()), name: "LAN", ipAddress: "192.168.10.0", subnetMask: "255.255.255.0", natMode: 0 });
const idsOf = (entity: Entity) => () => rc.emu.list(entity).map((o) => String(o.id));
/** A route with its {placeholders} filled from these values; a placeholder without a value stays (a fault's path pattern). */
const expand = (route: string, values: Props) => route.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] === undefined ? m : String(values[k])));
const writes = () => calls(rc.emu).filter((c) => typeof c !== "string");
const FAULT = { kind: "status", status: 500, body: { detail: "Internal error" } } as const;

interface Case {
  kind: string;
  /** A declaration (connection included), with the objects it refers to inserted first. */
  declare: () => Props;
  /** The object's own GET and the listing its natural key is looked up in (paths below /api/v1, with {placeholders}). */
  read: string;
  listing?: string;
  /** Ids of the objects of this kind on the server. */
  ids: (d: Props) => string[];
  /** Where not tested with the kind: removes the object out of band, and the request a delete then makes (as `calls` shows it). */
  gone?: [(id: string, d: Props) => void, (id: string, d: Props) => unknown];
  /** Where not tested with the kind: a change declared with `adopt: true`, and the requests after the object's GET (its writes). */
  adopt?: () => [Props, (id: string) => unknown[]];
  /** Settings that cannot change in place: adoption refuses an object on which they differ. */
  fixed?: Props;
  /** The create call after which a failure leaves a partial create: the read-back of a create answer without the object, or a part's write. */
  partial?: { method: string; route: string; part?: { state: (id: string) => unknown; missing: unknown; done: (d: Props) => unknown } };
}

const CASES: Case[] = [
  {
    kind: "Device",
    declare: () => ({ connection: rc.connection, name: "Line 1 router", password: "dev-pw-0c9b44", type: "M800", connectionType: "permanent", location: "Hall 3" }),
    read: "/connections/devices/{id}",
    ids: idsOf("devices"),
  },
  {
    kind: "Subnet",
    declare: () => ({ connection: rc.connection, deviceId: device(), name: "LAN", network: "192.168.10.0/24", natMode: "none", groups: [group("Engineers")] }),
    read: "/connections/devices/subnets/{id}",
    listing: "/connections/devices/subnets?deviceId={deviceId}",
    ids: idsOf("subnets"),
    gone: [(id) => rc.emu.remove("subnets", Number(id)), (id) => `DELETE /connections/devices/subnets/${id}`],
    adopt: () => [
      { network: "192.168.20.0/23" },
      (id) => [`GET /connections/devices/subnets/groups?subnetId=${id}`, { [`PUT /connections/devices/subnets/${id}`]: { ipAddress: "192.168.20.0", subnetMask: "255.255.254.0" } }],
    ],
    partial: {
      method: "POST",
      route: "/connections/devices/subnets/groups",
      part: { state: (id) => rc.emu.related("subnetGroups", Number(id)), missing: [], done: (d) => (d.groups as string[]).map(Number) },
    },
  },
  {
    kind: "Node",
    declare: () => ({ connection: rc.connection, subnetId: lan(), name: "PLC", nodeIp: "192.168.10.20" }),
    read: "/connections/devices/subnets/nodes/{id}",
    listing: "/connections/devices/subnets/nodes?subnetId={subnetId}",
    ids: idsOf("nodes"),
    gone: [(id) => rc.emu.remove("nodes", Number(id)), (id) => `DELETE /connections/devices/subnets/nodes/${id}`],
    // No update call: only its groups (calls of their own) can change when it is taken over.
    adopt: () => {
      const eng = group("Engineers");
      return [{ groups: [eng] }, (id) => [`GET /connections/devices/subnets/nodes/groups?nodeId=${id}`, { "POST /connections/devices/subnets/nodes/groups": { nodeId: Number(id), groupId: Number(eng) } }]];
    },
    partial: { method: "GET", route: "/connections/devices/subnets/nodes/{id}" },
  },
  {
    kind: "ParticipantGroup",
    declare: () => ({ connection: rc.connection, name: "Engineers", description: "Line 1" }),
    read: "/connections/groups/{id}",
    listing: "/connections/groups",
    ids: idsOf("groups"),
    // The delete guard reads the group first; its 404 already means done.
    gone: [(id) => rc.emu.remove("groups", Number(id)), (id) => `GET /connections/groups/${id}`],
    adopt: () => [{ description: "Line 2" }, (id) => [{ [`PUT /connections/groups/${id}`]: { description: "Line 2" } }]],
    partial: { method: "GET", route: "/connections/groups/{id}" },
  },
  {
    kind: "CommunicationRelation",
    declare: () => ({ connection: rc.connection, sourceGroupId: group("Engineers"), destinationGroupId: group("Line 1") }),
    read: "/connections/groups/destination/{sourceGroupId}",
    ids: (d) => rc.emu.related("destinations", Number(d.sourceGroupId)).map((dst) => `${String(d.sourceGroupId)}:${dst}`),
    gone: [
      (_id, d) => rc.emu.unrelate("destinations", Number(d.sourceGroupId), Number(d.destinationGroupId)),
      (_id, d) => ({ [`DELETE /connections/groups/destination/${String(d.sourceGroupId)}`]: { destinationId: Number(d.destinationGroupId) } }),
    ],
    partial: { method: "GET", route: "/connections/groups/destination/{sourceGroupId}" },
  },
  {
    kind: "User",
    declare: () => ({ connection: rc.connection, username: "alice", password: "alice-pw-4d71e0", email: "alice@plant.example", enabled: false }),
    read: "/accounts/users/{id}",
    listing: "/accounts/users",
    ids: idsOf("users"),
    // The unreadable password is never sent by an adoption; the enabled state is read (its own GET) and matches.
    adopt: () => [{ email: "alice@site.example" }, (id) => [`GET /accounts/users/status/${id}`, { [`PUT /accounts/users/users/${id}`]: { email: "alice@site.example" } }]],
    partial: { method: "PUT", route: "/accounts/users/status/{id}", part: { state: (id) => rc.emu.enabled("users", Number(id)), missing: true, done: () => false } },
  },
  {
    kind: "Role",
    declare: () => ({ connection: rc.connection, name: "Operations", passwordExpire: 90, groups: [group("Engineers")] }),
    read: "/accounts/roles/{id}",
    listing: "/accounts/roles",
    ids: () => rc.emu.list("roles").filter((r) => r.name === "Operations").map((r) => String(r.id)),
    gone: [(id) => rc.emu.remove("roles", Number(id)), (id) => `DELETE /accounts/roles/${id}`],
    partial: {
      method: "POST",
      route: "/accounts/roles/groups",
      part: { state: (id) => rc.emu.related("roleGroups", Number(id)), missing: [], done: (d) => (d.groups as string[]).map(Number) },
    },
  },
  {
    kind: "SmsGatewayProvider",
    declare: () => ({ connection: rc.connection, name: "Plant SMS", address: "4917012345678@sms.example", text: "$MSG" }),
    read: "/system/smsandemail/sms/{id}",
    listing: "/system/smsandemail/sms",
    ids: idsOf("sms"),
    adopt: () => [{ subject: "Wake-up" }, (id) => [{ [`PUT /system/smsandemail/sms/${id}`]: { subject: "Wake-up" } }]],
    partial: { method: "GET", route: "/system/smsandemail/sms/{id}" },
  },
  {
    kind: "StaticRoute",
    declare: () => ({ connection: rc.connection, destinationNetwork: "10.50.0.0", networkMask: "255.255.0.0", gateway: "192.168.1.254", interface: "lan1" }),
    read: "/system/network/staticroutes/{id}",
    listing: "/system/network/staticroutes",
    ids: idsOf("routes"),
    adopt: () => [{}, () => []],
    fixed: { gateway: "192.168.1.253" },
    partial: { method: "GET", route: "/system/network/staticroutes/{id}" },
  },
  {
    kind: "SyslogServer",
    declare: () => ({ connection: rc.connection, serverIp: "10.0.0.50", port: 514, protocol: "udp" }),
    read: "/services/syslog/{id}",
    listing: "/services/syslog",
    ids: idsOf("syslog"),
    adopt: () => [{}, () => []],
    fixed: { port: 1514 },
    partial: { method: "GET", route: "/services/syslog/{id}" },
  },
];
const kindOf = (c: Case) => `sinema:${c.kind}`;

describe.each(CASES)("sinema.$kind lifecycle (no-op)", (c) => {
  it("diffs the same declaration as no change, and an up of it sends no request", () => expectNoOpUp(kindOf(c), c.declare(), rc.emu));
});

describe.each(CASES.filter((c) => c.gone))("sinema.$kind lifecycle (delete of a missing object)", (c) => {
  it("succeeds when the object was deleted out of band (404 is done), with one request", async () => {
    const d = c.declare();
    const { id, outs } = await createChecked(kindOf(c), d);
    c.gone![0](id, d);
    rc.emu.clearRequests();
    await expect(lifecycle(kindOf(c)).delete(id, outs)).resolves.toBeUndefined();
    expect(calls(rc.emu)).toEqual([c.gone![1](id, d)]);
    expect(rc.emu.requests.map((r) => r.status)).toEqual([404]);
  });
});

describe.each(CASES.filter((c) => c.adopt))("sinema.$kind lifecycle (adopt)", (c) => {
  it("fails on an existing object naming its id, and takes it over with adopt: true: one listing, its GET, only the differing writes", async () => {
    const d = c.declare();
    const { id } = await createChecked(kindOf(c), d); // made by an earlier run
    clearSessions();
    rc.emu.clearRequests();
    const taken = await failure(createChecked(kindOf(c), d));
    expect(taken.message).toContain(`already exists on ${rc.connection.url} with id ${id}. To manage that object, set \`adopt: true\` on this resource`);
    expect(calls(rc.emu)).toEqual([expand(`GET ${c.listing}`, d)]);
    const [change, then] = c.adopt!();
    rc.emu.clearRequests();
    const adopted = await createChecked(kindOf(c), { ...d, ...change, adopt: true });
    expect(adopted.id).toBe(id);
    expect(calls(rc.emu)).toEqual([expand(`GET ${c.listing}`, d), expand(`GET ${c.read}`, { ...d, id }), ...then(id)]);
    expect(c.ids(d)).toEqual([id]);
  });
});

describe.each(CASES.filter((c) => c.fixed))("sinema.$kind lifecycle (adopt of an object that would need a replacement)", (c) => {
  it("refuses to adopt it, naming the settings that differ, and writes nothing", async () => {
    const d = c.declare();
    const { id } = await createChecked(kindOf(c), d);
    clearSessions();
    rc.emu.clearRequests();
    const err = await failure(createChecked(kindOf(c), { ...d, ...c.fixed, adopt: true }));
    expect(err.message).toBe(
      `${kindOf(c)} ${id} cannot be adopted: ${Object.keys(c.fixed!).join(", ")} differ from the declaration and cannot be changed in place. Declare the live values, or delete the object and let Pulumi create it.`,
    );
    expect(writes()).toEqual([]);
    expect(c.ids(d)).toEqual([id]);
  });
});

/** Injects a failure into the partial-create call of a case and creates; returns the error and the declaration. */
async function partialCreate(c: Case) {
  const d = c.declare();
  const { method, route } = c.partial!;
  rc.emu.inject({ method, path: API + expand(route, d), ...FAULT });
  const err = await failure(createChecked(kindOf(c), d));
  expect(c.ids(d)).toEqual([err.id]); // kept, and never made twice
  expect(err).toMatchObject({ properties: d, reasons: [`sinema API 500 on ${method} ${API}${expand(route, { ...d, id: err.id })}: Internal error`] });
  return { d, err, id: err.id!, properties: err.properties! };
}

describe.each(CASES.filter((c) => c.partial && !c.partial.part))("sinema.$kind lifecycle (partial create: read-back)", (c) => {
  it("keeps the object when the read-back after its create fails; the next up has nothing left to write and a refresh sees no drift", async () => {
    const { d, id, properties } = await partialCreate(c);
    expect(rc.emu.requests.filter((r) => r.method === "POST" && !r.path.endsWith("/api-auth"))).toHaveLength(1);
    rc.emu.clearRequests();
    const up = await unchangedUp(kindOf(c), id, properties, d);
    expect(up.diff).toEqual({ changes: false });
    expect(rc.emu.requests).toEqual([]);
    expect((await refreshDiff(kindOf(c), id, properties)).diff).toEqual({ changes: false });
  });
});

describe.each(CASES.filter((c) => c.partial?.part))("sinema.$kind lifecycle (partial create: a part's write)", (c) => {
  it("keeps the object when a part's write after its create fails; a refreshed up writes the part", async () => {
    const { d, id, properties } = await partialCreate(c);
    const part = c.partial!.part!;
    expect(part.state(id)).toEqual(part.missing);
    const read = await lifecycle(kindOf(c)).read(id, properties);
    await updateChecked(kindOf(c), id, read.props!, d);
    expect(part.state(id)).toEqual(part.done(d));
  });

  // Bug (providers/core/resource/lifecycle.ts, partialCreate): the partial-create properties echo every declared
  // input, the unwritten part included, so the update the engine forces on the next `up` (olds = those
  // properties) finds nothing changed and sends nothing: the part stays unwritten until a refresh. It should
  // write the part (e.g. properties that leave out what was not written).
  it.todo("completes the object on the next up without a refresh (the forced update after a partial create)");
});

describe("sinema partial create before the id is known", () => {
  // Gap (providers/core/resource/lifecycle.ts create, providers/sinema/client.ts settle): when the call that yields the
  // id fails after the server accepted the create (a static route's status poll after the 202, the user listing
  // after the user create answered without an id), create fails with a plain error and no id. Nothing is
  // duplicated, but the object is on the server and not in state, so the next up fails with "already exists ...
  // set adopt: true". It should find the object by its natural key, as after a lost create answer, and then
  // succeed or report a partial create with that id.
  it.todo("StaticRoute: a failed status poll after the 202 still ends with the route in state");
  it.todo("User: a failed listing after the create (answer without id) still ends with the user in state");
});

describe("sinema.CommunicationRelation lifecycle (adopt)", () => {
  it("refuses adopt: true in check (no natural key: adopt by id), before any request", async () => {
    const res = await lifecycle("sinema:CommunicationRelation").check({}, { connection: rc.connection, sourceGroupId: "1", destinationGroupId: "2", adopt: true });
    expect(res.failures).toEqual([{ property: "adopt", reason: "this resource has no natural key to find the object by; give the id of the object to adopt instead" }]);
    expect(rc.emu.requests).toEqual([]);
  });
});
