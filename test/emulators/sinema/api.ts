/** The SINEMA RC HTTP surface under /api/v1: token login, rights, validation, lists, associations, 202 operations. */
import { randomBytes } from "node:crypto";
import { Router, type EmulatorRequest, type EmulatorResponse, type Handler } from "../common";
import { type Db, type Entity, type Relation, type Row, type Setting } from "./store";
import { ipToInt, maskBits, type Rules, validate } from "./validate";

export interface Account {
  username: string;
  password: string;
  /** Rights 1-18 (default: every right, an administrator). */
  rights?: number[];
  /** loginType the account logs in with (default 1, password). */
  loginType?: 1 | 2;
  /** When set, two-factor authentication is on and this is the one-time token the login needs. */
  otp?: string;
}

export interface ApiOptions {
  db: Db;
  accounts: () => Account[];
  /** Token lifetime (default: no expiry). */
  tokenTtlMs: () => number;
  /** A new login invalidates the account's earlier token (default true; the seed: "when you request a new token, you must also adapt the header"). */
  singleTokenPerUser: boolean;
  pageSize: number;
  /** Status polls a 202 operation answers "pending" before it finishes. */
  asyncPolls: number;
  licenses: { devices: number; users: number };
  /** Set by failNextAsync(): the next asynchronous operation ends "failed" with this error. */
  asyncFailure: () => { errorField: string; description: string } | undefined;
  clearAsyncFailure: () => void;
  /** Filled with a function that ends every issued token (a restart, an administrator logging the API user out). */
  onTokens?: (expireAll: () => void) => void;
}

type Res = EmulatorResponse;
type Errors = Record<string, string | undefined>;
const ok = (body?: unknown): Res => ({ status: 200, body });
const fail = (status: number, detail: string, errors?: Record<string, string>): Res => ({ status, body: errors ? { detail, errors } : { detail } });
const notFound = (detail = "No entry found") => fail(404, detail);
const NO_RIGHTS = "The user does not have the necessary access rights";
const API = "/api/v1";

export function createSinemaHandler(o: ApiOptions): Handler {
  const { db } = o;
  const tokens = new Map<string, { username: string; expires: number }>();
  o.onTokens?.(() => tokens.clear());
  const router = new Router();
  const T = db.tables;
  const R = db.relations;
  const route = (r: string, h: (req: EmulatorRequest, p: Record<string, string>) => Res) => router.add(r.replace(" /", ` ${API}/`), h);
  const id = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);
  const body = (req: EmulatorRequest) => (req.body ?? {}) as Record<string, unknown>;
  const names = (entity: Entity, ids: number[], label = "name") => ids.map((i) => T[entity].get(i)).filter(Boolean).map((r) => ({ id: r!.id, name: r![label] }));

  /** Validates, then commits; 422 with the seed's message and the field errors. */
  const checked = (input: unknown, rules: Rules, partial: boolean, message: string, commit: (v: Record<string, unknown>) => Res, extra?: (v: Record<string, unknown>) => Errors) => {
    const { values, errors } = validate(input, rules, partial);
    if (!Object.keys(errors).length) for (const [k, v] of Object.entries(extra?.(values) ?? {})) if (v) errors[k] = v;
    return Object.keys(errors).length ? fail(422, message, errors) : commit(values);
  };

  /** A list: search (substring of the name), count (first N), bare or under `key`, pages with absolute next/previous links. */
  const list = (req: EmulatorRequest, items: { id: number; name?: unknown }[], key: string | null, paged = false): Res => {
    const count = req.query.count;
    if (count !== undefined && !/^\d+$/.test(count)) return fail(400, "Invalid parameters specified");
    let out = req.query.search !== undefined ? items.filter((i) => String(i.name ?? "").includes(req.query.search!)) : items;
    if (count !== undefined) out = out.slice(0, Number(count));
    if (key === null) return ok(out);
    if (!paged) return ok({ [key]: out, count: out.length });
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const link = (p: number) => {
      const q = new URLSearchParams({ ...req.query, page: String(p) });
      return `${req.origin}${req.path}?${q}`;
    };
    const slice = out.slice((page - 1) * o.pageSize, page * o.pageSize);
    return ok({ [key]: slice, count: out.length, previous: page > 1 ? link(page - 1) : null, next: page * o.pageSize < out.length ? link(page + 1) : null });
  };

  /** Pairs as `{id, name}` of the member side, or 404 when the owner does not exist. */
  const pairs = (rel: Relation, owner: Entity, member: Entity, ownerId: number, key = "groups") =>
    T[owner].get(ownerId) ? ok({ [key]: names(member, R[rel].membersOf(ownerId), member === "users" ? "username" : "name") }) : notFound();

  /** POST/DELETE of an association with both ids in the body. 409 for a pair that exists (an undocumented case, see README). */
  const associate = (rel: Relation, owner: Entity, member: Entity, ownerKey: string, memberKey: string, op: "add" | "remove", input: Record<string, unknown>, check?: (a: number, b: number) => Res | undefined) => {
    const a = input[ownerKey];
    const b = input[memberKey];
    if (!Number.isInteger(a) || !Number.isInteger(b)) return fail(422, "Entry required", { [Number.isInteger(a) ? memberKey : ownerKey]: "must be an integer" });
    if (!T[owner].get(a as number) || !T[member].get(b as number)) return notFound();
    const problem = check?.(a as number, b as number);
    if (problem) return problem;
    if (op === "add") {
      if (R[rel].has(a as number, b as number)) return fail(409, "The entry already exists.");
      R[rel].add(a as number, b as number);
    } else if (!R[rel].remove(a as number, b as number)) return notFound();
    return ok();
  };

  /** GET/PUT of an enabled flag; 409 when it is already in the requested state. */
  const status = (entity: "devices" | "users", what: string) => {
    route(`GET /${entity === "devices" ? "connections/devices" : "accounts/users"}/status/{id}`, (_q, p) =>
      T[entity].get(id(p.id)) ? ok({ status: db.status[entity].get(id(p.id)) ?? true }) : notFound(),
    );
    route(`PUT /${entity === "devices" ? "connections/devices" : "accounts/users"}/status/{id}`, (req, p) => {
      if (!T[entity].get(id(p.id))) return notFound();
      return checked(req.body, { status: { kind: "bool", required: true } }, false, "Invalid entry", ({ status: next }) => {
        if ((db.status[entity].get(id(p.id)) ?? true) === next) return fail(409, `The ${what} is already ${next ? "activated" : "deactivated"}`);
        db.status[entity].set(id(p.id), next as boolean);
        return ok();
      });
    });
  };

  /** GET/POST (and DELETE) of a settings object. */
  const setting = (
    name: Setting,
    path: string,
    rules: Rules,
    view: (s: Record<string, unknown>) => Record<string, unknown>,
    extra?: (v: Record<string, unknown>) => Errors,
    del?: () => Record<string, unknown>,
    clearedUnlessSent: string[] = [],
  ) => {
    route(`GET ${path}`, () => ok(view(db.settings[name])));
    route(`POST ${path}`, (req) =>
      checked(req.body, rules, false, "Invalid settings", (v) => {
        db.settings[name] = { ...db.settings[name], ...Object.fromEntries(clearedUnlessSent.map((k) => [k, ""])), ...v };
        return ok();
      }, extra),
    );
    if (del) route(`DELETE ${path}`, () => ((db.settings[name] = { ...db.settings[name], ...del() }), ok()));
  };

  // ---- devices -----------------------------------------------------------------------------
  const DEVICE: Rules = {
    name: { kind: "string", required: true, min: 1 },
    password: { kind: "string", required: true, min: 1 },
    vendor: { kind: "string" },
    type: { kind: "int", required: true, values: [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, 11] },
    smsGatewayProvider: { kind: "int" },
    gsmNumber: { kind: "string" },
    senderId: { kind: "string" },
    location: { kind: "string" },
    comment: { kind: "string" },
    layer2Network: { kind: "int" },
    connectionType: { kind: "int", required: true, values: [1, 2, 3, 4, 5] },
    fixedVpnAddress: { kind: "ipv4" },
    defaultGateway: { kind: "bool" },
  };
  const deviceRules = (current?: Row) => (v: Record<string, unknown>) => {
    const e: Record<string, string> = {};
    const type = v.type ?? current?.type;
    if (v.senderId && type !== 6) e.senderId = "only with RTU 303xC (type 6)";
    if (Number.isInteger(v.smsGatewayProvider) && !T.sms.get(v.smsGatewayProvider as number)) e.smsGatewayProvider = "no such SMS gateway provider";
    return e;
  };
  const groupNames = (rel: Relation, owner: number) => names("groups", R[rel].membersOf(owner)).map((g) => g.name).join(", ");
  const deviceView = (d: Row) => ({
    name: d.name,
    vpnAddress: "none",
    subnets: T.subnets.all().filter((s) => s.deviceid === d.id).map((s) => ({
      subnetName: s.name, subnetAccessGroups: groupNames("subnetGroups", s.id), subnetIp: s.ipAddress, subnetMask: s.subnetMask, natMode: s.natMode,
      virtualSubnetIp: s.virtualip ?? "", virtualSubnetMask: s.natMode === 1 ? s.subnetMask : "",
    })),
    nodes: T.nodes.all().filter((n) => T.subnets.get(n.subnetId as number)?.deviceid === d.id).map((n) => ({ nodeIp: n.nodeIp, virtualNodeIp: n.nodeIp, nodeAccessGroups: groupNames("nodeGroups", n.id) })),
    state: "offline",
    lastChange: "",
    comment: d.comment ?? "",
    allAccessGroups: names("groups", R.deviceGroups.membersOf(d.id)),
    deviceAccessGroups: names("groups", R.deviceAccess.membersOf(d.id)),
    groups: [...new Set([...R.deviceGroups.membersOf(d.id), ...R.deviceAccess.membersOf(d.id)])].map((g) => T.groups.get(g)?.name).join(", "),
    connectionType: String(d.connectionType),
    smsGatewayProvider: d.smsGatewayProvider == null ? null : String(d.smsGatewayProvider),
    location: d.location ?? "",
    deviceType: String(d.type),
    gsmNumber: d.gsmNumber ?? "",
    vendor: d.vendor ?? "",
    fingerprintSha1: d.fingerprintSha1,
    fingerprintSha256: d.fingerprintSha256,
    firmware: "",
    lastAutoconfTime: "",
    fallbackFingerprint: "",
    fallbackPort: 6220,
    fallbackConfirmationStatus: 0,
  });
  const unique = (entity: Entity, field: string, value: unknown, scope: (r: Row) => boolean = () => true, except?: number) =>
    T[entity].all().some((r) => r.id !== except && scope(r) && r[field] === value);

  route("GET /connections/devices", (req) => list(req, T.devices.all().map((d) => ({ id: d.id, name: d.name })), "devices", true));
  route("POST /connections/devices", (req) =>
    checked(req.body, DEVICE, false, "Invalid entry", (v) => {
      if (unique("devices", "name", v.name)) return fail(409, "The device already exists.");
      if (T.devices.all().length >= o.licenses.devices) return fail(403, "Not enough licenses");
      const hex = randomBytes(32).toString("hex").toUpperCase();
      const row = T.devices.insert({ ...v, fingerprintSha256: hex.match(/../g)!.join(":"), fingerprintSha1: hex.slice(0, 40) });
      db.status.devices.set(row.id, true);
      return ok({ id: row.id });
    }, deviceRules()),
  );
  // Literal sub-paths before /{id}.
  route("GET /connections/devices/connectionparameter", (req) => {
    const d = id(req.query.deviceId);
    if (Number.isNaN(d)) return fail(400, "Invalid parameters specified");
    if (!T.devices.get(d)) return notFound();
    return ok({ connectionparameters: T.params.all().filter((p) => p.deviceID === d).map((p) => ({ id: p.id })) });
  });
  route("POST /connections/devices/connectionparameter", (req) =>
    checked(req.body, { deviceID: { kind: "int", required: true }, ipAddress: { kind: "ipv4", required: true }, port: { kind: "int", required: true, min: 1, max: 65535 }, protocol: { kind: "string", required: true, oneOf: ["TCP", "UDP"] } }, false, "Invalid entry", (v) => {
      if (!T.devices.get(v.deviceID as number)) return notFound();
      if (T.params.all().some((p) => p.deviceID === v.deviceID && p.ipAddress === v.ipAddress && p.port === v.port && p.protocol === v.protocol)) return fail(409, "The device already exists.");
      return ok({ id: T.params.insert(v).id });
    }),
  );
  route("GET /connections/devices/connectionparameter/{id}", (_q, p) => {
    const row = T.params.get(id(p.id));
    return row ? ok({ ipAddress: row.ipAddress, port: row.port, protocol: row.protocol }) : notFound();
  });
  route("DELETE /connections/devices/connectionparameter/{id}", (_q, p) => (T.params.remove(id(p.id)) ? ok() : notFound()));
  route("GET /connections/devices/groups", (req) => pairs("deviceGroups", "devices", "groups", id(req.query.deviceId)));
  for (const [path, rel] of [["connections/devices/groups", "deviceGroups"], ["connections/devices/deviceaccess/groups", "deviceAccess"]] as const) {
    route(`POST /${path}`, (req) => associate(rel, "devices", "groups", "deviceId", "groupId", "add", body(req)));
    route(`DELETE /${path}`, (req) => associate(rel, "devices", "groups", "deviceId", "groupId", "remove", body(req)));
  }
  status("devices", "device");

  // ---- subnets and nodes -------------------------------------------------------------------
  const SUBNET: Rules = {
    deviceid: { kind: "int", required: true },
    name: { kind: "string", required: true, min: 1 },
    ipAddress: { kind: "ipv4", required: true },
    subnetMask: { kind: "mask", required: true },
    natMode: { kind: "int", required: true, values: [0, 1] },
    virtualip: { kind: "ipv4" },
  };
  const range = (ip: unknown, mask: unknown) => {
    const size = 2 ** (32 - maskBits(String(mask)));
    const start = ipToInt(String(ip));
    return [start, start + size - 1] as const;
  };
  const subnetRules = (current?: Row) => (v: Record<string, unknown>) => {
    const s = { ...current, ...v };
    const [start] = range(s.ipAddress, s.subnetMask);
    if (start % 2 ** (32 - maskBits(String(s.subnetMask))) !== 0) return { ipAddress: "is not the network address of its mask" };
    if (s.natMode !== 0) return {};
    const [a, b] = range(s.ipAddress, s.subnetMask);
    const clash = T.subnets.all().find((o2) => o2.id !== current?.id && o2.natMode === 0 && range(o2.ipAddress, o2.subnetMask)[0] <= b && a <= range(o2.ipAddress, o2.subnetMask)[1]);
    return clash ? { ipAddress: `overlaps ${String(clash.ipAddress)}/${maskBits(String(clash.subnetMask))} (subnet ${clash.id})` } : {};
  };
  route("GET /connections/devices/subnets", (req) => {
    const d = id(req.query.deviceId);
    if (Number.isNaN(d)) return fail(400, "Invalid parameters specified");
    return T.devices.get(d) ? list(req, T.subnets.all().filter((s) => s.deviceid === d).map((s) => ({ id: s.id, name: s.name })), "subnets") : notFound();
  });
  route("POST /connections/devices/subnets", (req) =>
    checked(req.body, SUBNET, false, "Invalid entry", (v) => {
      if (!T.devices.get(v.deviceid as number)) return notFound();
      if (unique("subnets", "name", v.name, (s) => s.deviceid === v.deviceid)) return fail(409, "The subnet already exists.");
      return ok({ id: T.subnets.insert(v).id });
    }, subnetRules()),
  );
  route("GET /connections/devices/subnets/groups", (req) => pairs("subnetGroups", "subnets", "groups", id(req.query.subnetId)));
  const subnetOfDevice = (deviceId: number, subnetId: number) => (T.subnets.get(subnetId)?.deviceid === deviceId ? undefined : notFound());
  route("POST /connections/devices/subnets/groups", (req) => {
    const { deviceID, ...rest } = body(req);
    if (!Number.isInteger(deviceID)) return fail(422, "Entry required", { deviceID: "must be an integer" });
    return associate("subnetGroups", "subnets", "groups", "subnetId", "groupId", "add", rest, (s) => subnetOfDevice(deviceID as number, s));
  });
  route("DELETE /connections/devices/subnets/groups", (req) => {
    const { deviceID, ...rest } = body(req);
    if (!Number.isInteger(deviceID)) return fail(422, "Entry required", { deviceID: "must be an integer" });
    return associate("subnetGroups", "subnets", "groups", "subnetID", "groupID", "remove", rest, (s) => subnetOfDevice(deviceID as number, s));
  });
  route("GET /connections/devices/subnets/nodes", (req) => {
    const s = id(req.query.subnetId);
    if (Number.isNaN(s)) return fail(400, "Invalid parameters specified");
    // The seed names this list `subnets`.
    return T.subnets.get(s) ? list(req, T.nodes.all().filter((n) => n.subnetId === s).map((n) => ({ id: n.id, name: n.name })), "subnets") : notFound();
  });
  route("POST /connections/devices/subnets/nodes", (req) =>
    checked(req.body, { subnetId: { kind: "int", required: true }, name: { kind: "string", required: true, min: 1 }, nodeIp: { kind: "ipv4", required: true } }, false, "Invalid entry", (v) => {
      const subnet = T.subnets.get(v.subnetId as number);
      if (!subnet) return notFound();
      if (unique("nodes", "name", v.name, (n) => n.subnetId === v.subnetId)) return fail(409, "The node already exists.");
      const [a, b] = range(subnet.ipAddress, subnet.subnetMask);
      const ip = ipToInt(String(v.nodeIp));
      if (ip < a || ip > b) return fail(422, "Invalid entry", { nodeIp: "does not fit into the subnet" });
      return ok({ id: T.nodes.insert(v).id });
    }),
  );
  route("GET /connections/devices/subnets/nodes/groups", (req) => pairs("nodeGroups", "nodes", "groups", id(req.query.nodeId)));
  route("POST /connections/devices/subnets/nodes/groups", (req) => associate("nodeGroups", "nodes", "groups", "nodeId", "groupId", "add", body(req)));
  route("DELETE /connections/devices/subnets/nodes/groups", (req) => associate("nodeGroups", "nodes", "groups", "nodeId", "groupId", "remove", body(req)));
  route("GET /connections/devices/subnets/nodes/{id}", (_q, p) => {
    const n = T.nodes.get(id(p.id));
    return n ? ok({ name: n.name, ipAddress: n.nodeIp }) : notFound();
  });
  route("PUT /connections/devices/subnets/nodes/{id}", (req, p) =>
    T.nodes.get(id(p.id)) ? checked(req.body, { name: { kind: "string", min: 1 }, nodeIp: { kind: "ipv4" } }, true, "Invalid entry", (v) => (T.nodes.update(id(p.id), v), ok({ id: id(p.id) }))) : notFound(),
  );
  route("DELETE /connections/devices/subnets/nodes/{id}", (_q, p) => (db.remove("nodes", id(p.id)) ? ok() : notFound()));
  route("GET /connections/devices/subnets/{id}", (_q, p) => {
    const s = T.subnets.get(id(p.id));
    return s ? ok({ name: s.name, ipAddress: s.ipAddress, subnetMask: s.subnetMask, natMode: s.natMode }) : notFound();
  });
  route("PUT /connections/devices/subnets/{id}", (req, p) => {
    const s = T.subnets.get(id(p.id));
    if (!s) return notFound();
    const { deviceid: _d, virtualip: _v, ...rules } = SUBNET;
    return checked(req.body, rules, true, "Invalid entry", (v) => {
      if (v.name !== undefined && unique("subnets", "name", v.name, (o2) => o2.deviceid === s.deviceid, s.id)) return fail(409, "The subnet already exists.");
      T.subnets.update(s.id, v);
      return ok({ id: s.id });
    }, subnetRules(s));
  });
  route("DELETE /connections/devices/subnets/{id}", (_q, p) => (db.remove("subnets", id(p.id)) ? ok() : notFound()));

  route("GET /connections/devices/{id}", (_q, p) => {
    const d = T.devices.get(id(p.id));
    return d ? ok(deviceView(d)) : notFound();
  });
  route("PUT /connections/devices/{id}", (req, p) => {
    const d = T.devices.get(id(p.id));
    if (!d) return notFound();
    return checked(req.body, DEVICE, true, "Invalid entry", (v) => {
      if (v.name !== undefined && unique("devices", "name", v.name, () => true, d.id)) return fail(409, "The device already exists.");
      T.devices.update(d.id, v);
      return ok();
    }, deviceRules(d));
  });
  route("DELETE /connections/devices/{id}", (_q, p) => (db.remove("devices", id(p.id)) ? ok() : notFound()));

  // ---- participant groups and communication relations ---------------------------------------
  const GROUP: Rules = {
    name: { kind: "string", required: true, min: 1 },
    description: { kind: "string" },
    communicationAllowed: { kind: "bool" },
    lan1: { kind: "bool" },
    lan2: { kind: "bool" },
    lan3: { kind: "bool" },
    lan4: { kind: "bool" },
  };
  route("GET /connections/groups", (req) => list(req, T.groups.all().map((g) => ({ id: g.id, name: g.name })), "groups", true));
  route("POST /connections/groups", (req) =>
    checked(req.body, GROUP, false, "Entry required", (v) => {
      if (unique("groups", "name", v.name)) return fail(409, "The group already exists");
      return ok({ id: T.groups.insert({ description: "", communicationAllowed: false, lan1: false, lan2: false, lan3: false, lan4: false, ...v }).id });
    }),
  );
  route("GET /connections/groups/destination/{id}", (_q, p) => pairs("destinations", "groups", "groups", id(p.id)));
  route("POST /connections/groups/destination/{id}", (req, p) => {
    const src = id(p.id);
    const dst = body(req).destinationId;
    if (!T.groups.get(src)) return notFound("Source group not found");
    if (!Number.isInteger(dst)) return fail(422, "A valid entry is required.", { destinationId: "must be an integer" });
    if (!T.groups.get(dst as number)) return notFound("Destination group not found");
    if (R.destinations.has(src, dst as number)) return fail(409, "The specified destination group ID is already in the destination list.");
    R.destinations.add(src, dst as number);
    return ok();
  });
  route("DELETE /connections/groups/destination/{id}", (req, p) => {
    const src = id(p.id);
    const dst = body(req).destinationId;
    if (!T.groups.get(src)) return notFound("Source group not found");
    if (!Number.isInteger(dst)) return fail(422, "A valid entry is required.", { destinationId: "must be an integer" });
    return R.destinations.remove(src, dst as number) ? ok() : notFound("The specified destination group ID is not included in the destination list.");
  });
  route("GET /connections/groups/{id}", (_q, p) => {
    const g = T.groups.get(id(p.id));
    if (!g) return notFound();
    const { id: _i, ...fields } = g;
    const devices = [...new Set([...R.deviceGroups.ownersOf(g.id), ...R.deviceAccess.ownersOf(g.id)])];
    return ok({
      ...fields,
      roles: names("roles", R.roleGroups.ownersOf(g.id)),
      users: names("users", R.userGroups.ownersOf(g.id), "username"),
      devices: names("devices", devices),
      subnets: names("subnets", R.subnetGroups.ownersOf(g.id)),
      nodes: names("nodes", R.nodeGroups.ownersOf(g.id)),
    });
  });
  route("PUT /connections/groups/{id}", (req, p) => {
    const g = T.groups.get(id(p.id));
    if (!g) return notFound();
    const { lan1: _1, lan2: _2, lan3: _3, lan4: _4, ...rules } = GROUP;
    return checked(req.body, rules, true, "Invalid entry", (v) => {
      if (v.name !== undefined && unique("groups", "name", v.name, () => true, g.id)) return fail(409, "The group already exists");
      T.groups.update(g.id, v);
      return ok({ id: g.id });
    });
  });
  route("DELETE /connections/groups/{id}", (_q, p) => (db.remove("groups", id(p.id)) ? ok() : notFound()));

  // ---- users and roles -----------------------------------------------------------------------
  const USER: Rules = {
    username: { kind: "string", required: true, min: 1 },
    firstName: { kind: "string" },
    lastName: { kind: "string" },
    phone: { kind: "string" },
    email: { kind: "string" },
    loginMethod: { kind: "int", required: true, values: [1, 2] },
    pkiFilterRule: { kind: "string" },
    rights: { kind: "ints", values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14] },
    macAddress: { kind: "string" },
    layer2Activated: { kind: "bool" },
    fixedVpnAddress: { kind: "ipv4" },
    password: { kind: "string", required: true, min: 1 },
  };
  const userRules = (current?: Row) => (v: Record<string, unknown>) =>
    v.pkiFilterRule && (v.loginMethod ?? current?.loginMethod) !== 2 ? { pkiFilterRule: "only permissible when loginMethod = 2" } : {};
  const effectiveRights = (u: Row) => {
    const all = new Set<number>((u.rights as number[] | undefined) ?? []);
    for (const r of R.userRoles.membersOf(u.id)) for (const x of (T.roles.get(r)?.rights as number[] | undefined) ?? []) all.add(x);
    const sorted = [...all].sort((a, b) => a - b);
    return { global_privileges: sorted.filter((r) => r <= 14), group_privileges: sorted.filter((r) => r >= 15) };
  };
  route("GET /accounts/users", (req) => list(req, T.users.all().map((u) => ({ id: u.id, name: u.username })), "users"));
  route("POST /accounts/users", (req) =>
    checked(req.body, USER, false, "Invalid entry", (v) => {
      if (unique("users", "username", v.username)) return fail(409, "The user already exists.");
      if (T.users.all().length >= o.licenses.users) return fail(403, "Not enough licenses");
      const row = T.users.insert({ ...v, createdSince: new Date().toISOString() });
      db.status.users.set(row.id, true);
      return ok(); // the seed documents no body for this answer
    }, userRules()),
  );
  route("GET /accounts/users/groups", (req) => pairs("userGroups", "users", "groups", id(req.query.userId)));
  route("POST /accounts/users/groups", (req) => associate("userGroups", "users", "groups", "userId", "groupId", "add", body(req)));
  route("DELETE /accounts/users/groups", (req) => associate("userGroups", "users", "groups", "userId", "groupId", "remove", body(req)));
  route("GET /accounts/users/roles", (req) => pairs("userRoles", "users", "roles", id(req.query.userId), "roles"));
  route("POST /accounts/users/roles", (req) => associate("userRoles", "users", "roles", "userId", "roleId", "add", body(req)));
  route("DELETE /accounts/users/roles", (req) => associate("userRoles", "users", "roles", "userId", "roleId", "remove", body(req)));
  status("users", "user");
  route("GET /accounts/users/{id}", (_q, p) => {
    const u = T.users.get(id(p.id));
    if (!u) return notFound();
    return ok({
      username: u.username, loginMethod: u.loginMethod, firstname: u.firstName ?? "", lastname: u.lastName ?? "", phone: u.phone ?? "",
      pkiFilterRule: u.pkiFilterRule ?? "", email: u.email ?? "", roles: names("roles", R.userRoles.membersOf(u.id)), rights: effectiveRights(u),
      groups: names("groups", R.userGroups.membersOf(u.id)), state: false, lastLogin: "", createdSince: u.createdSince, vpnAddress: "none",
      layer2Configuration: "", macAddress: u.macAddress ?? "", layer2Activated: u.layer2Activated ?? false, password_policy: "", "2FA": false, sessionPolicy: "",
    });
  });
  // The edit path is printed with a doubled "users"; the emulator serves it as printed (see README).
  route("PUT /accounts/users/users/{id}", (req, p) => {
    const u = T.users.get(id(p.id));
    if (!u) return notFound();
    return checked(req.body, USER, true, "Invalid entry", (v) => {
      if (v.username !== undefined && unique("users", "username", v.username, () => true, u.id)) return fail(409, "The user already exists.");
      T.users.update(u.id, v);
      return ok({ id: u.id });
    }, userRules(u));
  });
  route("DELETE /accounts/users/{id}", (_q, p) => (db.remove("users", id(p.id)) ? ok() : notFound()));

  route("GET /accounts/roles", (req) => list(req, T.roles.all().map((r) => ({ id: r.id, name: r.name })), null)); // bare array, as in the worked example
  route("POST /accounts/roles", (req) =>
    checked(req.body, ROLE, false, "Invalid entry", (v) => {
      if (unique("roles", "name", v.name)) return fail(409, "The role already exists.");
      return ok({ id: T.roles.insert(roleDefaults(v)).id });
    }, roleRules),
  );
  route("GET /accounts/roles/groups", (req) => pairs("roleGroups", "roles", "groups", id(req.query.roleId)));
  route("POST /accounts/roles/groups", (req) => associate("roleGroups", "roles", "groups", "roleId", "groupId", "add", body(req)));
  route("DELETE /accounts/roles/groups", (req) => associate("roleGroups", "roles", "groups", "roleId", "groupId", "remove", body(req)));
  route("GET /accounts/roles/{id}", (_q, p) => {
    const r = T.roles.get(id(p.id));
    if (!r) return notFound();
    const { id: _i, passwordResetLinkValidTime, ...fields } = r;
    return ok({ ...fields, passwordResetLinkValidityTime: passwordResetLinkValidTime, groups: names("groups", R.roleGroups.membersOf(r.id)) });
  });
  route("PUT /accounts/roles/{id}", (req, p) => {
    const r = T.roles.get(id(p.id));
    if (!r) return notFound();
    return checked(req.body, ROLE, true, "Invalid entry", (v) => {
      if (v.name !== undefined && unique("roles", "name", v.name, () => true, r.id)) return fail(409, "The role already exists.");
      const rights = (v.rights ?? r.rights) as number[];
      if (rights.includes(13) && rights.some((x) => x >= 15)) return fail(422, "Group authorizations and read-only access cannot be used at the same time");
      T.roles.update(r.id, v);
      return ok({ id: r.id });
    });
  });
  route("DELETE /accounts/roles/{id}", (_q, p) => (db.remove("roles", id(p.id)) ? ok() : notFound()));

  // ---- SMS gateway providers, static routes, Syslog ------------------------------------------
  const SMS: Rules = { name: { kind: "string", required: true, min: 1 }, address: { kind: "string", required: true, min: 1 }, senderNumber: { kind: "string" }, subject: { kind: "string" }, cc: { kind: "string" }, text: { kind: "string", required: true, min: 1 } };
  route("GET /system/smsandemail/sms", (req) => list(req, T.sms.all().map((s) => ({ id: s.id, name: s.name })), "provider"));
  route("POST /system/smsandemail/sms", (req) =>
    checked(req.body, SMS, false, "Invalid settings", (v) => (unique("sms", "name", v.name) ? fail(409, "The SMS gateway provider already exists.") : ok({ ID: T.sms.insert(v).id }))),
  );
  route("DELETE /system/smsandemail/sms", (req) => {
    const smsId = body(req).ID;
    if (!Number.isInteger(smsId)) return fail(422, "Entry required", { ID: "must be an integer" });
    if (!T.sms.get(smsId as number)) return notFound();
    for (const d of T.devices.all().filter((x) => x.smsGatewayProvider === smsId)) T.devices.update(d.id, { smsGatewayProvider: null });
    T.sms.remove(smsId as number);
    return ok();
  });
  route("GET /system/smsandemail/sms/{id}", (_q, p) => {
    const s = T.sms.get(id(p.id));
    return s ? ok({ name: s.name, address: s.address, senderNumber: s.senderNumber ?? "", subject: s.subject ?? "", cc: s.cc ?? "", text: s.text }) : notFound();
  });
  route("PUT /system/smsandemail/sms/{id}", (req, p) =>
    T.sms.get(id(p.id)) ? checked(req.body, SMS, true, "Invalid settings", (v) => (T.sms.update(id(p.id), v), ok())) : notFound(),
  );

  const ROUTE: Rules = { destinationNetwork: { kind: "ipv4", required: true }, networkMask: { kind: "mask", required: true }, gateway: { kind: "ipv4", required: true }, interface: { kind: "int", required: true, values: [0, 1, 2, 3, 4] } };
  route("GET /system/network/staticroutes", (req) => list(req, T.routes.all().filter((r) => r.state !== "failed").map((r) => ({ id: r.id, destinationNetwork: r.destinationNetwork })), "users"));
  route("POST /system/network/staticRoutes", (req) =>
    checked(req.body, ROUTE, false, "Invalid settings", (v) => {
      if (T.routes.all().some((r) => r.destinationNetwork === v.destinationNetwork && r.networkMask === v.networkMask)) return fail(409, "The route already exists");
      const failure = o.asyncFailure();
      o.clearAsyncFailure();
      const row = T.routes.insert({ ...v, description: `Route to ${String(v.destinationNetwork)} via ${String(v.gateway)}`, polls: o.asyncPolls, failure });
      return { status: 202, body: { detail: "The static route is being added", staticRouteRequestId: row.id, staticRouteStatusCheckUrl: `${req.origin}${API}/system/network/staticroutes/${row.id}/status` } };
    }),
  );
  route("GET /system/network/staticroutes/{id}/status", (_q, p) => {
    const r = T.routes.get(id(p.id));
    if (!r) return notFound();
    if ((r.polls as number) > 0) {
      T.routes.update(r.id, { polls: (r.polls as number) - 1 });
      return ok({ status: "pending", errorField: "", description: r.description });
    }
    const failure = r.failure as { errorField: string; description: string } | undefined;
    if (failure) {
      T.routes.remove(r.id); // a failed add leaves no route behind
      return ok({ status: "failed", ...failure });
    }
    return ok({ status: "success", errorField: "", description: r.description });
  });
  route("GET /system/network/staticroutes/{id}", (_q, p) => {
    const r = T.routes.get(id(p.id));
    return r ? ok({ destinationNetwork: r.destinationNetwork, networkMask: r.networkMask, gateway: r.gateway, interface: r.interface, description: r.description }) : notFound();
  });
  route("DELETE /system/network/staticroutes/{id}", (_q, p) => (T.routes.remove(id(p.id)) ? ok() : notFound()));

  setting("syslogHostname", "/services/syslog/hostname", { hostname: { kind: "string", required: true, min: 1 } }, (s) => s);
  route("GET /services/syslog", (req) => list(req, T.syslog.all().map((s) => ({ id: s.id, ipAddress: s.serverIp })), "server"));
  route("POST /services/syslog", (req) =>
    checked(req.body, { serverIp: { kind: "ipv4", required: true }, port: { kind: "string", required: true, min: 1 }, protocol: { kind: "int", required: true, values: [0, 1] }, certificate: { kind: "int" } }, false, "Invalid entry", (v) => {
      if (!/^\d{1,5}$/.test(String(v.port))) return fail(422, "Invalid entry", { port: "must be a port number" });
      if (unique("syslog", "serverIp", v.serverIp)) return fail(403, 'The "serverIp" value must be unique');
      return ok({ id: T.syslog.insert(v).id });
    }),
  );
  route("GET /services/syslog/{id}", (_q, p) => {
    const s = T.syslog.get(id(p.id));
    return s ? ok({ serverIp: s.serverIp, port: String(s.port), protocol: s.protocol, certificate: s.certificate ?? null, status: "connected", clientAuthentication: false }) : notFound();
  });
  route("DELETE /services/syslog/{id}", (_q, p) => (T.syslog.remove(id(p.id)) ? ok() : notFound()));

  // ---- settings ------------------------------------------------------------------------------
  setting("dns", "/system/network/dns",
    { hostname: { kind: "string", required: true, min: 1 }, externallyResolvable: { kind: "bool" }, dnsPrimary: { kind: "ipv4" }, dnsSecondary: { kind: "string" }, dohActive: { kind: "bool", required: true }, dnsResolver: { kind: "string" }, dnsStamp: { kind: "string" } },
    (s) => s,
    (v) => (v.dohActive && (!v.dnsResolver || !v.dnsStamp) ? { dnsResolver: "required when dohActive is true" } : {}),
  );
  setting("ntp", "/system/dateandtime/ntp", { primaryNtp: { kind: "string", required: true, min: 1 }, secondNtp: { kind: "string" }, timezone: { kind: "string", required: true, min: 1 } }, (s) => s,
    (v) => (/^[+-]\d{2}:\d{2}$/.test(String(v.timezone)) ? {} : { timezone: 'must be "+/- HH:MM"' }),
    () => ({ primaryNtp: "", secondNtp: "" }),
  );
  setting("email", "/system/smsandemail/email",
    { method: { kind: "int", required: true, values: [1, 2] }, enabled: { kind: "bool", required: true }, lifeInQueue: { kind: "int", required: true, min: 1 }, sender: { kind: "string", required: true, min: 1 }, smtpServer: { kind: "string" }, smtpPort: { kind: "int", min: 1, max: 65535 }, tls: { kind: "int", values: [1, 2] }, username: { kind: "string" }, password: { kind: "string" } },
    ({ enabled: _e, username: _u, password: _p, ...readable }) => readable, // enabled, username and password are not readable
    (v) => (v.method === 1 && (!v.smtpServer || v.smtpPort === undefined || v.tls === undefined) ? { smtpServer: "smtpServer, smtpPort and tls are required for delivery via relay" } : {}),
    undefined,
    ["username", "password"], // a POST replaces the configuration: credentials not sent are cleared
  );
  setting("webserver", "/system/network/webserver",
    { httpsPort: { kind: "int", required: true, min: 1, max: 65535 }, httpsForwardingPort: { kind: "int", required: true, min: 1, max: 65535 }, blockWebserverAccessFromWan: { kind: "bool" }, protocolTls13: { kind: "int", values: [0, 1, 2] }, fallBackPort: { kind: "int", min: 1, max: 65535 } },
    (s) => s,
  );
  setting("autologout", "/system/settings/autologout", { wbmAutoLogoutTime: { kind: "int", required: true, min: 1 } }, (s) => s);
  setting("serverinformation", "/system/settings/serverinformation",
    { showServerInformationOnLogin: { kind: "bool", required: true }, showServerInformationOnServer: { kind: "bool", required: true }, serverInformationText: { kind: "string", required: true, min: 1 } },
    (s) => s,
    (v) => (v.showServerInformationOnLogin || v.showServerInformationOnServer ? {} : { showServerInformationOnLogin: "at least one show parameter must be enabled" }),
    () => ({ showServerInformationOnLogin: false, showServerInformationOnServer: false, serverInformationText: "" }),
  );
  setting("apisettings", "/services/apisettings", { startTrial: { kind: "bool" }, active: { kind: "bool", required: true }, tokenExpireTime: { kind: "int", min: 1 } }, ({ startTrial: _s, ...s }) => s);

  // ---- auth and dispatch -------------------------------------------------------------------
  const login = (req: EmulatorRequest): Res => {
    const b = body(req);
    const account = o.accounts().find((a) => a.username === b.username && a.password === b.password);
    if (typeof b.username !== "string" || typeof b.password !== "string" || !Number.isInteger(b.loginType)) return fail(400, "Invalid parameters specified");
    if (!account || (account.loginType ?? 1) !== b.loginType) return fail(400, "Login is not possible with the entered login information.");
    if (account.otp !== undefined && b.otpToken !== account.otp) return fail(422, "The one-time token is invalid");
    if (o.singleTokenPerUser) for (const [t, v] of tokens) if (v.username === account.username) tokens.delete(t);
    const token = randomBytes(20).toString("hex");
    tokens.set(token, { username: account.username, expires: Date.now() + o.tokenTtlMs() });
    return ok({ token });
  };

  return (req) => {
    if (!req.path.startsWith(`${API}/`)) return notFound();
    if (req.method === "POST" && req.path === `${API}/api-auth`) return login(req);
    const token = /^token ([0-9a-f]+)$/.exec(req.headers.authorization ?? "")?.[1];
    const session = token ? tokens.get(token) : undefined;
    if (!session || session.expires <= Date.now()) {
      if (token) tokens.delete(token);
      return fail(401, "Invalid token.");
    }
    const account = o.accounts().find((a) => a.username === session.username);
    if (!account || !allowed(account, req.method, req.path.slice(API.length))) return fail(401, NO_RIGHTS);
    const match = router.match(req.method, req.path);
    if (match.kind === "not-found") return notFound();
    if (match.kind === "method-not-allowed") return { status: 405, headers: { Allow: match.allowed.join(", ") }, body: { detail: `Method "${req.method}" not allowed.` } };
    return match.handler(req, match.params);
  };
}

/** Which right a call needs (1 users/roles, 4 system and services, 5 devices, 7 remote connections; 13 reads everything). */
function allowed(account: Account, method: string, path: string): boolean {
  const rights = account.rights ?? Array.from({ length: 18 }, (_, i) => i + 1);
  if (method === "GET" && rights.includes(13)) return true;
  const need = path.startsWith("/accounts/") ? 1 : path.startsWith("/connections/devices") ? 5 : path.startsWith("/connections/groups") ? 7 : 4;
  return rights.includes(need);
}

export const ROLE: Rules = {
  name: { kind: "string", required: true, min: 1 },
  rights: { kind: "ints", values: Array.from({ length: 18 }, (_, i) => i + 1) },
  passwordExpire: { kind: "int", values: [0, 30, 90, 360] },
  passwordExpirationInfiniteTolerance: { kind: "bool" },
  passwordExpirationToleranceTime: { kind: "int", min: 0 },
  enablePasswordReset: { kind: "bool" },
  passwordResetLinkValidTime: { kind: "int", min: 0 },
  passwordReusing: { kind: "int", min: 0, max: 5 },
  passwordChangeFirstLogin: { kind: "bool" },
  pkiDnFilterRule: { kind: "string" },
  pkiDeleteTmpUser: { kind: "int", min: 0, max: 72 },
  enable2FA: { kind: "bool" },
  enableRememberToken: { kind: "bool" },
  rememberTokenTime: { kind: "int", min: 1 },
  accessTokenTimeout: { kind: "int", min: 1 },
  sessionNeverExpires: { kind: "bool" },
  refreshTokenTimeout: { kind: "int", min: 1 },
  umcUserGroup: { kind: "string" },
  umcDeleteTmpUser: { kind: "int", min: 1, max: 9999 },
  oidcPolicies: { kind: "policies" },
  oidcRelationBetweenClaims: { kind: "int", min: 0 },
  oidcDeleteTmpUser: { kind: "int", min: 0 },
};

const roleRules = (v: Record<string, unknown>) => {
  const rights = (v.rights as number[] | undefined) ?? [];
  return rights.includes(13) && rights.some((x) => x >= 15) ? { rights: "Group authorizations and read-only access cannot be used at the same time" } : {};
};

/** The server's defaults for a new role (the seed names them). */
export function roleDefaults(v: Record<string, unknown>): Record<string, unknown> {
  return {
    rights: [],
    passwordExpire: 0,
    passwordExpirationInfiniteTolerance: false,
    passwordExpirationToleranceTime: 0,
    enablePasswordReset: false,
    passwordResetLinkValidTime: 24,
    passwordReusing: 3,
    passwordChangeFirstLogin: false,
    pkiDnFilterRule: "",
    pkiDeleteTmpUser: 24,
    enable2FA: false,
    enableRememberToken: false,
    rememberTokenTime: 1,
    accessTokenTimeout: 60,
    sessionNeverExpires: false,
    refreshTokenTimeout: 8,
    umcUserGroup: "",
    umcDeleteTmpUser: 30,
    oidcPolicies: [],
    oidcRelationBetweenClaims: 0,
    oidcDeleteTmpUser: 1,
    ...v,
  };
}
