/**
 * Webhooks (seed L11368-11720). Response objects echo username and password in clear (L11505-11516) and,
 * by decision, also carry url. GET by id answers a one-element array (L11597).
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { msg, unprocessable, type ValidationErrors } from "./laravel";
import { checkFields, isFilled, pick, type FieldRules } from "./rules";
import type { Row } from "./store";

const RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  is_active: { type: "bool" },
  request_type: { type: "int", oneOf: [0, 1, 2, 3] }, // 0 POST, 1 GET, 2 PATCH, 3 DELETE
  content_type: { type: "int", oneOf: [0, 1, 2] }, // text/plain, application/json, application/xml
  url: { type: "string", filled: true, url: true },
  data: { type: "string", nullable: true },
  authentication_mode: { type: "int", oneOf: [0, 1, 2] }, // none, Basic, Bearer
  username: { type: "string", nullable: true },
  password: { type: "string", nullable: true },
};
const KEYS = Object.keys(RULES);

const DEFAULTS = {
  is_active: true,
  request_type: 0,
  content_type: 0,
  data: null,
  authentication_mode: 0,
  username: null,
  password: null,
};

export const webhooks: CollectionDef = {
  name: "webhooks",
  model: "Webhook",
  keyOrder: [
    "id",
    "name",
    "created_at",
    "updated_at",
    "is_active",
    "request_type",
    "content_type",
    "url",
    "data",
    "authentication_mode",
    "username",
    "password",
  ],
  listItem: (view) => view,
  show: (view) => [view],
  view: (row) => row,

  create(input, _db, errors) {
    checkFields(input, RULES, errors);
    for (const key of ["name", "url"]) if (!(key in input)) errors.add(key, msg.required(key));
    const fields = { ...DEFAULTS, ...pick(input, KEYS) };
    checkCredentials(fields, errors);
    return fields;
  },

  update(input, row, _db, errors) {
    checkFields(input, RULES, errors);
    const patch = pick(input, KEYS);
    checkCredentials({ ...row, ...patch }, errors);
    return patch;
  },

  complete: (fields) => ({ name: "", url: "", ...DEFAULTS, ...fields }),

  deleteBlocker(row, db) {
    const users = db.alarmgroups.filter(
      (g) =>
        Array.isArray(g.webhooks) && g.webhooks.some((w: { webhook_id?: unknown }) => asId(w?.webhook_id) === row.id),
    );
    if (!users.length) return undefined;
    const names = users.map((g: Row) => `${String(g.name)} (${g.id})`).join(", ");
    return unprocessable("webhook", `The webhook cannot be deleted because it is assigned to alarmgroups: ${names}.`);
  },
};

/** Basic auth (1) needs username and password; Bearer (2) needs username, which holds the token. Checked on the result. */
function checkCredentials(result: Input, errors: ValidationErrors): void {
  const mode = result.authentication_mode;
  if (errors.has("authentication_mode") || (mode !== 1 && mode !== 2)) return;
  const needed = mode === 1 ? ["username", "password"] : ["username"];
  for (const key of needed) {
    if (!errors.has(key) && !isFilled(result[key])) errors.add(key, msg.requiredIf(key, "authentication_mode", mode));
  }
}
