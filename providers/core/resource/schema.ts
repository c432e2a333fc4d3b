import type { z } from "zod";
import { type Codec, codecs, toNumber } from "./codecs";

export { type Codec, codec, instant, intEnum, ref, wireEnum } from "./codecs";

/** Per-field behaviour, declared next to the field and read by check, diff, wire mapping and the docs. */
export interface FieldMeta {
  description: string;
  /** Name on the wire; default: snake_case of the property name. */
  wire?: string;
  /** A change replaces the object (the API cannot change it in place). */
  replaceOnChanges?: boolean;
  /** Encrypted in state (secret input and output). */
  secret?: boolean;
  /** Never read back from the appliance: drift on it cannot be seen, the state keeps the declared value. */
  writeOnly?: boolean;
  /** Arrays compare as sets. */
  unordered?: boolean;
  /** Maps: only the keys the program declares are managed and compared; the appliance may hold more. */
  declaredKeysOnly?: boolean;
  /** Set by the appliance; an output only. */
  computed?: boolean;
  /** Not accepted by the create call: sent by one update right after create. */
  updateOnly?: boolean;
  /** Long text (certificates, payload templates): the default bound is `DEFAULT_BOUNDS.longText` (bounds.ts). */
  longText?: boolean;
  /**
   * Existing objects: a property the program states and the provider never writes (e.g. a device's type, which
   * decides the fields that apply). Create fails, before any write, when the live value differs; a change in the
   * program, or on the appliance (seen at refresh), replaces. Declared with `replaceOnChanges` (checked at load).
   */
  matchLive?: boolean;
}

export const fieldMeta = new WeakMap<z.ZodType, FieldMeta>();

export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldMeta.set(schema, meta);
  return schema;
}

/**
 * An optional field: `optional(z.number(), "Arm delay in seconds.")`, with more of its metadata as a third argument
 * (`{ secret: true }`), or the wire name alone as a string (`"is_alarmrepetition_active"`).
 */
export function optional<T extends z.ZodType>(
  schema: T,
  description: string,
  meta: string | Omit<FieldMeta, "description"> = {},
) {
  return field(schema.optional(), { description, ...(typeof meta === "string" ? { wire: meta } : meta) });
}

export const metaOf = (schema: z.ZodType | undefined): FieldMeta =>
  (schema && fieldMeta.get(schema)) || { description: "" };

const toBoolean = (v: unknown) =>
  v === 1 || v === "1" || v === "true" ? true : v === 0 || v === "0" || v === "false" ? false : v;
const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);
const mapEntries = (value: object, f: (k: string, v: unknown) => unknown, keys = Object.keys(value)) =>
  Object.fromEntries(keys.map((k) => [k, f(k, (value as Record<string, unknown>)[k])]));

type Shape = Record<string, z.ZodType>;
interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  defaultValue?: unknown;
  shape?: Shape;
  element?: z.ZodType;
  valueType?: z.ZodType;
  keyType?: z.ZodType;
  checks?: { _zod: { def: { check: string; maximum?: number; length?: number } } }[];
  entries?: Record<string, string | number>;
  options?: z.ZodType[];
}

/** The type that decides the wire form: optional/nullable/default wrappers and pipes looked through. */
function peel(
  schema: z.ZodType,
  withCodecs = true,
): { schema: z.ZodType; def: ZodDef; codec?: Codec; default?: { value: unknown } } {
  let found: { value: unknown } | undefined;
  for (let s = schema; ; ) {
    const def = (s as unknown as { _zod: { def: ZodDef } })._zod.def;
    const codec = withCodecs ? codecs.get(s) : undefined;
    if (codec) return { schema: s, def, codec, default: found };
    if (def.type === "default") found ??= { value: def.defaultValue };
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return { schema: s, def, default: found };
  }
}

/**
 * The one walk over zod schemas: the case of the peeled type. Everything else (wire mapping, comparison, docs,
 * discovery) is written on it, so nothing outside this file reads zod's internals. A case left out goes to `other`.
 */
export interface Cases<R> {
  codec?: (codec: Codec, schema: z.ZodType) => R;
  object?: (shape: Shape, schema: z.ZodType) => R;
  array?: (element: z.ZodType, schema: z.ZodType) => R;
  record?: (valueType: z.ZodType, schema: z.ZodType, keyType: z.ZodType) => R;
  enum?: (options: (string | number)[], schema: z.ZodType) => R;
  union?: (options: z.ZodType[], schema: z.ZodType) => R;
  /** Scalars (`number`, `boolean`, `string`, …; a codec's kind) and the cases left out. */
  other: (type: string, schema: z.ZodType) => R;
}

export function visit<R>(schema: z.ZodType, cases: Cases<R>, withCodecs = true): R {
  const { schema: s, def, codec } = peel(schema, withCodecs);
  if (codec) return cases.codec ? cases.codec(codec, s) : cases.other(codec.kind, s);
  if (def.type === "object" && cases.object) return cases.object(def.shape!, s);
  if (def.type === "array" && cases.array) return cases.array(def.element!, s);
  if (def.type === "record" && cases.record) return cases.record(def.valueType!, s, def.keyType!);
  if (def.type === "enum" && cases.enum) return cases.enum(Object.values(def.entries!), s);
  if (def.type === "union" && cases.union) return cases.union(def.options!, s);
  return cases.other(def.type, s);
}

/** The length bound a string or list declares itself (`.max(n)`, `.length(n)`), else undefined. */
export const ownMaxLength = (schema: z.ZodType): number | undefined =>
  (peel(schema, false).def.checks ?? [])
    .map(({ _zod: { def: c } }) => (c.check === "max_length" ? c.maximum : c.check === "length_equals" ? c.length : -1))
    .reduce<number | undefined>((least, m) => (m! < 0 ? least : Math.min(least ?? m!, m!)), undefined);
const none = () => undefined;
/** A list's element schema; undefined when the schema is not a list. */
export const elementOf = (schema: z.ZodType) => visit<z.ZodType | undefined>(schema, { array: (e) => e, other: none });
/** The fields of a list's elements when they are objects (docs list them as `list[].field`). */
export const elementShape = (schema: z.ZodType): Shape | undefined => {
  const element = elementOf(schema);
  return element && objectShape(element);
};
const objectShape = (schema: z.ZodType) => visit<Shape | undefined>(schema, { object: (shape) => shape, other: none });
/** For references: the kind the id points to (same vendor). */
export const refTarget = (schema: z.ZodType | undefined) =>
  schema && visit<string | undefined>(schema, { codec: (c) => c.target, other: none });
/** The type's name: a codec's kind, or zod's type of the peeled schema (`string`, `object`, …). */
export const typeName = (schema: z.ZodType) => visit(schema, { other: (type) => type });
/** The literal values an enum (or a union with enums) allows, in order; codecs looked through to zod's types. */
export const enumValues = (schema: z.ZodType): unknown[] =>
  visit<unknown[]>(schema, { enum: (o) => o, union: (o) => o.flatMap(enumValues), other: () => [] }, false);

export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const wireName = (key: string, schema?: z.ZodType) => metaOf(schema).wire ?? snake(key);

/** Program value -> wire value, following the schema. */
export function toWire(value: unknown, schema: z.ZodType): unknown {
  if (value === undefined || value === null) return null;
  const object = typeof value === "object";
  return visit(schema, {
    codec: (c) => c.toWire(value),
    object: (shape) => {
      if (!object) return value;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        const fs = shape[k];
        if (!fs || v === undefined || metaOf(fs).computed) continue;
        out[wireName(k, fs)] = toWire(v, fs);
      }
      return out;
    },
    array: (element) => (Array.isArray(value) ? value.map((e) => toWire(e, element)) : value),
    record: (inner) => (object ? mapEntries(value, (_k, v) => toWire(v, inner)) : value),
    other: () => value,
  });
}

/** Wire value -> program value, tolerant of appliance quirks (numbers as strings, 0/1 booleans). */
export function fromWire(value: unknown, schema: z.ZodType): unknown {
  if (value === undefined || value === null) return null;
  const object = typeof value === "object";
  return visit(schema, {
    codec: (c) => c.fromWire(value),
    object: (shape) => {
      if (!object) return value;
      const out: Record<string, unknown> = {};
      for (const [k, fs] of Object.entries(shape)) {
        const w = (value as Record<string, unknown>)[wireName(k, fs)];
        if (w !== undefined) out[k] = fromWire(w, fs);
      }
      return out;
    },
    array: (element) => (Array.isArray(value) ? value.map((e) => fromWire(e, element)) : value),
    record: (inner) => (object ? mapEntries(value, (_k, v) => fromWire(v, inner)) : value),
    other: (type) =>
      type === "number"
        ? toNumber(value)
        : type === "boolean"
          ? toBoolean(value)
          : type === "string" && typeof value === "number"
            ? String(value)
            : value,
  });
}

/** Canonical form used for every comparison: coerced types, instants as numbers, unordered arrays sorted. */
export function canon(value: unknown, schema: z.ZodType | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (!schema) return value;
  const object = typeof value === "object";
  const sorted = (v: object) => Object.keys(v).sort();
  return visit(schema, {
    codec: (c) => c.canon(value),
    object: (shape) => {
      if (!object) return value;
      const keys = sorted(value).filter((k) => (value as Record<string, unknown>)[k] !== undefined);
      return mapEntries(value, (k, v) => canon(v, shape[k]), keys);
    },
    array: (element) => {
      if (!Array.isArray(value)) return value;
      const items = value.map((e) => canon(e, element));
      return metaOf(schema).unordered ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
    },
    record: (inner) => (object ? mapEntries(value, (_k, v) => canon(v, inner), sorted(value)) : value),
    other: (type) => (type === "number" ? toNumber(value) : type === "boolean" ? toBoolean(value) : value),
  });
}

/** Docs: a short human description of a field's type. */
export function describeType(schema: z.ZodType): string {
  return visit(schema, {
    codec: (c) => c.describe,
    array: (element) => `list of ${describeType(element)}`,
    record: (inner) => `map of string to ${describeType(inner)}`,
    object: () => "object",
    enum: (options) => options.map((o) => `"${String(o)}"`).join(" | "),
    union: (options) => [...new Set(options.map(describeType))].join(" | "),
    other: (type, s) => (type === "number" ? ((s as z.ZodNumber).isInt ? "integer" : "number") : type),
  });
}

/** The value zod puts in when the program leaves the field unset (`.default(...)`), if any. */
export const defaultOf = (schema: z.ZodType): { value: unknown } | undefined => peel(schema).default;

/**
 * For APIs whose wire names are the property names (camelCase JSON): sets `wire` to the property name on
 * every field of the shape, nested objects included, that does not name one itself.
 */
export function wireAsNamed<T extends z.ZodRawShape>(shape: T): T {
  for (const [key, schema] of Object.entries(shape) as [string, z.ZodType][]) {
    const meta = fieldMeta.get(schema);
    if (meta) meta.wire ??= key;
    else fieldMeta.set(schema, { description: "", wire: key });
    const inner = objectShape(elementOf(schema) ?? schema);
    if (inner) wireAsNamed(inner);
  }
  return shape;
}

/**
 * Read-modify-write of nested settings (`updateMerge: "deep"`): the program's wire body over the live object,
 * following the schema. Objects keep the live fields the body does not set (server-computed ones included);
 * maps take the body's keys, each value merged over its live value; arrays and scalars are the body's.
 */
export function mergeWire(live: unknown, body: unknown, schema: z.ZodType): unknown {
  if (!isPlainObject(body) || !isPlainObject(live)) return body;
  return visit(schema, {
    object: (shape) => {
      const byWire = new Map(Object.entries(shape).map(([k, s]) => [wireName(k, s), s]));
      const out: Record<string, unknown> = { ...live };
      for (const [k, v] of Object.entries(body)) out[k] = byWire.has(k) ? mergeWire(live[k], v, byWire.get(k)!) : v;
      return out;
    },
    record: (inner) => mapEntries(body, (k, v) => mergeWire(live[k], v, inner)),
    other: () => body,
  });
}
