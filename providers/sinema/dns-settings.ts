import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { optional as opt } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";
import { ipv4 } from "./fields";

/** The server's host name and DNS servers. */
export const DnsSettings = settings({
  vendor: sinema,
  name: "DnsSettings",
  description:
    "The server's DNS settings (one per server; needed before licensing). Only the declared settings are managed; a write sends them over the current ones. Destroy leaves them (`retain`) or writes back the values found before (`restore`).",
  id: "dns",
  updateMerge: true,
  routes: settingsRoutes("/system/network/dns", {
    hostname: "no host name is set on the server",
    dohActive: "the server reports no DNS-over-HTTPS setting",
  }),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    hostname: opt(
      z.string().min(1),
      "Host name the server is reached by, e.g. sinemarc.example.org. Every write needs it: leave it out only where the server has one.",
    ),
    externallyResolvable: opt(
      z.boolean(),
      "The host name is written into the server's and the clients' VPN configuration.",
    ),
    dnsPrimary: opt(ipv4(), "Primary DNS server."),
    dnsSecondary: opt(ipv4(), "Secondary DNS server, used when the primary is unreachable."),
    dohActive: opt(z.boolean(), "DNS over HTTPS. Every write needs it (the server's is kept when left out)."),
    dnsResolver: opt(z.string().min(1), "DNS-over-HTTPS resolver; required with dohActive."),
    dnsStamp: opt(z.string().min(1), "DNS stamp of the resolver; required with dohActive."),
  },
  rules(inputs, fail) {
    if (inputs.dohActive !== true) return;
    for (const k of ["dnsResolver", "dnsStamp"] as const)
      if (inputs[k] === undefined) fail(k, "is required when dohActive is true");
  },
});
