import { z } from "zod";
import { settings } from "../core/resource/archetypes";
import { field, wireEnum } from "../core/resource/schema";
import { kentix } from "./client";

const text = z.string().max(255);
const smb = (description: string) => field(text.min(1).nullable().optional(), { description });
const SMB = ["address", "share", "path", "username", "password"] as const;

/** Automatic backups of the appliance's configuration (one per appliance). */
export const AutoBackupSettings = settings({
  vendor: kentix,
  name: "AutoBackupSettings",
  description:
    'Automatic backups: when they are made, where they are stored (the SD card, or a network drive over SMB) and how long they are kept. The network-drive fields apply only with `type: "networkDrive"`, which needs `address` and `share`; the SMB password is secret (the appliance returns it, so drift on it shows as a secret). Making, downloading or restoring a backup and checking the SMB share are actions, not settings. Destroy leaves the settings as they are (`retain`, the default), writes back the values found at create (`restore`) or turns automatic backups off (`disable`).',
  id: "autobackup",
  routes: { read: "GET /api/autobackup", update: "PATCH /api/autobackup" },
  deletePolicy: { default: "retain", options: ["retain", "restore", "disable"], disable: { isActive: false } },
  fields: {
    isActive: field(z.boolean().optional(), { description: "Backups are made automatically." }),
    time: field(
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { error: 'must be a time of day "HH:mm", e.g. "02:30"' })
        .optional(),
      { description: 'Time of day the backup is made, "HH:mm".' },
    ),
    type: field(wireEnum({ sdCard: 1, networkDrive: 2 }).optional(), {
      description: "Where backups are stored: the SD card, or a network drive (SMB).",
    }),
    deleteAfterDays: field(z.number().int().min(0).max(7).optional(), {
      description: "Days a backup is kept, 1 to 7; 0 (never deleted) only on a network drive.",
    }),
    address: smb("Address of the network drive (SMB server). Required with a network drive."),
    share: smb("Name of the SMB share. Required with a network drive."),
    path: smb("Folder on the share."),
    username: smb("SMB user name."),
    password: field(text.min(1).nullable().optional(), {
      description: "SMB password. Secret; read back, so drift shows (as a secret).",
      secret: true,
    }),
    sendNotification: field(z.boolean().optional(), { description: "A notification is sent after each backup." }),
  },
  // The SMB fields depend on an enum, not a flag, so the check is a rule rather than a conditional group.
  rules(inputs, fail) {
    if (inputs.type === "networkDrive") {
      for (const k of ["address", "share"] as const)
        if (!inputs[k]) fail(k, 'is required with type "networkDrive" (the network drive to store backups on)');
      return;
    }
    for (const k of SMB)
      if (inputs[k] != null) fail(k, `applies only to a network drive; declare type: "networkDrive" to use it`);
    if (inputs.deleteAfterDays === 0)
      fail("deleteAfterDays", 'may be 0 (keep backups for ever) only with type "networkDrive"');
  },
});
