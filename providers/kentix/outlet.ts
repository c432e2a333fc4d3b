import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";
import { opt } from "./device-fields";

/** The name and dual-switch flag of one SmartPDU outlet (outlets come with the PDU; none is created or deleted). */
export const Outlet = existing({
  vendor: kentix,
  name: "Outlet",
  description:
    "The name and dual-switch flag of one outlet of a SmartPDU (outlets come with the PDU: the SmartAPI cannot create or delete them). Selected by `outletId` alone: the SmartAPI lists outlets only inside the SmartPDU overview, so there is no listing to find one by name. Switching an outlet on or off is an action, not a setting, and is not offered. Create reads the outlet, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "outletId" },
  routes: { read: "GET /api/outlets/{id}", update: "PATCH /api/outlets/{id}" },
  fields: {
    outletId: field(z.string().regex(/^\d+$/, { error: 'must be the numeric id of an outlet, e.g. "1"' }), {
      description: "Id of the outlet (from the SmartPDU overview's `outlets`).",
      replaceOnChanges: true,
      wire: "id",
    }),
    name: opt(z.string().min(1).max(255), 'Name of the outlet (e.g. "1-1").'),
    switchDual: opt(
      z.boolean().nullable(),
      "Whether the mirrored outlet of a dual SmartPDU (or a rack with one line-A and one line-B device) is switched with this one; null: not set.",
      "switch_dual",
    ),
  },
});
