import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** The name the server uses for itself in Syslog messages. */
export const SyslogSettings = settings({
  vendor: sinema,
  name: "SyslogSettings",
  description:
    "The Syslog client ID (host name in the server's Syslog messages). The receiving servers are `SyslogServer` resources. Destroy leaves it (`retain`) or writes back the value found before (`restore`).",
  id: "syslog",
  routes: settingsRoutes("/services/syslog/hostname"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    hostname: field(z.string().min(1), { description: "Host name in the Syslog messages." }),
  },
});
