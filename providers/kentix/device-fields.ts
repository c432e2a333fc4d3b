/** Field declarations the Kentix device kinds share (SmartAPI "Details"/"Update configuration" of each device). */
import { z } from "zod";
import { codec, field, optional as opt, ref } from "../core/resource/schema";

/** The core's optional field (`optional` in core/resource/schema.ts), under the short name the device kinds use. */
export { opt };

/** The device's own id (not a ref: discovery would otherwise write a reference of the device to itself). */
export const ownId = (what: string) =>
  field(
    z
      .string()
      .regex(/^\d+$/, { error: `must be the numeric id of a ${what}, e.g. "2"` })
      .optional(),
    {
      description: `Id of the ${what} on the appliance; leave it out to select it by \`name\`.`,
      replaceOnChanges: true,
      wire: "id",
    },
  );

export const deviceName = (what: string, idKey: string) =>
  opt(z.string().min(1).max(255), `Name of the ${what}: selects it when \`${idKey}\` is not given, else renames it.`);

/** Integers the appliance sometimes sends as strings ("1"), inside objects passed through: compared as numbers. */
const asNumbers = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(asNumbers);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asNumbers(x)]));
  return typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : (v ?? null);
};
/** An object whose keys the SmartAPI documentation hides: sent as declared, compared with integers as numbers. */
export const opaque = () =>
  codec(z.record(z.string().min(1), z.unknown()), {
    kind: "object",
    toWire: (v) => v,
    fromWire: (v) => v,
    canon: asNumbers,
    describe: "object (keys as the appliance shows them)",
  });

/** An object whose keys the SmartAPI documentation hides: only the keys declared are managed and compared. */
export const hiddenObject = (what: string, wire?: string) =>
  field(opaque().optional(), {
    ...(wire ? { wire } : {}),
    description: `${what} The SmartAPI documentation shows it as an object without its keys, so any key is accepted and the appliance validates it; only the keys declared here are managed and compared.`,
    declaredKeysOnly: true,
  });

/** Fields every device kind has: active flag, alarm group and rack membership. */
export const membership = {
  isActive: opt(z.boolean(), "Whether alarm evaluation and communication for the device are on."),
  alarmGroupId: opt(
    ref("AlarmGroup").nullable(),
    "The alarm group (zone) the device belongs to; null: none. The API's add-to-group calls have no remove counterpart, so this is how membership is managed.",
    "group_id",
  ),
  rackId: opt(ref("Rack").nullable(), "The rack the device is in; null: none.", "rack_id"),
};

export const description = opt(z.string().max(255), "Free-text description of the device.");
export const address = opt(
  z.string().min(1).max(255),
  "Address the appliance reaches the device at. A wrong value cuts the device off: change it only when the device has moved.",
);
/** `webhooks` where the seed shows "Array of objects" with hidden keys. */
export const webhookRelations = field(z.array(opaque()).optional(), {
  description:
    "Webhook relations of the device. The SmartAPI documentation shows them only as objects whose keys it hides, so each is passed through as declared (copy the shape your appliance's own answer shows) and validated by the appliance; compared as a set.",
  unordered: true,
  wire: "webhooks",
});

/** The fields of AlarmManagers and MultiSensors (the seed shows the same configuration object for both). */
export const sensorFields = {
  ...membership,
  description,
  address,
  alarmDelay: opt(z.number().int().min(0), "Seconds an alarm of the device is delayed.", "alarmdelay"),
  monitoring: hiddenObject("Monitoring thresholds (temperature, humidity, ...)."),
  fire: hiddenObject("Fire detection settings."),
  intrusion: hiddenObject("Intrusion detection settings."),
  external: hiddenObject("External input settings."),
  output: hiddenObject("Output (relay, buzzer, LED) settings."),
  webhookRelations,
};

/** Read-only values every device shows. */
export const deviceOutputs = {
  deviceId: field(z.number().nullable(), {
    description: "Id of the device this device is assigned to.",
    computed: true,
    wire: "device_id",
  }),
  type: field(z.number().nullable(), { description: "Device type code.", computed: true }),
  typeName: field(z.string().nullable(), {
    description: "Name of the device type.",
    computed: true,
    wire: "type_name",
  }),
};

/**
 * The device's type as the program states it, for the fields that exist on one type only: readable names for the
 * type codes the SmartAPI documentation shows, `rest` for every other code. Compared with the live `type` at create
 * (a different one fails before any write) and at refresh (drift that replaces); never written (`matchLive`).
 */
export function deviceType<const N extends string, const R extends string>(
  codes: Record<N, number>,
  rest: R,
  description: string,
) {
  const names = [...Object.keys(codes), rest] as unknown as [N | R, ...(N | R)[]];
  const byCode = new Map(Object.entries(codes).map(([name, code]) => [Number(code), name]));
  const fromCode = (v: unknown) => (v === null || v === undefined || v === "" ? v : (byCode.get(Number(v)) ?? rest));
  return field(
    codec(z.enum(names), {
      kind: "enum",
      toWire: (v) => codes[v as N] ?? null, // never sent: matchLive fields are not written
      fromWire: fromCode,
      canon: (v) => (names.includes(v as N) ? v : fromCode(v)),
      describe: names.map((n) => `"${n}"`).join(" | "),
    }).optional(),
    { description, wire: "type", replaceOnChanges: true, matchLive: true },
  );
}

/** "No group" and "no rack" are 0 (or null) on the appliance, which is no reference; null is written as 0. */
const UNSET = ["group_id", "rack_id"];
export const noneAsNull = (wire: Record<string, unknown>) => ({
  ...wire,
  ...Object.fromEntries(UNSET.filter((k) => k in wire && Number(wire[k] ?? 0) === 0).map((k) => [k, null])),
});
export const nullAsNone = (body: Record<string, unknown>) => ({
  ...body,
  ...Object.fromEntries(UNSET.filter((k) => k in body && body[k] === null).map((k) => [k, 0])),
});

/** A flag the SmartAPI sends as the integer 0 or 1. */
export const intFlag = codec(z.boolean(), {
  kind: "int-flag",
  toWire: (v) => (v ? 1 : 0),
  fromWire: (v) => (v === 1 || v === "1" ? true : v === 0 || v === "0" ? false : v),
  canon: (v) => (v === 1 || v === "1" ? true : v === 0 || v === "0" ? false : v),
  describe: "boolean (sent as 1 or 0)",
});
