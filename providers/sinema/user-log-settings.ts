import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** Connection tracking for the user log (System > User log). */
export const UserLogSettings = settings({
  vendor: sinema,
  name: "UserLogSettings",
  description:
    'Whether the server records user activities in the user log ("Connection tracking active"). Written only when it differs from the server (the manual answers 409 to switching on what is on). The log\'s entries are records, not configuration. Destroy leaves the setting (`retain`) or writes back the value found before (`restore`).',
  id: "userlog",
  routes: settingsRoutes("/system/userlog"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    userLogTracing: field(z.boolean(), { description: "Record user activities in the user log." }),
  },
});
