import { z } from "zod";
import { connectionSchema, type Vendor, type VendorSession, type WireNaming } from "../connection";
import type { ArchetypeName } from "./model";
import type { Part } from "./parts";
import { field } from "./schema";

/** The field names of a kind: what `naturalKey`, `conditional`, `writeTogether`, `rules` and `parts` may name. */
export type FieldName<F extends z.ZodRawShape> = keyof F & string;
/** A kind's checked inputs as its hooks receive them. */
export type Inputs<F extends z.ZodRawShape> = z.output<z.ZodObject<F>>;
type Props = Record<string, unknown>;

/**
 * Fields that only apply while a flag has a given value (e.g. the arm settings of an alarm group
 * apply while `inheritArm` is false). Setting a field of the group implies the flag; the other fields
 * then take the vendor's documented defaults; the whole group travels together on update.
 */
export interface ConditionalGroup<K extends string = string> {
  flag: K;
  /** The flag's value (or one of the values) under which the group applies; a boolean flag is implied by a member. */
  activeWhen: boolean | string | number | readonly (string | number)[];
  /**
   * Member fields and the default each takes when the group applies; REQUIRED where no default is safe, undefined
   * where the member stays unset (a field that exists only under the flag's value, such as a device type's own).
   */
  defaults: { [M in K]?: unknown };
}

/** A conditional member with no safe default: the program must set it when the group applies. */
export const REQUIRED = Symbol("required");

export interface Routes {
  list?: string;
  /** Absent only for singletons (settings that always exist). */
  create?: string;
  /**
   * Absent: the API cannot read the object (create-only APIs). `read` then keeps the state as stored, so
   * refresh cannot see drift or an out-of-band delete: say so in the resource's description.
   */
  read?: string;
  /** Absent: the API cannot change the object, every change replaces it. */
  update?: string;
  /** Absent: the object cannot be deleted; `deletePolicy` says what destroy does. */
  delete?: string;
}

import type { DeletePolicy } from "./public";
export type { DeletePolicy } from "./public";

/**
 * A kind's definition as the core interprets it (see model.ts). Resource files do not write it: they call an
 * archetype builder (archetypes.ts), which takes only the options that make sense for that kind of object and
 * fills this in; `defineResource` takes it directly only for the core's own tests.
 */
export interface ResourceSpec<F extends z.ZodRawShape = z.ZodRawShape, C extends z.ZodRawShape = z.ZodRawShape> {
  vendor: Vendor;
  /** Type name; the kind `<vendor>:<name>` is stored in every state and must never change. */
  name: string;
  description: string;
  fields: F;
  /** Values the appliance sets; outputs only. */
  computed?: C;
  routes: Routes;
  /** What the object is (its create, read and delete strategies); derived from the flags below when absent. */
  archetype?: ArchetypeName;
  /** Overrides the vendor's wire naming for this kind; say why. */
  wireNames?: { convention: WireNaming; reason: string };
  /** Properties that identify the object on the appliance: adoption and lookup after a lost create response. */
  naturalKey?: FieldName<F>[];
  /** A create that finds an object with its natural key takes it over (objects the API cannot delete). */
  takeOverByKey?: boolean;
  conditional?: ConditionalGroup<FieldName<F>>[];
  /** Fields the API needs together: when one changes, an update sends all the declared ones. */
  writeTogether?: FieldName<F>[][];
  /** Cross-field rules the schema cannot express; report with fail(property, reason). */
  rules?(inputs: Inputs<F>, fail: (property: FieldName<F> | `connection.${string}`, reason: string) => void): void;
  /** Small vendor mapping hooks around the generic schema-driven mapping. */
  toWire?: (body: Props, inputs: Inputs<F>) => Props;
  fromWire?: (wire: Props) => Props;
  /** Settings and existing objects: no create or delete call; create reads the current values and writes the declared ones. */
  singleton?: boolean;
  /**
   * Existing objects: the field that holds the object's id and, where the program may give a name instead, the field
   * holding it (the object is then looked up by it in `routes.list`). See `select.ts`.
   */
  select?: { id: string; name?: string };
  /** The object's id when the API assigns none (settings, memberships, registrations); used after create. */
  idFor?: (inputs: Inputs<F>, live?: Props) => string;
  /**
   * Update by read-modify-write: the live object with the changed fields over it, for APIs whose update replaces the whole object.
   * `"deep"` merges nested settings too, following the schema: objects keep the live fields the program does not set
   * (server-computed ones inside nested settings), maps take the program's keys with each value merged over its live value.
   */
  updateMerge?: boolean | "deep";
  /**
   * The choices of the `deletePolicy` input and the default; absent means destroy deletes. `retainWarning` is
   * printed when destroy retains the object (e.g. that it stays on the appliance).
   */
  deletePolicy?: DeletePolicies;
  /** Settings that may not exist yet (an integration never configured): create writes them instead of failing. */
  firstWriteCreates?: boolean;
  /** Create and update bodies are sent wrapped as `{[envelope]: body}` (e.g. `{"zoneSettings": {...}}`). */
  envelope?: string;
  /** Every replacement deletes the old object first (objects that hold a scarce slot, such as a licence seat). */
  deleteBeforeReplace?: boolean;
  /** JSON body of the delete call (APIs that delete associations with a body). */
  deleteBody?: (inputs: Inputs<F>, id: string) => unknown;
  /**
   * Read one object by listing the collection (APIs without a get-by-id); absent from the list means gone.
   * A function picks the object's item where the listing does not carry the object's id (e.g. a relation
   * listed under its source, identified by its destination).
   */
  readFromList?: boolean | ((item: Props, inputs: Inputs<F>) => boolean);
  /** Fields kept on endpoints of their own (an enabled flag, memberships, child entries): see `parts.ts`. */
  parts?: { [K in FieldName<F>]?: Part };
  /**
   * What still depends on the object on the appliance (members, relations), read before a delete: when it
   * names anything, the delete fails with those names instead of letting the appliance cascade or refuse.
   * A 404 it throws means the object itself is gone (the delete then succeeds without a request), so a 404
   * about any other object must be handled inside the hook.
   */
  dependents?: (session: VendorSession, id: string, inputs: Inputs<F>) => Promise<string[]>;
  /** The listing carries whole objects: drift reads a collection with one listing instead of one GET per object. */
  listComplete?: boolean;
}

export interface DeletePolicies {
  default: DeletePolicy;
  options: DeletePolicy[];
  disable?: Props;
  retainWarning?: string;
  /**
   * `restore` of values that mean "not configured" (which the settings write refuses, e.g. an empty required
   * text): true when the values found before are that state, which the delete route restores instead.
   */
  restoreByDelete?: (before: Props) => boolean;
}

export const adoptField = field(z.union([z.boolean(), z.string().min(1)]).optional(), {
  description:
    "Take over an existing object instead of creating one (Pulumi's `import` does not work for dynamic resources): `true` finds it by its natural key, a string is its id. The declared settings are then applied to it.",
});

const deletePolicyField = (spec: ResourceSpec) =>
  field(z.enum(spec.deletePolicy!.options as [DeletePolicy, ...DeletePolicy[]]).optional(), {
    description: `What \`pulumi destroy\` does: ${spec.deletePolicy!.options.map((o) => `\`${o}\``).join(", ")}.`,
  });

/** The values a `restore` delete policy writes back, captured at create. */
export const restoreField = field(z.record(z.string(), z.unknown()).nullable(), {
  description:
    "The declared settings as they were before Pulumi managed them; written back by `deletePolicy: restore`.",
  computed: true,
  secret: true,
});

/**
 * The full input schema of a resource: its fields plus connection, adopt (where the archetype adopts) and deletePolicy.
 * Typed as a plain object schema: the inferred union of the four spreads is not a valid shape in a declaration
 * file (TS2344 for `adopt?: undefined`), and the per-resource types come from `defineResource` anyway.
 */
export function inputSchema(
  spec: ResourceSpec,
  /** Whether the archetype adopts (archetype.ts): settings and existing objects are taken over instead. */
  adoptable: boolean,
): z.ZodObject<Record<string, z.ZodType>, z.core.$strict> {
  const shape: Record<string, z.ZodType> = { connection: connectionSchema, ...spec.fields };
  if (adoptable) shape.adopt = adoptField;
  if (spec.deletePolicy) shape.deletePolicy = deletePolicyField(spec);
  return z.strictObject(shape);
}

/** Keys that are not appliance settings and never cause an API write. */
export const NOT_SETTINGS = new Set(["connection", "adopt", "deletePolicy"]);
export const kindOf = (spec: ResourceSpec) => `${spec.vendor.name}:${spec.name}`;
