/**
 * Door locks (seed L2852-3290): hardware taught in on a host device, so the API has no create and no delete
 * (POST and DELETE answer 405). GET by id answers the bare object (sample L2880 ff.); PATCH/PUT change the
 * configuration. `id`, `device_id`, `type` and `batterylevel` are in the seed's update schema but are the
 * device's own: sent values are ignored. References must exist (time profiles, alarm groups, webhooks); cameras
 * are not emulated, so camera ids are only checked as integers.
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import type { Db } from "./store";

const BYPASS = [0, 5, 10, 15, 30, 45, 60, 90, 120];
const RULES: FieldRules = {
  is_active: { type: "bool" },
  is_teachin_default: { type: "bool" },
  name: { type: "string", filled: true, max: 255 },
  signal_zonestate: { type: "bool" },
  coupletime: { type: "int", min: 0 },
  doubleauth_mode: { type: "int", nullable: true, oneOf: [0, 1, 2, 3] },
  doubleauth_timeprofile_id: { type: "int", nullable: true, min: 0 },
  log_level: { type: "int", oneOf: [1, 2, 3, 4] },
  timeprofile_mode: { type: "int", oneOf: [0, 1, 2] },
  timeprofile_id: { type: "int", min: 0 },
  group_id: { type: "int", min: 0 },
  armlevel: { type: "int", oneOf: [0, 1, 2, 3, 4] },
  webhooks: { type: "custom" },
  cameras: { type: "custom" },
  reed_bypass_time: { type: "int", oneOf: BYPASS },
  reed_bypass_buzzer_time: { type: "int", oneOf: BYPASS },
  sabotage: { type: "custom" },
  reed_assignment: { type: "string", filled: true },
  reed_delay: { type: "int", min: 0 },
  reed_warning_active: { type: "bool" },
  reed_warning_delay: { type: "int", min: 0 },
};

/** A lock as the seed's sample shows it (L2898-2926), the defaults of a lock inserted out of band. */
export const DOORLOCK_DEFAULTS = {
  device_id: 1,
  is_active: true,
  is_teachin_default: false,
  name: "",
  type: 21,
  signal_zonestate: false,
  coupletime: 3,
  doubleauth_mode: 0,
  doubleauth_timeprofile_id: 0,
  log_level: 1,
  timeprofile_mode: 0,
  timeprofile_id: 0,
  group_id: 0,
  armlevel: 0,
  webhooks: [],
  cameras: [],
  batterylevel: "full",
  reed_bypass_time: 30,
  reed_bypass_buzzer_time: 30,
  sabotage: { active: false },
  reed_assignment: "off",
  reed_delay: 3600,
  reed_warning_active: true,
  reed_warning_delay: 1800,
};

/** Two taught-in locks, for `startKentix({doorlocks: SEEDED_DOORLOCKS})`. */
export const SEEDED_DOORLOCKS = [
  { id: 1, name: "Frontdoor" },
  { id: 2, name: "Server room", device_id: 1, batterylevel: "half" },
];

export const doorlocks: CollectionDef = {
  name: "doorlocks",
  model: "Doorlock",
  keyOrder: ["id", ...Object.keys(DOORLOCK_DEFAULTS)],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => row,

  update(input, _row, db, errors) {
    validate(input, db, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ ...DOORLOCK_DEFAULTS, ...fields }),
};

function validate(input: Input, db: Db, errors: ValidationErrors): void {
  checkFields(input, RULES, errors);
  const exists = (key: string, table: "alarmgroups" | "webhooks" | "timeprofiles", id: number) => {
    if (id !== 0 && !db[table].get(id)) errors.add(key, msg.invalid(key));
  };
  for (const [key, table] of [
    ["timeprofile_id", "timeprofiles"],
    ["doubleauth_timeprofile_id", "timeprofiles"],
    ["group_id", "alarmgroups"],
  ] as const) {
    const id = asId(input[key]);
    if (key in input && !errors.has(key) && id !== undefined) exists(key, table, id);
  }
  for (const key of ["webhooks", "cameras"] as const) {
    if (!(key in input)) continue;
    const list = input[key];
    if (!Array.isArray(list)) {
      errors.add(key, msg.array(key));
      continue;
    }
    list.forEach((v, i) => {
      const id = typeof v === "number" && Number.isInteger(v) && v >= 0 ? v : undefined;
      if (id === undefined) errors.add(`${key}.${i}`, msg.integer(`${key}.${i}`));
      else if (key === "webhooks") exists(`${key}.${i}`, "webhooks", id);
    });
  }
  if (
    "sabotage" in input &&
    (typeof input.sabotage !== "object" || input.sabotage === null || Array.isArray(input.sabotage))
  )
    errors.add("sabotage", msg.array("sabotage"));
}
