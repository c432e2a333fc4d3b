/** Devices with their connection parameters, subnets and nodes, their group memberships and enabled state. */
import { randomBytes } from "node:crypto";
import type { Relation, Row } from "../store";
import { ipToInt, maskBits, type Rules } from "../validate";
import { body, checked, type Context, fail, id, notFound, ok } from "./shared";

export function deviceRoutes({ o, db, T, R, route, names, unique, list, pairs, associate, status }: Context): void {
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
    if (Number.isInteger(v.smsGatewayProvider) && !T.sms.get(v.smsGatewayProvider as number))
      e.smsGatewayProvider = "no such SMS gateway provider";
    return e;
  };
  const groupNames = (rel: Relation, owner: number) =>
    names("groups", R[rel].membersOf(owner))
      .map((g) => g.name)
      .join(", ");
  const deviceView = (d: Row) => ({
    name: d.name,
    vpnAddress: "none",
    subnets: T.subnets
      .filter((s) => s.deviceid === d.id)
      .map((s) => ({
        subnetName: s.name,
        subnetAccessGroups: groupNames("subnetGroups", s.id),
        subnetIp: s.ipAddress,
        subnetMask: s.subnetMask,
        natMode: s.natMode,
        virtualSubnetIp: s.virtualip ?? "",
        virtualSubnetMask: s.natMode === 1 ? s.subnetMask : "",
      })),
    nodes: T.nodes
      .filter((n) => T.subnets.get(n.subnetId as number)?.deviceid === d.id)
      .map((n) => ({ nodeIp: n.nodeIp, virtualNodeIp: n.nodeIp, nodeAccessGroups: groupNames("nodeGroups", n.id) })),
    state: "offline",
    lastChange: "",
    comment: d.comment ?? "",
    allAccessGroups: names("groups", R.deviceGroups.membersOf(d.id)),
    deviceAccessGroups: names("groups", R.deviceAccess.membersOf(d.id)),
    groups: [...new Set([...R.deviceGroups.membersOf(d.id), ...R.deviceAccess.membersOf(d.id)])]
      .map((g) => T.groups.get(g)?.name)
      .join(", "),
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

  route("GET /connections/devices", (req) =>
    list(
      req,
      T.devices.all().map((d) => ({ id: d.id, name: d.name })),
      "devices",
      true,
    ),
  );
  route("POST /connections/devices", (req) =>
    checked(
      req.body,
      DEVICE,
      false,
      "Invalid entry",
      (v) => {
        if (unique("devices", "name", v.name)) return fail(409, "The device already exists.");
        if (T.devices.size >= o.licenses.devices) return fail(403, "Not enough licenses");
        const hex = randomBytes(32).toString("hex").toUpperCase();
        const row = T.devices.insert({
          ...v,
          fingerprintSha256: hex.match(/../g)!.join(":"),
          fingerprintSha1: hex.slice(0, 40),
        });
        db.status.devices.set(row.id, true);
        return ok({ id: row.id });
      },
      deviceRules(),
    ),
  );
  // Literal sub-paths before /{id}.
  route("GET /connections/devices/connectionparameter", (req) => {
    const d = id(req.query.deviceId);
    if (Number.isNaN(d)) return fail(400, "Invalid parameters specified");
    if (!T.devices.get(d)) return notFound();
    return ok({
      connectionparameters: T.params.filter((p) => p.deviceID === d).map((p) => ({ id: p.id })),
    });
  });
  route("POST /connections/devices/connectionparameter", (req) =>
    checked(
      req.body,
      {
        deviceID: { kind: "int", required: true },
        ipAddress: { kind: "ipv4", required: true },
        port: { kind: "int", required: true, min: 1, max: 65535 },
        protocol: { kind: "string", required: true, oneOf: ["TCP", "UDP"] },
      },
      false,
      "Invalid entry",
      (v) => {
        if (!T.devices.get(v.deviceID as number)) return notFound();
        if (
          T.params.some(
            (p) =>
              p.deviceID === v.deviceID &&
              p.ipAddress === v.ipAddress &&
              p.port === v.port &&
              p.protocol === v.protocol,
          )
        )
          return fail(409, "The device already exists.");
        return ok({ id: T.params.insert(v).id });
      },
    ),
  );
  route("GET /connections/devices/connectionparameter/{id}", (_q, p) => {
    const row = T.params.get(id(p.id));
    return row ? ok({ ipAddress: row.ipAddress, port: row.port, protocol: row.protocol }) : notFound();
  });
  route("DELETE /connections/devices/connectionparameter/{id}", (_q, p) =>
    T.params.remove(id(p.id)) ? ok() : notFound(),
  );
  route("GET /connections/devices/groups", (req) => pairs("deviceGroups", "devices", "groups", id(req.query.deviceId)));
  for (const [path, rel] of [
    ["connections/devices/groups", "deviceGroups"],
    ["connections/devices/deviceaccess/groups", "deviceAccess"],
  ] as const) {
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
    if (start % 2 ** (32 - maskBits(String(s.subnetMask))) !== 0)
      return { ipAddress: "is not the network address of its mask" };
    if (s.natMode !== 0) return {};
    const [a, b] = range(s.ipAddress, s.subnetMask);
    const clash = T.subnets.find(
      (o2) =>
        o2.id !== current?.id &&
        o2.natMode === 0 &&
        range(o2.ipAddress, o2.subnetMask)[0] <= b &&
        a <= range(o2.ipAddress, o2.subnetMask)[1],
    );
    return clash
      ? { ipAddress: `overlaps ${String(clash.ipAddress)}/${maskBits(String(clash.subnetMask))} (subnet ${clash.id})` }
      : {};
  };
  route("GET /connections/devices/subnets", (req) => {
    const d = id(req.query.deviceId);
    if (Number.isNaN(d)) return fail(400, "Invalid parameters specified");
    return T.devices.get(d)
      ? list(
          req,
          T.subnets.filter((s) => s.deviceid === d).map((s) => ({ id: s.id, name: s.name })),
          "subnets",
        )
      : notFound();
  });
  route("POST /connections/devices/subnets", (req) =>
    checked(
      req.body,
      SUBNET,
      false,
      "Invalid entry",
      (v) => {
        if (!T.devices.get(v.deviceid as number)) return notFound();
        if (unique("subnets", "name", v.name, (s) => s.deviceid === v.deviceid))
          return fail(409, "The subnet already exists.");
        return ok({ id: T.subnets.insert(v).id });
      },
      subnetRules(),
    ),
  );
  route("GET /connections/devices/subnets/groups", (req) =>
    pairs("subnetGroups", "subnets", "groups", id(req.query.subnetId)),
  );
  const subnetOfDevice = (deviceId: number, subnetId: number) =>
    T.subnets.get(subnetId)?.deviceid === deviceId ? undefined : notFound();
  route("POST /connections/devices/subnets/groups", (req) => {
    const { deviceID, ...rest } = body(req);
    if (!Number.isInteger(deviceID)) return fail(422, "Entry required", { deviceID: "must be an integer" });
    return associate("subnetGroups", "subnets", "groups", "subnetId", "groupId", "add", rest, (s) =>
      subnetOfDevice(deviceID as number, s),
    );
  });
  route("DELETE /connections/devices/subnets/groups", (req) => {
    const { deviceID, ...rest } = body(req);
    if (!Number.isInteger(deviceID)) return fail(422, "Entry required", { deviceID: "must be an integer" });
    return associate("subnetGroups", "subnets", "groups", "subnetID", "groupID", "remove", rest, (s) =>
      subnetOfDevice(deviceID as number, s),
    );
  });
  route("GET /connections/devices/subnets/nodes", (req) => {
    const s = id(req.query.subnetId);
    if (Number.isNaN(s)) return fail(400, "Invalid parameters specified");
    // The seed names this list `subnets`.
    return T.subnets.get(s)
      ? list(
          req,
          T.nodes.filter((n) => n.subnetId === s).map((n) => ({ id: n.id, name: n.name })),
          "subnets",
        )
      : notFound();
  });
  route("POST /connections/devices/subnets/nodes", (req) =>
    checked(
      req.body,
      {
        subnetId: { kind: "int", required: true },
        name: { kind: "string", required: true, min: 1 },
        nodeIp: { kind: "ipv4", required: true },
      },
      false,
      "Invalid entry",
      (v) => {
        const subnet = T.subnets.get(v.subnetId as number);
        if (!subnet) return notFound();
        if (unique("nodes", "name", v.name, (n) => n.subnetId === v.subnetId))
          return fail(409, "The node already exists.");
        const [a, b] = range(subnet.ipAddress, subnet.subnetMask);
        const ip = ipToInt(String(v.nodeIp));
        if (ip < a || ip > b) return fail(422, "Invalid entry", { nodeIp: "does not fit into the subnet" });
        return ok({ id: T.nodes.insert(v).id });
      },
    ),
  );
  route("GET /connections/devices/subnets/nodes/groups", (req) =>
    pairs("nodeGroups", "nodes", "groups", id(req.query.nodeId)),
  );
  route("POST /connections/devices/subnets/nodes/groups", (req) =>
    associate("nodeGroups", "nodes", "groups", "nodeId", "groupId", "add", body(req)),
  );
  route("DELETE /connections/devices/subnets/nodes/groups", (req) =>
    associate("nodeGroups", "nodes", "groups", "nodeId", "groupId", "remove", body(req)),
  );
  route("GET /connections/devices/subnets/nodes/{id}", (_q, p) => {
    const n = T.nodes.get(id(p.id));
    return n ? ok({ name: n.name, ipAddress: n.nodeIp }) : notFound();
  });
  route("PUT /connections/devices/subnets/nodes/{id}", (req, p) =>
    T.nodes.get(id(p.id))
      ? checked(
          req.body,
          { name: { kind: "string", min: 1 }, nodeIp: { kind: "ipv4" } },
          true,
          "Invalid entry",
          (v) => (T.nodes.update(id(p.id), v), ok({ id: id(p.id) })),
        )
      : notFound(),
  );
  route("DELETE /connections/devices/subnets/nodes/{id}", (_q, p) =>
    db.remove("nodes", id(p.id)) ? ok() : notFound(),
  );
  route("GET /connections/devices/subnets/{id}", (_q, p) => {
    const s = T.subnets.get(id(p.id));
    return s ? ok({ name: s.name, ipAddress: s.ipAddress, subnetMask: s.subnetMask, natMode: s.natMode }) : notFound();
  });
  route("PUT /connections/devices/subnets/{id}", (req, p) => {
    const s = T.subnets.get(id(p.id));
    if (!s) return notFound();
    const { deviceid: _d, virtualip: _v, ...rules } = SUBNET;
    return checked(
      req.body,
      rules,
      true,
      "Invalid entry",
      (v) => {
        if (v.name !== undefined && unique("subnets", "name", v.name, (o2) => o2.deviceid === s.deviceid, s.id))
          return fail(409, "The subnet already exists.");
        T.subnets.update(s.id, v);
        return ok({ id: s.id });
      },
      subnetRules(s),
    );
  });
  route("DELETE /connections/devices/subnets/{id}", (_q, p) => (db.remove("subnets", id(p.id)) ? ok() : notFound()));

  route("GET /connections/devices/{id}", (_q, p) => {
    const d = T.devices.get(id(p.id));
    return d ? ok(deviceView(d)) : notFound();
  });
  route("PUT /connections/devices/{id}", (req, p) => {
    const d = T.devices.get(id(p.id));
    if (!d) return notFound();
    return checked(
      req.body,
      DEVICE,
      true,
      "Invalid entry",
      (v) => {
        if (v.name !== undefined && unique("devices", "name", v.name, () => true, d.id))
          return fail(409, "The device already exists.");
        T.devices.update(d.id, v);
        return ok();
      },
      deviceRules(d),
    );
  });
  route("DELETE /connections/devices/{id}", (_q, p) => (db.remove("devices", id(p.id)) ? ok() : notFound()));
}
