import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { hexio } from "./client";
import { email, phone, quota, stamps, text } from "./fields";

const ADMIN =
  "Readable and writable only with ORG/ADMIN_READ and ORG/ADMIN_UPDATE: a login without them sees it as unset (drift).";

/** A tenant of the IoT cloud. */
export const Organization = collection({
  vendor: hexio,
  name: "Organization",
  description:
    "An organization (tenant) of the IoT cloud, with its quotas. Names are not unique on the platform, so there is no natural key: to take over an existing organization, set `adopt` to its id (never a name match). It cannot be deleted while it holds projects: projects declared in the same program are deleted first; others are named in the error.",
  routes: {
    list: "GET /orgs",
    create: "POST /orgs",
    read: "GET /orgs/{id}",
    update: "PUT /orgs/{id}",
    delete: "DELETE /orgs/{id}",
  },
  // PUT replaces the whole entity: updates send the live object with the changed fields over it.
  updateMerge: true,
  listComplete: true,
  dependents: async (session, id) =>
    (await session.list("GET /orgs/{orgId}/projects", { orgId: id })).map(
      (p) => `project ${JSON.stringify(p.name)} (id ${String(p.projectId)})`,
    ),
  fields: {
    name: field(z.string().min(1).max(128), { description: "Organization name; not unique on the platform." }),
    description: text(255, `Description. ${ADMIN}`),
    companyId: text(32, "Legal company ID."),
    vatId: text(32, "VAT ID."),
    email: email("General contact e-mail. Deprecated since v1.3.0: use `contactEmail`."),
    contactEmail: email("General contact e-mail."),
    contactPhone: phone("General contact phone."),
    contactPerson: text(128, "Name of the general contact person."),
    contactLang: text(32, 'General communication language, free text (e.g. "English").'),
    note: text(undefined, `Internal note. ${ADMIN}`),
    logoUrl: text(1024, "URL of the company logo."),
    externalUrl: text(1024, `Link to an external system such as a CRM. ${ADMIN}`),
    projectsLimit: quota("Maximum number of projects."),
    usersLimit: quota("Maximum number of users."),
    devicesLimit: quota("Maximum number of devices."),
    dashboardsLimit: quota("Maximum number of dashboards."),
    amountOfDatapoints: quota("Number of datapoints."),
    enabled: field(z.boolean().default(true), {
      description:
        "Whether the organization is enabled (default true). A disabled one is invisible without ORG/ADMIN_READ; changing it needs ORG/ADMIN_UPDATE.",
    }),
  },
  computed: stamps(),
});
