import { z } from "zod";
import { existing } from "../core/resource/archetypes";
import { codec, field } from "../core/resource/schema";
import { kentix } from "./client";
import { deviceName, deviceOutputs, noneAsNull, nullAsNone, opt, ownId, sensorFields } from "./device-fields";

const TI = "MultiSensor-TI only.";
/** The emissivity travels as a string with binary noise ("0.9499999999999999996"): a number, compared to 6 decimals. */
const round6 = (v: unknown) =>
  typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v)) ? Math.round(Number(v) * 1e6) / 1e6 : v;
const emissivity = codec(z.number().gt(0).max(1), {
  kind: "numeric-string",
  toWire: (v) => String(v),
  fromWire: round6,
  canon: (v) => (typeof v === "number" ? Math.round(v * 1e6) / 1e6 : round6(v)),
  describe: "number, above 0 up to 1",
});

/** The configuration of a MultiSensor the appliance knows (a device; the API cannot create or delete it). */
export const MultiSensor = existing({
  vendor: kentix,
  name: "MultiSensor",
  description:
    "The configuration of a MultiSensor the appliance knows (sensors are taught in on the hardware; the SmartAPI cannot create or delete them). Select it by `multiSensorId`, or by `name` alone (exactly one sensor must have it): with the id, `name` renames the sensor; without it, changing `name` selects another sensor. Create reads the sensor, keeps the declared settings' values as `restoreValues` and writes the declared ones; destroy leaves it as it is (`deletePolicy: retain`, the default) or writes those values back (`restore`). The `ir*` fields exist on a MultiSensor-TI only (`typeName`).",
  select: { id: "multiSensorId", name: "name" },
  routes: {
    list: "GET /api/multisensors",
    read: "GET /api/multisensors/{id}",
    update: "PATCH /api/multisensors/{id}",
  },
  fields: {
    multiSensorId: ownId("MultiSensor"),
    name: deviceName("MultiSensor", "multiSensorId"),
    ...sensorFields,
    irColorMode: opt(z.enum(["color", "gray"]), `Thermal image in colour or grey. ${TI}`, "ir_color_mode"),
    irCustomRange: opt(
      z.boolean(),
      `Whether the temperature scale uses irMinValue/irMaxValue. ${TI}`,
      "ir_custom_range",
    ),
    irDistance: opt(z.number().int().min(0), `Distance from the sensor to the ground in cm. ${TI}`, "ir_distance"),
    irEmissivity: field(emissivity.optional(), {
      description: `Emissivity (above 0, up to 1), sent as the string the appliance uses; compared to 6 decimals. ${TI}`,
      wire: "ir_emissivity",
    }),
    irMinValue: opt(z.number().int(), `Lower end of the temperature scale. ${TI}`, "ir_min_value"),
    irMaxValue: opt(z.number().int(), `Upper end of the temperature scale. ${TI}`, "ir_max_value"),
  },
  computed: deviceOutputs,
  fromWire: noneAsNull,
  toWire: nullAsNone,
});
