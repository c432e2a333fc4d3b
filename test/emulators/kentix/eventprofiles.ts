/**
 * Event profiles (seed "Eventprofile List" ff., L10496-10760) at `/api/eventprofiles` (the seed has no path; the
 * plural of its model, as for the other collections). The create call is an **upsert** ("if not given, a new
 * eventprofile with the given data will be added"): a POST whose `id` names an existing profile overwrites it (200).
 * Every answer the seed shows is `[ { } ]`, so `GET /{id}`, create and update answer a one-element array with the
 * object. `name` required on create, not unique (the seed says nothing); `type` `group` or `output` (default
 * `group`); `groups` existing alarm groups; `outputs` and `blockingprofiles` integers (neither is emulated);
 * `eventtimes` a list of objects whose keys the seed hides (stored as sent). Delete always allowed.
 */
import type { CollectionDef, Input } from "./collection";
import { isPlainObject, msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import type { Db } from "./store";

const RULES: FieldRules = {
  blockingprofiles: { type: "custom" },
  groups: { type: "custom" },
  name: { type: "string", filled: true, max: 255 },
  outputs: { type: "custom" },
  type: { type: "enum", values: ["group", "output"] },
  eventtimes: { type: "custom" },
};
const DEFAULTS = { blockingprofiles: [], groups: [], outputs: [], type: "group", eventtimes: [] };

export const eventprofiles: CollectionDef = {
  name: "eventprofiles",
  model: "Eventprofile",
  keyOrder: ["blockingprofiles", "groups", "id", "name", "outputs", "type", "eventtimes", "created_at", "updated_at"],
  listItem: (view) => view,
  show: (view) => [view],
  created: (view) => [view],
  view: (row) => row,
  upsert: true,

  create(input, db, errors) {
    validate(input, db, errors);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { ...DEFAULTS, ...pick(input, Object.keys(RULES)) };
  },

  update(input, _row, db, errors) {
    validate(input, db, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ name: "", ...DEFAULTS, ...fields }),
  deleteBlocker: () => undefined,
};

function validate(input: Input, db: Db, errors: ValidationErrors): void {
  checkFields(input, RULES, errors);
  for (const key of ["blockingprofiles", "groups", "outputs"] as const) {
    if (!(key in input)) continue;
    const list = input[key];
    if (!Array.isArray(list)) {
      errors.add(key, msg.array(key));
      continue;
    }
    list.forEach((v, i) => {
      const k = `${key}.${i}`;
      if (typeof v !== "number" || !Number.isInteger(v) || v < 0) errors.add(k, msg.integer(k));
      else if (key === "groups" && !db.alarmgroups.get(v)) errors.add(k, msg.invalid(k));
    });
  }
  if (!("eventtimes" in input)) return;
  const times = input.eventtimes;
  if (!Array.isArray(times)) return errors.add("eventtimes", msg.array("eventtimes"));
  times.forEach((t, i) => isPlainObject(t) || errors.add(`eventtimes.${i}`, msg.array(`eventtimes.${i}`)));
}
