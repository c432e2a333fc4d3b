import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** The API server's own settings. */
export const ApiSettings = settings({
  vendor: sinema,
  name: "ApiSettings",
  description:
    "Settings of the API server. Only the token lifetime is managed: switching the API off (`active: false`) would cut the provider off mid-run, and starting the trial is a one-time action; both stay in the web interface. Destroy leaves the setting (`retain`) or writes back the value found before (`restore`).",
  id: "apisettings",
  updateMerge: true,
  routes: settingsRoutes("/services/apisettings"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    tokenExpireTime: field(z.number().int().min(1), {
      description:
        "Lifetime of an API token. The manual gives no unit (Siemens' own client says days); a token that expires mid-run is renewed once, transparently.",
    }),
  },
});
