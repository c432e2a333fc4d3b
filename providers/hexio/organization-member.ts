import { z } from "zod";
import { membership } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { assignment, hexio, membershipId } from "./client";
import { roles } from "./fields";

const route = "/orgs/{orgId}/permissions";

/** One user's roles in one organization. */
export const OrganizationMember = membership({
  vendor: hexio,
  name: "OrganizationMember",
  description:
    "The roles of one user in one organization (a role assignment on `/orgs/{orgId}/permissions`). The API merges: writing this user's assignment leaves every other user's alone, and deleting the resource writes empty roles, which removes the access. Managing it needs ORG/GRANT. An existing assignment of the user fails the create with its id, unless `adopt: true`.",
  pair: ["orgId", "userId"],
  readFromList: true,
  routes: {
    list: `GET ${route}`,
    create: `PUT ${route}`,
    read: `GET ${route}`,
    update: `PUT ${route}`,
    delete: `PUT ${route}`,
  },
  id: (inputs) => membershipId("ORG", inputs.orgId, inputs.userId),
  fields: {
    orgId: field(ref("Organization"), { description: "The organization.", replaceOnChanges: true, wire: "resourceId" }),
    userId: field(z.number().int().positive(), {
      description: "The user's ID on the platform (users are not managed by this package).",
      replaceOnChanges: true,
    }),
    roles: roles(),
  },
  // The assignment is {userId, resourceType: "ORG", resourceId, roles}; the body is a one-item array.
  toWire: (_body, inputs) => assignment("ORG", inputs.orgId, inputs.userId, inputs.roles),
  deleteBody: (inputs) => assignment("ORG", inputs.orgId, inputs.userId, []),
});
