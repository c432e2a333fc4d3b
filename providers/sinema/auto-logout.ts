import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** Idle time after which the web interface ends a session. */
export const AutoLogout = settings({
  vendor: sinema,
  name: "AutoLogout",
  description:
    "The web interface's session time (automatic logout). Destroy leaves it (`retain`) or writes back the value found before (`restore`).",
  id: "autologout",
  routes: settingsRoutes("/system/settings/autologout"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    wbmAutoLogoutTime: field(z.number().int().min(1), {
      description: "Minutes of inactivity after which the web interface logs a user out.",
    }),
  },
});
