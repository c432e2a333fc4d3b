/**
 * Devices configured through the SmartAPI but taught in on the hardware (seed "Alarmmanager/MultiSensor List, Names,
 * Details, Update configuration"): no create and no delete (POST and DELETE answer 405). The seed prints no paths;
 * these are the third-party clients' `/api/alarmmanagers` and `/api/multisensors`. GET by id answers the bare
 * object (the seed's sample); PATCH/PUT change the configuration and answer the object. `id`, `device_id`, `type`
 * and `type_name` are in the seed's update schema but are the device's own: sent values are ignored. `group_id` must
 * name an existing alarm group (0 or null: none) and `rack_id` an existing rack (0 or null: none). `monitoring`,
 * `fire`, `intrusion`, `external` and `output` have keys the seed hides: only their JSON type is checked and they are
 * merged key by key; `webhooks` must be a list of objects. MultiSensor `ir_*` fields are accepted from a
 * MultiSensor-TI only (the seed marks them "[MultiSensor-TI only]"); `ir_emissivity` is a string of a number.
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { msg, type ValidationErrors } from "./laravel";
import { checkFields, type FieldRules, pick } from "./rules";
import type { CollectionName, Db, Row } from "./store";

const OBJECTS = ["monitoring", "fire", "intrusion", "external", "output", "alarmvalue"] as const;
const SENSOR_RULES: FieldRules = {
  is_active: { type: "bool" },
  name: { type: "string", filled: true, max: 255 },
  description: { type: "string", nullable: true, max: 255 },
  address: { type: "string", filled: true, max: 255 },
  alarmdelay: { type: "int", min: 0 },
  ...Object.fromEntries(OBJECTS.filter((k) => k !== "alarmvalue").map((k) => [k, { type: "custom" } as const])),
  group_id: { type: "int", nullable: true, min: 0 },
  rack_id: { type: "int", nullable: true, min: 0 },
  webhooks: { type: "custom" },
};
const IR_RULES: FieldRules = {
  ir_color_mode: { type: "enum", values: ["color", "gray"] },
  ir_custom_range: { type: "bool" },
  ir_distance: { type: "int", min: 0 },
  ir_emissivity: { type: "custom" },
  ir_max_value: { type: "int" },
  ir_min_value: { type: "int" },
};

/** An AlarmManager as the seed's sample shows it (the defaults of one inserted out of band). */
export const ALARMMANAGER_DEFAULTS = {
  device_id: 1,
  is_active: true,
  name: "",
  description: "",
  type: 101,
  type_name: "Alarmmanager",
  address: "192.168.0.1",
  alarmdelay: 10,
  monitoring: { temperature: { min: 10, max: 35 } },
  fire: { active: true },
  intrusion: { active: false },
  group_id: 0,
  rack_id: null,
  external: { mode: 0 },
  output: { buzzer: false },
  webhooks: [],
};

/** A MultiSensor as the seed's sample shows it (a MultiSensor-RF: the ir_* fields are a TI's). */
export const MULTISENSOR_DEFAULTS = {
  ...ALARMMANAGER_DEFAULTS,
  type: 1,
  type_name: "MultiSensor-RF",
  address: "192.168.0.2",
  ir_color_mode: "color",
  ir_custom_range: true,
  ir_distance: 250,
  ir_emissivity: "0.9499999999999999996",
  ir_max_value: 1500,
  ir_min_value: 1000,
};

export const SEEDED_ALARMMANAGERS = [
  { id: 2, name: "AlarmManager", description: "Alarmmanager main hall" },
  { id: 3, name: "AlarmManager Annex", address: "192.168.0.3" },
];
export const SEEDED_MULTISENSORS = [
  { id: 4, name: "MultiSensor", description: "MultiSensor main hall" },
  { id: 5, name: "MultiSensor TI", type_name: "MultiSensor-TI", address: "192.168.0.5" },
];

function deviceCollection(
  name: CollectionName,
  model: string,
  defaults: Record<string, unknown>,
  rules: (row: Row) => FieldRules,
): CollectionDef {
  return {
    name,
    model,
    keyOrder: ["id", ...Object.keys(defaults)],
    listItem: (view) => view,
    show: (view) => view,
    view: (row) => row,
    update(input, row, db, errors) {
      const r = rules(row);
      validate(input, r, db, errors);
      return mergeObjects(pick(input, Object.keys(r)), row, OBJECTS);
    },
    complete: (fields) => ({ ...structuredClone(defaults), ...fields }),
  };
}

export const alarmmanagers = deviceCollection(
  "alarmmanagers",
  "Alarmmanager",
  ALARMMANAGER_DEFAULTS,
  () => SENSOR_RULES,
);
export const multisensors = deviceCollection("multisensors", "Multisensor", MULTISENSOR_DEFAULTS, (row) =>
  row.type_name === "MultiSensor-TI" ? { ...SENSOR_RULES, ...IR_RULES } : SENSOR_RULES,
);

function validate(input: Input, rules: FieldRules, db: Db, errors: ValidationErrors): void {
  for (const key of Object.keys(IR_RULES))
    if (key in input && !(key in rules)) errors.add(key, `The ${key.replace(/_/g, " ")} field is prohibited.`);
  checkFields(input, rules, errors);
  existingRefs(input, db, errors);
  objectsOnly(input, OBJECTS, errors);
  if ("webhooks" in input) objectList(input, "webhooks", errors);
  if ("ir_emissivity" in rules && "ir_emissivity" in input) {
    const v = input.ir_emissivity;
    if (typeof v !== "string" || !/^\d+(\.\d+)?$/.test(v) || Number(v) <= 0 || Number(v) > 1)
      errors.add("ir_emissivity", msg.invalid("ir_emissivity"));
  }
}

/**
 * Cameras (seed "Camera List/Names/Details", "Update a camera via the ID") at `/api/cameras`. The update call takes
 * another set of fields than GET shows: `image_count` and `prebuffer_count` are stored but never shown; `is_active`,
 * `stream_path`, `alarm_assignments`, `group_id`, `rack_id` and `webhooks` are not accepted (ignored, as Laravel
 * ignores fields without a rule). `passsword` (sic) is returned in clear, as the seed's sample shows. A prebuffer
 * is refused on an indoor camera and above `image_count`. The seed answers an update with `[ { } ]`; this answers the
 * object (the client unwraps a one-element array either way).
 */
const CAMERA_RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  camera_location: { type: "enum", values: ["indoor", "outdoor"] },
  protocol: { type: "enum", values: ["http", "https"] },
  address: { type: "string", filled: true, max: 255 },
  profile: { type: "string", filled: true, max: 255 },
  capture_path: { type: "string", filled: true, max: 4096 },
  username: { type: "string", nullable: true, max: 255 },
  passsword: { type: "string", nullable: true, max: 255 },
  append_mail: { type: "bool" },
  image_count: { type: "int", min: 0 },
  prebuffer_count: { type: "int", min: 0 },
};
const WRITE_ONLY = ["image_count", "prebuffer_count"];

export const CAMERA_DEFAULTS = {
  is_active: true,
  name: "",
  camera_location: "outdoor",
  protocol: "http",
  address: "192.168.100.2",
  profile: "ipro",
  capture_path: "/image/picture.png",
  stream_path: "/video/",
  username: "user",
  passsword: "password",
  append_mail: false,
  alarm_assignments: [],
  group_id: 0,
  rack_id: 0,
  webhooks: [],
  image_count: 10,
  prebuffer_count: 4,
};
export const SEEDED_CAMERAS = [
  { id: 1, name: "Camera" },
  { id: 2, name: "Camera Lobby", camera_location: "indoor", address: "192.168.100.3", prebuffer_count: 0 },
];

export const cameras: CollectionDef = {
  name: "cameras",
  model: "Camera",
  keyOrder: ["id", ...Object.keys(CAMERA_DEFAULTS).filter((k) => !WRITE_ONLY.includes(k))],
  listItem: (view) => view,
  show: (view) => view,
  view: (row) => Object.fromEntries(Object.entries(row).filter(([k]) => !WRITE_ONLY.includes(k))),
  update(input, row, _db, errors) {
    checkFields(input, CAMERA_RULES, errors);
    const next = { ...row, ...pick(input, Object.keys(CAMERA_RULES)) };
    if (!errors.has("prebuffer_count") && Number(next.prebuffer_count) > 0) {
      if (next.camera_location !== "outdoor")
        errors.add("prebuffer_count", "The prebuffer count is only available for outdoor cameras.");
      else if (Number(next.prebuffer_count) > Number(next.image_count))
        errors.add("prebuffer_count", "The prebuffer count may not be greater than image count.");
    }
    return pick(input, Object.keys(CAMERA_RULES));
  },
  complete: (fields) => ({ ...structuredClone(CAMERA_DEFAULTS), ...fields }),
};

/**
 * SiteManagers (seed "Sitemanager List/Names/Details") at `/api/sitemanagers` and Network-Sensors (seed
 * "Network-Sensor ...") at `/api/networksensors` (the seed has no paths): like the AlarmManagers; `mac_address` and
 * `type` sent in an update are ignored. Network-Sensor rules: `service_type` ping/port, `port` 1..65535,
 * `service_interval` an integer ≥ 1, `protocol` http/https, `alarmvalue` an object (keys hidden, merged key by key).
 */
const MEMBER_RULES: FieldRules = {
  is_active: { type: "bool" },
  name: { type: "string", filled: true, max: 255 },
  address: { type: "string", filled: true, max: 255 },
  group_id: { type: "int", nullable: true, min: 0 },
  rack_id: { type: "int", nullable: true, min: 0 },
  webhooks: { type: "custom" },
};
export const SITEMANAGER_DEFAULTS = {
  name: "",
  type: 113,
  is_active: true,
  address: "192.168.0.1",
  group_id: 0,
  mac_address: "12:34:56:78:90:ab",
  rack_id: null,
  webhooks: [],
};
export const SEEDED_SITEMANAGERS = [
  { id: 1, name: "SiteManager" },
  { id: 6, name: "SiteManager Annex", address: "192.168.0.6", mac_address: "12:34:56:78:90:ac" },
];
export const NETWORKSENSOR_DEFAULTS = {
  is_active: true,
  type: 142,
  name: "",
  address: "192.168.0.1",
  port: 8080,
  description: "",
  service_type: "ping",
  service_interval: 180,
  protocol: "http",
  alarmvalue: { delay: 0 },
  group_id: 0,
  rack_id: null,
  webhooks: [],
};
export const SEEDED_NETWORKSENSORS = [
  { id: 2, name: "Network-Sensor", description: "Network-Sensor Server1" },
  { id: 7, name: "Network-Sensor Web", service_type: "port", port: 443, protocol: "https" },
];
export const sitemanagers = deviceCollection("sitemanagers", "Sitemanager", SITEMANAGER_DEFAULTS, () => MEMBER_RULES);
export const networksensors = deviceCollection("networksensors", "NetworkSensor", NETWORKSENSOR_DEFAULTS, () => ({
  ...MEMBER_RULES,
  description: { type: "string", nullable: true, max: 255 },
  service_type: { type: "enum", values: ["ping", "port"] },
  port: { type: "int", min: 1, max: 65535 },
  service_interval: { type: "int", min: 1 },
  protocol: { type: "enum", values: ["http", "https"] },
  alarmvalue: { type: "custom" },
}));

/**
 * SmartPDU outlets (seed "Outlet overview": Get outlet, Update outlet) at `/api/outlets/{id}` (the seed has no path;
 * ids come from the SmartPDU overview, which is not emulated): `{id, name, switch_dual}`, PATCH/PUT with `name` (a
 * non-empty string) and `switch_dual` (boolean or null), answering the object. No POST, no DELETE.
 */
export const OUTLET_DEFAULTS = { name: "", switch_dual: false };
export const SEEDED_OUTLETS = [
  { id: 1, name: "1-1" },
  { id: 2, name: "1-2", switch_dual: null },
];
export const outlets = deviceCollection("outlets", "Outlet", OUTLET_DEFAULTS, () => ({
  name: { type: "string", filled: true, max: 255 },
  switch_dual: { type: "bool", nullable: true },
}));

/**
 * SNMP-Sensors (seed "SNMP-Sensor List/Names/Details") at `/api/snmpsensors` (the seed has no path): no alarm group
 * or rack in the seed's sample. Rules: `snmp_oid` a string, `snmp_credential_id` an existing SNMP credential,
 * `alarmdelay` ≥ 0, `sendcycle` ≥ 1, `settings` an object (keys hidden, merged key by key), `webhooks` a list
 * (the seed: "Array of arrays"; elements stored as sent); the deprecated `snmp_connection_assignment` is ignored.
 */
export const SNMPSENSOR_DEFAULTS = {
  is_active: true,
  name: "",
  description: "",
  snmp_oid: ".1.1.1.1.1.1.1.1.1.1.1.1.1.1",
  snmp_credential_id: 1,
  alarmdelay: 10,
  sendcycle: 60,
  settings: { min: 0, max: 100 },
  snmp_connection_assignment: null,
  webhooks: [],
};
export const SEEDED_SNMPSENSORS = [
  { id: 2, name: "SNMP uptime", description: "Server 1 uptime" },
  { id: 8, name: "SNMP UPS load", snmp_oid: ".1.3.6.1.2.1.33.1.4.4.1.5.1" },
];
export const snmpsensors: CollectionDef = {
  ...deviceCollection("snmpsensors", "SnmpSensor", SNMPSENSOR_DEFAULTS, () => ({})),
  update(input, row, db, errors) {
    checkFields(
      input,
      {
        is_active: { type: "bool" },
        name: { type: "string", filled: true, max: 255 },
        description: { type: "string", nullable: true, max: 255 },
        snmp_oid: { type: "string", filled: true, max: 255 },
        snmp_credential_id: { type: "int", min: 1 },
        alarmdelay: { type: "int", min: 0 },
        sendcycle: { type: "int", min: 1 },
      },
      errors,
    );
    const cred = asId(input.snmp_credential_id);
    if ("snmp_credential_id" in input && !errors.has("snmp_credential_id") && cred && !db.snmpcredentials.get(cred))
      errors.add("snmp_credential_id", msg.invalid("snmp_credential_id"));
    if ("settings" in input && (typeof input.settings !== "object" || !input.settings || Array.isArray(input.settings)))
      errors.add("settings", msg.array("settings"));
    if ("webhooks" in input && !Array.isArray(input.webhooks)) errors.add("webhooks", msg.array("webhooks"));
    const keys = ["is_active", "name", "description", "snmp_oid", "snmp_credential_id", "alarmdelay", "sendcycle"];
    const out = pick(input, [...keys, "settings", "webhooks"]);
    if (out.settings) out.settings = { ...(row.settings as object), ...(out.settings as object) };
    return out;
  },
};

/**
 * SmartMeters (seed "SmartMeter List/Names/Details") at `/api/smartmeters` (the seed has no path): the seed's enums
 * (`modbus_read_function`, `rcm_*_assignment`, `modbus_word_order`, `supplyline` with "" a value of its own),
 * `address` a string, `uses_signed_integers` 0 or 1, `rcm_*_max` integer or null, `phases` a list of objects.
 */
const RCM = ["off", "always-active", "armed-active", "fire", "sabotage", "display", "system"];
export const SMARTMETER_DEFAULTS = {
  device_id: 1,
  is_active: true,
  name: "",
  description: "",
  type: 314,
  type_name: "Algodue-UEM40-2C",
  meter_type: 0,
  uses_signed_integers: 1,
  modbus_read_function: "0x03",
  address: "2",
  port: 502,
  group_id: 0,
  rack_id: null,
  rcm_address: "100",
  rcm_ac_assignment: "always-active",
  rcm_ac_max: 100,
  rcm_dc_assignment: "always-active",
  rcm_dc_max: 100,
  modbus_word_order: "big_endian",
  phases: [],
  supplyline: "a",
};
export const SEEDED_SMARTMETERS = [
  { id: 2, name: "Algodue 1-phasig", description: "SmartMeter Server1" },
  { id: 9, name: "Algodue B", address: "3", supplyline: "" },
];
export const smartmeters = deviceCollection("smartmeters", "Smartmeter", SMARTMETER_DEFAULTS, () => ({
  ...MEMBER_RULES,
  address: { type: "string", filled: true, max: 255 },
  description: { type: "string", nullable: true, max: 255 },
  meter_type: { type: "int", min: 0 },
  uses_signed_integers: { type: "int", oneOf: [0, 1] },
  modbus_read_function: { type: "enum", values: ["0x03", "0x04"] },
  port: { type: "int", min: 1, max: 65535 },
  rcm_address: { type: "string", max: 255 },
  rcm_ac_assignment: { type: "enum", values: RCM },
  rcm_ac_max: { type: "int", nullable: true },
  rcm_dc_assignment: { type: "enum", values: RCM },
  rcm_dc_max: { type: "int", nullable: true },
  modbus_word_order: { type: "enum", values: ["big_endian", "little_endian"] },
  phases: { type: "custom" },
  supplyline: { type: "enum", values: ["a", "b", "ab", "none", ""] },
}));

/** A device update's fields that belong to another type of the device: refused, as the MultiSensor's `ir_*` are. */
function prohibitOthers(input: Input, own: FieldRules, others: readonly string[], errors: ValidationErrors): void {
  for (const key of others) if (key in input && !(key in own)) errors.add(key, msg.prohibited(key));
}
/** Objects with hidden keys: a sent key changes that key, the others stay. */
function mergeObjects(out: Input, row: Row, keys: readonly string[]): Input {
  for (const k of keys)
    if (k in out && typeof row[k] === "object" && row[k]) out[k] = { ...(row[k] as object), ...(out[k] as object) };
  return out;
}
function objectsOnly(input: Input, keys: readonly string[], errors: ValidationErrors): void {
  for (const key of keys)
    if (key in input && (typeof input[key] !== "object" || input[key] === null || Array.isArray(input[key])))
      errors.add(key, msg.array(key));
}
/** A list of objects (keys hidden). */
function objectList(input: Input, key: string, errors: ValidationErrors): void {
  const list = input[key];
  if (!Array.isArray(list) || list.some((v) => typeof v !== "object" || v === null || Array.isArray(v)))
    errors.add(key, msg.array(key));
}
function existingRefs(input: Input, db: Db, errors: ValidationErrors): void {
  for (const [key, table] of [
    ["group_id", "alarmgroups"],
    ["rack_id", "racks"],
  ] as const) {
    const id = asId(input[key]);
    if (key in input && !errors.has(key) && id !== undefined && id !== 0 && !db[table].get(id))
      errors.add(key, msg.invalid(key));
  }
}

/**
 * IO modules (seed "IO-Module List/Names/Details/Update configuration") at `/api/iomodules` (the third-party
 * clients' path; the seed prints none). The update body is "One of" per module type and the seed shows only the
 * first variant, that of the Modbus/TCP module (type 123, "Kentix I/O Module 7017", port 502); this emulator takes
 * that body from a type-123 module and refuses `port` from any other type (decision: the other variants' bodies are
 * unknown; a module of another type is seeded as type 124, a code of this emulator's choosing). `webhooks` is an
 * "Array of arrays": a list whose elements are lists, stored as sent. `id`, `device_id` and `type` are ignored.
 */
const IO_OBJECTS = ["external", "output"] as const;
export const IOMODULE_DEFAULTS = {
  device_id: 1,
  is_active: true,
  name: "",
  type: 123,
  address: "192.168.0.1",
  port: 502,
  group_id: 0,
  rack_id: null,
  external: { mode: 0 },
  output: { relay: false },
  webhooks: [],
};
export const SEEDED_IOMODULES = [
  { id: 2, name: "Kentix I/O Module 7017" },
  { id: 10, name: "IO-Module RF", type: 124, address: "192.168.0.10", port: null },
];
const IO_RULES: FieldRules = {
  is_active: { type: "bool" },
  name: { type: "string", filled: true, max: 255 },
  address: { type: "string", filled: true, max: 255 },
  group_id: { type: "int", nullable: true, min: 0 },
  rack_id: { type: "int", nullable: true, min: 0 },
  external: { type: "custom" },
  output: { type: "custom" },
  webhooks: { type: "custom" },
};
const MODBUS_RULES: FieldRules = { port: { type: "int", min: 1, max: 65535 } };
export const iomodules: CollectionDef = {
  ...deviceCollection("iomodules", "Iomodule", IOMODULE_DEFAULTS, () => ({})),
  update(input, row, db, errors) {
    const rules = Number(row.type) === 123 ? { ...IO_RULES, ...MODBUS_RULES } : IO_RULES;
    prohibitOthers(input, rules, Object.keys(MODBUS_RULES), errors);
    checkFields(input, rules, errors);
    existingRefs(input, db, errors);
    objectsOnly(input, IO_OBJECTS, errors);
    if ("webhooks" in input && (!Array.isArray(input.webhooks) || input.webhooks.some((w) => !Array.isArray(w))))
      errors.add("webhooks", msg.array("webhooks"));
    return mergeObjects(pick(input, Object.keys(rules)), row, IO_OBJECTS);
  },
};

/**
 * SmartPDUs / Powermanagers (seed "SmartPDU Names/List/Details", "Update Powermanager") at `/api/powermanagers`
 * (the seed prints no path; the overview #129 is not emulated). Two variants: a SmartPDU (type 109, the seed's
 * sample) takes `meter_type`, `uses_signed_integers` (0 or 1), `rcm_serial` (string or null), `rcm_address` and
 * `phases` (a list of objects); a kmpdu (any other type; seeded as type 108, a code of this emulator's choosing: the
 * seed shows none) takes `monitoring`, `fire`, `intrusion` and `rcm` (objects). A field of the other variant is
 * refused ("prohibited"). Both take `name`, `is_active`, `address`, `group_id` (integer or null), `rack_id`,
 * `synchronicity`, `external`, `output` (objects with hidden keys, merged key by key) and `webhooks` (ids of existing
 * webhooks). `id` and `type` are ignored. The seed answers an update with `[ { } ]`; this answers the object (the
 * client unwraps a one-element array either way).
 */
const PDU_OBJECTS = ["synchronicity", "external", "output", "monitoring", "fire", "intrusion", "rcm"] as const;
export const POWERMANAGER_DEFAULTS = {
  name: "",
  type: 109,
  group_id: 0,
  is_active: true,
  address: "192.168.100.226",
  synchronicity: { active: false },
  monitoring: { temperature: { min: 10, max: 35 } },
  fire: { active: false },
  intrusion: { active: false },
  meter_type: 0,
  uses_signed_integers: 1,
  rcm_serial: "",
  rcm_address: "100",
  rcm: { active: false },
  phases: [],
  rack_id: 0,
  webhooks: [],
  external: { mode: 0 },
  output: { buzzer: false },
};
export const SEEDED_POWERMANAGERS = [
  { id: 2, name: "KentixPDU" },
  { id: 11, name: "KPM Rack B", type: 108, address: "192.168.100.227" },
];
const PDU_RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  group_id: { type: "int", nullable: true, min: 0 },
  is_active: { type: "bool" },
  address: { type: "string", filled: true, max: 255 },
  synchronicity: { type: "custom" },
  rack_id: { type: "int", nullable: true, min: 0 },
  webhooks: { type: "custom" },
  external: { type: "custom" },
  output: { type: "custom" },
};
const SMARTPDU_RULES: FieldRules = {
  meter_type: { type: "int", min: 0 },
  uses_signed_integers: { type: "int", oneOf: [0, 1] },
  rcm_serial: { type: "string", nullable: true, max: 255 },
  rcm_address: { type: "string", max: 255 },
  phases: { type: "custom" },
};
const KMPDU_RULES: FieldRules = {
  monitoring: { type: "custom" },
  fire: { type: "custom" },
  intrusion: { type: "custom" },
  rcm: { type: "custom" },
};
export const powermanagers: CollectionDef = {
  ...deviceCollection("powermanagers", "Powermanager", POWERMANAGER_DEFAULTS, () => ({})),
  update(input, row, db, errors) {
    const own = Number(row.type) === 109 ? SMARTPDU_RULES : KMPDU_RULES;
    const rules = { ...PDU_RULES, ...own };
    prohibitOthers(input, rules, [...Object.keys(SMARTPDU_RULES), ...Object.keys(KMPDU_RULES)], errors);
    checkFields(input, rules, errors);
    existingRefs(input, db, errors);
    objectsOnly(
      input,
      PDU_OBJECTS.filter((k) => k in rules),
      errors,
    );
    if ("phases" in rules && "phases" in input) objectList(input, "phases", errors);
    if ("webhooks" in input) {
      const ids = input.webhooks;
      if (!Array.isArray(ids) || ids.some((v) => asId(v) === undefined)) errors.add("webhooks", msg.array("webhooks"));
      else if (ids.some((v) => !db.webhooks.get(asId(v)!))) errors.add("webhooks", msg.invalid("webhooks"));
    }
    return mergeObjects(pick(input, Object.keys(rules)), row, PDU_OBJECTS);
  },
};
