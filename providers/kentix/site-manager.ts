import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";
import { address, deviceName, membership, noneAsNull, nullAsNone, ownId, webhookRelations } from "./device-fields";

/** The configuration of a SiteManager the appliance knows (a device; the API cannot create or delete it). */
export const SiteManager = existing({
  vendor: kentix,
  name: "SiteManager",
  description:
    "The configuration of a SiteManager device the appliance knows (devices are taught in on the hardware; the SmartAPI cannot create or delete them). Select it by `siteManagerId`, or by `name` alone (exactly one SiteManager must have it): with the id, `name` renames the device; without it, changing `name` selects another device. Create reads the device, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "siteManagerId", name: "name" },
  routes: {
    list: "GET /api/sitemanagers",
    read: "GET /api/sitemanagers/{id}",
    update: "PATCH /api/sitemanagers/{id}",
  },
  fields: {
    siteManagerId: ownId("SiteManager"),
    name: deviceName("SiteManager", "siteManagerId"),
    ...membership,
    address,
    webhookRelations,
  },
  computed: {
    macAddress: field(z.string().nullable(), {
      description: "Hardware (MAC) address of the device; read-only (in the update schema, but the device's own).",
      computed: true,
      wire: "mac_address",
    }),
    type: field(z.number().nullable(), { description: "Device type code (113 for a SiteManager).", computed: true }),
  },
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
