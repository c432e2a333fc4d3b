/**
 * SNMP credentials ("SNMP hosts", seed L8724-9420) at `/api/snmpcredentials` (the seed has no path; chosen here).
 * List (paginated), `/names`, create, `GET /{id}` (the seed declares `{host_id}` an integer), PATCH/PUT, DELETE.
 * Create, get and update answer the bare object (the seed's samples), **with both SNMPv3 passwords as null** (the
 * samples show null while the request carries one): they are stored, never returned. No timestamps. Rules: the
 * seed's enums (`version` 2|3, `mode` 1..3, `authentication_protocol` 1..3, `privacy_protocol` 1,2,3,4,9,20..24),
 * `name`, `version`, `mode` required on create; "Only required for ..." checked on the object as it would be after
 * the write: `community` for v2, `username` for v3, `address` and `port` for modes 2 and 3, `heartbeat_interval`
 * for mode 3 ("The community field is required when version is 2."). An `id` sent on create is ignored.
 */
import type { CollectionDef, Input } from "./collection";
import { msg, type ValidationErrors } from "./laravel";
import { checkFields, isFilled, pick, type FieldRules } from "./rules";
import type { Row } from "./store";

const TRAPS = [
  "cold_start",
  "warm_start",
  "login",
  "alarm",
  "structured_alarm",
  "alarm_state_change",
  "access",
  "structured_access",
];
const RULES: FieldRules = {
  is_active: { type: "bool" },
  version: { type: "int", oneOf: [2, 3] },
  mode: { type: "int", oneOf: [1, 2, 3] },
  address: { type: "string", nullable: true, max: 255 },
  port: { type: "int", nullable: true, min: 1, max: 65535 },
  name: { type: "string", filled: true, max: 255 },
  ...Object.fromEntries(TRAPS.map((t) => [`send_${t}_trap`, { type: "bool" } as const])),
  username: { type: "string", nullable: true, max: 255 },
  community: { type: "string", nullable: true, max: 255 },
  authentication_protocol: { type: "int", nullable: true, oneOf: [1, 2, 3] },
  authentication_password: { type: "string", nullable: true, max: 255 },
  privacy_protocol: { type: "int", nullable: true, oneOf: [1, 2, 3, 4, 9, 20, 21, 22, 23, 24] },
  privacy_password: { type: "string", nullable: true, max: 255 },
  heartbeat_interval: { type: "int", nullable: true, min: 1 },
};
const DEFAULTS = {
  is_active: true,
  address: null,
  port: null,
  ...Object.fromEntries(TRAPS.map((t) => [`send_${t}_trap`, false])),
  username: null,
  community: null,
  authentication_protocol: 1,
  authentication_password: null,
  privacy_protocol: 1,
  privacy_password: null,
  heartbeat_interval: null,
};

export const snmpcredentials: CollectionDef = {
  name: "snmpcredentials",
  model: "SnmpHost",
  keyOrder: ["id", "is_active", "version", "mode", "address", "port", "name", ...TRAPS.map((t) => `send_${t}_trap`)],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => ({ ...row, authentication_password: null, privacy_password: null }),

  create(input, _db, errors) {
    checkFields(input, RULES, errors);
    for (const key of ["name", "version", "mode"]) if (!(key in input)) errors.add(key, msg.required(key));
    const fields = { ...DEFAULTS, ...pick(input, Object.keys(RULES)) };
    requireApplicable(fields, errors);
    return fields;
  },

  update(input, row, _db, errors) {
    checkFields(input, RULES, errors);
    const { id: _id, ...fields } = pick(input, Object.keys(RULES));
    requireApplicable({ ...row, ...fields }, errors);
    return fields;
  },

  complete: (fields) => ({ name: "", version: 2, mode: 1, ...DEFAULTS, community: "public", ...fields }),
  deleteBlocker: () => undefined,
};

function requireApplicable(o: Input | Row, errors: ValidationErrors): void {
  const need = (key: string, other: string, value: unknown) => {
    if (!errors.has(key) && !isFilled(o[key])) errors.add(key, msg.requiredIf(key, other, value));
  };
  if (o.version === 2) need("community", "version", 2);
  if (o.version === 3) need("username", "version", 3);
  if (o.mode === 2 || o.mode === 3) {
    need("address", "mode", o.mode);
    need("port", "mode", o.mode);
  }
  if (o.mode === 3) need("heartbeat_interval", "mode", 3);
}
