import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { kentix } from "./client";
import { opaque, opt } from "./device-fields";

/** Lists of such objects: passed through as declared, compared as sets. */
const hidden = (what: string, wire?: string) =>
  field(z.array(opaque()).optional(), {
    description: `${what} The SmartAPI documentation shows them only as objects whose keys it hides, so each is passed through as declared (copy the shape your appliance's own answer shows) and validated by the appliance; compared as a set.`,
    unordered: true,
    ...(wire ? { wire } : {}),
  });

/** The configuration of an AccessManager the appliance knows (a device; the API cannot create or delete it). */
export const AccessManager = existing({
  vendor: kentix,
  name: "AccessManager",
  description:
    "The configuration of an AccessManager device the appliance knows (devices are added on the hardware; the SmartAPI cannot create or delete them). Select it by `accessManagerId`, or by `name` alone (found in the appliance's list of AccessManagers; exactly one must have it): with the id, `name` renames the device; without it, changing `name` selects another device. Create reads the device, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "accessManagerId", name: "name" },
  routes: {
    list: "GET /api/accessmanagers",
    read: "GET /api/accessmanagers/{id}",
    update: "PATCH /api/accessmanagers/{id}",
  },
  fields: {
    // Its own id, not a ref: discovery would otherwise write a reference of the device to itself.
    accessManagerId: field(
      z.string().regex(/^\d+$/, { error: 'must be the numeric id of an AccessManager, e.g. "1"' }).optional(),
      {
        description: "Id of the AccessManager on the appliance; leave it out to select it by `name`.",
        replaceOnChanges: true,
        wire: "id",
      },
    ),
    name: opt(
      z.string().min(1).max(255),
      "Name of the AccessManager: selects it when `accessManagerId` is not given, else renames it.",
    ),
    isActive: opt(z.boolean(), "Whether alarm evaluation and communication for the device are on."),
    address: opt(
      z.string().min(1).max(255),
      "IP address or DNS name the appliance reaches the device at. A wrong value cuts the device off: change it only when the device has moved.",
    ),
    doorLocks: hidden("Door locks attached to this AccessManager.", "doorlocks"),
    ios: hidden("Inputs and outputs of the device."),
    relayActionArm: opt(
      z.enum(["none", "channel1", "channel2", "backchannel1", "backchannel2", "backchannel_inevitability"]),
      "Which relay channel switches an external alarm system on bookings (`none`: no switching).",
      "relais_action_arm",
    ),
    extArmDoorLockIds: field(z.array(ref("DoorLock")).optional(), {
      description: "Door locks whose bookings switch the external alarm system; compared as a set.",
      unordered: true,
      wire: "ext_arm_doorlocks",
    }),
    external: field(opaque().optional(), {
      description:
        "External alarm-system settings. The SmartAPI documentation shows `external` as an object without its keys, so any key is accepted and the appliance validates it; only the keys declared here are managed and compared.",
      declaredKeysOnly: true,
    }),
    alarmGroupId: opt(ref("AlarmGroup").nullable(), "The alarm group (zone) of the device; null: none.", "group_id"),
    rackId: opt(ref("Rack").nullable(), "The rack the device is in (id on the appliance); null: none.", "rack_id"),
    webhookIds: field(z.array(ref("Webhook")).optional(), {
      description: "Webhooks assigned to the device; compared as a set.",
      unordered: true,
      wire: "webhooks",
    }),
  },
  computed: {
    macAddress: field(z.string().nullable(), {
      description: "Hardware (MAC) address of the device; read-only (the appliance spells the key `mac_adress`).",
      computed: true,
      wire: "mac_adress",
    }),
    type: field(z.number().nullable(), { description: "Device type code (105 for an AccessManager).", computed: true }),
  },
  // "No group" and "no rack" are 0 on the appliance, which is no reference.
  fromWire: (wire) => ({ ...wire, ...noneAsNull(wire) }),
  toWire: (body) => ({ ...body, ...nullAsNone(body) }),
});

const UNSET = ["group_id", "rack_id"];
const noneAsNull = (wire: Record<string, unknown>) =>
  Object.fromEntries(UNSET.filter((k) => k in wire && Number(wire[k]) === 0).map((k) => [k, null]));
const nullAsNone = (body: Record<string, unknown>) =>
  Object.fromEntries(UNSET.filter((k) => k in body && body[k] === null).map((k) => [k, 0]));
