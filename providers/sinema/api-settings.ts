import { z } from "zod";
import { defineResource } from "../core/resource/define";
import { field, wireAsNamed } from "../core/resource/schema";
import { settings, sinema } from "./client";

/** The API server's own settings. */
export const ApiSettings = defineResource({
  vendor: sinema,
  name: "ApiSettings",
  description:
    "Settings of the API server. Only the token lifetime is managed: switching the API off (`active: false`) would cut the provider off mid-run, and starting the trial is a one-time action; both stay in the web interface. Destroy leaves the setting (`retain`) or writes back the value found before (`restore`).",
  singleton: true,
  idFor: () => "apisettings",
  updateMerge: true,
  routes: settings("/services/apisettings"),
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: wireAsNamed({
    tokenExpireTime: field(z.number().int().min(1), {
      description:
        "Lifetime of an API token. The manual gives no unit (Siemens' own client says days); a token that expires mid-run is renewed once, transparently.",
    }),
  }),
  example: `new sinema.ApiSettings("api", { connection: rc, tokenExpireTime: 1 });`,
});
