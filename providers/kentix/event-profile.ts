import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { kentix } from "./client";

/** When and what an event does: bound to alarm groups or to outputs. Alarm groups name one in `eventId`. */
export const EventProfile = collection({
  vendor: kentix,
  name: "EventProfile",
  description:
    "An event profile: event times bound to alarm groups (`type: group`) or to outputs (`type: output`); an `AlarmGroup` names one in `eventId`. The create call is an upsert on the appliance (an `id` in the body overwrites that profile), so the provider never sends one; a create whose answer was lost is looked up by name, never sent again.",
  naturalKey: ["name"],
  routes: {
    list: "GET /api/eventprofiles",
    create: "POST /api/eventprofiles",
    read: "GET /api/eventprofiles/{id}",
    update: "PATCH /api/eventprofiles/{id}",
    delete: "DELETE /api/eventprofiles/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the profile; identifies it on the appliance." }),
    type: field(z.enum(["group", "output"]).optional(), {
      description: "Whether the profile applies to alarm groups (`groups`) or to outputs (`outputs`).",
    }),
    groupIds: field(z.array(ref("AlarmGroup")).optional(), {
      description: "Alarm groups the profile applies to (with `type: group`); compared as a set.",
      unordered: true,
      wire: "groups",
    }),
    outputIds: field(z.array(ref("IoModule")).optional(), {
      description: "Outputs (IO ids) the profile applies to (with `type: output`); compared as a set.",
      unordered: true,
      wire: "outputs",
    }),
    blockingProfileIds: field(z.array(z.number().int().min(0)).optional(), {
      description:
        "Ids of the related blocking profiles. The SmartAPI documentation has no blocking-profile calls, so these are plain ids; compared as a set.",
      unordered: true,
      wire: "blockingprofiles",
    }),
    eventTimes: field(z.array(z.record(z.string().min(1), z.unknown())).optional(), {
      description:
        "The events of the profile, as the appliance takes them. The SmartAPI documentation hides the element's keys, so each entry is passed through as declared (the shape the appliance's own profile shows) and validated by the appliance.",
      wire: "eventtimes",
    }),
  },
  computed: {
    createdAt: field(z.string().nullable(), { description: "When the appliance created the profile.", computed: true }),
    updatedAt: field(z.string().nullable(), { description: "When the appliance last changed it.", computed: true }),
  },
  rules(inputs, fail) {
    const type = inputs.type ?? "group";
    if (type === "group" && inputs.outputIds?.length) fail("outputIds", "applies only with type: output");
    if (type === "output" && inputs.groupIds?.length) fail("groupIds", "applies only with type: group");
  },
});
