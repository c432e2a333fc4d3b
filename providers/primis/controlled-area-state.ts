import { z } from "zod";
import { ConflictError } from "../core/errors";
import { existing } from "../core/resource/archetypes";
import { codec, field } from "../core/resource/schema";
import { httpsOnly, primis } from "./client";

/**
 * The one table between the two vocabularies: `zone_state` writes a number, the area listing reads a string.
 * The guide's enumeration is truncated: it documents only 11 = Open and the read value "open" (plus the read
 * value "LOCKDOWN" without its code), so only `open` is named here; other states are declared as
 * `{code, reads}` pairs confirmed on the site.
 */
export const AREA_STATES = {
  open: { code: 11, reads: "open" },
} as const satisfies Record<string, { code: number; reads: string }>;

type Named = keyof typeof AREA_STATES;
type Declared = Named | { code: number; reads: string };
const NAMES = Object.keys(AREA_STATES) as [Named, ...Named[]];
const readsOf = (v: unknown) =>
  typeof v === "object" && v ? (v as { reads: string }).reads : (AREA_STATES[v as Named]?.reads ?? v);
const nameOf = (read: unknown) => NAMES.find((n) => AREA_STATES[n].reads.toLowerCase() === String(read).toLowerCase());

const stateSchema = codec(
  z.union([z.enum(NAMES), z.strictObject({ code: z.number().int().min(0), reads: z.string().min(1) })], {
    error: `must be ${NAMES.map((n) => `"${n}"`).join(" | ")} or {code, reads}: a write code and the state it reads as, confirmed on the site`,
  }),
  {
    kind: "area-state",
    toWire(v: unknown) {
      if (typeof v === "object" && v) return (v as { code: number }).code;
      const named = AREA_STATES[v as Named];
      if (!named)
        throw new ConflictError(
          `primis: no write code is known for the state ${JSON.stringify(v)}; declare it as {code, reads}, or destroy with deletePolicy "retain"`,
        );
      return named.code;
    },
    fromWire: (v) => nameOf(v) ?? v, // a read value outside the table stays as Primis reports it
    canon: (v) => (v === null || v === undefined ? null : String(readsOf(v)).toLowerCase()), // casing is mixed ("open", "LOCKDOWN")
    describe: `${NAMES.map((n) => `"${n}"`).join(" | ")} | {code, reads}`,
  },
);

const TOGGLE_WARNING =
  'this controlled area is not a toggle area (toggle is not "T"): its activation times and schedules change the state on their own, so refresh will report drift that `pulumi up` can only correct until the next schedule change';

/** The desired lock state of one controlled area. */
export const ControlledAreaState = existing({
  vendor: primis,
  name: "ControlledAreaState",
  description:
    'The desired state of an existing controlled area (e.g. open). Written with `zone_state` (success only when Primis answers `result: "Granted"`), read from the administrator listing of controlled areas (an area absent there is gone). The area itself cannot be created or deleted through the Mobile API; destroy leaves it as it is (`deletePolicy: retain`) or writes back the state it had before (`restore`, possible when that state has a known write code). Needs a Primis administrator. A non-toggle area is changed by its schedules on its own: the `warning` output says so.',
  select: { id: "controlledAreaId" },
  readFromList: true,
  routes: { read: "GET /api/mobile/{phoneId}/controlled_areas", update: "POST /api/mobile/zone_state" },
  deletePolicy: { default: "retain", options: ["retain", "restore"] },
  fields: {
    controlledAreaId: field(
      z.string().regex(/^\d+$/, { error: 'must be the numeric id of a controlled area, e.g. "130000000001"' }),
      {
        description: "Id of the controlled area (a numeric string; see `listControlledAreas`).",
        replaceOnChanges: true,
        wire: "id",
      },
    ),
    state: field(stateSchema as z.ZodType<Declared>, {
      description:
        'The state to hold: `"open"` (write code 11, reads as `open`), or `{code, reads}` for another state confirmed on your site (e.g. `{code: 13, reads: "LOCKDOWN"}`): the Mobile API guide lists only code 11. Read values compare without regard to case.',
    }),
  },
  computed: {
    areaName: field(z.string().nullable(), {
      description: "Name of the area in Primis.",
      computed: true,
      wire: "name",
    }),
    toggle: field(z.string().nullable(), {
      description:
        "The area's `toggle` setting (`T`: a state change lasts indefinitely). Cannot be changed through the API.",
      computed: true,
    }),
    warning: field(z.string().nullable(), {
      description: "Set when the area's schedules change its state on their own (toggle is not `T`).",
      computed: true,
    }),
  },
  rules: httpsOnly,
  toWire: (body, inputs) => ({ "zone-id": inputs.controlledAreaId, ...body }),
  fromWire: (wire) => ("toggle" in wire ? { ...wire, warning: wire.toggle === "T" ? null : TOGGLE_WARNING } : wire),
});
