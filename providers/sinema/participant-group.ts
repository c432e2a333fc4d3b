import { z } from "zod";
import type { VendorSession } from "../core/connection";
import { isNotFound } from "../core/errors";
import { collection } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { sinema } from "./client";

const lan = (n: number) =>
  field(z.boolean().optional(), {
    description: `Members may reach the server's LAN ${n} interface. Create-only: the group's update call does not take it, so a change replaces the group (which fails while it has members; see docs/sinema.md).`,
    replaceOnChanges: true,
  });

const MEMBER_KINDS = { devices: "device", subnets: "subnet", nodes: "node", users: "user", roles: "role" } as const;
type Named = { id?: unknown; name?: unknown };
const named = (kind: string, m: Named) => `${kind} ${JSON.stringify(m.name ?? "")} (id ${String(m.id)})`;

/** Members and communication relations that still use a group: deleting it would silently drop them. */
async function dependents(session: VendorSession, id: string): Promise<string[]> {
  const group = session.one(await session.call("GET /connections/groups/{id}", { id })) ?? {};
  const found = Object.entries(MEMBER_KINDS).flatMap(([key, kind]) =>
    ((group[key] as Named[] | undefined) ?? []).map((m) => named(kind, m)),
  );
  for (const d of await session.list("GET /connections/groups/destination/{id}", { id }))
    found.push(named("communication relation to group", d));
  for (const other of await session.list("GET /connections/groups")) {
    if (String(other.id) === id) continue;
    // A group deleted since the listing (a sibling deleted in parallel by the same destroy) relates to nothing. Its
    // 404 must not escape: a 404 from this hook reads as "this group is gone" and the delete would be skipped.
    const targets = await session
      .list("GET /connections/groups/destination/{id}", { id: String(other.id) })
      .catch((e: unknown) => {
        if (isNotFound(e)) return [];
        throw e;
      });
    if (targets.some((t) => String(t.id) === id)) found.push(named("communication relation from group", other));
  }
  return found;
}

/** A participant group: the unit SINEMA RC grants access by. */
export const ParticipantGroup = collection({
  vendor: sinema,
  name: "ParticipantGroup",
  description:
    "A participant group (also called subscriber group or user group in the manual). Devices, subnets, nodes, users and roles join it through their own `groups` lists; which groups may talk to which is a `CommunicationRelation`. Deleting a group that still has members or relations fails and names them; nothing is half-deleted.",
  naturalKey: ["name"],
  routes: {
    list: "GET /connections/groups",
    create: "POST /connections/groups",
    read: "GET /connections/groups/{id}",
    update: "PUT /connections/groups/{id}",
    delete: "DELETE /connections/groups/{id}",
  },
  fields: {
    name: field(z.string().min(1), { description: "Group name; unique on the server (409 otherwise)." }),
    description: field(z.string().optional(), { description: "Free text." }),
    communicationAllowed: field(z.boolean().optional(), {
      description: "Members may communicate with each other (server default: false).",
    }),
    lan1: lan(1),
    lan2: lan(2),
    lan3: lan(3),
    lan4: lan(4),
  },
  dependents,
});
