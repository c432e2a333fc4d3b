/**
 * One builder per kind of thing an appliance exposes. Each takes only the options that make sense for it and
 * returns the typed resource class; what the lifecycle does differently for each lives in archetype.ts.
 *
 * - `collection`: objects the API creates, reads, (updates) and deletes, found again by a natural key.
 * - `settings`: a singleton that always exists; destroy follows a delete policy.
 * - `existing`: configuration of an object the API cannot create or delete (a door lock, a controlled area),
 *   selected by id or by name; destroy leaves it or restores it.
 * - `membership`: an assignment keyed by its pair (a user's roles in a project, a group relation).
 * - `registration`: create and delete only; the API cannot read it back.
 */
import type { z } from "zod";
import type { Vendor, VendorSession, WireNaming } from "../connection";
import { defineResource, type ResourceClass } from "./define";
import type { Part } from "./parts";
import { metaOf } from "./schema";
import type { ConditionalGroup, DeletePolicies, FieldName, Inputs, ResourceSpec } from "./spec";

type Props = Record<string, unknown>;
type Shape = z.ZodRawShape;

/** What every kind declares. */
interface Kind<F extends Shape, C extends Shape> {
  vendor: Vendor;
  /** Type name; the kind `<vendor>:<name>` is stored in every state and must never change. */
  name: string;
  description: string;
  fields: F;
  /** Values the appliance sets; outputs only. */
  computed?: C;
  /** Cross-field rules the schema cannot express; report with fail(property, reason). */
  rules?(inputs: Inputs<F>, fail: (property: FieldName<F> | `connection.${string}`, reason: string) => void): void;
  /** Small vendor mapping hooks around the generic schema-driven mapping. */
  toWire?(body: Props, inputs: Inputs<F>): Props;
  fromWire?(wire: Props): Props;
  /** Overrides the vendor's wire naming for this kind: only with a stated reason. */
  wireNames?: { convention: WireNaming; reason: string };
}

/** What kinds with an update call may declare about their fields. */
interface Updatable<F extends Shape> {
  conditional?: ConditionalGroup<FieldName<F>>[];
  /** Fields the API needs together: when one changes, an update sends all the declared ones. */
  writeTogether?: FieldName<F>[][];
  /** Fields kept on endpoints of their own (an enabled flag, memberships, child entries): see `parts.ts`. */
  parts?: { [K in FieldName<F>]?: Part };
}

type CollectionRoutes = { list?: string; create: string; read: string; update?: string };

/**
 * Objects the API creates. Routes: no `update`: every change replaces the object; no `list`: it cannot be found by
 * natural key; no `delete` (an API that cannot delete them): say so with `undeletable`.
 */
export type CollectionOptions<F extends Shape, C extends Shape> = CollectionBase<F, C> &
  (
    | { routes: CollectionRoutes & { delete: string }; undeletable?: never }
    | {
        routes: CollectionRoutes;
        /**
         * The API has no delete call: destroy leaves the object, printing `warning` (e.g. that it stays on the
         * appliance), and a later create with the same natural key takes that object over instead of failing.
         */
        undeletable: { warning: string };
      }
  );

interface CollectionBase<F extends Shape, C extends Shape> extends Kind<F, C>, Updatable<F> {
  /** Properties that identify the object: the conflict check before create, adoption, lookups after a lost answer. */
  naturalKey?: FieldName<F>[];
  /** The update replaces the whole object: send the live object with the changed fields over it. */
  updateMerge?: boolean;
  /** The listing carries whole objects: drift reads the collection with one listing instead of one GET per object. */
  listComplete?: boolean;
  /** What still depends on the object (read before delete; anything named fails the delete). See ResourceSpec. */
  dependents?(session: VendorSession, id: string, inputs: Inputs<F>): Promise<string[]>;
  /** JSON body of the delete call. */
  deleteBody?(inputs: Inputs<F>, id: string): unknown;
}

export interface SettingsOptions<F extends Shape, C extends Shape> extends Kind<F, C>, Updatable<F> {
  /** The settings object's id in the state (there is one per appliance). */
  id: string;
  /** `delete`: a call that resets the settings, offered by the `delete` policy. */
  routes: { read: string; update: string; delete?: string };
  deletePolicy: DeletePolicies;
  /** The write replaces all settings: send the live settings with the changed ones over them (`"deep"`: nested too). */
  updateMerge?: boolean | "deep";
  /** Create and update bodies are sent wrapped as `{[envelope]: body}`. */
  envelope?: string;
  /** The settings may not exist yet (an integration never configured): create writes them instead of failing. */
  mayBeUnset?: boolean;
}

export interface ExistingOptions<F extends Shape, C extends Shape> extends Kind<F, C>, Updatable<F> {
  /**
   * How create finds the object: the field that holds its id (`{id}`); or that field or, when the program leaves it
   * out, the field that names it (`{id, name}`: both fields optional, the name looked up in `routes.list`; changing
   * the name of an object selected by id renames it); or the fields that name it (`{naturalKey}`).
   */
  select: { id: FieldName<F>; name?: FieldName<F> } | { naturalKey: FieldName<F>[] };
  /** `read` through a listing (`readFromList`) where the API has no get-by-id. */
  routes: { list?: string; read: string; update: string };
  readFromList?: boolean;
  /** Default: `retain` (leave it as it is) or `restore` (write back the values found at create). */
  deletePolicy?: DeletePolicies;
  updateMerge?: boolean | "deep";
}

export interface MembershipOptions<F extends Shape, C extends Shape> extends Kind<F, C> {
  /** The two fields whose pair is the assignment; with a listing, also its natural key (conflicts, adoption). */
  pair: [FieldName<F>, FieldName<F>];
  /** The assignment's id, from its pair (the API assigns none). */
  id(inputs: Inputs<F>): string;
  routes: { list?: string; create: string; read: string; update?: string; delete: string };
  /** Assignments are read from the listing of their owner: `true` by id, or a function picking the item. */
  readFromList: true | ((item: Props, inputs: Inputs<F>) => boolean);
  deleteBody?(inputs: Inputs<F>, id: string): unknown;
}

export interface RegistrationOptions<F extends Shape, C extends Shape> extends Kind<F, C> {
  /** No `read`: refresh keeps the state as stored (say so in the description). No `delete`: destroy only forgets it. */
  routes: { create: string; delete?: string };
  /** The id when the create answer carries none. */
  id?(inputs: Inputs<F>): string;
  /** Every replacement deletes the old one first (a registration holding a scarce slot, such as a licence seat). */
  deleteBeforeReplace?: boolean;
  deleteBody?(inputs: Inputs<F>, id: string): unknown;
  deletePolicy?: DeletePolicies;
}

type Class<F extends Shape, C extends Shape> = ResourceClass<F, C>;
const define = <F extends Shape, C extends Shape>(spec: ResourceSpec<F, C>) => defineResource<F, C>(spec);

export function collection<F extends Shape, C extends Shape = Record<never, never>>(
  o: CollectionOptions<F, C>,
): Class<F, C> {
  const { undeletable, ...rest } = o;
  if (!undeletable) return define<F, C>({ ...rest, archetype: "collection" });
  return define<F, C>({
    ...rest,
    archetype: "collection",
    takeOverByKey: true,
    deletePolicy: { default: "retain", options: ["retain"], retainWarning: undeletable.warning },
  });
}

export function settings<F extends Shape, C extends Shape = Record<never, never>>(
  o: SettingsOptions<F, C>,
): Class<F, C> {
  const { id, mayBeUnset, ...rest } = o;
  return define<F, C>({ ...rest, archetype: "settings", idFor: () => id, firstWriteCreates: mayBeUnset });
}

export function existing<F extends Shape, C extends Shape = Record<never, never>>(
  o: ExistingOptions<F, C>,
): Class<F, C> {
  const { select, deletePolicy, ...rest } = o;
  if ("name" in select && select.name) selectable(o.name, o.fields, select.id, select.name, !!o.routes.list);
  const unreplaced = Object.entries(o.fields as Shape).filter(
    ([, s]) => metaOf(s as z.ZodType).matchLive && !metaOf(s as z.ZodType).replaceOnChanges,
  );
  if (unreplaced.length)
    throw new Error(`${o.name}: matchLive needs replaceOnChanges: ${unreplaced.map(([k]) => k).join(", ")}`);
  const by =
    "id" in select
      ? { select, idFor: (inputs: Inputs<F>) => String((inputs as Props)[select.id]) }
      : { naturalKey: select.naturalKey };
  return define<F, C>({
    ...rest,
    ...by,
    archetype: "existing",
    deletePolicy: deletePolicy ?? { default: "retain", options: ["retain", "restore"] },
  });
}

/** A definition error, at load: selecting by id or name needs both fields optional, an id that replaces, a listing. */
function selectable(kind: string, shape: Shape, id: string, name: string, listed: boolean): void {
  const fields = shape as Record<string, z.ZodType | undefined>;
  const problems = [
    ...[id, name].filter((k) => !fields[k]?.safeParse(undefined).success).map((k) => `${k} must be optional`),
    ...(metaOf(fields[id]).replaceOnChanges ? [] : [`${id} must be replaceOnChanges (another id is another object)`]),
    ...(listed ? [] : ["routes.list is needed to find an object by name"]),
  ];
  if (problems.length) throw new Error(`${kind}: select {id, name}: ${problems.join("; ")}`);
}

export function membership<F extends Shape, C extends Shape = Record<never, never>>(
  o: MembershipOptions<F, C>,
): Class<F, C> {
  const { pair, id, ...rest } = o;
  return define<F, C>({ ...rest, archetype: "membership", idFor: id, naturalKey: o.routes.list ? pair : undefined });
}

export function registration<F extends Shape, C extends Shape = Record<never, never>>(
  o: RegistrationOptions<F, C>,
): Class<F, C> {
  const { id, ...rest } = o;
  return define<F, C>({ ...rest, archetype: "registration", idFor: id });
}
