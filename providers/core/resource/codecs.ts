import { z } from "zod";

/** Numbers as appliances send them, sometimes as strings. */
export const toNumber = (v: unknown) =>
  typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : v;

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

/** The codec of a schema built by one of the builders below (read by the schema visitor in schema.ts). */
export const codecs = new WeakMap<z.ZodType, Codec>();
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
