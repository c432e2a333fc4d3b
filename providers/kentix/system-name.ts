import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** The appliance's system name (one per appliance). */
export const SystemName = settings({
  vendor: kentix,
  name: "SystemName",
  description:
    "The name of the appliance, as the web interface and notifications show it. Destroy leaves it as it is (`retain`, the default) or writes back the name found at create (`restore`).",
  id: "systemname",
  routes: { read: "GET /api/systemname", update: "PATCH /api/systemname" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    name: field(z.string().min(1).max(255), { description: 'The name of the system, e.g. "HQ AlarmManager".' }),
  },
});
