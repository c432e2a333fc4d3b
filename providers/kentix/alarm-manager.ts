import { existing } from "../core/resource/archetypes";
import { kentix } from "./client";
import { deviceName, deviceOutputs, noneAsNull, nullAsNone, ownId, sensorFields } from "./device-fields";

/** The configuration of an AlarmManager the appliance knows (a device; the API cannot create or delete it). */
export const AlarmManager = existing({
  vendor: kentix,
  name: "AlarmManager",
  description:
    "The configuration of an AlarmManager device the appliance knows (devices are taught in on the hardware; the SmartAPI cannot create or delete them). Select it by `alarmManagerId`, or by `name` alone (found in the appliance's list of AlarmManagers; exactly one must have it): with the id, `name` renames the device; without it, changing `name` selects another device. Create reads the device, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "alarmManagerId", name: "name" },
  routes: {
    list: "GET /api/alarmmanagers",
    read: "GET /api/alarmmanagers/{id}",
    update: "PATCH /api/alarmmanagers/{id}",
  },
  fields: {
    alarmManagerId: ownId("AlarmManager"),
    name: deviceName("AlarmManager", "alarmManagerId"),
    ...sensorFields,
  },
  computed: deviceOutputs,
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
