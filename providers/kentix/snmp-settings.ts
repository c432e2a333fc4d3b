import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** The SNMP service of the appliance (one per appliance). */
export const SnmpSettings = settings({
  vendor: kentix,
  name: "SnmpSettings",
  description:
    "Whether the appliance answers SNMP and receives SNMP traps. The SNMP users, trap receivers and poll targets are separate objects. Destroy leaves the settings as they are (`retain`, the default) or writes back the values found at create (`restore`).",
  id: "snmp",
  routes: { read: "GET /api/snmp", update: "PATCH /api/snmp" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    isActive: field(z.boolean().optional(), { description: "The SNMP service runs." }),
    trapReceiverActive: field(z.boolean().optional(), {
      description: "The SNMP trap receiver runs.",
      wire: "trapreceiver_active",
    }),
  },
});
