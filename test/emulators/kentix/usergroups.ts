/**
 * Usergroups (seed L11123-11366). name "Must be unique." (L11183); permissions is an object whose keys the
 * seed hides, so the key set below is this emulator's assumption. GET by id answers a one-element array (L11270).
 */
import type { CollectionDef, Input } from "./collection";
import { isPlainObject, msg, type ValidationErrors } from "./laravel";
import { checkFields, type FieldRules } from "./rules";
import type { Db } from "./store";

/** The emulator's permission keys (assumption, not from the seed). */
export const USERGROUP_PERMISSIONS = [
  "alarmgroups.view",
  "alarmgroups.edit",
  "alarmgroups.arm",
  "devices.view",
  "devices.edit",
  "doorlocks.view",
  "doorlocks.open",
  "events.view",
  "users.view",
  "users.edit",
  "webhooks.edit",
  "system.settings",
] as const;

const RULES: FieldRules = { name: { type: "string", filled: true, max: 255 }, permissions: { type: "custom" } };

export const usergroups: CollectionDef = {
  name: "usergroups",
  model: "Usergroup",
  keyOrder: ["id", "name", "created_at", "updated_at", "permissions"],
  listItem: (view) => view,
  show: (view) => [view],
  view: (row) => row,

  create(input, db, errors) {
    validate(input, db, errors, undefined);
    if (!("name" in input)) errors.add("name", msg.required("name"));
    return { name: input.name, permissions: fullPermissions(input.permissions) };
  },

  update(input, row, db, errors) {
    validate(input, db, errors, row.id);
    const patch: Record<string, unknown> = {};
    if ("name" in input) patch.name = input.name;
    // Sending permissions replaces the whole map: keys left out fall back to false.
    if ("permissions" in input) patch.permissions = fullPermissions(input.permissions);
    return patch;
  },

  complete: (fields) => ({ name: "", ...fields, permissions: fullPermissions(fields.permissions) }),

  deleteBlocker: () => undefined, // the seed names no guard: users keep the id of a deleted group
};

function validate(input: Input, db: Db, errors: ValidationErrors, selfId: number | undefined): void {
  checkFields(input, RULES, errors);
  if (typeof input.name === "string" && !errors.has("name")) {
    const taken = db.usergroups.some((g) => g.name === input.name && g.id !== selfId);
    if (taken) errors.add("name", msg.taken("name"));
  }
  if (!("permissions" in input)) return;
  const permissions = input.permissions;
  if (!isPlainObject(permissions)) return errors.add("permissions", msg.array("permissions"));
  for (const [key, value] of Object.entries(permissions)) {
    const field = `permissions.${key}`;
    if (!(USERGROUP_PERMISSIONS as readonly string[]).includes(key))
      errors.add(field, "The selected permission is invalid.");
    else if (typeof value !== "boolean") errors.add(field, msg.boolean(field));
  }
}

/** Every known key, false unless given. */
function fullPermissions(given: unknown): Record<string, boolean> {
  const source = isPlainObject(given) ? given : {};
  return Object.fromEntries(USERGROUP_PERMISSIONS.map((key) => [key, source[key] === true]));
}
