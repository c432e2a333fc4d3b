import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

const host = z.string().regex(/^[A-Za-z0-9.:-]+$/, { error: "must be an IP address or a host name" });

/** Time synchronisation of the server. */
export const NtpSettings = settings({
  vendor: sinema,
  name: "NtpSettings",
  description:
    "NTP servers and time zone of the server (writing them turns NTP on). Destroy leaves them (`retain`), writes back the values found before (`restore`; turns NTP off again if it was off) or turns NTP off (`delete`).",
  id: "ntp",
  updateMerge: true,
  routes: {
    ...settingsRoutes("/system/dateandtime/ntp", {
      primaryNtp: "NTP is off on the server",
      timezone: "the server reports no time zone",
    }),
    delete: "DELETE /system/dateandtime/ntp",
  },
  // NTP off (no primary server) cannot be written with the settings write (the server is required): delete turns it off.
  deletePolicy: {
    default: "retain",
    options: ["retain", "restore", "delete"],
    restoreByDelete: (before) => "primaryNtp" in before && !before.primaryNtp,
  },
  fields: {
    primaryNtp: field(host.optional(), {
      description:
        "Primary NTP server (IP address or FQDN). Every write needs it: leave it out only where the server has one (NTP on).",
    }),
    secondNtp: field(host.optional(), { description: "Secondary NTP server (the wire name is `secondNtp`)." }),
    timezone: field(
      z
        .string()
        .regex(/^[+-]\d{2}:\d{2}$/, { error: 'must be an offset from UTC such as "+01:00"' })
        .optional(),
      {
        description:
          'Time zone as an offset from UTC, "+HH:MM" or "-HH:MM". Every write needs it (the server\'s is kept when left out).',
      },
    ),
  },
});
