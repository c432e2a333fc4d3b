import { z } from "zod";
import { lookupByName } from "../core/data";
import { existing } from "../core/resource/archetypes";
import type { ConnectionSettings } from "../core/resource/public";
import { field, intEnum, ref, wireEnum } from "../core/resource/schema";
import { kentix } from "./client";
import { opt } from "./device-fields";

const BYPASS = [0, 5, 10, 15, 30, 45, 60, 90, 120] as const; // seconds, as the SmartAPI documentation lists them
const seconds = z.number().int().min(0);

/** The configuration of a door lock taught in on the appliance (the API cannot create or delete locks). */
export const DoorLock = existing({
  vendor: kentix,
  name: "DoorLock",
  description:
    "The configuration of a door lock the appliance knows (locks are taught in on the hardware; the SmartAPI cannot create or delete them). Create reads the lock, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves the lock as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`). Select the lock by `doorLockId`, or by `name` alone (found in the appliance's list of locks; exactly one lock must have it): with the id, `name` renames the lock; without it, changing `name` selects another lock.",
  select: { id: "doorLockId", name: "name" },
  routes: { list: "GET /api/doorlocks", read: "GET /api/doorlocks/{id}", update: "PATCH /api/doorlocks/{id}" },
  fields: {
    // Its own id, not a ref: discovery would otherwise write a reference of the lock to itself.
    doorLockId: field(
      z.string().regex(/^\d+$/, { error: 'must be the numeric id of a door lock, e.g. "2"' }).optional(),
      {
        description: "Id of the lock on the appliance; leave it out to select the lock by `name`.",
        replaceOnChanges: true,
        wire: "id",
      },
    ),
    name: opt(
      z.string().min(1).max(255),
      "Name of the lock: selects the lock when `doorLockId` is not given, else renames it.",
    ),
    isActive: opt(z.boolean(), "Whether the lock is enabled (a disabled lock refuses bookings)."),
    isTeachinDefault: opt(z.boolean(), "Preselected when RFID tokens are taught in."),
    signalZoneState: opt(z.boolean(), "Show the arm state of the assigned alarm zone on the lock.", "signal_zonestate"),
    coupleTime: opt(seconds, "Seconds the door can be opened after a booking.", "coupletime"),
    doubleAuthMode: opt(
      wireEnum({ off: 0, on: 1, armDisarm: 2, timeProfile: 3 }).nullable(),
      "Double authentication: `off`, `on`, only when arming/disarming (`armDisarm`), or during `doubleAuthTimeProfileId`.",
      "doubleauth_mode",
    ),
    doubleAuthTimeProfileId: opt(
      ref("TimeProfile").nullable(),
      "Time profile that switches double authentication (doubleAuthMode `timeProfile`); the appliance reads 0 as none.",
      "doubleauth_timeprofile_id",
    ),
    logLevel: opt(
      wireEnum({ default: 1, noUserData: 2, unauthorizedOnly: 3, off: 4 }),
      "Logbook mode: everything, no user-related data (names, pictures), only unauthorised bookings, or nothing.",
    ),
    timeProfileMode: opt(
      wireEnum({ off: 0, on: 1, openAfterFirstBooking: 2 }),
      "How `timeProfileId` applies: off, on, or open after the first booking within the profile.",
      "timeprofile_mode",
    ),
    timeProfileId: opt(ref("TimeProfile"), "The lock's time profile.", "timeprofile_id"),
    alarmGroupId: opt(ref("AlarmGroup"), "The alarm group (zone) the lock is assigned to.", "group_id"),
    armLevel: opt(
      wireEnum({ off: 0, zone: 1, building: 2, system: 3, external: 4 }),
      "What the lock arms: nothing, its zone, the building containing the zone, the system, or an external alarm system.",
      "armlevel",
    ),
    webhookIds: field(z.array(ref("Webhook")).optional(), {
      description: "Webhooks assigned to the lock; compared as a set.",
      unordered: true,
      wire: "webhooks",
    }),
    cameraIds: field(z.array(ref("Camera")).optional(), {
      description: "Cameras assigned to the lock (ids on the appliance); compared as a set.",
      unordered: true,
      wire: "cameras",
    }),
    reedBypassTime: opt(intEnum(BYPASS), "Seconds after a booking during which the door contact does not alarm."),
    reedBypassBuzzerTime: opt(intEnum(BYPASS), "Seconds the buzzer sounds after the bypass time, before the alarm."),
    sabotage: field(z.record(z.string().min(1), z.unknown()).optional(), {
      description:
        "Tamper settings. The SmartAPI documentation shows `sabotage` as an object without its keys, so any key is accepted and the appliance validates it; only the keys declared here are managed and compared.",
      declaredKeysOnly: true,
    }),
    reedAssignment: opt(
      z.string().min(1),
      'Alarm assignment of the door contact (e.g. "off"; the values are not documented).',
    ),
    reedDelay: opt(seconds, "Seconds a door-contact alarm is delayed."),
    reedWarningActive: opt(z.boolean(), "Signal on the lock while the door is held open."),
    reedWarningDelay: opt(seconds, "Seconds the door must stay open before that signal starts."),
  },
  computed: {
    deviceId: field(z.string().nullable(), {
      description: "Id of the host device the lock was taught in on.",
      computed: true,
    }),
    type: field(z.number().nullable(), { description: "Device type code of the lock (21).", computed: true }),
    batteryLevel: field(z.string().nullable(), {
      description: 'Battery level as measured by the lock: "full", "half", "low", "critical" or "wired".',
      computed: true,
      wire: "batterylevel",
    }),
  },
  // The appliance reads "no time profile" as 0 (the documentation's sample), which is no reference.
  fromWire: (wire) =>
    Number(wire.doubleauth_timeprofile_id) === 0 ? { ...wire, doubleauth_timeprofile_id: null } : wire,
});

/**
 * The id of the door lock with this name (a program's `doorLockId: doorLockByName(site, "Frontdoor")`).
 * @deprecated `DoorLock` selects a lock by `name` itself (leave out `doorLockId`); kept for programs that call it.
 */
export function doorLockByName(connection: ConnectionSettings, name: string): Promise<string> {
  return lookupByName(kentix, "DoorLock", connection, name);
}
