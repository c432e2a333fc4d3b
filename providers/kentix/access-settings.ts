import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { codec, field, wireEnum } from "../core/resource/schema";
import { kentix } from "./client";

/** A number in the program that the update call declares as a string (read back as a number). */
const numberAsString = (min: number, max: number) =>
  codec(z.number().int().min(min).max(max), {
    kind: "numeric-string",
    toWire: (v) => String(v),
    fromWire: (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    canon: (v) => (typeof v === "string" && /^\d+$/.test(v) ? Number(v) : v),
    describe: `integer, ${min} to ${max}`,
  });

/** The access-control settings of the appliance (one per appliance). */
export const AccessSettings = settings({
  vendor: kentix,
  name: "AccessSettings",
  description:
    "The global access-control settings: PIN length, how long user-related data is kept, the RFID security mode, the wall-reader generation, and external evaluation. They own the PIN length and RFID mode that the SmartAPI also shows beside the communication key. Destroy leaves them as they are (`retain`, the default; their defaults are not documented) or writes back the values found at create (`restore`).",
  id: "access",
  routes: { read: "GET /api/accesssettings", update: "PATCH /api/accesssettings" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    externalEvaluation: field(z.boolean().optional(), {
      description:
        "The appliance does not evaluate access permissions: a booking sends a webhook, and door locks can only be opened remotely.",
    }),
    pinLength: field(numberAsString(4, 10).optional(), {
      description: "Length of the users' PINs, 4 to 10 (sent as a string, as the SmartAPI declares it).",
      wire: "pinlength",
    }),
    memoryDepth: field(numberAsString(0, 720).optional(), {
      description:
        "Days user-related data (bookings, images) is kept, 0 to 720; 0 keeps it without limit (sent as a string, as the SmartAPI declares it).",
      wire: "memorydepth",
    }),
    rfidMode: field(wireEnum({ off: 0, kentixToken: 1, customToken: 2 }).optional(), {
      description: "RFID security mode: off, Kentix token, or a custom security token.",
      wire: "mode",
    }),
    busProtocol: field(z.enum(["v1", "v2"]).optional(), {
      description: 'Generation of the wall readers on this device: "v2" for devices labelled V2, else "v1".',
    }),
  },
});
