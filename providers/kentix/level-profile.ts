import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { kentix } from "./client";

/** Which doors, and when: users are given level profiles. */
export const LevelProfile = collection({
  vendor: kentix,
  name: "LevelProfile",
  description:
    "A level profile (access profile): the door locks its users may open, during a time profile. Users are assigned level profiles. The SmartAPI documentation does not show what the create call answers, so when the answer carries no id the new profile is found by its name.",
  naturalKey: ["name"],
  routes: {
    list: "GET /api/levelprofiles",
    create: "POST /api/levelprofiles",
    read: "GET /api/levelprofiles/{id}",
    update: "PATCH /api/levelprofiles/{id}",
    delete: "DELETE /api/levelprofiles/{id}",
  },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the profile; identifies it on the appliance." }),
    timeProfileId: field(ref("TimeProfile").nullable().optional(), {
      description: "The time profile during which the profile's door locks may be opened.",
      wire: "timeprofile_id",
    }),
    doorLockIds: field(z.array(ref("DoorLock")).optional(), {
      description: "Door locks the profile opens (a `DoorLock`'s `id`, or `doorLockByName`); compared as a set.",
      unordered: true,
      wire: "doorlocks",
    }),
  },
  computed: {
    createdAt: field(z.string().nullable(), { description: "When the appliance created the profile.", computed: true }),
    updatedAt: field(z.string().nullable(), { description: "When the appliance last changed it.", computed: true }),
  },
});
