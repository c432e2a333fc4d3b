/**
 * AccessManagers (seed: "AccessManager List/Names/Details"): devices added on the hardware, so the API has no create
 * and no delete (POST and DELETE answer 405). GET by id answers the bare object (the seed's sample); PATCH/PUT change
 * the configuration. `id`, `type` and `mac_adress` (sic) are in the seed's update schema but are the device's own:
 * sent values are ignored. References must exist (alarm groups, webhooks, door locks); racks are not emulated, so a
 * rack id is only checked as an integer. `doorlocks`, `ios` and `external` have keys the seed hides: only their
 * JSON type is checked. The seed answers an update with `[ {} ]`; like the door locks, this answers the object
 * (the client unwraps a one-element array either way).
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import type { Db } from "./store";

const RULES: FieldRules = {
  is_active: { type: "bool" },
  name: { type: "string", filled: true, max: 255 },
  address: { type: "string", filled: true, max: 255 },
  doorlocks: { type: "custom" },
  ios: { type: "custom" },
  relais_action_arm: {
    type: "enum",
    values: ["none", "channel1", "channel2", "backchannel1", "backchannel2", "backchannel_inevitability"],
  },
  ext_arm_doorlocks: { type: "custom" },
  external: { type: "custom" },
  group_id: { type: "int", min: 0 },
  rack_id: { type: "int", min: 0 },
  webhooks: { type: "custom" },
};

/** A device as the seed's sample shows it, the defaults of one inserted out of band. */
export const ACCESSMANAGER_DEFAULTS = {
  type: 105,
  is_active: true,
  name: "",
  mac_adress: "70:82:0e:10:81:3d",
  address: "192.168.100.224",
  doorlocks: [],
  ios: [],
  relais_action_arm: "none",
  ext_arm_doorlocks: [],
  external: {},
  group_id: 0,
  rack_id: 0,
  webhooks: [],
};

/** Two devices, for `startKentix({accessmanagers: SEEDED_ACCESSMANAGERS})` or `insert`. */
export const SEEDED_ACCESSMANAGERS = [
  { id: 1, name: "AccessManager" },
  { id: 2, name: "AccessManager Satellite", mac_adress: "70:82:0e:10:81:3e", address: "192.168.100.225" },
];

export const accessmanagers: CollectionDef = {
  name: "accessmanagers",
  model: "Accessmanager",
  keyOrder: ["id", ...Object.keys(ACCESSMANAGER_DEFAULTS)],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => row,

  update(input, _row, db, errors) {
    validate(input, db, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ ...structuredClone(ACCESSMANAGER_DEFAULTS), ...fields }),
};

function validate(input: Input, db: Db, errors: ValidationErrors): void {
  checkFields(input, RULES, errors);
  const exists = (key: string, table: "alarmgroups" | "webhooks" | "doorlocks", id: number) => {
    if (id !== 0 && !db[table].get(id)) errors.add(key, msg.invalid(key));
  };
  const group = asId(input.group_id);
  if ("group_id" in input && !errors.has("group_id") && group !== undefined) exists("group_id", "alarmgroups", group);
  for (const [key, table] of [
    ["webhooks", "webhooks"],
    ["ext_arm_doorlocks", "doorlocks"],
  ] as const) {
    if (!(key in input)) continue;
    const list = input[key];
    if (!Array.isArray(list)) {
      errors.add(key, msg.array(key));
      continue;
    }
    list.forEach((v, i) => {
      const id = typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
      if (id === undefined) errors.add(`${key}.${i}`, msg.integer(`${key}.${i}`));
      else exists(`${key}.${i}`, table, id);
    });
  }
  for (const key of ["doorlocks", "ios"] as const) {
    if (!(key in input)) continue;
    const list = input[key];
    if (!Array.isArray(list) || list.some((v) => typeof v !== "object" || v === null || Array.isArray(v)))
      errors.add(key, msg.array(key));
  }
  if (
    "external" in input &&
    (typeof input.external !== "object" || input.external === null || Array.isArray(input.external))
  )
    errors.add("external", msg.array("external"));
}
