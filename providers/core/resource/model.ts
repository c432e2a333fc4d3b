import type { z } from "zod";
import type { Vendor } from "../connection";
import { ARCHETYPES, archetypeOf, type Behaviour } from "./archetype";
import { NaturalKeys } from "./natural-key";
import type { ReadStrategy } from "./read-strategy";
import { metaOf, refTarget } from "./schema";
import { Selection } from "./select";
import { kindOf, type ResourceSpec } from "./spec";
import { type Props, WireForm } from "./wire";

/** A path parameter of a discovery route that names a parent object (e.g. `deviceId` -> `<vendor>:Device`). */
export interface ParentRef {
  param: string;
  /** The parent's kind, `<vendor>:<Name>`. */
  kind: string;
}

/** How discovery finds what exists of a kind, or why it cannot. */
export type DiscoveryPlan =
  /** Its listing (per parent where the route names parents). */
  | { how: "list"; route: string; parents: ParentRef[] }
  /** Its read route is a listing that needs no id of the object (a relation listed under its source). */
  | { how: "read-list"; route: string; parents: ParentRef[] }
  /** The one instance of a settings object (per parent where the route names one). */
  | { how: "one"; route: string; parents: ParentRef[] }
  | { how: "none"; why: string };

export type ArchetypeName = "collection" | "settings" | "existing" | "membership" | "registration";

/**
 * One kind, interpreted once from its definition: the wire form, natural keys, how an object is read, how
 * discovery finds the kind, which properties are settings and which are secret. The lifecycle and the
 * read-only views (drift, discover, docs) consume this, so none of them re-derives a rule of its own.
 */
export type { ReadStrategy } from "./read-strategy";

export class KindModel {
  readonly kind: string;
  readonly name: string;
  readonly vendor: Vendor;
  readonly description: string;
  readonly archetype: ArchetypeName;
  readonly form: WireForm;
  readonly keys: NaturalKeys;
  /** How the program selects an existing object (by id, or by name where the kind allows it). */
  readonly selection?: Selection;
  /** The full input schema (fields, connection, adopt, deletePolicy) and its shape. */
  readonly schema: z.ZodObject;
  readonly shape: Record<string, z.ZodType>;
  /** The declared fields (appliance settings), in declaration order. */
  readonly fields: Record<string, z.ZodType>;
  readonly computed: Record<string, z.ZodType>;
  readonly naturalKey: readonly string[];
  readonly read: ReadStrategy;
  readonly discovery: DiscoveryPlan;
  /** Every setting field (not connection, adopt or deletePolicy). */
  readonly settingKeys: readonly string[];
  readonly secretKeys: readonly string[];
  readonly writeOnlyKeys: readonly string[];
  /** Fields kept on endpoints of their own. */
  readonly partKeys: readonly string[];

  constructor(readonly spec: ResourceSpec) {
    this.kind = kindOf(spec);
    this.name = spec.name;
    this.vendor = spec.vendor;
    this.description = spec.description;
    this.archetype = archetypeOf(spec);
    this.form = new WireForm(spec, ARCHETYPES[this.archetype].adoptable);
    this.schema = this.form.schema;
    this.shape = this.form.shape;
    this.keys = new NaturalKeys(this.kind, spec, this.form);
    if (spec.select) this.selection = new Selection(this.kind, spec, this.form, spec.select.id, spec.select.name);
    this.fields = spec.fields as Record<string, z.ZodType>;
    this.computed = (spec.computed ?? {}) as Record<string, z.ZodType>;
    this.naturalKey = spec.naturalKey ?? [];
    this.read = this.form.read;
    this.settingKeys = Object.keys(this.fields);
    this.secretKeys = this.settingKeys.filter((k) => metaOf(this.fields[k]).secret);
    this.writeOnlyKeys = this.settingKeys.filter((k) => metaOf(this.fields[k]).writeOnly);
    this.partKeys = Object.keys(spec.parts ?? {});
    this.discovery = this.planDiscovery();
  }

  /** What this kind of object does differently: its create strategy, adoption, drift and discovery. */
  get behaviour(): Behaviour {
    return ARCHETYPES[this.archetype];
  }

  /** Whether a live object of this kind that no state declares is worth reporting (settings always exist). */
  get reportsUnmanaged(): boolean {
    return this.behaviour.reportsUnmanaged;
  }

  /** The kind an id field refers to (`ref("Device")` -> `<vendor>:Device`), if it is a reference. */
  refKind(field: string): string | undefined {
    const target = refTarget(this.fields[field]);
    return target ? `${this.vendor.name}:${target}` : undefined;
  }

  /** The id of an object the API assigns none (settings, memberships) from its inputs; undefined if they do not give one. */
  idFrom(inputs: Props): string | undefined {
    return idFrom(this.spec, inputs);
  }

  private planDiscovery(): DiscoveryPlan {
    const { list, read } = this.spec.routes;
    if (!read) return { how: "none", why: "the API cannot read it, so what exists cannot be known" };
    let plan: Exclude<DiscoveryPlan, { how: "none" }>;
    if (list) plan = { how: "list", route: list, parents: [] };
    // A read through a listing that needs no id of the object (e.g. a relation listed under its source): list with it.
    else if (this.read.how === "list" && !/\{id\}/.test(read)) plan = { how: "read-list", route: read, parents: [] };
    else if (this.behaviour.discoversOne) plan = { how: "one", route: read, parents: [] };
    else return { how: "none", why: "the API cannot list it" };
    for (const param of routeParams(plan.route)) {
      if (!this.fields[param]) continue; // filled in by the vendor session (e.g. a phone id the session registered itself)
      const kind = this.refKind(param);
      if (!kind) return { how: "none", why: `finding it needs ${param}, which nothing lists` };
      plan.parents.push({ param, kind });
    }
    if (plan.how === "one" && plan.parents.length === 0 && !this.idFrom({}))
      return { how: "none", why: "its id depends on inputs nothing lists" };
    return plan;
  }
}

/** Path parameters of a route other than the object's own id: `GET /orgs/{orgId}/projects` -> ["orgId"]. */
export const routeParams = (route: string | undefined) =>
  [...(route ?? "").matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).filter((n) => n !== "id");

function idFrom(spec: ResourceSpec, inputs: Props): string | undefined {
  try {
    const id = spec.idFor?.(inputs);
    return id && !/undefined|null|NaN/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}
