import { z } from "zod";
import { defineResource } from "../core/resource/define";
import { field, wireAsNamed } from "../core/resource/schema";
import { settings, sinema } from "./client";

/** Idle time after which the web interface ends a session. */
export const AutoLogout = defineResource({
  vendor: sinema,
  name: "AutoLogout",
  description:
    "The web interface's session time (automatic logout). Destroy leaves it (`retain`) or writes back the value found before (`restore`).",
  singleton: true,
  idFor: () => "autologout",
  routes: settings("/system/settings/autologout"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: wireAsNamed({
    wbmAutoLogoutTime: field(z.number().int().min(1), {
      description: "Minutes of inactivity after which the web interface logs a user out.",
    }),
  }),
  example: `new sinema.AutoLogout("logout", { connection: rc, wbmAutoLogoutTime: 15 });`,
});
