/**
 * Users (seed L11932-12470) at `/api/users` (the seed has no path; real clients and issue 12 use it). The listing is
 * "a shortened list of all users": items carry `id`, `username`, `fullname`, `is_active` (the full object needs
 * `GET /{id}`, a bare object as in the seed's sample). `username` is required on create and unique ("Distinct
 * username"); `password` must match `password_confirmation` and is never returned; `api_token` (the user's bearer
 * token) is generated on create; `rfid_uid` reads as the number 0 while unset (the seed's sample). The element shape of
 * `levelprofiles` is hidden by the seed: this emulator takes `[{id}]` (ids of existing level profiles).
 */
import { createHash, randomBytes } from "node:crypto";
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { isPlainObject, msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import type { Db } from "./store";

const RULES: FieldRules = {
  username: { type: "string", filled: true, max: 255 },
  password: { type: "string", filled: true },
  is_active: { type: "bool" },
  unlock_at: { type: "instant", nullable: true },
  lock_at: { type: "instant", nullable: true },
  autologout: { type: "int", nullable: true, oneOf: [5, 15, 30, 60, 120, 360, 720] },
  fullname: { type: "string", nullable: true, max: 255 },
  email: { type: "string", nullable: true, max: 255 },
  phone: { type: "string", nullable: true },
  description: { type: "string", nullable: true },
  is_admin: { type: "bool" },
  notification_channels: { type: "custom" },
  rfid_uid: { type: "custom" },
  levelprofiles: { type: "custom" },
  pin: { type: "custom" },
  emergency_access: { type: "bool" },
  armdisarm_mode: { type: "int", min: 0, max: 2 },
  alarmgroups: { type: "custom" },
  usergroup_id: { type: "int", nullable: true, min: 0 },
  uses_cloud: { type: "bool" },
  invoicegroups: { type: "custom" },
  rfid_data: { type: "custom" },
};
/** What is stored; `password` is kept apart (never in a view). */
const KEYS = Object.keys(RULES).filter((k) => k !== "password");

const DEFAULTS = {
  is_active: true,
  unlock_at: null,
  lock_at: null,
  autologout: null,
  fullname: "",
  email: null,
  phone: null,
  description: null,
  is_admin: false,
  notification_channels: {},
  rfid_uid: 0,
  levelprofiles: [],
  pin: null,
  emergency_access: false,
  armdisarm_mode: 0,
  alarmgroups: [],
  usergroup_id: null,
  uses_cloud: false,
  invoicegroups: [],
  rfid_data: null,
};

/** How the emulator stores a password (never the password itself). */
export const passwordHash = (password: string) => createHash("sha256").update(password).digest("hex");

/** The seed's sample: 36 characters of digits and capitals. */
const newApiToken = () => randomBytes(18).toString("hex").toUpperCase();

export const users: CollectionDef = {
  name: "users",
  model: "User",
  // The seed's response sample order.
  keyOrder: [
    "id",
    "username",
    "is_active",
    "unlock_at",
    "lock_at",
    "autologout",
    "fullname",
    "email",
    "phone",
    "description",
    "is_admin",
    "api_token",
    "notification_channels",
    "rfid_uid",
    "levelprofiles",
    "pin",
    "emergency_access",
    "armdisarm_mode",
    "alarmgroups",
    "usergroup_id",
    "uses_cloud",
    "invoicegroups",
    "rfid_data",
  ],
  listItem: ({ id, username, fullname, is_active }) => ({ id, username, fullname, is_active }),
  show: (view) => view,
  // The password (hashed on a device) is never part of an answer.
  view: ({ password: _password, ...row }) => row,

  create(input, db, errors) {
    validate(input, db, errors, undefined);
    if (!("username" in input)) errors.add("username", msg.required("username"));
    return { ...DEFAULTS, ...stored(input), api_token: newApiToken() };
  },

  update(input, row, db, errors) {
    validate(input, db, errors, row.id);
    return stored(input);
  },

  complete: (fields) => ({ username: "", ...DEFAULTS, api_token: newApiToken(), ...fields }),
  deleteBlocker: () => undefined,
};

/** The fields to store: null disables RFID (read back as 0, as the seed's sample shows). */
function stored(input: Input): Record<string, unknown> {
  const fields = pick(input, KEYS);
  if ("rfid_uid" in fields && fields.rfid_uid === null) fields.rfid_uid = 0;
  // Kept as a hash (as a device would), so a test can tell which password was set without it being stored.
  if ("password" in input) fields.password = passwordHash(String(input.password));
  return fields;
}

function validate(input: Input, db: Db, errors: ValidationErrors, selfId: number | undefined): void {
  checkFields(input, RULES, errors);
  if (typeof input.username === "string" && !errors.has("username")) {
    if (db.users.some((u) => u.username === input.username && u.id !== selfId))
      errors.add("username", msg.taken("username"));
  }
  if ("password" in input && !errors.has("password") && input.password_confirmation !== input.password)
    errors.add("password", "The password confirmation does not match.");
  if ("notification_channels" in input && !isPlainObject(input.notification_channels))
    errors.add("notification_channels", msg.array("notification_channels"));
  const rfid = input.rfid_uid;
  if ("rfid_uid" in input && rfid !== null && !(typeof rfid === "string" && /^[0-9A-Fa-f]{1,32}$/.test(rfid)))
    errors.add("rfid_uid", "The rfid uid must be a hex string of at most 32 characters.");
  const pin = input.pin;
  if ("pin" in input && pin !== null && !(typeof pin === "string" && /^\d{4,10}$/.test(pin)))
    errors.add("pin", "The pin must be between 4 and 10 digits.");
  const group = asId(input.usergroup_id);
  if (!errors.has("usergroup_id") && group !== undefined && !db.usergroups.get(group))
    errors.add("usergroup_id", msg.invalid("usergroup_id"));
  ids(input, "alarmgroups", errors, (id) => !!db.alarmgroups.get(id));
  ids(input, "invoicegroups", errors, () => true); // invoice groups have no endpoint in the seed
  if (!("levelprofiles" in input)) return;
  const profiles = input.levelprofiles;
  if (!Array.isArray(profiles)) return errors.add("levelprofiles", msg.array("levelprofiles"));
  const table = (db as Record<string, Db["users"] | undefined>).levelprofiles; // level profiles may not be emulated
  profiles.forEach((p, i) => {
    const key = `levelprofiles.${i}.id`;
    const id = isPlainObject(p) ? p.id : undefined;
    if (typeof id !== "number" || !Number.isInteger(id)) errors.add(key, msg.integer(key));
    else if (table && !table.get(id)) errors.add(key, msg.invalid(key));
  });
}

/** A list of integer ids, each passing `exists`. */
function ids(input: Input, key: string, errors: ValidationErrors, exists: (id: number) => boolean): void {
  if (!(key in input)) return;
  const list = input[key];
  if (!Array.isArray(list)) return errors.add(key, msg.array(key));
  list.forEach((v, i) => {
    const k = `${key}.${i}`;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) errors.add(k, msg.integer(k));
    else if (!exists(v)) errors.add(k, msg.invalid(k));
  });
}
