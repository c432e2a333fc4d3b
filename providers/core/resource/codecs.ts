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
  /** A value that stands for several members of a set part (a port list): its members in wire form, one per add or remove call. */
  members?(value: unknown): unknown[];
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

/** A port list as appliances write it: ports and ranges separated by commas, e.g. `77, 70-100`. */
type PortRange = [number, number];
const PORT_ITEM = /^(\d{1,5})(?:\s*-\s*(\d{1,5}))?$/;

/**
 * Parses a port list: each item a port (1 to 65535) or a range `lo-hi` with lo ≤ hi. The entries come in the
 * canonical order (by start, then end), an entry given twice once; overlapping entries are kept as they are.
 */
export function parsePorts(text: string): { ranges: PortRange[] } | { problem: string } {
  const ranges: PortRange[] = [];
  const items = text.split(",").map((s) => s.trim());
  if (items.every((s) => s === "")) return { ranges };
  for (const item of items) {
    const m = PORT_ITEM.exec(item);
    if (!m) return { problem: `"${item}" is not a port or a port range; write e.g. "77, 70-100"` };
    const [lo, hi] = [Number(m[1]), Number(m[2] ?? m[1])];
    const bad = [lo, hi].find((p) => p < 1 || p > 65535);
    if (bad !== undefined) return { problem: `${bad} is not a port (1 to 65535)` };
    if (lo > hi) return { problem: `the range ${item} starts above its end; write ${hi}-${lo}` };
    if (!ranges.some(([a, b]) => a === lo && b === hi)) ranges.push([lo, hi]);
  }
  return { ranges: ranges.sort((x, y) => x[0] - y[0] || x[1] - y[1]) };
}

const rangeText = ([lo, hi]: PortRange) => (lo === hi ? String(lo) : `${lo}-${hi}`);
/** The canonical text of a port list (`70-100, 77`); text that does not parse stays as it is. */
const portText = (v: unknown): unknown => {
  const parsed = typeof v === "string" ? parsePorts(v) : typeof v === "number" ? parsePorts(String(v)) : undefined;
  return parsed && "ranges" in parsed ? parsed.ranges.map(rangeText).join(", ") : v;
};
const portListSchema = () =>
  z.string().superRefine((v, ctx) => {
    const parsed = parsePorts(v);
    if ("problem" in parsed) ctx.addIssue({ code: "custom", message: parsed.problem });
  });

/** A port list in one string, e.g. `"77, 70-100"`; compared in canonical order, so `"70-100, 77"` is the same list. */
export function portList() {
  return withCodec(portListSchema(), {
    kind: "portList",
    toWire: portText,
    fromWire: (v) => portText(Array.isArray(v) ? v.join(", ") : v),
    canon: portText,
    describe: 'port list, e.g. "77, 70-100"',
  });
}

/**
 * Port lists by protocol in the program (`{tcp: "77, 70-100", udp: "161"}`), on the wire a set of
 * `{protocol, port}` entries, one per port or range (`port` a number, a range the text `lo-hi`): the members a
 * set part adds and removes one by one. Reading accepts entries whose `port` is a number, a range or a list.
 */
export function portsByProtocol<const P extends Record<string, string>>(protocols: P) {
  const keys = Object.keys(protocols) as (keyof P & string)[];
  const shape = Object.fromEntries(keys.map((k) => [k, portListSchema().optional()])) as {
    [K in keyof P]: z.ZodOptional<z.ZodString>;
  };
  const members = (v: unknown) =>
    keys.flatMap((k) => {
      const text = v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined;
      const parsed = typeof text === "string" ? parsePorts(text) : undefined;
      const ranges = parsed && "ranges" in parsed ? parsed.ranges : [];
      return ranges.map((r) => ({ protocol: protocols[k], port: r[0] === r[1] ? r[0] : rangeText(r) }));
    });
  const byProtocol = (wire: unknown) => {
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const listed = (Array.isArray(wire) ? wire : [])
        .filter((e) => String(e?.protocol ?? "").toUpperCase() === protocols[k]!.toUpperCase())
        .map((e) => String(e.port));
      if (listed.length) out[k] = portText(listed.join(", "));
    }
    return out;
  };
  return withCodec(z.strictObject(shape), {
    kind: "portsByProtocol",
    toWire: members,
    fromWire: byProtocol,
    canon: (v) =>
      v && typeof v === "object"
        ? Object.fromEntries(keys.map((k) => [k, portText((v as Record<string, unknown>)[k] ?? "")]))
        : v,
    members,
    describe: `port lists by protocol \`{${keys.map((k) => `${k}?`).join(", ")}}\`, each e.g. "77, 70-100"`,
  });
}
