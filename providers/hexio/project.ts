import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { hexio } from "./client";
import { quota, stamps, text } from "./fields";

/** A project of an organization: where devices, channels and data live. */
export const Project = collection({
  vendor: hexio,
  name: "Project",
  description:
    "A project of an organization, with its message rate limit, data retention and quotas. Its name is its natural key within the organization (enforced by this provider: the API does not say names are unique). Moving a project to another organization is not implemented by the API, so a change of `orgId` replaces it.",
  naturalKey: ["orgId", "name"],
  routes: {
    list: "GET /orgs/{orgId}/projects",
    create: "POST /orgs/{orgId}/projects",
    read: "GET /orgs/{orgId}/projects/{id}",
    update: "PUT /orgs/{orgId}/projects/{id}",
    delete: "DELETE /orgs/{orgId}/projects/{id}",
  },
  // PUT replaces the whole entity: updates send the live object with the changed fields over it.
  updateMerge: true,
  listComplete: true,
  fields: {
    orgId: field(ref("Organization"), {
      description:
        "The organization the project belongs to. A change replaces the project (the move endpoint is not implemented).",
      replaceOnChanges: true,
    }),
    name: field(z.string().min(1).max(128), {
      description: "Project name; unique within the organization (enforced by this provider).",
    }),
    description: text(255, "Project description."),
    rateLimit: field(
      z
        .number()
        .min(-1, { error: "must be -1 (no limit) or more" })
        .refine((v) => v <= -1 || v >= 0, { error: "must be -1 (no limit) or 0 or more" }),
      {
        description:
          "Global message rate limit of the project in messages per second; -1 for no limit (values between -1 and 0 mean nothing and are refused).",
      },
    ),
    dataRetention: field(
      z
        .string()
        .max(8)
        .regex(/^[1-9][0-9]*[hdMy]$/, {
          error: 'must be a number and a unit h, d, M (month) or y, e.g. "12h", "7d", "1M", "2y"',
        }),
      {
        description:
          "How long data is kept: a number and a unit `h`, `d`, `M` (month) or `y`, e.g. `90d`. Required since API v1.4.0 (the API documentation notes the platform does not apply it yet).",
      },
    ),
    logoUrl: text(1024, "URL of the project logo (not implemented by the platform yet)."),
    usersLimit: quota("Maximum number of users in the project."),
    devicesLimit: quota("Maximum number of devices in the project."),
    dashboardsLimit: quota("Maximum number of dashboards in the project."),
    amountOfDatapoints: quota("Number of datapoints for the project."),
  },
  computed: stamps(),
});
