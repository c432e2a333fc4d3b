import { z } from "zod";
import { registration } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { httpsOnly, primis } from "./client";

/** A mobile device registered to the configured Primis user: one licence seat. */
export const DeviceRegistration = registration({
  vendor: primis,
  name: "DeviceRegistration",
  description:
    "A mobile device registered to the profile's Primis user; each registered phoneId takes one mobile-device licence seat. Create registers it (a login with that phoneId; the tokens of that login are discarded, never stored), destroy deregisters it and frees the seat, a phoneId change replaces it (deregistering first, so no second seat is needed). Declare the profile's own `phoneId` to make the seat the provider uses visible and release it on destroy. The Mobile API cannot list registrations, so refresh cannot see a device deregistered elsewhere: the state keeps what was registered.",
  routes: { create: "POST /api/mobile/login", delete: "DELETE /api/mobile/registration" },
  id: (inputs) => inputs.phoneId,
  deleteBeforeReplace: true,
  fields: {
    phoneId: field(z.string().min(1).max(200).regex(/^\S+$/, { error: "must not contain spaces" }), {
      description:
        "The device id (opaque; assigned by the mobile application or chosen by the operator). Keep it stable: every distinct value takes a licence seat.",
      replaceOnChanges: true,
      wire: "phoneId",
    }),
  },
  computed: {
    isAdmin: field(z.boolean().nullable(), {
      description: "Whether the user is a Primis administrator (from the registration answer).",
      computed: true,
      wire: "isAdmin",
    }),
    zoneAccess: field(z.number().nullable(), {
      description: "The user's privilege on controlled-area configuration (0: none; other values undocumented).",
      computed: true,
      wire: "zoneAccess",
    }),
  },
  rules: httpsOnly,
  deleteBody: (inputs) => ({ phoneId: inputs.phoneId }),
  // Requests say `phoneId`, answers `phone-id`.
  fromWire: (wire) => ({ ...wire, phoneId: wire["phone-id"] ?? wire.phoneId }),
});
