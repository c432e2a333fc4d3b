/**
 * Time profiles (seed L10760-10990): create, read, update, and **no delete** (DELETE answers 405). GET by id answers
 * a one-element array (sample `[ { } ]`); writes answer the object, as for the other collections. `name` is required on create and not
 * unique (the seed says nothing); `flagstring` is 168 hex digits (the seed's sample; its description, "ISO 8601
 * Timestamp", is a copy-paste slip). `id`, `created_at`, `updated_at` in a body are ignored (never an upsert).
 */
import type { CollectionDef } from "./collection";
import { msg, type ValidationErrors } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";
import { asId, type Input } from "./collection";
import type { Db } from "./store";

const RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  flagstring: { type: "custom" },
  exceptionday_profile_id: { type: "int", nullable: true, min: 0 },
};
const ALL_OFF = "0".repeat(168);

export const timeprofiles: CollectionDef = {
  name: "timeprofiles",
  model: "Timeprofile",
  keyOrder: ["id", "created_at", "updated_at", "name", "flagstring", "exceptionday_profile_id"],
  listItem: (view) => view,
  show: (view) => [view],
  view: (row) => row,

  create(input, db, errors) {
    validate(input, db, errors);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { flagstring: ALL_OFF, exceptionday_profile_id: null, ...pick(input, Object.keys(RULES)) };
  },

  update(input, _row, db, errors) {
    validate(input, db, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ name: "", flagstring: ALL_OFF, exceptionday_profile_id: null, ...fields }),
};

function validate(input: Input, db: Db, errors: ValidationErrors): void {
  checkFields(input, RULES, errors);
  const profile = asId(input.exceptionday_profile_id);
  if (!errors.has("exceptionday_profile_id") && profile !== undefined && !db.exceptiondays.get(profile))
    errors.add("exceptionday_profile_id", msg.invalid("exceptionday_profile_id"));
  if (!("flagstring" in input)) return;
  const f = input.flagstring;
  if (typeof f !== "string") errors.add("flagstring", msg.string("flagstring"));
  else if (f.length !== 168) errors.add("flagstring", "The flagstring must be 168 characters.");
  else if (!/^[0-9a-fA-F]+$/.test(f)) errors.add("flagstring", "The flagstring format is invalid.");
}
