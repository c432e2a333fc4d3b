import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { field, instant, intEnum, ref, wireEnum, optional as opt } from "../core/resource/schema";
import { REQUIRED } from "../core/resource/spec";
import { kentix } from "./client";

// Enumerations exactly as the seed lists them (Add alarmgroup).
const ARM_DELAY = [0, 10, 30, 60, 120, 180, 240, 300, 600, 1200, 1800, 3600] as const;
const BUZZER_ARM = [0, 1, 3, 10, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600] as const;
const BUZZER_ALARM = [-1, 0, 1, 3, 10, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600] as const;
const AUTOQUIT = [0, 30, 60, 180, 600, 1800] as const;
const steps = (from: number, to: number) => Array.from({ length: (to - from) / 300 + 1 }, (_, i) => from + i * 300);
const CATEGORIES = ["always", "armed", "fire", "sabotage", "system"] as const;
const cap = <S extends string>(s: S) => (s[0]!.toUpperCase() + s.slice(1)) as Capitalize<S>;
type Category = Capitalize<(typeof CATEGORIES)[number]>;

const createOnly = <T extends z.ZodType>(schema: T, description: string, wire?: string) =>
  field(schema, { description, replaceOnChanges: true, ...(wire ? { wire } : {}) });
/** Per alarm category: a flag limiting notifications per hour, the limit, and whether warnings notify. */
const notificationLimits = Object.fromEntries(
  CATEGORIES.flatMap((c) => [
    [
      `limitNotifications${cap(c)}`,
      opt(z.boolean(), `Limit ${c} notifications per hour (manual acknowledgement resets the counter).`),
    ],
    [
      `notificationCount${cap(c)}Alarm`,
      opt(
        z.number().int().min(0).max(1000).nullable(),
        `Hourly limit of ${c} alarm notifications; 0 turns them off. Applies while limitNotifications${cap(c)} is true.`,
      ),
    ],
    [
      `notificationCount${cap(c)}Warning`,
      opt(z.boolean().nullable(), `Notify on ${c} warnings. Applies while limitNotifications${cap(c)} is true.`),
    ],
  ]),
) as Record<`limitNotifications${Category}` | `notificationCount${Category}Warning`, z.ZodOptional<z.ZodBoolean>> &
  Record<`notificationCount${Category}Alarm`, z.ZodOptional<z.ZodNullable<z.ZodNumber>>>;

/** Webhooks fired by the group (the element shape real clients send with PATCH /api/alarmgroups/{id}). */
const webhookAssignment = z.strictObject({
  webhookId: field(ref("Webhook"), { description: "The webhook to fire." }),
  event: field(
    wireEnum({
      allAlarms: 0,
      armedActive: 1,
      alwaysActive: 2,
      fire: 3,
      sabotage: 4,
      system: 5,
      afterSwitching: 50,
      afterArming: 55,
      afterDisarming: 56,
      beforeArming: 57,
      beforeDisarming: 58,
    }),
    { description: "The event that fires it." },
  ),
  triggerOnAlarm: opt(z.boolean(), "Fire on alarms."),
  triggerOnWarning: opt(z.boolean(), "Fire on warnings."),
  cycleTime: opt(z.number().int().min(0).nullable(), "Repeat interval while the event lasts; null for once."),
});

/** An alarm zone. Groups form a tree through `parentId` (site, building, floor, area). */
export const AlarmGroup = collection({
  vendor: kentix,
  name: "AlarmGroup",
  description:
    "An alarm group (alarm zone). The SmartAPI documentation's update variant omits name, parent, signaling group and the inherit flags, so changing those replaces the group.",
  naturalKey: ["name", "parentId"],
  routes: {
    list: "GET /api/alarmgroups",
    create: "POST /api/alarmgroups",
    read: "GET /api/alarmgroups/{id}",
    update: "PATCH /api/alarmgroups/{id}",
    delete: "DELETE /api/alarmgroups/{id}",
  },
  fields: {
    name: createOnly(z.string().min(1).max(255), "Name of the group."),
    parentId: createOnly(ref("AlarmGroup").optional(), "Parent group; omit for a top-level group.", "group_id"),
    sortIndex: field(z.number().int().min(0).optional(), {
      description: "Sorting order among siblings (set by the appliance on create).",
      updateOnly: true,
    }),
    stealthMode: opt(z.boolean(), "Whether the status LEDs of the group's devices stay dark.", "in_stealthmode"),
    signalingGroupId: createOnly(
      ref("AlarmGroup").nullable().optional(),
      "The ancestor group whose area signals an alarm in this group.",
      "signaling_group",
    ),
    maintenance: opt(
      z.enum(["active", "inactive"]),
      "Maintenance mode. Operators toggle it; declare it only if code should own it.",
    ),
    maintenanceStart: opt(instant().nullable(), "When maintenance mode starts automatically."),
    maintenanceStop: opt(instant().nullable(), "When maintenance mode ends."),
    inheritNotification: createOnly(z.boolean().optional(), "Inherit notification settings from the parent."),
    alarmRepetitionActive: opt(z.boolean(), "Repeat active alarms until acknowledged.", "is_alarmrepetition_active"),
    alarmRepetitionInterval: opt(
      z.number().int().min(1).max(999),
      "Interval between repetitions.",
      "alarmrepetition_interval",
    ),
    alarmRepetitionCount: opt(z.number().int().min(0).max(100), "Number of repetitions.", "alarmrepetition_count"),
    sendQuitableNotifications: opt(z.boolean(), "Notify as soon as an alarm can be acknowledged."),
    ...notificationLimits,
    inheritArm: createOnly(
      z.boolean().optional(),
      "Inherit arm settings from the parent. Setting an arm field implies false.",
    ),
    armDelay: opt(intEnum(ARM_DELAY), "Arm delay in seconds."),
    buzzerArmDuration: opt(intEnum(BUZZER_ARM), "Arm buzzer duration in seconds."),
    canAlwaysArm: opt(
      z.boolean(),
      "Ignore external contacts while arming (e.g. a door that is open during arming).",
      "can_alwaysarm",
    ),
    inheritAutoquit: createOnly(z.boolean().optional(), "Inherit auto-acknowledge settings from the parent."),
    ...(Object.fromEntries(
      [...CATEGORIES.slice(0, 4), "systemNotification"].map((c) => [
        `canAutoquit${cap(c)}Alarm`,
        opt(z.boolean(), `Acknowledge ${c} alarms automatically.`),
      ]),
    ) as Record<
      | "canAutoquitAlwaysAlarm"
      | "canAutoquitArmedAlarm"
      | "canAutoquitFireAlarm"
      | "canAutoquitSabotageAlarm"
      | "canAutoquitSystemNotificationAlarm",
      z.ZodOptional<z.ZodBoolean>
    >),
    autoquitDuration: opt(intEnum(AUTOQUIT), "Seconds after which alarms are acknowledged automatically."),
    inheritAlarm: createOnly(z.boolean().optional(), "Inherit alarm buzzer settings from the parent."),
    hasPrealarm: opt(z.boolean(), "Pre-alarm on or off."),
    ...(Object.fromEntries(
      CATEGORIES.slice(0, 4).map((c) => [
        `buzzer${cap(c)}AlarmDuration`,
        opt(
          intEnum(BUZZER_ALARM),
          `Buzzer length for ${c} alarms in seconds; -1 is permanent.`,
          `buzzer_${c}alarm_duration`,
        ),
      ]),
    ) as Record<
      | "buzzerAlwaysAlarmDuration"
      | "buzzerArmedAlarmDuration"
      | "buzzerFireAlarmDuration"
      | "buzzerSabotageAlarmDuration",
      z.ZodOptional<z.ZodType<number, number>>
    >),
    inheritSabotageSignal: createOnly(
      z.boolean().optional(),
      "Inherit tamper-signal settings from the parent.",
      "inherit_sabotagesignal",
    ),
    sabotagePowerDeviceDuration: opt(
      intEnum(steps(300, 3600)),
      "Seconds a mains-powered device waits before a tamper alarm.",
      "sabotage_powerdevice_duration",
    ),
    sabotageBatteryDeviceDuration: opt(
      intEnum(steps(900, 3600)),
      "Seconds a battery device waits before a tamper alarm.",
      "sabotage_batterydevice_duration",
    ),
    sabotageServiceDuration: opt(intEnum(steps(600, 3600)), "Seconds a service waits before a tamper alarm."),
    eventId: opt(ref("EventProfile").nullable(), "The event profile (`EventProfile`) the group uses; null: none."),
    webhooks: field(z.array(webhookAssignment).optional(), {
      description: "Webhooks the group fires; compared as a set.",
      unordered: true,
    }),
    assignedDoorlockId: opt(
      ref("DoorLock").nullable(),
      "Door lock directly assigned to the group.",
      "assigned_doorlock",
    ),
  },
  computed: {
    createdAt: field(z.string().nullable(), { description: "When the appliance created the group.", computed: true }),
    updatedAt: field(z.string().nullable(), {
      description: "When the appliance last changed the group.",
      computed: true,
    }),
  },
  // Seed: "Only required if inherit_X is false" / "Only required if limit_notifications_X is true".
  conditional: [
    { flag: "inheritArm", activeWhen: false, defaults: { armDelay: 0, buzzerArmDuration: 0 } },
    {
      flag: "inheritAutoquit",
      activeWhen: false,
      defaults: {
        canAutoquitAlwaysAlarm: false,
        canAutoquitArmedAlarm: false,
        canAutoquitFireAlarm: false,
        canAutoquitSabotageAlarm: false,
        canAutoquitSystemNotificationAlarm: false,
        autoquitDuration: 0,
      },
    },
    {
      flag: "inheritAlarm",
      activeWhen: false,
      defaults: {
        buzzerAlwaysAlarmDuration: REQUIRED,
        buzzerArmedAlarmDuration: REQUIRED,
        buzzerFireAlarmDuration: REQUIRED,
        buzzerSabotageAlarmDuration: REQUIRED,
      },
    },
    {
      flag: "inheritSabotageSignal",
      activeWhen: false,
      defaults: { sabotagePowerDeviceDuration: 300, sabotageBatteryDeviceDuration: 900, sabotageServiceDuration: 600 },
    },
    ...CATEGORIES.map((c) => ({
      flag: `limitNotifications${cap(c)}` as const,
      activeWhen: true,
      defaults: { [`notificationCount${cap(c)}Alarm`]: REQUIRED, [`notificationCount${cap(c)}Warning`]: REQUIRED },
    })),
  ],
  rules(inputs, fail) {
    if (inputs.parentId !== undefined) return;
    for (const flag of [
      "inheritNotification",
      "inheritArm",
      "inheritAutoquit",
      "inheritAlarm",
      "inheritSabotageSignal",
    ] as const) {
      if (inputs[flag] === true) fail(flag, "a top-level group (no parentId) has no parent to inherit from");
    }
  },
});
