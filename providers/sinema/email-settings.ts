import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const unreadable = "The server never returns it, so drift on it cannot be seen.";

/** How the server sends e-mail (password-expiry notices, wake-up SMS through a gateway). */
export const EmailSettings = settings({
  vendor: sinema,
  name: "EmailSettings",
  description:
    "The server's e-mail (SMTP) settings. The write call replaces the whole configuration and `enabled`, `username` and `password` cannot be read back, so every declared setting is sent with every write. Destroy leaves them (`retain`) or switches the service off (`disable`).",
  id: "email",
  updateMerge: true,
  routes: settingsRoutes("/system/smsandemail/email"),
  deletePolicy: { default: "retain", options: ["retain", "disable"], disable: { enabled: false } },
  fields: {
    enabled: field(z.boolean(), { description: `The e-mail service is on. ${unreadable}`, writeOnly: true }),
    method: field(wireEnum({ relay: 1, direct: 2 }).optional(), {
      description: "Delivery through an SMTP relay server, or directly.",
    }),
    lifeInQueue: field(z.number().int().min(1).optional(), {
      description: "Seconds to wait for the mail server before giving up.",
    }),
    sender: field(z.string().min(1).optional(), {
      description: "Sender address (with a relay: the relay account's address).",
    }),
    smtpServer: field(z.string().min(1).optional(), {
      description: "Relay server (IP address or FQDN); required with method `relay`.",
    }),
    smtpPort: field(z.number().int().min(1).max(65535).optional(), { description: "Relay port (server default 587)." }),
    tls: field(wireEnum({ opportunistic: 1, binding: 2 }).optional(), {
      description: "TLS: opportunistic (used for direct delivery) or binding.",
    }),
    username: field(z.string().min(1).optional(), {
      description: `Relay account; with password it turns on "Server requires authentication". ${unreadable}`,
      writeOnly: true,
    }),
    password: field(z.string().min(1).optional(), {
      description: `Relay password. Secret. ${unreadable}`,
      secret: true,
      writeOnly: true,
    }),
  },
  writeTogether: [
    ["enabled", "method", "lifeInQueue", "sender", "smtpServer", "smtpPort", "tls", "username", "password"],
  ],
  rules(inputs, fail) {
    if (inputs.method === "relay")
      for (const k of ["smtpServer", "smtpPort", "tls"] as const)
        if (inputs[k] === undefined) fail(k, 'is required with method "relay"');
    if ((inputs.username === undefined) !== (inputs.password === undefined))
      fail(inputs.username === undefined ? "username" : "password", "username and password go together");
  },
});
