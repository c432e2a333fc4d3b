import { z } from "zod";
import { membership } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { assignment, hexio, membershipId } from "./client";
import { roles } from "./fields";

const route = "/orgs/{orgId}/projects/{projectId}/permissions";

/** One user's roles in one project. */
export const ProjectMember = membership({
  vendor: hexio,
  name: "ProjectMember",
  description:
    "The roles of one user in one project (a role assignment on `/orgs/{orgId}/projects/{projectId}/permissions`, resource type PROJECT). The API merges: writing this user's assignment leaves every other user's alone, and deleting the resource writes empty roles, which removes the access. Managing it needs PROJECT/GRANT. An existing assignment of the user fails the create with its id, unless `adopt: true`.",
  pair: ["projectId", "userId"],
  readFromList: true,
  routes: {
    list: `GET ${route}`,
    create: `PUT ${route}`,
    read: `GET ${route}`,
    update: `PUT ${route}`,
    delete: `PUT ${route}`,
  },
  id: (inputs) => membershipId("PROJECT", inputs.projectId, inputs.userId),
  fields: {
    orgId: field(ref("Organization"), {
      description:
        "The organization of the project (part of the path; the assignment does not carry it, so it is not read back).",
      replaceOnChanges: true,
      writeOnly: true,
    }),
    projectId: field(ref("Project"), { description: "The project.", replaceOnChanges: true, wire: "resourceId" }),
    userId: field(z.number().int().positive(), {
      description: "The user's ID on the platform (users are not managed by this package).",
      replaceOnChanges: true,
    }),
    roles: roles(),
  },
  // The seed's project example says resourceType "ORG" (a copy of the organization example); PROJECT is meant.
  toWire: (_body, inputs) => assignment("PROJECT", inputs.projectId, inputs.userId, inputs.roles),
  deleteBody: (inputs) => assignment("PROJECT", inputs.projectId, inputs.userId, []),
});
