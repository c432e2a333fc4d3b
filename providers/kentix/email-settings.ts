import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

const text = z.string().max(255);

/** Outgoing email (SMTP) of the appliance (one per appliance). */
export const EmailSettings = settings({
  vendor: kentix,
  name: "EmailSettings",
  description:
    "Outgoing email: the SMTP server the appliance sends notifications and reports through. The password is secret and write-only: the appliance does not return it, so it is written when the declared value changes and refresh cannot see it changed. Sending a test email is an action, not a setting. Destroy leaves the settings as they are (`retain`, the default) or writes back the values found at create (`restore`; the password cannot be read, so it stays as last written).",
  id: "email",
  routes: { read: "GET /api/email", update: "PATCH /api/email" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    isActive: field(z.boolean().optional(), { description: "The appliance sends email." }),
    sender: field(z.email().max(255).optional(), { description: "Sender address, e.g. alarms@example.com." }),
    address: field(text.min(1).optional(), { description: "SMTP server (host name or address)." }),
    port: field(z.number().int().min(1).max(65535).optional(), { description: "SMTP server port, e.g. 587." }),
    security: field(z.enum(["off", "starttls", "ssl"]).optional(), { description: "Transport security." }),
    username: field(text.optional(), { description: "SMTP user name." }),
    password: field(text.optional(), {
      description: "SMTP password. Secret and write-only (the appliance never returns it).",
      secret: true,
      writeOnly: true,
    }),
    signature: field(z.string().max(4096).optional(), { description: "Signature appended to every email." }),
  },
});
