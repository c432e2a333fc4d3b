import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const port = z.number().int().min(1).max(65535);

/** Ports and TLS of the server's web server, which also carries this API. */
export const WebServerSettings = settings({
  vendor: sinema,
  name: "WebServerSettings",
  description:
    "Ports and TLS mode of the web server. Careful: the web server carries this API, so a new `httpsPort` moves the endpoint the connection URL points at, and `blockWebserverAccessFromWan` can lock the provider out. Destroy leaves the settings (`retain`) or writes back those found before (`restore`).",
  id: "webserver",
  updateMerge: true,
  routes: settingsRoutes("/system/network/webserver"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    httpsPort: field(port.optional(), { description: "HTTPS port for remote access (the API's port)." }),
    httpsForwardingPort: field(port.optional(), { description: "Port HTTPS requests are forwarded to." }),
    blockWebserverAccessFromWan: field(z.boolean().optional(), {
      description: "Block web server (and API) access through the WAN interface.",
    }),
    protocolTls13: field(wireEnum({ tls12Only: 0, tls13Only: 1, auto: 2 }).optional(), {
      description: "TLS versions: 1.2 only, 1.3 only, or whichever the client supports.",
    }),
    fallBackPort: field(port.optional(), {
      description: "HTTPS fallback port for devices updating their configuration automatically (server default 6220).",
    }),
  },
});
