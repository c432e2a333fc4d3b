import { membership } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { sinema } from "./client";

/** A directed "may communicate with" edge between two participant groups. */
export const CommunicationRelation = membership({
  vendor: sinema,
  name: "CommunicationRelation",
  description:
    'Members of the source group may communicate with the members of the destination group. The relation has no id and no update call: its id here is `<source>:<destination>`, and any change replaces it. Adopt an existing relation with `adopt: "<source>:<destination>"`.',
  routes: {
    create: "POST /connections/groups/destination/{sourceGroupId}",
    read: "GET /connections/groups/destination/{sourceGroupId}",
    delete: "DELETE /connections/groups/destination/{sourceGroupId}",
  },
  // The listing under the source group names the destination groups.
  readFromList: (item, inputs) => String(item.id) === String(inputs.destinationGroupId),
  pair: ["sourceGroupId", "destinationGroupId"],
  id: (inputs) => `${String(inputs.sourceGroupId)}:${String(inputs.destinationGroupId)}`,
  fields: {
    sourceGroupId: field(ref("ParticipantGroup"), {
      description: "The source group (in the path of every call; not part of what the server returns).",
      replaceOnChanges: true,
      writeOnly: true,
      wire: "sourceGroupId",
    }),
    destinationGroupId: field(ref("ParticipantGroup"), {
      description: "The destination group.",
      replaceOnChanges: true,
      wire: "destinationId",
    }),
  },
  toWire: (body) => ({ destinationId: body.destinationId }),
  fromWire: (item) => ({ destinationId: item.id }),
  deleteBody: (inputs) => ({ destinationId: Number(inputs.destinationGroupId) }),
});
