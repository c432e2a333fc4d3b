/**
 * Reports (seed "Report List" ff., L7171-7420) at `/api/reports` (the seed has no path; chosen here). List
 * (paginated), `/names`, create, `GET /{id}`, PATCH/PUT, DELETE (the seed declares `{report}` an integer).
 * Create, get and update answer the bare object `{id, name, type, interval_mode}` (the seed's samples); no
 * timestamps. `name` required on create, not unique (the seed says nothing); `type` 0 or 1; `interval_mode` 1..4.
 * The request sample carries an `id`; this emulator ignores it on create (never an upsert: the seed does not say).
 */
import type { CollectionDef } from "./collection";
import { msg } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";

const RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  type: { type: "int", oneOf: [0, 1] },
  interval_mode: { type: "int", oneOf: [1, 2, 3, 4] },
};
const DEFAULTS = { type: 0, interval_mode: 1 };

export const reports: CollectionDef = {
  name: "reports",
  model: "Report",
  keyOrder: ["id", "name", "type", "interval_mode"],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => row,

  create(input, _db, errors) {
    checkFields(input, RULES, errors);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { ...DEFAULTS, ...pick(input, Object.keys(RULES)) };
  },

  update(input, _row, _db, errors) {
    checkFields(input, RULES, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ name: "", ...DEFAULTS, ...fields }),
  deleteBlocker: () => undefined,
};
