import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { field } from "../core/resource/schema";
import { kentix } from "./client";
import {
  description,
  deviceName,
  deviceOutputs,
  membership,
  noneAsNull,
  nullAsNone,
  opaque,
  opt,
  intFlag,
  ownId,
} from "./device-fields";

const ASSIGNMENT = z.enum(["off", "always-active", "armed-active", "fire", "sabotage", "display", "system"]);

/** The configuration of a SmartMeter the appliance knows (a Modbus energy meter; the API cannot create or delete it). */
export const SmartMeter = existing({
  vendor: kentix,
  name: "SmartMeter",
  description:
    "The configuration of a SmartMeter (a Modbus energy meter) the appliance knows (the SmartAPI cannot create or delete it). Select it by `smartMeterId`, or by `name` alone (exactly one SmartMeter must have it): with the id, `name` renames the meter; without it, changing `name` selects another meter. Resetting the meter's counters is an action, not a setting. Create reads the meter, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`).",
  select: { id: "smartMeterId", name: "name" },
  routes: {
    list: "GET /api/smartmeters",
    read: "GET /api/smartmeters/{id}",
    update: "PATCH /api/smartmeters/{id}",
  },
  fields: {
    smartMeterId: ownId("SmartMeter"),
    name: deviceName("SmartMeter", "smartMeterId"),
    ...membership,
    description,
    meterType: opt(z.number().int().min(0), "Meter type code (the values are not documented).", "meter_type"),
    usesSignedIntegers: field(intFlag.optional(), {
      description: "Whether the meter's registers hold signed integers.",
      wire: "uses_signed_integers",
    }),
    modbusReadFunction: opt(
      z.enum(["0x03", "0x04"]),
      "Modbus function used to read the registers.",
      "modbus_read_function",
    ),
    modbusAddress: opt(
      z.string().regex(/^\d+$/),
      'Modbus address of the meter (a string of digits, e.g. "2").',
      "address",
    ),
    port: opt(z.number().int().min(1).max(65535), "TCP port (502: Modbus/TCP)."),
    modbusWordOrder: opt(z.enum(["big_endian", "little_endian"]), "Word order of the registers.", "modbus_word_order"),
    rcmAddress: opt(z.string().max(255), 'Address of the residual-current monitor (e.g. "100").', "rcm_address"),
    rcmAcAssignment: opt(ASSIGNMENT, "Alarm assignment of the AC residual current.", "rcm_ac_assignment"),
    rcmAcMax: opt(z.number().int().nullable(), "Maximum AC residual current; null: none.", "rcm_ac_max"),
    rcmDcAssignment: opt(ASSIGNMENT, "Alarm assignment of the DC residual current.", "rcm_dc_assignment"),
    rcmDcMax: opt(z.number().int().nullable(), "Maximum DC residual current; null: none.", "rcm_dc_max"),
    phases: field(z.array(opaque()).optional(), {
      description:
        "The meter's phases. The SmartAPI documentation shows them only as objects whose keys it hides, so each is passed through as declared (copy the shape your appliance's own answer shows); compared as a set.",
      unordered: true,
    }),
    supplyLine: opt(
      z.enum(["a", "b", "ab", "none", ""]),
      'Supply line the meter measures: `a`, `b`, `ab`, `none`, or "" (the SmartAPI lists the empty string as a value of its own).',
      "supplyline",
    ),
  },
  computed: deviceOutputs,
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
