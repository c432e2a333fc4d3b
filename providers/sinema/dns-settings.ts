import { z } from "zod";
import { defineResource } from "../core/resource/define";
import { field, wireAsNamed } from "../core/resource/schema";
import { settings, sinema } from "./client";
import { ipv4 } from "./fields";

const opt = <T extends z.ZodType>(schema: T, description: string) => field(schema.optional(), { description });

/** The server's host name and DNS servers. */
export const DnsSettings = defineResource({
  vendor: sinema,
  name: "DnsSettings",
  description:
    "The server's DNS settings (one per server; needed before licensing). Only the declared settings are managed; a write sends them over the current ones. Destroy leaves them (`retain`) or writes back the values found before (`restore`).",
  singleton: true,
  idFor: () => "dns",
  updateMerge: true,
  routes: settings("/system/network/dns"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: wireAsNamed({
    hostname: opt(z.string().min(1), "Host name the server is reached by, e.g. sinemarc.example.org."),
    externallyResolvable: opt(
      z.boolean(),
      "The host name is written into the server's and the clients' VPN configuration.",
    ),
    dnsPrimary: opt(ipv4(), "Primary DNS server."),
    dnsSecondary: opt(ipv4(), "Secondary DNS server, used when the primary is unreachable."),
    dohActive: opt(z.boolean(), "DNS over HTTPS."),
    dnsResolver: opt(z.string().min(1), "DNS-over-HTTPS resolver; required with dohActive."),
    dnsStamp: opt(z.string().min(1), "DNS stamp of the resolver; required with dohActive."),
  }),
  rules(inputs, fail) {
    if (inputs.dohActive !== true) return;
    for (const k of ["dnsResolver", "dnsStamp"])
      if (inputs[k] === undefined) fail(k, "is required when dohActive is true");
  },
  example: `new sinema.DnsSettings("dns", { connection: rc, hostname: "rc.plant.example", dnsPrimary: "10.0.0.53", dohActive: false });`,
});
