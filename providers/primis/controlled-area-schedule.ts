import { z } from "zod";
import { registration } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { httpsOnly, primis } from "./client";

const UNMANAGED =
  "Primis can only create controlled-area schedules: the Mobile API cannot read, update or delete them. Pulumi therefore cannot see drift, every change creates new links, and destroy only removes the resource from state while the links stay in Primis (remove them in the Primis client). Set `acknowledgeUnmanaged: true` to declare one anyway.";

const zone = z.strictObject({
  controlledAreaId: field(z.string().regex(/^\d+$/, { error: "must be the numeric id of a controlled area" }), {
    description: "The controlled area to attach.",
  }),
  onAction: field(z.number().int().min(0), {
    description: "Action while the schedule is on: 1 = Open (the only code the guide documents).",
  }),
  offAction: field(z.number().int().min(0), {
    description: "Action while the schedule is off: 1 = Open (the only code the guide documents).",
  }),
  description: field(z.string().max(255).optional(), { description: "Description of this controlled-area schedule." }),
});

/** Attaches controlled areas to a schedule: create-only, behind an explicit acknowledgement. */
export const ControlledAreaSchedule = registration({
  vendor: primis,
  name: "ControlledAreaSchedule",
  description: `Links controlled areas to an existing schedule with on/off actions. ${UNMANAGED} Needs a Primis administrator.`,
  routes: { create: "POST /api/controlled_area_schedules/schedule" },
  deletePolicy: {
    default: "retain",
    options: ["retain"],
    retainWarning:
      "removed from the Pulumi state only: Primis cannot delete controlled-area schedules, so the links stay in Primis until removed in the Primis client",
  },
  fields: {
    acknowledgeUnmanaged: field(z.boolean().optional(), {
      description:
        "Must be `true`: acknowledges that Primis cannot read, update or delete this link, so Pulumi can neither see its drift nor remove it.",
      writeOnly: true,
    }),
    scheduleId: field(ref("schedule"), {
      description: "The schedule (see `listSchedules`); listed as a string, sent as a number.",
      wire: "id",
    }),
    zones: field(z.array(zone).min(1), {
      description: "The controlled areas to attach, with their actions; order does not matter.",
      unordered: true,
    }),
  },
  computed: {
    scheduleName: field(z.string().nullable(), { description: "Name of the schedule.", computed: true, wire: "name" }),
    linkIds: field(z.array(z.string()).nullable(), {
      description: "Ids of the controlled-area schedule links Primis created.",
      computed: true,
      wire: "linkIds",
    }),
    warning: field(z.string().nullable(), {
      description: "Why Pulumi cannot manage this object after creating it.",
      computed: true,
    }),
  },
  rules(inputs, fail) {
    httpsOnly(inputs, fail);
    if (inputs.acknowledgeUnmanaged !== true) fail("acknowledgeUnmanaged", UNMANAGED);
  },
  toWire: ({ acknowledge_unmanaged: _local, ...body }) => body,
  fromWire: (wire) => ({
    ...wire,
    linkIds: Array.isArray(wire.zones) ? wire.zones.map((z) => String((z as { id?: unknown }).id)) : undefined,
    warning: UNMANAGED,
  }),
});
