/**
 * VdS lines (seed "Get VdS lines" ff.) at `/api/vdslines` (the seed has no path; chosen here). List (paginated),
 * `/names`, create, `GET /{id}`, PATCH/PUT, DELETE. Create, get and update answer the bare object `{id, line,
 * alarmtype}` (the seed's samples); no timestamps. `line` a required integer ≥ 0, not unique (the seed says
 * nothing); `alarmtype` one of the seed's five values, required on create. An `id` sent on create is ignored.
 */
import type { CollectionDef } from "./collection";
import { msg } from "./laravel";
import { checkFields, pick, type FieldRules } from "./rules";

export const VDS_ALARM_TYPES = ["armed-active", "always-active", "fire", "tampering", "arm-disarm"] as const;
const RULES: FieldRules = {
  line: { type: "int", min: 0 },
  alarmtype: { type: "enum", values: VDS_ALARM_TYPES },
};

export const vdslines: CollectionDef = {
  name: "vdslines",
  model: "VdsLine",
  keyOrder: ["id", "line", "alarmtype"],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => row,

  create(input, _db, errors) {
    checkFields(input, RULES, errors);
    for (const key of Object.keys(RULES)) if (!(key in input)) errors.add(key, msg.required(key));
    return pick(input, Object.keys(RULES));
  },

  update(input, _row, _db, errors) {
    checkFields(input, RULES, errors);
    return pick(input, Object.keys(RULES));
  },

  complete: (fields) => ({ line: 1, alarmtype: "armed-active", ...fields }),
  deleteBlocker: () => undefined,
};
