import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** The appliance as an SMS gateway for other systems (one per appliance). */
export const SmsGatewaySettings = settings({
  vendor: kentix,
  name: "SmsGatewaySettings",
  description:
    "The SMS gateway: other systems send SMS through the appliance's modem with this password. The password is secret (the appliance returns it, so drift on it shows as a secret). Sending an SMS is an action, not a setting. Destroy leaves the settings as they are (`retain`, the default), writes back the values found at create (`restore`) or turns the gateway off (`disable`).",
  id: "smsgateway",
  routes: { read: "GET /api/smsgateway", update: "PATCH /api/smsgateway" },
  deletePolicy: { default: "retain", options: ["retain", "restore", "disable"], disable: { isActive: false } },
  fields: {
    isActive: field(z.boolean().optional(), { description: "The SMS gateway accepts messages." }),
    password: field(z.string().min(1).max(255).nullable().optional(), {
      description: "Password other systems send SMS with; null: none. Secret; read back, so drift shows (as a secret).",
      secret: true,
    }),
  },
});
