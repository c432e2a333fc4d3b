import { z } from "zod";
import { defineResource } from "../core/resource/define";
import { field, wireAsNamed } from "../core/resource/schema";
import { settings, sinema } from "./client";

/** The name the server uses for itself in Syslog messages. */
export const SyslogSettings = defineResource({
  vendor: sinema,
  name: "SyslogSettings",
  description:
    "The Syslog client ID (host name in the server's Syslog messages). The receiving servers are `SyslogServer` resources. Destroy leaves it (`retain`) or writes back the value found before (`restore`).",
  singleton: true,
  idFor: () => "syslog",
  routes: settings("/services/syslog/hostname"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: wireAsNamed({
    hostname: field(z.string().min(1).max(255), { description: "Host name in the Syslog messages." }),
  }),
  example: `new sinema.SyslogSettings("syslog", { connection: rc, hostname: "sinemarc-plant" });`,
});
