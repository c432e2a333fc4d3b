import type { z } from "zod";
import { metaOf, ownMaxLength, visit } from "./schema";

/**
 * Bounds on text, lists and maps that declare none of their own (the vendor documents no limit): `check`
 * refuses a longer value with the property and the limit, before any request, instead of sending it to a small
 * appliance. Each is far above what any documented field or any appliance's own data holds, so discovery never
 * meets a live value beyond one; a bound a field declares itself (`.max(n)`) is kept and checked by zod.
 */
export const DEFAULT_BOUNDS = {
  /** Characters of free text: names, descriptions, URLs, ids, map keys. */
  text: 4096,
  /**
   * Characters of long text (`longText` fields): certificates (a PEM chain of dozens of certificates) and
   * payload templates (a database TEXT column holds 65,535 bytes).
   */
  longText: 65_536,
  /** Items of a list. */
  items: 1000,
  /** Entries of a map. */
  entries: 1000,
} as const;

export interface Bound {
  max: number;
  unit: "characters" | "items" | "entries";
  /** Declared by the field (`.max(n)`, `.length(n)`); false for a default bound. */
  own: boolean;
}

const text = (schema: z.ZodType, own = ownMaxLength(schema)): Bound => ({
  max: own ?? (metaOf(schema).longText ? DEFAULT_BOUNDS.longText : DEFAULT_BOUNDS.text),
  unit: "characters",
  own: own !== undefined,
});
const TEXT: Bound = { max: DEFAULT_BOUNDS.text, unit: "characters", own: false };
const ITEMS: Bound = { max: DEFAULT_BOUNDS.items, unit: "items", own: false };
const ENTRIES: Bound = { max: DEFAULT_BOUNDS.entries, unit: "entries", own: false };

/** The bound of a text, list or map field (its own, else the default); undefined for other types. */
export function boundOf(schema: z.ZodType): Bound | undefined {
  const own = ownMaxLength(schema);
  return visit<Bound | undefined>(
    schema,
    {
      array: () => (own === undefined ? ITEMS : { max: own, unit: "items", own: true }),
      record: () => ENTRIES,
      other: (type) => (type === "string" ? text(schema, own) : undefined),
    },
    false, // a codec changes the wire form, not what the program gives
  );
}

/** Scalars: nothing inside to bound (enums and literals bound themselves). */
const SCALARS = new Set(["number", "int", "boolean", "bigint", "enum", "literal", "null", "undefined", "date", "nan"]);

type Path = (string | number)[];
export interface OverBound {
  path: Path;
  reason: string;
}

const isPlain = (v: unknown): v is Record<string, unknown> => !!v && typeof v === "object" && !Array.isArray(v);

/** A key too long to show in full names its first characters in the property path. */
const short = (key: string) => (key.length > 40 ? `${key.slice(0, 40)}…` : key);
const EMPTY = { characters: () => "", items: () => [], entries: () => ({}) };

/**
 * Where a value (the program's inputs) exceeds a default bound: lists, maps, texts and map keys, following the
 * schema; inside untyped values (`unknown`) every text, list and map. Bounds a field declares itself are zod's.
 * Each value refused is emptied in `value` (a copy: check's probe), so parsing it does not walk 100,000 items
 * only to report them again.
 */
export function overBounds(value: unknown, schema: z.ZodType): OverBound[] {
  const out: OverBound[] = [];
  const empty: [Path, unknown][] = [];
  const over = (path: Path, n: number, b: Bound, what = "") => {
    if (b.own || n <= b.max) return false;
    const has = b.unit === "characters" ? `is ${n} characters long` : `has ${n} ${b.unit}`;
    out.push({
      path,
      reason: `${what}${has}; at most ${b.max} are accepted (a default bound: the vendor documents none)`,
    });
    if (!what) empty.push([path, EMPTY[b.unit]()]);
    return true;
  };
  const loose = (v: unknown, path: Path): void => {
    if (typeof v === "string") over(path, v.length, TEXT);
    else if (Array.isArray(v)) {
      if (!over(path, v.length, ITEMS)) for (const [i, item] of v.entries()) loose(item, [...path, i]);
    } else if (isPlain(v)) {
      const entries = Object.entries(v);
      if (over(path, entries.length, ENTRIES)) return;
      for (const [k, item] of entries) {
        over([...path, short(k)], k.length, TEXT, "the key ");
        loose(item, [...path, k]);
      }
    }
  };
  const walk = (v: unknown, s: z.ZodType, path: Path): void => {
    if (v === null || v === undefined) return;
    visit<void>(
      s,
      {
        object: (shape) => {
          if (isPlain(v)) for (const [k, item] of Object.entries(v)) if (shape[k]) walk(item, shape[k], [...path, k]);
        },
        array: (element) => {
          if (!Array.isArray(v) || over(path, v.length, boundOf(s)!)) return;
          for (const [i, item] of v.entries()) walk(item, element, [...path, i]);
        },
        record: (inner, _s, key) => {
          if (!isPlain(v)) return;
          const entries = Object.entries(v);
          if (over(path, entries.length, ENTRIES)) return;
          for (const [k, item] of entries) {
            over([...path, short(k)], k.length, text(key), "the key ");
            walk(item, inner, [...path, k]);
          }
        },
        // The option the value is (the others refuse it); none: zod reports the value.
        union: (options) => {
          const match = options.find((o) => o.safeParse(v).success);
          if (match) walk(v, match, path);
        },
        other: (type) => {
          if (type === "string") {
            if (typeof v === "string") over(path, v.length, text(s));
          } else if (!SCALARS.has(type)) loose(v, path);
        },
      },
      false,
    );
  };
  walk(value, schema, []);
  for (const [path, e] of empty) {
    const parent = path.slice(0, -1).reduce<unknown>((v, seg) => (v as Record<string | number, unknown>)[seg], value);
    (parent as Record<string | number, unknown>)[path[path.length - 1]!] = e;
  }
  return out;
}
