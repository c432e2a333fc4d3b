import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field, ref } from "../core/resource/schema";
import { kentix } from "./client";
import { description, deviceName, hiddenObject, opt, ownId } from "./device-fields";

/** The configuration of an SNMP sensor the appliance knows (the API cannot create or delete it). */
export const SnmpSensor = existing({
  vendor: kentix,
  name: "SnmpSensor",
  description:
    "The configuration of an SNMP-Sensor (one OID polled from an SNMP agent) the appliance knows (the SmartAPI cannot create or delete it). Select it by `snmpSensorId`, or by `name` alone (exactly one SNMP-Sensor must have it): with the id, `name` renames the sensor; without it, changing `name` selects another sensor. The SmartAPI documentation shows no alarm group or rack for SNMP sensors. Create reads the sensor, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "snmpSensorId", name: "name" },
  routes: {
    list: "GET /api/snmpsensors",
    read: "GET /api/snmpsensors/{id}",
    update: "PATCH /api/snmpsensors/{id}",
  },
  fields: {
    snmpSensorId: ownId("SNMP-Sensor"),
    name: deviceName("SNMP-Sensor", "snmpSensorId"),
    isActive: opt(z.boolean(), "Whether the sensor is polled and evaluated."),
    description,
    oid: opt(
      z.string().regex(/^\.?\d+(\.\d+)*$/, { error: 'must be a numeric OID, e.g. ".1.3.6.1.2.1.1.3.0"' }),
      "The OID the sensor polls.",
      "snmp_oid",
    ),
    snmpCredentialId: opt(ref("SnmpCredential"), "The SNMP credential (host) polled.", "snmp_credential_id"),
    alarmDelay: opt(z.number().int().min(0), "Seconds an alarm of the sensor is delayed.", "alarmdelay"),
    sendCycle: opt(z.number().int().min(1), "Seconds between polls.", "sendcycle"),
    settings: hiddenObject("Thresholds and alarm assignments of the sensor."),
    webhookRelations: field(z.array(z.array(z.unknown())).optional(), {
      description:
        'Webhook relations of the sensor. The SmartAPI documentation shows them as an "Array of arrays" whose elements it hides, so each is passed through as declared (copy the shape your appliance\'s own answer shows); compared as a set.',
      unordered: true,
      wire: "webhooks",
    }),
  },
});
