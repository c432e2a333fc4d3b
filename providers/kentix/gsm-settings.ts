import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

const opaque = z.record(z.string(), z.unknown());

/** The cellular (GSM) service of the appliance (one per appliance). */
export const GsmSettings = settings({
  vendor: kentix,
  name: "GsmSettings",
  description:
    "The cellular service: whether the modem is used, its gateway settings, and SMS forwarding. The documentation shows `gateway` and `forwarding` only as objects without their fields, so they are passed through as declared. The SIM's PIN and PUK (set, change, unlock, PIN protection) are actions with secrets, not settings: they are not inputs. Destroy leaves the settings as they are (`retain`, the default) or writes back the values found at create (`restore`).",
  id: "gsm",
  routes: { read: "GET /api/gsm", update: "PATCH /api/gsm" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    isActive: field(z.boolean().optional(), { description: "The cellular service is on." }),
    gateway: field(opaque.optional(), {
      description: "Gateway settings of the modem, as the appliance names them (the documentation lists no fields).",
    }),
    forwarding: field(opaque.optional(), {
      description:
        "SMS forwarding, for SiteManagers without a modem: every SMS is forwarded to the AlarmManager and sent through its modem (the documentation lists no fields).",
    }),
  },
});
