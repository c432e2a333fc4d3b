/**
 * Alarm groups (seed L502-1400): a tree through group_id. Create takes the full field list (L522-783);
 * PATCH/PUT take only the documented update variant (L1009-1260), which lacks name, group_id,
 * signaling_group and the inherit_* flags and adds sort_index.
 */
import type { CollectionDef, Input } from "./collection";
import { asId } from "./collection";
import { isPlainObject, msg, unprocessable, type ValidationErrors } from "./laravel";
import { checkValue, isFilled, pick, type FieldRule, type FieldRules } from "./rules";
import type { Db, Row } from "./store";
import { normaliseInstant } from "./wire";

const steps = (from: number, to: number, step: number) =>
  Array.from({ length: (to - from) / step + 1 }, (_, i) => from + i * step);

// Enums exactly as the seed lists them (L677, L683, L724, L740, L769, L775, L781).
const ARM_DELAY = [0, 10, 30, 60, 120, 180, 240, 300, 600, 1200, 1800, 3600];
const BUZZER_ARM = [0, 1, 3, 10, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600];
const AUTOQUIT = [0, 30, 60, 180, 600, 1800];
const BUZZER_ALARM = [-1, 0, 1, 3, 10, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600];
const SABOTAGE_POWER = steps(300, 3600, 300);
const SABOTAGE_BATTERY = steps(900, 3600, 300);
const SABOTAGE_SERVICE = steps(600, 3600, 300);
/** Webhook assignment event codes (real client, notes §1.4). */
export const WEBHOOK_EVENTS = [0, 1, 2, 3, 4, 5, 50, 55, 56, 57, 58];

const NOTIFY_KINDS = ["always", "armed", "fire", "sabotage", "system"] as const;
const bool: FieldRule = { type: "bool" };

/** Create fields in seed order (L522-783). */
const CREATE_RULES: FieldRules = {
  name: { type: "string", filled: true, max: 255 },
  group_id: { type: "int", nullable: true },
  in_stealthmode: bool,
  signaling_group: { type: "int", nullable: true },
  maintenance: { type: "enum", values: ["active", "inactive"] },
  maintenance_start: { type: "instant", nullable: true },
  maintenance_stop: { type: "instant", nullable: true },
  inherit_notification: bool,
  is_alarmrepetition_active: bool,
  alarmrepetition_interval: { type: "int", min: 1, max: 999 },
  alarmrepetition_count: { type: "int", min: 0, max: 100 },
  send_quitable_notifications: bool,
  ...Object.fromEntries(
    NOTIFY_KINDS.flatMap((k) => [
      [`limit_notifications_${k}`, bool],
      [`notification_count_${k}_alarm`, { type: "int", nullable: true, min: 0, max: 1000 }],
      [`notification_count_${k}_warning`, { type: "bool", nullable: true }],
    ]),
  ),
  inherit_arm: bool,
  arm_delay: { type: "int", oneOf: ARM_DELAY },
  buzzer_arm_duration: { type: "int", oneOf: BUZZER_ARM },
  can_alwaysarm: bool,
  inherit_autoquit: bool,
  can_autoquit_always_alarm: bool,
  can_autoquit_armed_alarm: bool,
  can_autoquit_fire_alarm: bool,
  can_autoquit_sabotage_alarm: bool,
  can_autoquit_system_notification_alarm: bool,
  autoquit_duration: { type: "int", oneOf: AUTOQUIT },
  inherit_alarm: bool,
  has_prealarm: bool,
  buzzer_alwaysalarm_duration: { type: "int", oneOf: BUZZER_ALARM },
  buzzer_armedalarm_duration: { type: "int", oneOf: BUZZER_ALARM },
  buzzer_firealarm_duration: { type: "int", oneOf: BUZZER_ALARM },
  buzzer_sabotagealarm_duration: { type: "int", oneOf: BUZZER_ALARM },
  inherit_sabotagesignal: bool,
  sabotage_powerdevice_duration: { type: "int", oneOf: SABOTAGE_POWER },
  sabotage_batterydevice_duration: { type: "int", oneOf: SABOTAGE_BATTERY },
  sabotage_service_duration: { type: "int", oneOf: SABOTAGE_SERVICE },
  event_id: { type: "int", nullable: true, min: 0 }, // events are not emulated: no existence check
  webhooks: { type: "custom" },
  assigned_doorlock: { type: "int", nullable: true, min: 0 }, // doorlocks are not emulated
};

/** "Only required if inherit_X is false" (L679-783), on create. */
const INHERIT_DEPENDENTS: Record<string, string[]> = {
  inherit_notification: [],
  inherit_arm: ["arm_delay", "buzzer_arm_duration"],
  inherit_autoquit: [
    "can_autoquit_always_alarm",
    "can_autoquit_armed_alarm",
    "can_autoquit_fire_alarm",
    "can_autoquit_sabotage_alarm",
    "can_autoquit_system_notification_alarm",
    "autoquit_duration",
  ],
  inherit_alarm: [
    "buzzer_alwaysalarm_duration",
    "buzzer_armedalarm_duration",
    "buzzer_firealarm_duration",
    "buzzer_sabotagealarm_duration",
  ],
  inherit_sabotagesignal: [
    "sabotage_powerdevice_duration",
    "sabotage_batterydevice_duration",
    "sabotage_service_duration",
  ],
};
const INHERIT_FLAGS = Object.keys(INHERIT_DEPENDENTS);
const INHERITED_BY = new Map(
  Object.entries(INHERIT_DEPENDENTS).flatMap(([flag, deps]) => deps.map((d) => [d, flag] as const)),
);

/** Create-only fields the update variant lacks; sending one on PATCH/PUT is a 422. */
const PROHIBITED_ON_UPDATE = new Set(["name", "group_id", "signaling_group", ...INHERIT_FLAGS]);
const UPDATE_KEYS = ["sort_index", ...Object.keys(CREATE_RULES)];
const UPDATE_RULES: FieldRules = { sort_index: { type: "int", min: 0 }, ...CREATE_RULES };

const WEBHOOK_ASSIGNMENT_RULES: FieldRules = {
  webhook_id: { type: "int" },
  event: { type: "int", oneOf: WEBHOOK_EVENTS },
  trigger_on_alarm: bool,
  trigger_on_warning: bool,
  cycle_time: { type: "int", nullable: true, min: 0 },
};
const WEBHOOK_ASSIGNMENT_REQUIRED = ["webhook_id", "event", "trigger_on_alarm", "trigger_on_warning"];

/** Defaults = the seed's sample values (L800-858); inherit_* default to true only under a parent. */
function defaults(hasParent: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    signaling_group: null,
    in_stealthmode: false,
    maintenance: "inactive",
    maintenance_start: null,
    maintenance_stop: null,
    is_alarmrepetition_active: false,
    alarmrepetition_interval: 1,
    alarmrepetition_count: 0,
    send_quitable_notifications: false,
    arm_delay: 0,
    buzzer_arm_duration: 0,
    can_alwaysarm: false,
    autoquit_duration: 0,
    has_prealarm: false,
    sabotage_powerdevice_duration: 300,
    sabotage_batterydevice_duration: 900,
    sabotage_service_duration: 600,
    event_id: null,
    webhooks: [],
    assigned_doorlock: null,
  };
  for (const k of NOTIFY_KINDS) {
    out[`limit_notifications_${k}`] = false;
    out[`notification_count_${k}_alarm`] = 0;
    out[`notification_count_${k}_warning`] = false;
  }
  for (const key of INHERIT_DEPENDENTS.inherit_autoquit) if (key.startsWith("can_")) out[key] = false;
  for (const key of INHERIT_DEPENDENTS.inherit_alarm) out[key] = 0;
  for (const flag of INHERIT_FLAGS) out[flag] = hasParent;
  return out;
}

export const alarmgroups: CollectionDef = {
  name: "alarmgroups",
  model: "Alarmgroup",
  keyOrder: ["id", "created_at", "updated_at", "name", "group_id", "sort_index", ...Object.keys(CREATE_RULES).slice(2)],

  // Real-client fixtures: the list carries only the short form.
  listItem: (view) => ({ id: view.id, name: view.name, group_id: view.group_id, sort_index: view.sort_index }),
  show: (view) => view,
  view(row) {
    const out: Record<string, unknown> = { ...row };
    for (const key of ["maintenance_start", "maintenance_stop"]) {
      if (typeof out[key] === "string") out[key] = normaliseInstant(out[key] as string) ?? out[key];
    }
    return out;
  },

  create(input, db, errors) {
    const parent = typeof input.group_id === "number" ? input.group_id : null;
    for (const [key, rule] of Object.entries(CREATE_RULES)) {
      const problem = key in input ? checkValue(key, input[key], rule) : undefined;
      const extra = problem ?? createCheck(key, input, parent, db, errors);
      if (extra) errors.add(key, extra);
    }
    return {
      ...defaults(parent !== null),
      ...pick(input, Object.keys(CREATE_RULES)),
      group_id: parent,
      sort_index: nextSortIndex(db, parent),
    };
  },

  update(input, _row, db, errors) {
    for (const key of UPDATE_KEYS) {
      if (!(key in input)) {
        const extra = limitCheck(key, input);
        if (extra) errors.add(key, extra);
        continue;
      }
      if (PROHIBITED_ON_UPDATE.has(key)) {
        errors.add(key, msg.prohibited(key));
        continue;
      }
      const problem = checkValue(key, input[key], UPDATE_RULES[key]) ?? limitCheck(key, input);
      if (problem) errors.add(key, problem);
      else if (key === "webhooks") checkWebhookAssignments(input.webhooks, db, errors);
    }
    return pick(input, UPDATE_KEYS);
  },

  complete(fields, db) {
    const parent = asId(fields.group_id) ?? null;
    return {
      name: "",
      ...defaults(parent !== null),
      group_id: parent,
      sort_index: nextSortIndex(db, parent),
      ...fields,
    };
  },

  deleteBlocker(row, db) {
    const children = db.alarmgroups.filter((g) => asId(g.group_id) === row.id);
    if (!children.length) return undefined;
    const names = children.map((c) => `${String(c.name)} (${c.id})`).join(", ");
    return unprocessable("alarmgroup", `The alarmgroup cannot be deleted because it has child groups: ${names}.`);
  },
};

/** Create-time checks beyond the field's own type: references, top-level inherit, conditional requirements. */
function createCheck(
  key: string,
  input: Input,
  parent: number | null,
  db: Db,
  errors: ValidationErrors,
): string | undefined {
  const value = input[key];
  if (key === "name" && !(key in input)) return msg.required(key);
  if (key === "group_id" && parent !== null && !db.alarmgroups.get(parent)) return msg.invalid(key);
  if (key === "signaling_group" && value !== undefined && value !== null) {
    // "Must be an Id of an parent group" (L552): any ancestor of the new group.
    return ancestors(db, parent).includes(value as number) ? undefined : msg.invalid(key);
  }
  if (INHERIT_FLAGS.includes(key) && parent === null && value === true) {
    return `The ${key.replace(/_/g, " ")} field must be false for a top-level alarmgroup.`;
  }
  const flag = INHERITED_BY.get(key);
  if (flag && input[flag] === false && !isFilled(value)) return msg.requiredIf(key, flag, false);
  if (key === "webhooks" && key in input) checkWebhookAssignments(value, db, errors);
  return limitCheck(key, input);
}

/** "Only required if limit_notifications_X is true" (L603 ff.), on create and update. */
function limitCheck(key: string, input: Input): string | undefined {
  const m = /^notification_count_(\w+)_(alarm|warning)$/.exec(key);
  if (!m) return undefined;
  const limit = `limit_notifications_${m[1]}`;
  return input[limit] === true && (input[key] === undefined || input[key] === null)
    ? msg.requiredIf(key, limit, true)
    : undefined;
}

/** Elements {webhook_id, event, trigger_on_alarm, trigger_on_warning, cycle_time} (real client, notes §1.4). */
function checkWebhookAssignments(value: unknown, db: Db, errors: ValidationErrors): void {
  if (!Array.isArray(value)) return errors.add("webhooks", msg.array("webhooks"));
  value.forEach((element, i) => {
    const base = `webhooks.${i}`;
    if (!isPlainObject(element)) return errors.add(base, msg.array(base));
    for (const [field, rule] of Object.entries(WEBHOOK_ASSIGNMENT_RULES)) {
      const key = `${base}.${field}`;
      if (!(field in element)) {
        if (WEBHOOK_ASSIGNMENT_REQUIRED.includes(field)) errors.add(key, msg.required(key));
        continue;
      }
      let problem = checkValue(key, element[field], rule);
      if (!problem && field === "webhook_id" && !db.webhooks.get(element[field] as number)) problem = msg.invalid(key);
      if (problem) errors.add(key, problem);
    }
  });
}

/** The parent chain of a group whose parent is `parent`, nearest first. */
function ancestors(db: Db, parent: number | null): number[] {
  const chain: number[] = [];
  for (let id = parent; id !== null && !chain.includes(id); ) {
    const row: Row | undefined = db.alarmgroups.get(id);
    if (!row) break;
    chain.push(id);
    id = asId(row.group_id) ?? null;
  }
  return chain;
}

/** Server-assigned sort_index: after the last sibling under the same parent. */
function nextSortIndex(db: Db, parent: number | null): number {
  const siblings = [...db.alarmgroups.values()].filter((g) => (asId(g.group_id) ?? null) === parent);
  return 1 + Math.max(0, ...siblings.map((g) => Number(g.sort_index) || 0));
}
