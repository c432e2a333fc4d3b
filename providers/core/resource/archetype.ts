import type * as pulumi from "@pulumi/pulumi";
import type { VendorSession } from "../connection";
import { createNew, takeOverExisting } from "./create";
import type { ArchetypeName, KindModel } from "./model";
import type { Props } from "./wire";

/**
 * What each kind of object does differently, in one place. Everything else (check, diff, read, update, delete by
 * policy) is the same for every kind and follows the model: its routes, read strategy and delete policies.
 */
export interface Behaviour {
  /** How create makes the object exist: a create call (after the natural-key check), or taking over the one there is. */
  create(model: KindModel, session: VendorSession, inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  /** The program may name an existing object to take over (`adopt`): objects the API creates. */
  adoptable: boolean;
  /** Drift reports live objects of the kind that no state declares (settings and existing objects always exist). */
  reportsUnmanaged: boolean;
  /** Discovery finds the one object there is by its read route when the kind has no listing. */
  discoversOne: boolean;
}

const created = { create: createNew, adoptable: true, reportsUnmanaged: true, discoversOne: false };
const takenOver = { create: takeOverExisting, adoptable: false, reportsUnmanaged: false, discoversOne: true };

export const ARCHETYPES: Record<ArchetypeName, Behaviour> = {
  /** CRUD objects with a natural key. */
  collection: created,
  /** An assignment keyed by its pair; its id comes from the pair. */
  membership: created,
  /** Create and delete only; the API cannot read it (`read` keeps the state, `adopt` is refused by check). */
  registration: created,
  /** A singleton: read, capture (for `restore`), write the declared values; destroy follows its delete policy. */
  settings: takenOver,
  /** Configuration of an object the API cannot create or delete, selected by id or name; then as settings. */
  existing: takenOver,
};

/** The archetype of a definition written as flags (the core's own tests): the flags say what the object is. */
export function archetypeOf(spec: {
  archetype?: ArchetypeName;
  singleton?: boolean;
  idFor?: (inputs: never) => string;
  routes: { read?: string };
}): ArchetypeName {
  if (spec.archetype) return spec.archetype;
  if (spec.singleton) return fixedId(spec.idFor) ? "settings" : "existing";
  if (!spec.routes.read) return "registration";
  if (spec.idFor) return "membership";
  return "collection";
}

/** Whether the id is the same whatever the inputs (one settings object per appliance). */
function fixedId(idFor: ((inputs: never) => string) | undefined): boolean {
  try {
    const id = idFor?.({} as never);
    return !!id && !/undefined|null|NaN/.test(id);
  } catch {
    return false;
  }
}
