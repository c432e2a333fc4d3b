import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";
import {
  description,
  deviceName,
  hiddenObject,
  membership,
  noneAsNull,
  nullAsNone,
  opt,
  ownId,
  webhookRelations,
} from "./device-fields";

/** The configuration of a network (ping/port) sensor the appliance knows (the API cannot create or delete it). */
export const NetworkSensor = existing({
  vendor: kentix,
  name: "NetworkSensor",
  description:
    "The configuration of a Network-Sensor (a ping or port check of a server) the appliance knows (the SmartAPI cannot create or delete it). Select it by `networkSensorId`, or by `name` alone (exactly one Network-Sensor must have it): with the id, `name` renames the sensor; without it, changing `name` selects another sensor. Create reads the sensor, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "networkSensorId", name: "name" },
  routes: {
    list: "GET /api/networksensors",
    read: "GET /api/networksensors/{id}",
    update: "PATCH /api/networksensors/{id}",
  },
  fields: {
    networkSensorId: ownId("Network-Sensor"),
    name: deviceName("Network-Sensor", "networkSensorId"),
    ...membership,
    description,
    address: opt(z.string().min(1).max(255), "Address of the server the sensor checks."),
    serviceType: opt(z.enum(["ping", "port"]), "What is checked: a ping, or a TCP port (`port`).", "service_type"),
    port: opt(z.number().int().min(1).max(65535), "The port checked when `serviceType` is `port`."),
    serviceInterval: opt(
      z.number().int().min(1),
      "Interval between checks (the SmartAPI documentation states no unit; its sample is 180).",
      "service_interval",
    ),
    protocol: opt(z.enum(["http", "https"]), "Protocol of the check."),
    alarmValue: hiddenObject("Alarm thresholds of the check.", "alarmvalue"),
    webhookRelations,
  },
  computed: {
    type: field(z.number().nullable(), { description: "Device type code (142 for a Network-Sensor).", computed: true }),
  },
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
