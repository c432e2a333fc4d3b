import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";

/** Language and temperature unit of the appliance (one per appliance). */
export const LocaleSettings = settings({
  vendor: kentix,
  name: "LocaleSettings",
  description:
    "The language of the appliance (web interface, notifications, reports) and the unit it shows temperatures in. Destroy leaves them as they are (`retain`, the default) or writes back the values found at create (`restore`).",
  id: "locale",
  routes: { read: "GET /api/locale", update: "PATCH /api/locale" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    language: field(z.enum(["en", "de", "fr", "it", "es", "pt", "jp"]).optional(), {
      description: 'Language code ("jp" is the appliance\'s code for Japanese).',
    }),
    temperatureUnit: field(z.enum(["C", "F"]).optional(), { description: "Celsius or Fahrenheit." }),
  },
});
