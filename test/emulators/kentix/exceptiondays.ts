/**
 * Exception-day profiles (seed L3302-3570). The create call is an **upsert**: "The ID of the profile (if not
 * included a new profile with the given data will be created)", so a POST with the id of an existing profile
 * overwrites it (200) and one without creates (201). GET by id answers a one-element array
 * (sample `[ { } ]`); writes answer the object. `name` required, not unique (the seed says nothing). `days` is a list of objects whose
 * keys the seed hides: stored and returned as sent. Delete is always allowed (the seed names no guard).
 */
import type { CollectionDef, Input } from "./collection";
import { isPlainObject, msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";

const RULES: FieldRules = { name: { type: "string", filled: true, max: 255 }, days: { type: "custom" } };

export const exceptiondays: CollectionDef = {
  name: "exceptiondays",
  model: "ExceptiondayProfile",
  keyOrder: ["id", "name", "days", "created_at", "updated_at"],
  listItem: (view) => view,
  show: (view) => [view],
  view: (row) => row,
  upsert: true,

  create(input, _db, errors) {
    validate(input, errors);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { days: [], ...pick(input, Object.keys(RULES)) };
  },

  update(input, _row, _db, errors) {
    validate(input, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ name: "", days: [], ...fields }),
  deleteBlocker: () => undefined,
};

function validate(input: Input, errors: ValidationErrors): void {
  checkFields(input, RULES, errors);
  if (!("days" in input)) return;
  if (!Array.isArray(input.days)) return errors.add("days", msg.array("days"));
  input.days.forEach((d, i) => {
    if (!isPlainObject(d)) errors.add(`days.${i}`, msg.array(`days.${i}`));
  });
}
