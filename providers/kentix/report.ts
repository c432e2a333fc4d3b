import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { kentix } from "./client";

/** A scheduled report definition. */
export const Report = collection({
  vendor: kentix,
  name: "Report",
  description:
    "A scheduled report: its kind and how often the appliance sends it. The SmartAPI documentation shows only these fields (no recipients, no device selection); other keys the appliance returns are ignored. The create call's sample carries an `id`, which the provider never sends (whether it overwrites a report is not documented).",
  naturalKey: ["name"],
  routes: {
    list: "GET /api/reports",
    create: "POST /api/reports",
    read: "GET /api/reports/{id}",
    update: "PATCH /api/reports/{id}",
    delete: "DELETE /api/reports/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the report; identifies it on the appliance." }),
    type: field(wireEnum({ allData: 0, sum: 1 }).optional(), {
      description: "What the report contains: every value (`allData`) or sums (`sum`).",
    }),
    interval: field(wireEnum({ daily: 1, weekly: 2, monthly: 3, yearly: 4 }).optional(), {
      description: "How often the report is sent.",
      wire: "interval_mode",
    }),
  },
});
