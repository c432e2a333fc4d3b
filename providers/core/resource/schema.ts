import { z } from "zod";

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
}

export const fieldMeta = new WeakMap<z.ZodType, FieldMeta>();

export function field<T extends z.ZodType>(schema: T, meta: FieldMeta): T {
  fieldMeta.set(schema, meta);
  return schema;
}

export const metaOf = (schema: z.ZodType | undefined): FieldMeta =>
  (schema && fieldMeta.get(schema)) || { description: "" };

/** How a value differs between the TypeScript API and the wire, for types zod cannot express alone. */
export interface Codec {
  kind: string;
  toWire(value: unknown): unknown;
  fromWire(value: unknown): unknown;
  /** Canonical form for comparison. */
  canon(value: unknown): unknown;
  /** Docs: how the type reads. */
  describe: string;
  /** For references: the resource name the id points to (same vendor). */
  target?: string;
}

const codecs = new WeakMap<z.ZodType, Codec>();
const withCodec = <T extends z.ZodType>(schema: T, codec: Codec): T => {
  codecs.set(schema, codec);
  return schema;
};

/**
 * A vendor codec for a mapping the built-in ones cannot express (e.g. a state written as a number and read
 * back as a string). The wire mapping, comparison and docs then follow it, like the built-in codecs.
 */
export const codec = <T extends z.ZodType>(schema: T, spec: Codec): T => withCodec(schema, spec);

/** An id of another object: a string in the program (e.g. `building.id`), an integer on the wire. */
export function ref(target: string) {
  const schema = z
    .union([
      z.string().regex(/^\d+$/, { error: `must be the numeric id of a ${target}` }),
      z.number().int().nonnegative(),
    ])
    .transform((v) => String(v));
  const toNum = (v: unknown) => (v === null || v === undefined || v === "" ? null : Number(v));
  return withCodec(schema, {
    kind: "ref",
    toWire: toNum,
    fromWire: (v) => (v === null || v === undefined ? null : String(Number(v))),
    canon: (v) => (v === null || v === undefined ? null : String(Number(v))),
    describe: `id (${target})`,
    target,
  });
}

/** Readable strings in the program, the vendor's codes on the wire; the mapping lives here, once. */
export function wireEnum<const M extends Record<string, string | number>>(map: M) {
  const names = Object.keys(map) as [keyof M & string, ...(keyof M & string)[]];
  const reverse = new Map(Object.entries(map).map(([k, v]) => [String(v), k]));
  return withCodec(z.enum(names), {
    kind: "enum",
    toWire: (v) => map[v as keyof M],
    fromWire: (v) => reverse.get(String(v)) ?? v,
    canon: (v) => v,
    describe: names.map((n) => `"${n}"`).join(" | "),
  });
}

/** An integer restricted to the values the vendor lists. */
export function intEnum<const V extends readonly number[]>(values: V) {
  const allowed = new Set<number>(values);
  return withCodec(
    z
      .number()
      .int()
      .refine((v) => allowed.has(v), { error: `must be one of ${values.join(", ")}` }) as unknown as z.ZodType<
      V[number],
      number
    >,
    {
      kind: "int",
      toWire: (v) => v,
      fromWire: toNumber,
      canon: toNumber,
      describe: `integer, one of ${values.join(", ")}`,
    },
  );
}

/** An ISO-8601 instant; appliances re-format timestamps, so they compare as instants. */
export function instant() {
  return withCodec(
    z.iso.datetime({ offset: true, local: false, error: "must be an ISO-8601 date-time, e.g. 2026-02-17T01:00:00Z" }),
    {
      kind: "instant",
      toWire: (v) => v,
      fromWire: (v) => v,
      canon: (v) => (typeof v === "string" && !Number.isNaN(Date.parse(v)) ? Date.parse(v) : v),
      describe: "ISO-8601 date-time",
    },
  );
}

const toNumber = (v: unknown) => (typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v);
const toBoolean = (v: unknown) =>
  v === 1 || v === "1" || v === "true" ? true : v === 0 || v === "0" || v === "false" ? false : v;

interface Peeled {
  schema: z.ZodType;
  type: string;
  codec?: Codec;
}

/** Looks through optional/nullable/default wrappers to the type that decides the wire form. */
export function peel(schema: z.ZodType): Peeled {
  let s: z.ZodType = schema;
  for (;;) {
    const codec = codecs.get(s);
    if (codec) return { schema: s, type: codec.kind, codec };
    const def = (s as unknown as { _zod: { def: { type: string; innerType?: z.ZodType; in?: z.ZodType } } })._zod.def;
    if (def.innerType) s = def.innerType;
    else if (def.type === "pipe" && def.in) s = def.in;
    else return { schema: s, type: def.type };
  }
}

const shapeOf = (s: z.ZodType) => (s as unknown as z.ZodObject).shape as Record<string, z.ZodType>;
const elementOf = (s: z.ZodType) => (s as unknown as z.ZodArray<z.ZodType>).element;
const recordValueOf = (s: z.ZodType) => (s as unknown as z.ZodRecord).valueType as unknown as z.ZodType;
/** The fields of a list's elements when they are objects (docs list them as `list[].field`). */
export function elementShape(schema: z.ZodType): Record<string, z.ZodType> | undefined {
  const p = peel(schema);
  if (p.type !== "array") return undefined;
  const element = peel(elementOf(p.schema));
  return element.type === "object" && !element.codec ? shapeOf(element.schema) : undefined;
}
export const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
export const wireName = (key: string, schema?: z.ZodType) => metaOf(schema).wire ?? snake(key);

/** Program value -> wire value, following the schema. */
export function toWire(value: unknown, schema: z.ZodType): unknown {
  if (value === undefined || value === null) return null;
  const p = peel(schema);
  if (p.codec) return p.codec.toWire(value);
  if (p.type === "object" && typeof value === "object") {
    const shape = shapeOf(p.schema);
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const fs = shape[k];
      if (!fs || v === undefined || metaOf(fs).computed) continue;
      out[wireName(k, fs)] = toWire(v, fs);
    }
    return out;
  }
  if (p.type === "array" && Array.isArray(value)) return value.map((e) => toWire(e, elementOf(p.schema)));
  if (p.type === "record" && typeof value === "object") {
    return Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, toWire(v, recordValueOf(p.schema))]));
  }
  return value;
}

/** Wire value -> program value, tolerant of appliance quirks (numbers as strings, 0/1 booleans). */
export function fromWire(value: unknown, schema: z.ZodType): unknown {
  if (value === undefined || value === null) return null;
  const p = peel(schema);
  if (p.codec) return p.codec.fromWire(value);
  switch (p.type) {
    case "number":
      return toNumber(value);
    case "boolean":
      return toBoolean(value);
    case "string":
      return typeof value === "number" ? String(value) : value;
    case "object": {
      if (typeof value !== "object") return value;
      const out: Record<string, unknown> = {};
      for (const [k, fs] of Object.entries(shapeOf(p.schema))) {
        const w = (value as Record<string, unknown>)[wireName(k, fs)];
        if (w !== undefined) out[k] = fromWire(w, fs);
      }
      return out;
    }
    case "array":
      return Array.isArray(value) ? value.map((e) => fromWire(e, elementOf(p.schema))) : value;
    case "record":
      return typeof value === "object"
        ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, fromWire(v, recordValueOf(p.schema))]))
        : value;
    default:
      return value;
  }
}

/** Canonical form used for every comparison: coerced types, instants as numbers, unordered arrays sorted. */
export function canon(value: unknown, schema: z.ZodType | undefined): unknown {
  if (value === undefined || value === null) return null;
  if (!schema) return value;
  const p = peel(schema);
  if (p.codec) return p.codec.canon(value);
  switch (p.type) {
    case "number":
      return toNumber(value);
    case "boolean":
      return toBoolean(value);
    case "object": {
      if (typeof value !== "object") return value;
      const shape = shapeOf(p.schema);
      const keys = Object.keys(value as object)
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .sort();
      return Object.fromEntries(keys.map((k) => [k, canon((value as Record<string, unknown>)[k], shape[k])]));
    }
    case "array": {
      if (!Array.isArray(value)) return value;
      const items = value.map((e) => canon(e, elementOf(p.schema)));
      return metaOf(schema).unordered ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) : items;
    }
    case "record":
      return typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value as object)
              .sort()
              .map((k) => [k, canon((value as Record<string, unknown>)[k], recordValueOf(p.schema))]),
          )
        : value;
    default:
      return value;
  }
}

/** Docs: a short human description of a field's type. */
export function describeType(schema: z.ZodType): string {
  const p = peel(schema);
  if (p.codec) return p.codec.describe;
  if (p.type === "array") return `list of ${describeType(elementOf(p.schema))}`;
  if (p.type === "record") return `map of string to ${describeType(recordValueOf(p.schema))}`;
  if (p.type === "object") return "object";
  if (p.type === "enum") return (p.schema as unknown as z.ZodEnum).options.map((o) => `"${String(o)}"`).join(" | ");
  if (p.type === "number") return (p.schema as unknown as z.ZodNumber).isInt ? "integer" : "number";
  if (p.type === "union")
    return [...new Set((p.schema as unknown as z.ZodUnion<z.ZodType[]>).options.map(describeType))].join(" | ");
  return p.type;
}

/** The value zod puts in when the program leaves the field unset (`.default(...)`), if any. */
export function defaultOf(schema: z.ZodType): { value: unknown } | undefined {
  for (let s: z.ZodType | undefined = schema; s; ) {
    const def: { type: string; innerType?: z.ZodType; defaultValue?: unknown } = (
      s as unknown as { _zod: { def: { type: string } } }
    )._zod.def;
    if (def.type === "default") return { value: def.defaultValue };
    s = def.innerType;
  }
  return undefined;
}

/**
 * For APIs whose wire names are the property names (camelCase JSON): sets `wire` to the property name on
 * every field of the shape, nested objects included, that does not name one itself.
 */
export function wireAsNamed<T extends z.ZodRawShape>(shape: T): T {
  for (const [key, schema] of Object.entries(shape) as [string, z.ZodType][]) {
    const meta = fieldMeta.get(schema);
    if (meta) meta.wire ??= key;
    else fieldMeta.set(schema, { description: "", wire: key });
    let inner = peel(schema);
    if (inner.type === "array") inner = peel(elementOf(inner.schema));
    if (inner.type === "object") wireAsNamed(shapeOf(inner.schema));
  }
  return shape;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/**
 * Read-modify-write of nested settings (`updateMerge: "deep"`): the program's wire body over the live object,
 * following the schema. Objects keep the live fields the body does not set (server-computed ones included);
 * maps take the body's keys, each value merged over its live value; arrays and scalars are the body's.
 */
export function mergeWire(live: unknown, body: unknown, schema: z.ZodType): unknown {
  if (!isPlainObject(body) || !isPlainObject(live)) return body;
  const p = peel(schema);
  if (p.codec) return body;
  if (p.type === "object") {
    const byWire = new Map(Object.entries(shapeOf(p.schema)).map(([k, s]) => [wireName(k, s), s]));
    const out: Record<string, unknown> = { ...live };
    for (const [k, v] of Object.entries(body)) out[k] = byWire.has(k) ? mergeWire(live[k], v, byWire.get(k)!) : v;
    return out;
  }
  if (p.type === "record")
    return Object.fromEntries(
      Object.entries(body).map(([k, v]) => [k, mergeWire(live[k], v, recordValueOf(p.schema))]),
    );
  return body;
}
