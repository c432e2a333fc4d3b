/**
 * Racks (seed "Rack List" ff., L6890-7170) at `/api/racks` (the seed has no path; the plural of the model, as for
 * every other collection). The create call takes **only `name` and `group_id`** (L6914-6930) and answers the full
 * object (L6940); every other field is ignored there, as Laravel ignores fields without a rule. The update call
 * (L7025-7090) takes the rest. `GET /{id}` and writes answer the bare object (L7005, L7110). `group_id` an existing
 * alarm group or null; `ios` a list of integers (IOs are not emulated); `devices`, `webhooks` lists of objects and
 * `synchronicity`, `activepower` objects whose keys the seed hides (stored as sent). Delete always allowed (the
 * seed names no guard; devices keep their `rack_id`).
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { isPlainObject, msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import type { Db } from "./store";

const CREATE_RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  group_id: { type: "int", nullable: true, min: 0 },
};
const RULES: FieldRules = {
  ...CREATE_RULES,
  is_active: { type: "bool" },
  description: { type: "string", nullable: true, max: 255 },
  devices: { type: "custom" },
  ios: { type: "custom" },
  synchronicity: { type: "custom" },
  activepower: { type: "custom" },
  webhooks: { type: "custom" },
};
const DEFAULTS = {
  group_id: null,
  is_active: true,
  description: "",
  devices: [],
  ios: [],
  synchronicity: {},
  activepower: {},
  webhooks: [],
};

export const racks: CollectionDef = {
  name: "racks",
  model: "Rack",
  keyOrder: [
    "group_id",
    "id",
    "is_active",
    "name",
    "description",
    "devices",
    "ios",
    "synchronicity",
    "activepower",
    "webhooks",
  ],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => row,

  create(input, db, errors) {
    validate(input, CREATE_RULES, db, errors);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { ...DEFAULTS, ...pick(input, Object.keys(CREATE_RULES)) };
  },

  update(input, _row, db, errors) {
    validate(input, RULES, db, errors);
    const { id: _id, ...fields } = pick(input, Object.keys(RULES));
    return fields;
  },

  complete: (fields) => ({ name: "", ...DEFAULTS, ...fields }),
  deleteBlocker: () => undefined,
};

function validate(input: Input, rules: FieldRules, db: Db, errors: ValidationErrors): void {
  checkFields(input, rules, errors);
  const group = asId(input.group_id);
  if (!errors.has("group_id") && group && !db.alarmgroups.get(group)) errors.add("group_id", msg.invalid("group_id"));
  if (!("ios" in rules)) return;
  for (const key of ["devices", "webhooks"] as const) {
    if (!(key in input)) continue;
    const list = input[key];
    if (!Array.isArray(list)) errors.add(key, msg.array(key));
    else list.forEach((v, i) => isPlainObject(v) || errors.add(`${key}.${i}`, msg.array(`${key}.${i}`)));
  }
  if ("ios" in input) {
    const ios = input.ios;
    if (!Array.isArray(ios)) errors.add("ios", msg.array("ios"));
    else
      ios.forEach((v, i) => {
        if (typeof v !== "number" || !Number.isInteger(v) || v < 0) errors.add(`ios.${i}`, msg.integer(`ios.${i}`));
      });
  }
  for (const key of ["synchronicity", "activepower"] as const)
    if (key in input && !isPlainObject(input[key])) errors.add(key, msg.array(key));
}
