/**
 * Subnet port groups (4.3.2.3): the group, its ports and its participant groups. Registered before the subnet
 * routes, whose `/subnets/{id}` would otherwise take `/subnets/portgroups`.
 */
import type { Row } from "../store";
import { body, checked, type Context, fail, id, notFound, ok } from "./shared";

/**
 * A port as the add and remove calls take it: the manual types it integer and gives the example "77, 70-100".
 * This emulator's reading: one port (an integer) or one range (the text `lo-hi`) per call; a list is refused (422).
 */
function portOf(v: unknown): [number, number] | undefined {
  const m = typeof v === "number" ? [String(v), String(v)] : /^(\d+)(?:-(\d+))?$/.exec(String(v))?.slice(1);
  if (!m) return undefined;
  const [lo, hi] = [Number(m[0]), Number(m[1] ?? m[0])];
  return Number.isInteger(lo) && lo >= 1 && hi <= 65535 && lo <= hi ? [lo, hi] : undefined;
}

export function portGroupRoutes({ db, T, route, unique, list, pairs, associate }: Context): void {
  type Port = { protocol: string; port: unknown };
  const portsOf = (g: Row) => (g.ports as Port[] | undefined) ?? [];
  const same = (a: Port, protocol: unknown, range: [number, number]) =>
    a.protocol === protocol && String(portOf(a.port)) === String(range);
  /** Validates a port call; the port group and the range, or the failure answer. */
  const portCall = (
    input: unknown,
  ): { group: Row; range: [number, number]; protocol: string } | { res: ReturnType<typeof ok> } => {
    const b = (input ?? {}) as Record<string, unknown>;
    const errors: Record<string, string> = {};
    for (const k of Object.keys(b))
      if (!["portgroupId", "protocol", "port"].includes(k)) errors[k] = "unknown property";
    if (!Number.isInteger(b.portgroupId)) errors.portgroupId = "must be an integer";
    if (b.protocol !== "TCP" && b.protocol !== "UDP") errors.protocol = "must be one of TCP, UDP";
    const range = portOf(b.port);
    if (!range || (typeof b.port !== "number" && typeof b.port !== "string"))
      errors.port = "must be a port (1 to 65535) or a range lo-hi";
    if (Object.keys(errors).length) return { res: fail(422, "Invalid entry", errors) };
    const group = T.portgroups.get(b.portgroupId as number);
    return group ? { group, range: range!, protocol: b.protocol as string } : { res: notFound() };
  };

  route("GET /connections/devices/subnets/portgroups", (req) => {
    const s = id(req.query.subnetId);
    if (Number.isNaN(s)) return fail(400, "Invalid parameters specified");
    return T.subnets.get(s)
      ? list(
          req,
          T.portgroups.filter((g) => g.subnetId === s).map((g) => ({ id: g.id, name: g.name })),
          "portgroups",
        )
      : notFound();
  });
  route("POST /connections/devices/subnets/portgroups", (req) =>
    checked(
      req.body,
      {
        subnetId: { kind: "int", required: true },
        name: { kind: "string", required: true, min: 1 },
        icmpEnabled: { kind: "bool" },
      },
      false,
      "Invalid entry",
      (v) => {
        if (!T.subnets.get(v.subnetId as number)) return notFound();
        if (unique("portgroups", "name", v.name, (g) => g.subnetId === v.subnetId))
          return fail(409, "The port group already exists");
        return ok({ id: T.portgroups.insert({ icmpEnabled: false, ports: [], ...v }).id });
      },
    ),
  );
  route("POST /connections/devices/subnets/portgroups/ports", (req) => {
    const call = portCall(req.body);
    if ("res" in call) return call.res;
    const { group, range, protocol } = call;
    if (portsOf(group).some((p) => same(p, protocol, range))) return fail(409, "The port already exists");
    T.portgroups.update(group.id, { ports: [...portsOf(group), { protocol, port: body(req).port }] });
    return ok();
  });
  route("DELETE /connections/devices/subnets/portgroups/ports", (req) => {
    const call = portCall(req.body);
    if ("res" in call) return call.res;
    const { group, range, protocol } = call;
    const kept = portsOf(group).filter((p) => !same(p, protocol, range));
    if (kept.length === portsOf(group).length) return notFound();
    T.portgroups.update(group.id, { ports: kept });
    return ok();
  });
  // The listing's key is `portgroups`, as printed, although it lists participant groups.
  route("GET /connections/devices/subnets/portgroups/groups", (req) =>
    pairs("portgroupGroups", "portgroups", "groups", id(req.query.portgroupId), "portgroups"),
  );
  route("POST /connections/devices/subnets/portgroups/groups", (req) =>
    associate("portgroupGroups", "portgroups", "groups", "portgroupId", "groupId", "add", body(req)),
  );
  route("DELETE /connections/devices/subnets/portgroups/groups", (req) =>
    associate("portgroupGroups", "portgroups", "groups", "portgroupId", "groupId", "remove", body(req)),
  );
  route("GET /connections/devices/subnets/portgroups/{id}", (_q, p) => {
    const g = T.portgroups.get(id(p.id));
    return g ? ok({ name: g.name, ports: portsOf(g), icmpEnabled: g.icmpEnabled }) : notFound();
  });
  route("PUT /connections/devices/subnets/portgroups/{id}", (req, p) => {
    const g = T.portgroups.get(id(p.id));
    if (!g) return notFound();
    return checked(
      req.body,
      { name: { kind: "string", min: 1 }, icmpEnabled: { kind: "bool" } },
      true,
      "Invalid entry",
      (v) => {
        if (v.name !== undefined && unique("portgroups", "name", v.name, (o) => o.subnetId === g.subnetId, g.id))
          return fail(409, "The port group already exists");
        T.portgroups.update(g.id, v);
        return ok({ id: g.id });
      },
    );
  });
  route("DELETE /connections/devices/subnets/portgroups/{id}", (_q, p) =>
    db.remove("portgroups", id(p.id)) ? ok() : notFound(),
  );
}
