import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

const ipv4 = z.ipv4({ error: "must be an IPv4 address" });
const port = z.number().int().min(1).max(65535);

/** Alarm transmission to a monitoring centre by VdS 2465 (one per appliance). */
export const VdsSettings = settings({
  vendor: kentix,
  name: "VdsSettings",
  description:
    "Alarm transmission to a VdS control centre (VdS 2465 over IP): the device's VdS-ID and AES key, the centre's addresses, and the routine messages. `isActive` is required (the appliance needs it in every write, so it is sent with every change). The key is secret (the appliance returns it, so drift on it shows as a secret). Destroy leaves the settings as they are (`retain`, the default), writes back the values found at create (`restore`) or turns the transmission off (`disable`).",
  id: "vds",
  routes: { read: "GET /api/vds", update: "PATCH /api/vds" },
  deletePolicy: { default: "retain", options: ["retain", "restore", "disable"], disable: { isActive: false } },
  fields: {
    isActive: field(z.boolean(), { description: "Alarms are transmitted to the VdS control centre." }),
    connectionIdentifier: field(z.string().min(1).max(255).optional(), {
      description: "VdS-ID: identifies the device at the control centre.",
    }),
    key: field(
      z
        .string()
        .regex(/^[0-9A-Fa-f]{32}$/, { error: "must be the 32-digit AES VdS key (hexadecimal)" })
        .nullable()
        .optional(),
      {
        description:
          "The 32-digit (hexadecimal) AES VdS key; null: none. Secret; read back, so drift shows (as a secret).",
        secret: true,
      },
    ),
    authenticationMode: field(z.enum(["default", "encrypted"]).optional(), {
      description:
        '"default": the centre\'s first ticket is unencrypted, authentication by key number; "encrypted": every ticket is encrypted.',
    }),
    address1: field(ipv4.optional(), { description: "IPv4 address of the primary control centre." }),
    port1: field(port.optional(), { description: "Port of the primary control centre." }),
    address2: field(ipv4.optional(), { description: "IPv4 address of the secondary control centre." }),
    port2: field(port.optional(), { description: "Port of the secondary control centre." }),
    routineTimeout: field(z.number().int().min(0).optional(), {
      description:
        "Setting of the daily routine message the centre expects (its absence raises an alarm there); the documentation gives no unit (sample 1000).",
    }),
    sendConnectionLoss: field(z.boolean().optional(), {
      description: "The connection is checked daily; a loss is sent as a system notification.",
    }),
    sendStartupRoutine: field(z.boolean().optional(), {
      description: "A routine message is sent when the connection is established.",
    }),
    sendRestartEvent: field(z.boolean().optional(), {
      description: "A successful connection is reported to the centre as an event (notification 0x53).",
    }),
  },
  toWire: (body, inputs) => ({ is_active: inputs.isActive, ...body }),
});
