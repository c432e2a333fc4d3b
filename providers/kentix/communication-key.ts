import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** The key the appliance's bus and satellite devices communicate with (one per appliance). */
export const CommunicationKey = settings({
  vendor: kentix,
  name: "CommunicationKey",
  description:
    "The appliance's communication key (security settings), a secret: encrypted in state, shown in drift only as a secret value. Changing it may affect every device that communicates with the appliance. Only the key is managed here: the PIN length and RFID mode that the same call shows belong to `AccessSettings`. Destroy leaves the key as it is (`retain`, the only policy: putting the previous key back would cut off the devices that use the current one, and keep a copy of the old key in state).",
  id: "communication-key",
  routes: { read: "GET /api/communicationkey", update: "PATCH /api/communicationkey" },
  deletePolicy: { default: "retain", options: ["retain"] },
  fields: {
    communicationKey: field(z.string().min(1).max(255), {
      description: "The communication key (e.g. from `config.requireSecret(...)`).",
      secret: true,
      wire: "communication-key",
    }),
  },
});
