/** The lifecycle aspects every SINEMA RC collection shares (no-op, delete of a missing object, adopt, partial create), as one table. */
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY } from "../../providers/core/http/retry";
import { clearSessions } from "../../providers/core/connection";
import {
  API,
  calls,
  createChecked,
  expectNoOpUp,
  failure,
  lifecycleOf,
  refreshDiff,
  unchangedUp,
  type PlainArgs,
  useSinema,
} from "./support";
import {
  CommunicationRelation,
  Device,
  Node,
  ParticipantGroup,
  Role,
  SmsGatewayProvider,
  StaticRoute,
  SyslogServer,
  Subnet,
  SubnetPortGroup,
  User,
} from "../../providers/sinema";
import type { Resource } from "../support/lifecycle";

const rc = useSinema();
type Props = Record<string, unknown>;
type Entity = Parameters<typeof rc.emu.list>[0];

const insert = (entity: Entity, fields: Props) => String(rc.emu.insert(entity, fields).id);
const group = (name: string) => insert("groups", { name, description: "", communicationAllowed: false });
const device = () => insert("devices", { name: "Line 1", password: "x", type: 2, connectionType: 1 });
const lan = () =>
  insert("subnets", {
    deviceid: Number(device()),
    name: "LAN",
    ipAddress: "192.168.10.0",
    subnetMask: "255.255.255.0",
    natMode: 0,
  });
const idsOf = (entity: Entity) => () => rc.emu.list(entity).map((o) => String(o.id));
/** A route with its {placeholders} filled from these values; a placeholder without a value stays (a fault's path pattern). */
const expand = (route: string, values: Props) =>
  route.replace(/\{(\w+)\}/g, (m, k: string) => (values[k] === undefined ? m : String(values[k])));
const writes = () => calls(rc.emu).filter((c) => typeof c !== "string");
const ATTEMPTS = 1 + DEFAULT_RETRY.maxRetries;
/** A 500 on every attempt of one request (a GET is retried after a 500): the failure reaches the lifecycle. */
const FAULT = { kind: "status", status: 500, body: { detail: "Internal error" }, times: ATTEMPTS } as const;

interface Case<R extends Resource = Resource> {
  /** The resource class's name, which titles the tests. */
  kind: string;
  resource: R;
  /** A declaration (connection included), with the objects it refers to inserted first. */
  declare: () => PlainArgs<R>;
  /** The object's own GET and the listing its natural key is looked up in (paths below /api/v1, with {placeholders}). */
  read: string;
  listing?: string;
  /** Ids of the objects of this kind on the server. */
  ids: (d: PlainArgs<R>) => string[];
  /** Where not tested with the kind: removes the object out of band, and the request a delete then makes (as `calls` shows it). */
  gone?: [(id: string, d: PlainArgs<R>) => void, (id: string, d: PlainArgs<R>) => unknown];
  /** Where not tested with the kind: a change declared with `adopt: true`, and the requests after the object's GET (its writes). */
  adopt?: () => [Partial<PlainArgs<R>>, (id: string) => unknown[]];
  /** Settings that cannot change in place: adoption refuses an object on which they differ. */
  fixed?: Partial<PlainArgs<R>>;
  /** The create call after which a failure leaves a partial create: the read-back of a create answer without the object, or a part's write. */
  partial?: {
    method: string;
    route: string;
    part?: {
      field: keyof PlainArgs<R> & string;
      state: (id: string) => unknown;
      missing: unknown;
      done: (d: PlainArgs<R>) => unknown;
    };
  };
}
/** A case whose declarations are typed as its resource's args. */
const kase = <R extends Resource>(resource: R, c: NoInfer<Omit<Case<R>, "kind" | "resource">>) =>
  ({ kind: resource.name, resource, ...c }) as unknown as Case;

const CASES: Case[] = [
  kase(Device, {
    declare: (): PlainArgs<typeof Device> => ({
      connection: rc.connection,
      name: "Line 1 router",
      password: "dev-pw-0c9b44",
      type: "M800",
      connectionType: "permanent",
      location: "Hall 3",
    }),
    read: "/connections/devices/{id}",
    ids: idsOf("devices"),
  }),
  kase(Subnet, {
    declare: (): PlainArgs<typeof Subnet> => ({
      connection: rc.connection,
      deviceId: device(),
      name: "LAN",
      network: "192.168.10.0/24",
      natMode: "none",
      groups: [group("Engineers")],
    }),
    read: "/connections/devices/subnets/{id}",
    listing: "/connections/devices/subnets?deviceId={deviceId}",
    ids: idsOf("subnets"),
    gone: [(id) => rc.emu.remove("subnets", Number(id)), (id) => `DELETE /connections/devices/subnets/${id}`],
    adopt: () => [
      { network: "192.168.20.0/23" },
      (id) => [
        `GET /connections/devices/subnets/groups?subnetId=${id}`,
        { [`PUT /connections/devices/subnets/${id}`]: { ipAddress: "192.168.20.0", subnetMask: "255.255.254.0" } },
      ],
    ],
    partial: {
      method: "POST",
      route: "/connections/devices/subnets/groups",
      part: {
        field: "groups",
        state: (id) => rc.emu.related("subnetGroups", Number(id)),
        missing: [],
        done: (d) => (d.groups as string[]).map(Number),
      },
    },
  }),
  kase(Node, {
    declare: (): PlainArgs<typeof Node> => ({
      connection: rc.connection,
      subnetId: lan(),
      name: "PLC",
      nodeIp: "192.168.10.20",
    }),
    read: "/connections/devices/subnets/nodes/{id}",
    listing: "/connections/devices/subnets/nodes?subnetId={subnetId}",
    ids: idsOf("nodes"),
    gone: [(id) => rc.emu.remove("nodes", Number(id)), (id) => `DELETE /connections/devices/subnets/nodes/${id}`],
    // No update call: only its groups (calls of their own) can change when it is taken over.
    adopt: () => {
      const eng = group("Engineers");
      return [
        { groups: [eng] },
        (id) => [
          `GET /connections/devices/subnets/nodes/groups?nodeId=${id}`,
          { "POST /connections/devices/subnets/nodes/groups": { nodeId: Number(id), groupId: Number(eng) } },
        ],
      ];
    },
    partial: { method: "GET", route: "/connections/devices/subnets/nodes/{id}" },
  }),
  kase(SubnetPortGroup, {
    declare: (): PlainArgs<typeof SubnetPortGroup> => ({
      connection: rc.connection,
      subnetId: lan(),
      name: "PLC access",
      icmpEnabled: true,
      ports: { tcp: "502" },
    }),
    read: "/connections/devices/subnets/portgroups/{id}",
    listing: "/connections/devices/subnets/portgroups?subnetId={subnetId}",
    ids: idsOf("portgroups"),
    gone: [
      (id) => rc.emu.remove("portgroups", Number(id)),
      (id) => `DELETE /connections/devices/subnets/portgroups/${id}`,
    ],
    adopt: () => [
      { icmpEnabled: false, ports: { tcp: "502", udp: "161" } },
      (id) => [
        { [`PUT /connections/devices/subnets/portgroups/${id}`]: { icmpEnabled: false } },
        {
          "POST /connections/devices/subnets/portgroups/ports": { portgroupId: Number(id), protocol: "UDP", port: 161 },
        },
      ],
    ],
    partial: {
      method: "POST",
      route: "/connections/devices/subnets/portgroups/ports",
      part: {
        field: "ports",
        state: (id) => rc.emu.get("portgroups", Number(id))?.ports,
        missing: [],
        done: () => [{ protocol: "TCP", port: 502 }],
      },
    },
  }),
  kase(ParticipantGroup, {
    declare: (): PlainArgs<typeof ParticipantGroup> => ({
      connection: rc.connection,
      name: "Engineers",
      description: "Line 1",
    }),
    read: "/connections/groups/{id}",
    listing: "/connections/groups",
    ids: idsOf("groups"),
    // The delete guard reads the group first; its 404 already means done.
    gone: [(id) => rc.emu.remove("groups", Number(id)), (id) => `GET /connections/groups/${id}`],
    adopt: () => [
      { description: "Line 2" },
      (id) => [{ [`PUT /connections/groups/${id}`]: { description: "Line 2" } }],
    ],
    partial: { method: "GET", route: "/connections/groups/{id}" },
  }),
  kase(CommunicationRelation, {
    declare: (): PlainArgs<typeof CommunicationRelation> => ({
      connection: rc.connection,
      sourceGroupId: group("Engineers"),
      destinationGroupId: group("Line 1"),
    }),
    read: "/connections/groups/destination/{sourceGroupId}",
    ids: (d) =>
      rc.emu.related("destinations", Number(d.sourceGroupId)).map((dst) => `${String(d.sourceGroupId)}:${dst}`),
    gone: [
      (_id, d) => rc.emu.unrelate("destinations", Number(d.sourceGroupId), Number(d.destinationGroupId)),
      (_id, d) => ({
        [`DELETE /connections/groups/destination/${String(d.sourceGroupId)}`]: {
          destinationId: Number(d.destinationGroupId),
        },
      }),
    ],
    partial: { method: "GET", route: "/connections/groups/destination/{sourceGroupId}" },
  }),
  kase(User, {
    declare: (): PlainArgs<typeof User> => ({
      connection: rc.connection,
      username: "alice",
      password: "alice-pw-4d71e0",
      email: "alice@plant.example",
      enabled: false,
    }),
    read: "/accounts/users/{id}",
    listing: "/accounts/users",
    ids: idsOf("users"),
    // The unreadable password is never sent by an adoption; the enabled state is read (its own GET) and matches.
    adopt: () => [
      { email: "alice@site.example" },
      (id) => [
        `GET /accounts/users/status/${id}`,
        { [`PUT /accounts/users/users/${id}`]: { email: "alice@site.example" } },
      ],
    ],
    partial: {
      method: "PUT",
      route: "/accounts/users/status/{id}",
      part: { field: "enabled", state: (id) => rc.emu.enabled("users", Number(id)), missing: true, done: () => false },
    },
  }),
  kase(Role, {
    declare: (): PlainArgs<typeof Role> => ({
      connection: rc.connection,
      name: "Operations",
      passwordExpire: 90,
      groups: [group("Engineers")],
    }),
    read: "/accounts/roles/{id}",
    listing: "/accounts/roles",
    ids: () =>
      rc.emu
        .list("roles")
        .filter((r) => r.name === "Operations")
        .map((r) => String(r.id)),
    gone: [(id) => rc.emu.remove("roles", Number(id)), (id) => `DELETE /accounts/roles/${id}`],
    partial: {
      method: "POST",
      route: "/accounts/roles/groups",
      part: {
        field: "groups",
        state: (id) => rc.emu.related("roleGroups", Number(id)),
        missing: [],
        done: (d) => (d.groups as string[]).map(Number),
      },
    },
  }),
  kase(SmsGatewayProvider, {
    declare: (): PlainArgs<typeof SmsGatewayProvider> => ({
      connection: rc.connection,
      name: "Plant SMS",
      address: "4917012345678@sms.example",
      text: "$MSG",
    }),
    read: "/system/smsandemail/sms/{id}",
    listing: "/system/smsandemail/sms",
    ids: idsOf("sms"),
    adopt: () => [{ subject: "Wake-up" }, (id) => [{ [`PUT /system/smsandemail/sms/${id}`]: { subject: "Wake-up" } }]],
    partial: { method: "GET", route: "/system/smsandemail/sms/{id}" },
  }),
  kase(StaticRoute, {
    declare: (): PlainArgs<typeof StaticRoute> => ({
      connection: rc.connection,
      destinationNetwork: "10.50.0.0",
      networkMask: "255.255.0.0",
      gateway: "192.168.1.254",
      interface: "lan1",
    }),
    read: "/system/network/staticroutes/{id}",
    listing: "/system/network/staticroutes",
    ids: idsOf("routes"),
    adopt: () => [{}, () => []],
    fixed: { gateway: "192.168.1.253" },
    partial: { method: "GET", route: "/system/network/staticroutes/{id}" },
  }),
  kase(SyslogServer, {
    declare: (): PlainArgs<typeof SyslogServer> => ({
      connection: rc.connection,
      serverIp: "10.0.0.50",
      port: 514,
      protocol: "udp",
    }),
    read: "/services/syslog/{id}",
    listing: "/services/syslog",
    ids: idsOf("syslog"),
    adopt: () => [{}, () => []],
    fixed: { port: 1514 },
    partial: { method: "GET", route: "/services/syslog/{id}" },
  }),
];
const kindOf = (c: Case) => c.resource.kind;

describe.each(CASES)("sinema.$kind lifecycle (no-op)", (c) => {
  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(c.resource, c.declare(), rc.emu));
});

describe.each(CASES.filter((c) => c.gone))("sinema.$kind lifecycle (delete of a missing object)", (c) => {
  it("succeeds when the object was deleted out of band (404 is done), with one request", async () => {
    const d = c.declare();
    const { id, outs } = await createChecked(c.resource, d);
    c.gone![0](id, d);
    rc.emu.clearRequests();
    await expect(lifecycleOf(c.resource).delete(id, outs)).resolves.toBeUndefined();
    expect(calls(rc.emu)).toEqual([c.gone![1](id, d)]);
    expect(rc.emu.requests.map((r) => r.status)).toEqual([404]);
  });
});

describe.each(CASES.filter((c) => c.adopt))("sinema.$kind lifecycle (adopt)", (c) => {
  it("fails on an existing object naming its id, and takes it over with adopt: true: one listing, its GET, only the differing writes", async () => {
    const d = c.declare();
    const { id } = await createChecked(c.resource, d); // made by an earlier run
    clearSessions();
    rc.emu.clearRequests();
    const taken = await failure(createChecked(c.resource, d));
    expect(taken.message).toContain(
      `already exists on ${rc.connection.url} with id ${id}. To manage that object, set \`adopt: true\` on this resource`,
    );
    expect(calls(rc.emu)).toEqual([expand(`GET ${c.listing}`, d)]);
    const [change, then] = c.adopt!();
    rc.emu.clearRequests();
    const adopted = await createChecked(c.resource, { ...d, ...change, adopt: true });
    expect(adopted.id).toBe(id);
    expect(calls(rc.emu)).toEqual([expand(`GET ${c.listing}`, d), expand(`GET ${c.read}`, { ...d, id }), ...then(id)]);
    expect(c.ids(d)).toEqual([id]);
  });
});

describe.each(CASES.filter((c) => c.fixed))(
  "sinema.$kind lifecycle (adopt of an object that would need a replacement)",
  (c) => {
    it("refuses to adopt it, naming the settings that differ, and writes nothing", async () => {
      const d = c.declare();
      const { id } = await createChecked(c.resource, d);
      clearSessions();
      rc.emu.clearRequests();
      const err = await failure(createChecked(c.resource, { ...d, ...c.fixed, adopt: true }));
      expect(err.message).toBe(
        `${kindOf(c)} ${id} cannot be adopted: ${Object.keys(c.fixed!).join(", ")} differ from the declaration and cannot be changed in place. Declare the live values, or delete the object and let Pulumi create it.`,
      );
      expect(writes()).toEqual([]);
      expect(c.ids(d)).toEqual([id]);
    });
  },
);

/** Injects a failure into the partial-create call of a case and creates; returns the error and the declaration. */
async function partialCreate(c: Case) {
  const d = c.declare();
  const { method, route } = c.partial!;
  // A POST (a part's add) is not retried after a 500: one failure is enough; a GET or PUT fails on every attempt.
  rc.emu.inject({ method, path: API + expand(route, d), ...FAULT, times: method === "POST" ? 1 : ATTEMPTS });
  const err = await failure(createChecked(c.resource, d));
  expect(c.ids(d)).toEqual([err.id]); // kept, and never made twice
  // The state keeps what was written: a part whose write failed is left out, so the next up writes it.
  const { [c.partial!.part?.field ?? ""]: _unwritten, ...written } = d;
  expect(err).toMatchObject({
    properties: written,
    reasons: [`sinema API 500 on ${method} ${API}${expand(route, { ...d, id: err.id })}: Internal error`],
  });
  if (c.partial!.part) expect(err.properties).not.toHaveProperty(c.partial!.part.field);
  return { d, err, id: err.id!, properties: err.properties! };
}

describe.each(CASES.filter((c) => c.partial && !c.partial.part))(
  "sinema.$kind lifecycle (partial create: read-back)",
  (c) => {
    it("keeps the object when the read-back after its create fails; the next up has nothing left to write and a refresh sees no drift", async () => {
      const { d, id, properties } = await partialCreate(c);
      expect(rc.emu.requests.filter((r) => r.method === "POST" && !r.path.endsWith("/api-auth"))).toHaveLength(1);
      rc.emu.clearRequests();
      const up = await unchangedUp(c.resource, id, properties, d);
      expect(up.diff).toEqual({ changes: false });
      expect(rc.emu.requests).toEqual([]);
      expect((await refreshDiff(c.resource, id, properties)).diff).toEqual({ changes: false });
    });
  },
);

describe.each(CASES.filter((c) => c.partial?.part))("sinema.$kind lifecycle (partial create: a part's write)", (c) => {
  it("keeps the object when a part's write after its create fails; the update the next up forces writes the part, without a refresh", async () => {
    const { d, id, properties } = await partialCreate(c);
    const part = c.partial!.part!;
    expect(part.state(id)).toEqual(part.missing);
    rc.emu.clearRequests();
    const up = await unchangedUp(c.resource, id, properties, d);
    expect(up.diff).toMatchObject({ replaces: [] });
    expect(writes()).toHaveLength(1);
    expect(part.state(id)).toEqual(part.done(d));
  });
});

describe("sinema create whose id comes from a follow-up call that fails", () => {
  const route = (): PlainArgs<typeof StaticRoute> => ({
    connection: rc.connection,
    destinationNetwork: "10.50.0.0",
    networkMask: "255.255.0.0",
    gateway: "192.168.1.254",
    interface: "lan1",
  });
  const alice = (): PlainArgs<typeof User> => ({
    connection: rc.connection,
    username: "alice",
    password: "alice-pw-4d71e0",
    email: "alice@plant.example",
  });

  it("StaticRoute: a failed status poll after the 202 (the server accepted the route) finds the route by its key, never POSTs again", async () => {
    rc.emu.inject({ method: "GET", path: `${API}/system/network/staticroutes/{id}/status`, ...FAULT });
    const { id } = await createChecked(StaticRoute, route());
    expect(rc.emu.list("routes").map((r) => [String(r.id), r.destinationNetwork])).toEqual([[id, "10.50.0.0"]]);
    expect(writes()).toHaveLength(1);
  });

  it("StaticRoute: a route the server reports as failed is not taken for created", async () => {
    rc.emu.failNextAsync("gateway", "The gateway is not reachable");
    const err = await failure(createChecked(StaticRoute, route()));
    expect(err.message).toMatch(/failed: gateway: The gateway is not reachable$/);
    expect(rc.emu.list("routes")).toEqual([]);
  });

  // Creating bob first leaves this run's index of the users, so alice's key check needs no listing and the
  // injected faults hit the listings after her create.
  it("User: a failed listing after a create answered without the id is listed once more, and the user is in state", async () => {
    await createChecked(User, { ...alice(), username: "bob" });
    rc.emu.clearRequests();
    rc.emu.inject({ method: "GET", path: `${API}/accounts/users`, ...FAULT });
    const { id } = await createChecked(User, alice());
    expect(
      rc.emu
        .list("users")
        .filter((u) => u.username === "alice")
        .map((u) => String(u.id)),
    ).toEqual([id]);
    expect(
      rc.emu.requests.filter((r) => r.path === `${API}/accounts/users`).map((r) => `${r.method} ${r.status}`),
    ).toEqual(["POST 200", ...Array<string>(ATTEMPTS).fill("GET 500"), "GET 200"]);
  });

  it("User: a listing that keeps failing says the user was created and how to take it over", async () => {
    await createChecked(User, { ...alice(), username: "bob" });
    rc.emu.inject({ method: "GET", path: `${API}/accounts/users`, ...FAULT, times: 2 * ATTEMPTS });
    const err = await failure(createChecked(User, alice()));
    expect(err.message).toBe(
      `sinema:User username "alice" was created on ${rc.connection.url}, but its id could not be looked up: sinema API 500 on GET /api/v1/accounts/users: Internal error. ` +
        "Set `adopt: true` on this resource for the next `up` to take it over.",
    );
    expect(rc.emu.list("users").filter((u) => u.username === "alice")).toHaveLength(1);
  });
});

describe("sinema.CommunicationRelation lifecycle (adopt)", () => {
  it("refuses adopt: true in check (no natural key: adopt by id), before any request", async () => {
    const res = await lifecycleOf(CommunicationRelation).check(
      {},
      { connection: rc.connection, sourceGroupId: "1", destinationGroupId: "2", adopt: true },
    );
    expect(res.failures).toEqual([
      {
        property: "adopt",
        reason: "this resource has no natural key to find the object by; give the id of the object to adopt instead",
      },
    ]);
    expect(rc.emu.requests).toEqual([]);
  });
});
