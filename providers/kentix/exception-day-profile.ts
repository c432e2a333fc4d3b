import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** A holiday calendar: on its days, time profiles that name it are not active. */
export const ExceptionDayProfile = collection({
  vendor: kentix,
  name: "ExceptionDayProfile",
  description:
    "An exception-day profile (holiday calendar): on its days the time profiles that name it (`TimeProfile.exceptionDayProfileId`) are not active. The create call is an upsert on the appliance (an `id` in the body overwrites that profile), so the provider never sends one; a create whose answer was lost is looked up by name, never sent again.",
  naturalKey: ["name"],
  routes: {
    list: "GET /api/exceptiondays",
    create: "POST /api/exceptiondays",
    read: "GET /api/exceptiondays/{id}",
    update: "PATCH /api/exceptiondays/{id}",
    delete: "DELETE /api/exceptiondays/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the profile; identifies it on the appliance." }),
    days: field(z.array(z.record(z.string().min(1), z.unknown())).optional(), {
      description:
        "The days of the exception, as the appliance takes them. The SmartAPI documentation shows `days` only as a list of objects whose keys it hides, so each day is passed through as declared (e.g. the shape your appliance's own listing shows) and validated by the appliance; compared as a set.",
      unordered: true,
    }),
  },
  computed: {
    createdAt: field(z.string().nullable(), { description: "When the appliance created the profile.", computed: true }),
    updatedAt: field(z.string().nullable(), { description: "When the appliance last changed it.", computed: true }),
  },
});
