import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { codec, field, wireEnum } from "../core/resource/schema";
import { settings as settingsRoutes, sinema } from "./client";

/** "HH:MM:SS" (UTC); the manual prints the format as "hh: mm: ss", so spaces a server may send are dropped on read. */
const clock = codec(
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d:[0-5]\d$/, { error: 'must be a UTC time "HH:MM:SS", e.g. "02:30:00"' }),
  {
    kind: "time",
    toWire: (v) => v,
    fromWire: (v) => (typeof v === "string" ? v.replace(/\s+/g, "") : v),
    canon: (v) => (typeof v === "string" ? v.replace(/\s+/g, "") : v),
    describe: 'UTC time "HH:MM:SS"',
  },
);

/** Automatic backups of the server's configuration (System > Backup & restore). */
export const BackupSettings = settings({
  vendor: sinema,
  name: "BackupSettings",
  description:
    "Automatic backup copies: how many are kept, how often and when they are made, and the key that encrypts them. The key cannot be read back, so every declared setting travels with every write. Backup copies themselves (create, restore, export, import) are actions, not settings. Destroy leaves the settings (`retain`) or turns automatic backups off (`disable`: interval `disabled`); `restore` is not offered because the previous key cannot be read.",
  id: "backup",
  updateMerge: true,
  routes: settingsRoutes("/system/backup/settings"),
  deletePolicy: { default: "retain", options: ["retain", "disable"], disable: { interval: "disabled" } },
  fields: {
    maxNrOfBackups: field(z.number().int().min(0).optional(), {
      description: "Maximum number of local backup copies.",
    }),
    interval: field(
      wireEnum({ disabled: 0, daily: 1, everySunday: 2, everySaturday: 3, firstDayOfMonth: 4 }).optional(),
      { description: "How often a backup copy is made automatically." },
    ),
    time: field(clock.optional(), { description: "Time of the automatic backup, UTC." }),
    codingKey: field(z.string().min(1).optional(), {
      description:
        "Key that encrypts the backup files. Secret. The server never returns it, so drift on it cannot be seen.",
      secret: true,
      writeOnly: true,
    }),
  },
  writeTogether: [["maxNrOfBackups", "interval", "time", "codingKey"]],
});
