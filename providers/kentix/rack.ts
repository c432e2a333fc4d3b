import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { kentix } from "./client";

// The create call takes only name and group_id (SmartAPI "Add Rack"): the rest is written by one update after it.
const later = <T extends z.ZodType>(schema: T, description: string, wire?: string) =>
  field(schema.optional(), { description, updateOnly: true, ...(wire ? { wire } : {}) });
const hidden = z.record(z.string().min(1), z.unknown());

/** A server rack: a container of devices (PDUs, sensors) in an alarm group. */
export const Rack = collection({
  vendor: kentix,
  name: "Rack",
  description:
    "A rack: a container of devices (SmartPDUs, sensors, IOs) in an alarm group. The appliance's create call takes only the name and the alarm group, so the provider follows it with one update carrying the other declared fields (a failure there is a partial create: the next `up` writes the rest). Devices join a rack through their own `rackId`.",
  naturalKey: ["name"],
  routes: {
    list: "GET /api/racks",
    create: "POST /api/racks",
    read: "GET /api/racks/{id}",
    update: "PATCH /api/racks/{id}",
    delete: "DELETE /api/racks/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the rack; identifies it on the appliance." }),
    groupId: field(ref("AlarmGroup").nullable().optional(), {
      description: "The alarm group the rack belongs to.",
      wire: "group_id",
    }),
    isActive: later(z.boolean(), "Whether the rack is active."),
    description: later(z.string().max(255), "Free-text description."),
    devices: field(z.array(hidden).optional(), {
      description:
        "The rack's devices with their supply-line and synchronicity assignments (relevant for PDUs only). The SmartAPI documentation hides the element's keys, so each entry is passed through as declared (the shape the appliance's own rack shows) and validated by the appliance; compared as a set.",
      unordered: true,
      updateOnly: true,
    }),
    ioIds: field(z.array(ref("IoModule")).optional(), {
      description: "Inputs/outputs (IO ids) assigned to the rack; compared as a set.",
      unordered: true,
      updateOnly: true,
      wire: "ios",
    }),
    synchronicity: later(
      hidden,
      "Configuration of the synchronicity sensor, passed through as declared (the SmartAPI documentation hides its keys).",
    ),
    activePower: later(
      hidden,
      "Configuration of the active-power sensor, passed through as declared (the SmartAPI documentation hides its keys).",
      "activepower",
    ),
    webhooks: field(z.array(hidden).optional(), {
      description:
        "Webhook relations of the rack, passed through as declared (the SmartAPI documentation hides the element's keys); compared as a set.",
      unordered: true,
      updateOnly: true,
    }),
  },
});
