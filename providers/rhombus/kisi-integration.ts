import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireAsNamed } from "../core/resource/schema";
import { rhombus } from "./client";

const ruuid = z
  .string()
  .regex(/^[A-Za-z0-9_-]{22}$/, { error: "must be a Rhombus id: 22 characters of A-Z, a-z, 0-9, _ and -" });
const kisiId = (what: string) => z.string().regex(/^\d{1,10}$/, { error: `must be the numeric id of a Kisi ${what}` });
const flag = (description: string) => field(z.boolean().optional(), { description });

const door = z.strictObject(
  wireAsNamed({
    assignedCameraList: field(z.array(ruuid).optional(), {
      description: "Rhombus cameras that film this door.",
      unordered: true,
    }),
    locationUuid: field(ruuid.optional(), {
      description:
        "The Rhombus location of the door (one per door: a door under several locations is reported as misconfigured).",
    }),
    clipDuration: field(z.number().int().min(0).max(3600).optional(), {
      description: "Seconds of video saved per badge event.",
    }),
    leadingSeconds: field(z.number().int().min(0).max(3600).optional(), {
      description: "Seconds of video before the badge event.",
    }),
    remoteUnlock: flag("Allow unlocking the door from Rhombus."),
  }),
);

const place = z.strictObject({
  ...wireAsNamed({
    alertUnauthorizedFaces: flag("Alert when the face at a badge event is not the badge holder's."),
    createSeekPoints: flag("Mark badge events on the camera timelines."),
    identifyFacesFromBadge: flag("Link faces seen at the door to the badge holder."),
    saveClips: flag("Save video clips of badge events."),
  }),
  doors: field(z.record(kisiId("door"), door).optional(), {
    description: "Doors of the place by Kisi door id (the door name comes from Kisi).",
    wire: "doorInfoMap",
  }),
});

/** The Kisi badge integration of one Rhombus organization (the V2 operations). */
export const KisiIntegration = settings({
  vendor: rhombus,
  name: "KisiIntegration",
  description:
    "The Kisi access-control integration of the Rhombus organization the API key belongs to: one per organization (declare it once; two stacks would overwrite each other). Managed with Rhombus's current V2 operations (get, update, delete); the API documentation's `updateKisiIntegration` is marked deprecated in Rhombus's OpenAPI and is not used. Updates are read-modify-write: the settings object is read, the declared settings are put over it, and what Rhombus computes (each place's `webhookId` and `rhombusToken`, the audit map, organization and user ids, door names) goes back as read, never as nulls. Only the place-based settings model is offered (not the legacy top-level `placeId`/`doorToCameraMap`). Errors Rhombus reports inside HTTP 200 answers fail the operation. Destroy: `retain` (default), `disable` (enabled: false) or `delete`.",
  mayBeUnset: true,
  id: "kisi",
  updateMerge: "deep",
  envelope: "kisiSettings",
  routes: {
    read: "POST /api/integrations/accessControl/getKisiIntegrationV2",
    update: "POST /api/integrations/accessControl/updateKisiIntegrationV2",
    delete: "POST /api/integrations/accessControl/deleteKisiIntegrationV2",
  },
  deletePolicy: { default: "retain", options: ["retain", "disable", "delete"], disable: { enabled: false } },
  fields: {
    enabled: field(z.boolean(), { description: "Whether the integration is on." }),
    apiSecretKey: field(z.string().min(1), {
      description:
        "The Kisi API key Rhombus uses to reach Kisi. Secret and write-only: Rhombus does not return it, so it is sent with every update and refresh cannot see it change.",
      secret: true,
      writeOnly: true,
    }),
    defaultOptions: field(
      z
        .strictObject(
          wireAsNamed({
            defaultOptionsEnabled: flag("Whether these defaults apply to places without settings of their own."),
            alertUnauthorizedFaces: flag("Default: alert on unauthorized faces."),
            createSeekPoints: flag("Default: mark badge events on camera timelines."),
            identifyFacesFromBadge: flag("Default: identify faces from badges."),
            saveClips: flag("Default: save clips of badge events."),
          }),
        )
        .optional(),
      { description: "Defaults for places." },
    ),
    places: field(z.record(kisiId("place"), place).optional(), {
      description:
        "Settings per Kisi place, by place id (see `getKisiPlaces` in the Rhombus console or API). The declared places are all the places: one not declared is removed.",
      wire: "placeToSettingsMap",
    }),
  },
  computed: {
    orgUuid: field(z.string().nullable(), {
      description: "The Rhombus organization.",
      computed: true,
      wire: "orgUuid",
    }),
    doorsValidated: field(z.boolean().nullable(), {
      description: "Whether Rhombus validated the door configuration.",
      computed: true,
      wire: "doorsValidated",
    }),
  },
  // The key is write-only on Rhombus's side: every write carries the declared one, never what a read returned.
  toWire: (body, inputs) => ({ ...body, integration: "KISI", apiSecretKey: inputs.apiSecretKey }),
  // Rhombus sends null for "not reported": dropped, so an undeclared nested setting is not drift.
  fromWire: (wire) => dropNulls(wire) as Record<string, unknown>,
});

function dropNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropNulls);
  if (!value || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => [k, dropNulls(v)]),
  );
}
