import { z } from "zod";
import { collection } from "../core/resource/archetypes";
import { codec, field, ref } from "../core/resource/schema";
import { kentix } from "./client";

/**
 * The week as the appliance stores it: 168 hex digits, one per hour from Monday 00:00, each a mask of the hour's
 * four quarters (the documentation's sample has `F` for whole hours; the bit order of a partial hour, first
 * quarter = highest bit, is inferred).
 */
export const DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
const TIME = /^(?:([01]\d|2[0-3]):(00|15|30|45)|24:00)$/;
const quarter = (t: string) => Number(t.slice(0, 2)) * 4 + Number(t.slice(3)) / 15;
const hhmm = (q: number) => `${String(Math.floor(q / 4)).padStart(2, "0")}:${String((q % 4) * 15).padStart(2, "0")}`;
type Range = { days: (typeof DAYS)[number][]; from: string; to: string };

/** Weekly ranges -> the flag string (upper case). */
export function compileWeek(ranges: readonly Range[]): string {
  const on = new Array<boolean>(7 * 96).fill(false);
  for (const r of ranges)
    for (const d of r.days) for (let q = quarter(r.from); q < quarter(r.to); q++) on[DAYS.indexOf(d) * 96 + q] = true;
  return Array.from({ length: 168 }, (_, h) =>
    [0, 1, 2, 3]
      .reduce((n, i) => n | (on[h * 4 + i] ? 8 >> i : 0), 0)
      .toString(16)
      .toUpperCase(),
  ).join("");
}

/** The flag string -> weekly ranges, days with the same hours together. */
export function decompileWeek(flags: string): Range[] {
  const on = [...flags].flatMap((c) => [0, 1, 2, 3].map((i) => (Number.parseInt(c, 16) & (8 >> i)) !== 0));
  const byHours = new Map<string, Range>();
  DAYS.forEach((day, d) => {
    for (let q = 0; q < 96; q++) {
      if (!on[d * 96 + q] || (q > 0 && on[d * 96 + q - 1])) continue;
      let end = q;
      while (end < 96 && on[d * 96 + end]) end++;
      const key = `${hhmm(q)}-${end === 96 ? "24:00" : hhmm(end)}`;
      const range = byHours.get(key) ?? { days: [], from: key.slice(0, 5), to: key.slice(6) };
      range.days.push(day);
      byHours.set(key, range);
    }
  });
  return [...byHours.values()];
}

const hours = z
  .strictObject({
    days: z.array(z.enum(DAYS)).min(1),
    from: z.string().regex(TIME, { error: 'must be a quarter hour "HH:MM" (e.g. "07:00", "07:15")' }),
    to: z.string().regex(TIME, { error: 'must be a quarter hour "HH:MM" up to "24:00"' }),
  })
  .refine((r) => !TIME.test(r.from) || !TIME.test(r.to) || quarter(r.from) < quarter(r.to), {
    error: "`from` must be before `to` (a range over midnight is two ranges)",
    path: ["to"],
  });

const flags = codec(
  z
    .string()
    .regex(/^[0-9a-fA-F]{168}$/, { error: "must be 168 hex digits, one per hour of the week from Monday 00:00" }),
  {
    kind: "flagstring",
    toWire: (v) => v,
    fromWire: (v) => v,
    canon: (v) => (typeof v === "string" ? v.toUpperCase() : v),
    describe: "168 hex digits",
  },
);
const weekly = codec(z.array(hours).min(1), {
  kind: "weekly",
  toWire: (v) => compileWeek(v as Range[]),
  fromWire: (v) => (typeof v === "string" ? decompileWeek(v) : v),
  canon: (v) => (Array.isArray(v) ? compileWeek(v as Range[]) : v),
  describe: 'list of {days: ("mon" … "sun")[], from: "HH:MM", to: "HH:MM"}',
});

/** A weekly schedule for door locks and level profiles. The API has no delete call for it. */
export const TimeProfile = collection({
  vendor: kentix,
  name: "TimeProfile",
  description:
    "A weekly schedule (door locks and level profiles use it). The SmartAPI has no call to delete a time profile: destroy leaves it on the appliance with a warning, and a later create with the same name takes it over (as `adopt: true` would) instead of failing.",
  naturalKey: ["name"],
  routes: {
    list: "GET /api/timeprofiles",
    create: "POST /api/timeprofiles",
    read: "GET /api/timeprofiles/{id}",
    update: "PATCH /api/timeprofiles/{id}",
  },
  undeletable: { warning: "the SmartAPI cannot delete time profiles, so it stays on the appliance" },
  fields: {
    name: field(z.string().min(1).max(255), { description: "Name of the profile; identifies it on the appliance." }),
    weekly: field(weekly.optional(), {
      description:
        'When the profile is active, as weekly ranges: `[{days: ["mon", "tue", "wed", "thu", "fri"], from: "07:00", to: "19:00"}]` (quarter hours, `to` up to "24:00"). Compiled to the flag string; compared as the week it means. Set this or `flagstring`.',
      wire: "flagstring",
    }),
    flagstring: field(flags.optional(), {
      description:
        "The week as the appliance stores it: 168 hex digits, one per hour from Monday 00:00 (`F`: the whole hour). Compared without regard to case. Set this or `weekly`.",
    }),
    exceptionDayProfileId: field(ref("ExceptionDayProfile").nullable().optional(), {
      description: "Exception-day profile: on its days this profile is not active.",
      wire: "exceptionday_profile_id",
    }),
  },
  computed: {
    createdAt: field(z.string().nullable(), { description: "When the appliance created the profile.", computed: true }),
    updatedAt: field(z.string().nullable(), { description: "When the appliance last changed it.", computed: true }),
  },
  rules(inputs, fail) {
    if (inputs.weekly === undefined && inputs.flagstring === undefined)
      fail("weekly", "set `weekly` (or the raw `flagstring`)");
    // Both: the raw string is the one refused, so discovery keeps the readable ranges.
    if (inputs.weekly !== undefined && inputs.flagstring !== undefined)
      fail("flagstring", "set either `weekly` or `flagstring`, not both");
  },
});
