import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** A permission role users are assigned to. */
export const UserGroup = collection({
  vendor: kentix,
  name: "UserGroup",
  description: "A user group (permission role) on the appliance. Users reference it with `usergroup_id`.",
  naturalKey: ["name"],
  listComplete: true, // list items are whole objects (real clients compare webhook fields from the listing)
  routes: {
    list: "GET /api/usergroups",
    create: "POST /api/usergroups",
    read: "GET /api/usergroups/{id}",
    update: "PATCH /api/usergroups/{id}",
    delete: "DELETE /api/usergroups/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), {
      description: "Name of the group; the SmartAPI documentation says it must be unique.",
    }),
    permissions: field(z.record(z.string().min(1), z.boolean()).optional(), {
      description:
        "Permission flags by key. The SmartAPI documentation describes `permissions` as an object without listing its keys, so any key is accepted and the appliance validates it; only the keys declared here are managed and compared, the appliance fills in the rest.",
      declaredKeysOnly: true,
    }),
  },
  computed: {
    createdAt: field(z.string().nullable(), { description: "When the appliance created the group.", computed: true }),
    updatedAt: field(z.string().nullable(), {
      description: "When the appliance last changed the group.",
      computed: true,
    }),
  },
});
