/** How values look on the wire: the device's string-number quirk and instant normalisation. */
import type { Prng } from "../common";

/**
 * Real devices sometimes send integers as strings ("30"); each integer in a response is turned into a
 * string with probability p, drawn from the seeded PRNG. Booleans, floats and null are left alone.
 */
export function stringifySomeIntegers(value: unknown, rng: Prng, p: number): unknown {
  if (typeof value === "number") return Number.isInteger(value) && rng.chance(p) ? String(value) : value;
  if (Array.isArray(value)) return value.map((v) => stringifySomeIntegers(v, rng, p));
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stringifySomeIntegers(v, rng, p)]));
  }
  return value;
}

const ISO_8601 =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * An ISO-8601 date/time as the instant "2023-02-17T01:00:00.000Z", or undefined when it is not one.
 * No zone means UTC (the emulated device runs on UTC).
 */
export function normaliseInstant(text: string): string | undefined {
  const m = ISO_8601.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "0", zone = "Z"] = m;
  if (Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > daysIn(Number(y), Number(mo))) return undefined;
  const ms = frac.padEnd(3, "0").slice(0, 3);
  const offset =
    zone.toUpperCase() === "Z" ? "Z" : zone.length === 3 ? `${zone}:00` : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
  const date = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}${offset}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
