/**
 * Level profiles (seed L4908-5105) at `/api/levelprofiles` (the seed has no path; chosen by issue 12): list,
 * names, create, `GET /{id}`, PATCH/PUT, DELETE. Every answer of the seed is `[ { } ]` (hidden), so reads and
 * updates answer a one-element array with the object, and **create answers a one-element array without the id**
 * (the worst case a client must handle: it finds the new profile by name). `name` required on create, not unique
 * (the seed says nothing); `timeprofile_id` an existing time profile or null (0 reads as none); `doorlocks` a list
 * of existing lock ids. Delete is always allowed (the seed names no guard, even for a profile users hold).
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import type { Db } from "./store";

const RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  timeprofile_id: { type: "int", nullable: true, min: 0 },
  doorlocks: { type: "custom" },
};

export const levelprofiles: CollectionDef = {
  name: "levelprofiles",
  model: "Levelprofile",
  keyOrder: ["id", "name", "timeprofile_id", "doorlocks", "created_at", "updated_at"],
  listItem: (view) => view,
  show: (view) => [view],
  created: ({ id: _id, ...view }) => [view],
  view: (row) => row,

  create(input, db, errors) {
    validate(input, db, errors);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { timeprofile_id: null, doorlocks: [], ...pick(input, Object.keys(RULES)) };
  },

  update(input, _row, db, errors) {
    validate(input, db, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ name: "", timeprofile_id: null, doorlocks: [], ...fields }),
  deleteBlocker: () => undefined,
};

function validate(input: Input, db: Db, errors: ValidationErrors): void {
  checkFields(input, RULES, errors);
  const profile = asId(input.timeprofile_id);
  if (!errors.has("timeprofile_id") && profile && !db.timeprofiles.get(profile))
    errors.add("timeprofile_id", msg.invalid("timeprofile_id"));
  if (!("doorlocks" in input)) return;
  const locks = input.doorlocks;
  if (!Array.isArray(locks)) return errors.add("doorlocks", msg.array("doorlocks"));
  locks.forEach((v, i) => {
    const key = `doorlocks.${i}`;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) errors.add(key, msg.integer(key));
    else if (!db.doorlocks.get(v)) errors.add(key, msg.invalid(key));
  });
}
