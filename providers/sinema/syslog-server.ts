import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref, wireEnum } from "../core/resource/schema";
import { sinema } from "./client";
import { ipv4 } from "./fields";

/** A Syslog server the SINEMA RC server sends its log to. */
export const SyslogServer = collection({
  vendor: sinema,
  name: "SyslogServer",
  description:
    "A Syslog server receiving the server's log. No update call exists: any change replaces it. The server tests the connection when it is added; with TCP the Syslog server must already trust the certificate.",
  naturalKey: ["serverIp"],
  routes: {
    list: "GET /services/syslog",
    create: "POST /services/syslog",
    read: "GET /services/syslog/{id}",
    delete: "DELETE /services/syslog/{id}",
  },
  fields: {
    serverIp: field(ipv4(), {
      description: "Address of the Syslog server; unique on the server.",
      replaceOnChanges: true,
    }),
    port: field(z.number().int().min(1).max(65535), {
      description: "Port (a string on the wire).",
      replaceOnChanges: true,
    }),
    protocol: field(wireEnum({ udp: 0, tcp: 1 }), {
      description: "Transport (note: 0 is UDP here, unlike the user's connection parameters).",
      replaceOnChanges: true,
    }),
    certificate: field(ref("Syslog client certificate").optional(), {
      description: "Client certificate (default: one of the server's own CA).",
      replaceOnChanges: true,
    }),
  },
  computed: {
    status: field(z.string().nullable(), { description: "Connection status.", computed: true }),
  },
  toWire: (body) => (body.port === undefined ? body : { ...body, port: String(body.port) }),
  // The listing names servers by `ipAddress`.
  fromWire: (wire) => ({ ...wire, serverIp: wire.serverIp ?? wire.ipAddress }),
});
