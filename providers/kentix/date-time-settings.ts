import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

const host = z.string().min(1).max(255);

/** Time synchronisation and time zone of the appliance (one per appliance). */
export const DateTimeSettings = settings({
  vendor: kentix,
  name: "DateTimeSettings",
  description:
    "Time synchronisation by NTP and the time zone. The SmartAPI has no call to set the clock by hand. Sent as one JSON object with the changed fields (the documentation prints the body as an array but answers an object). Destroy leaves the settings as they are (`retain`, the default) or writes back the values found at create (`restore`).",
  id: "datetime",
  routes: { read: "GET /api/datetime", update: "PATCH /api/datetime" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    automatic: field(z.boolean().optional(), {
      description: "The appliance sets its clock from the NTP servers.",
      wire: "auto",
    }),
    ntpServer1: field(host.optional(), { description: "First NTP server (host name or address).", wire: "ntp1" }),
    ntpServer2: field(host.optional(), { description: "Second NTP server (host name or address).", wire: "ntp2" }),
    timezone: field(
      z
        .string()
        .regex(/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/, { error: 'must be an IANA time zone, e.g. "Europe/Berlin"' })
        .optional(),
      { description: 'IANA time zone, e.g. "Europe/Berlin".' },
    ),
  },
});
