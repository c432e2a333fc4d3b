import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { codec, field, instant, intEnum, ref, wireEnum, optional as opt } from "../core/resource/schema";
import { kentix } from "./client";

const upper = (v: unknown) => (typeof v === "string" ? v.toUpperCase() : v);
/** The appliance reads "no RFID" as the number 0 (the documentation's sample), which is no UID. */
const rfidUid = codec(
  z.string().regex(/^[0-9A-Fa-f]{8,32}$/, { error: "must be the card's UID as 8 to 32 hex digits" }),
  {
    kind: "string", // a string in the program (discovery looks it up with `config.requireSecret`)
    toWire: (v) => v,
    fromWire: (v) => (v === 0 || v === "0" ? null : String(v)),
    canon: upper,
    describe: "hex string (8 to 32 digits)",
  },
);

/** A person who logs in, books at door locks, or receives alarms. */
export const User = collection({
  vendor: kentix,
  name: "User",
  description:
    "A user of the appliance: web and app login, door access by RFID card or PIN, alarm notifications. `username` identifies the user (the appliance keeps it unique). The password is write-only: the appliance never returns it, so it is written when the declared value changes and refresh cannot see it changed; the PIN and RFID UID are read back (secrets in state), and the user's API token is a secret output.",
  naturalKey: ["username"],
  routes: {
    list: "GET /api/users",
    create: "POST /api/users",
    read: "GET /api/users/{id}",
    update: "PATCH /api/users/{id}",
    delete: "DELETE /api/users/{id}",
  },
  fields: {
    username: field(z.string().min(1).max(255), { description: "Login name; unique on the appliance." }),
    password: field(z.string().min(1).optional(), {
      description:
        "Password for the web interface (sent with its confirmation). Secret and write-only: never read back, written only when the declared value changes; `adopt` keeps the user's current password until the declared one changes.",
      secret: true,
      writeOnly: true,
    }),
    isActive: opt(z.boolean(), "Whether the user profile is active (appliance default: true)."),
    unlockAt: opt(instant().nullable(), "When the user is unlocked automatically; compared as an instant."),
    lockAt: opt(instant().nullable(), "When the user is locked automatically; compared as an instant."),
    autologout: opt(intEnum([5, 15, 30, 60, 120, 360, 720]).nullable(), "Minutes until automatic logout; null: never."),
    fullname: opt(z.string().max(255), "Full name."),
    email: opt(z.email({ error: "must be an e-mail address" }).nullable(), "E-mail address."),
    phone: opt(z.string().nullable(), "Mobile number (SMS notifications)."),
    description: opt(z.string().nullable(), "Free text."),
    isAdmin: opt(z.boolean(), "Whether the user is an administrator."),
    notificationChannels: field(z.record(z.string().min(1), z.unknown()).optional(), {
      description:
        "Notification channels by key. The SmartAPI documentation hides the keys (they differ per device), so any key is accepted and the appliance validates it; only the keys declared here are managed and compared.",
      declaredKeysOnly: true,
    }),
    rfidUid: field(rfidUid.nullable().optional(), {
      description:
        "UID of the user's RFID card (identifies the user at door locks); null: no RFID. Secret; read back, so drift shows (as a secret), compared without regard to case. The appliance reports no card as 0, read as null.",
      secret: true,
    }),
    pin: field(
      z
        .string()
        .regex(/^\d{4,10}$/, { error: "must be 4 to 10 digits" })
        .nullable()
        .optional(),
      {
        description:
          "PIN for door locks (its length is the access settings' PIN length, 4 to 10); null: no PIN. Secret; read back, so drift shows (as a secret).",
        secret: true,
      },
    ),
    levelprofiles: field(z.array(ref("LevelProfile")).optional(), {
      description:
        "Level profiles (which doors, when) the user has; compared as a set. Sent as `[{id}]` (the SmartAPI documentation shows a list of objects and hides their keys).",
      unordered: true,
    }),
    emergencyAccess: opt(z.boolean(), "Access while the assigned door locks are offline."),
    armdisarmMode: opt(
      wireEnum({ none: 0, disarmOnly: 1, armAndDisarm: 2 }),
      "Whether the user may arm and disarm the alarm system: not at all, disarm only, or both.",
    ),
    alarmgroups: field(z.array(ref("AlarmGroup")).optional(), {
      description: "Alarm groups whose alarms the user receives and whose devices the user sees; compared as a set.",
      unordered: true,
    }),
    usergroupId: opt(ref("UserGroup").nullable(), "The user group (permission role)."),
    usesCloud: opt(z.boolean(), "Access to the KentixONE cloud (login through the app)."),
    invoicegroups: field(z.array(ref("invoice group")).optional(), {
      description: "Invoice groups whose invoice reports the user receives (ids; the SmartAPI has no call for them).",
      unordered: true,
    }),
    rfidData: field(z.unknown().optional(), {
      description:
        "RFID data of the user, passed through as declared (the SmartAPI documentation gives no shape). Secret.",
      secret: true,
    }),
  },
  computed: {
    apiToken: field(z.string().nullable(), {
      description: "The user's own bearer token for the SmartAPI. Secret.",
      computed: true,
      secret: true,
    }),
  },
  // The appliance wants the password twice; level profiles go as objects and come back as objects.
  toWire(body) {
    const { levelprofiles, password } = body;
    const out = Array.isArray(levelprofiles) ? { ...body, levelprofiles: levelprofiles.map((id) => ({ id })) } : body;
    return password === undefined ? out : { ...out, password_confirmation: password };
  },
  fromWire(wire) {
    const { levelprofiles } = wire;
    if (!Array.isArray(levelprofiles)) return wire;
    const ids = levelprofiles.map((p) => (p && typeof p === "object" ? (p as { id?: unknown }).id : p));
    return { ...wire, levelprofiles: ids };
  },
});
