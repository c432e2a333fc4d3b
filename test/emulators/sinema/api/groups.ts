/** Participant groups and the communication relations between them. */
import type { Rules } from "../validate";
import { body, checked, type Context, fail, id, notFound, ok } from "./shared";

export function groupRoutes({ db, T, R, route, names, unique, list, pairs }: Context): void {
  const GROUP: Rules = {
    name: { kind: "string", required: true, min: 1 },
    description: { kind: "string" },
    communicationAllowed: { kind: "bool" },
    lan1: { kind: "bool" },
    lan2: { kind: "bool" },
    lan3: { kind: "bool" },
    lan4: { kind: "bool" },
  };
  route("GET /connections/groups", (req) =>
    list(
      req,
      T.groups.all().map((g) => ({ id: g.id, name: g.name })),
      "groups",
      true,
    ),
  );
  route("POST /connections/groups", (req) =>
    checked(req.body, GROUP, false, "Entry required", (v) => {
      if (unique("groups", "name", v.name)) return fail(409, "The group already exists");
      return ok({
        id: T.groups.insert({
          description: "",
          communicationAllowed: false,
          lan1: false,
          lan2: false,
          lan3: false,
          lan4: false,
          ...v,
        }).id,
      });
    }),
  );
  route("GET /connections/groups/destination/{id}", (_q, p) => pairs("destinations", "groups", "groups", id(p.id)));
  route("POST /connections/groups/destination/{id}", (req, p) => {
    const src = id(p.id);
    const dst = body(req).destinationId;
    if (!T.groups.get(src)) return notFound("Source group not found");
    if (!Number.isInteger(dst)) return fail(422, "A valid entry is required.", { destinationId: "must be an integer" });
    if (!T.groups.get(dst as number)) return notFound("Destination group not found");
    if (R.destinations.has(src, dst as number))
      return fail(409, "The specified destination group ID is already in the destination list.");
    R.destinations.add(src, dst as number);
    return ok();
  });
  route("DELETE /connections/groups/destination/{id}", (req, p) => {
    const src = id(p.id);
    const dst = body(req).destinationId;
    if (!T.groups.get(src)) return notFound("Source group not found");
    if (!Number.isInteger(dst)) return fail(422, "A valid entry is required.", { destinationId: "must be an integer" });
    return R.destinations.remove(src, dst as number)
      ? ok()
      : notFound("The specified destination group ID is not included in the destination list.");
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
      if (v.name !== undefined && unique("groups", "name", v.name, () => true, g.id))
        return fail(409, "The group already exists");
      T.groups.update(g.id, v);
      return ok({ id: g.id });
    });
  });
  route("DELETE /connections/groups/{id}", (_q, p) => (db.remove("groups", id(p.id)) ? ok() : notFound()));
}
