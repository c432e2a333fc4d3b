import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const WELL_KNOWN = "/.well-known/openid-configuration";

/** Login through an OAuth/OpenID identity provider (Services > OAuth/OpenID; licence-bound). */
export const OidcSettings = settings({
  vendor: sinema,
  name: "OidcSettings",
  description:
    "The OAuth/OpenID identity provider users may log in with (the server holds one). Writing the settings turns OAuth/OpenID on; every write sends all five values (the POST requires them). `clientSecret` is a secret: the server returns it, so a changed secret shows as drift of a secret value, never in plain text. No guard is needed: the settings add a login button and leave password and UMC logins, which this provider uses, as they are (the manual documents no switch that turns them off). A server without the licence answers 403. Destroy leaves the provider (`retain`) or removes it (`delete`: the manual's DELETE).",
  id: "oidc",
  routes: { ...settingsRoutes("/services/oidcsettings"), delete: "DELETE /services/oidcsettings" },
  deletePolicy: { default: "retain", options: ["retain", "delete"] },
  fields: {
    clientId: field(z.string().min(1), { description: "Client id the identity provider assigned." }),
    clientSecret: field(z.string().min(1), {
      description:
        "Client secret the identity provider assigned. Secret (the server returns it; drift shows as a secret).",
      secret: true,
    }),
    metadataUrl: field(
      z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).refine((u) => u.endsWith(WELL_KNOWN), {
        error: `must end with ${WELL_KNOWN}`,
      }),
      { description: `URL of the provider's OpenID configuration document; ends with \`${WELL_KNOWN}\`.` },
    ),
    providerDescription: field(z.string().min(1), {
      description: 'Text of the login page\'s button on the "OAuth/OpenID" tab.',
    }),
    clientRedirectUrl: field(z.url({ error: "must be a URL" }), {
      description: "Redirect URL of the SINEMA RC client's requests to the application registration server.",
    }),
  },
  computed: {
    active: field(z.boolean().nullable(), { description: "OAuth/OpenID is on.", computed: true }),
    redirectUrl: field(z.string().nullable(), {
      description: "URL the identity provider returns to (register it with the provider).",
      computed: true,
    }),
  },
  writeTogether: [["clientId", "clientSecret", "metadataUrl", "providerDescription", "clientRedirectUrl"]],
});
