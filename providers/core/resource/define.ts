import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ConnectionArgs } from "../connection";
import type { ConnectionSettings, DeepInput, DeletePolicy, ResourceType } from "./public";
import { reservedInProgram, reservedText } from "./check";
import { Lifecycle } from "./lifecycle";
import { KindModel } from "./model";
import { lifecycles, models } from "./registry";
import { metaOf, wireAsNamed } from "./schema";
import { shim } from "./shim";
import { kindOf, type ResourceSpec } from "./spec";
import { ConfigError } from "../errors";

export type { DeepInput } from "./public";

/** The connection settings users write are exactly the connection schema's input (tsc fails here otherwise). */
export type ConnectionSettingsAreTheSchemaInput = Assert<Same<ConnectionSettings, ConnectionArgs>>;
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Assert<T extends true> = T;

type FieldsIn<F extends z.ZodRawShape> = z.input<z.ZodObject<F>>;
type FieldsOut<F extends z.ZodRawShape> = z.output<z.ZodObject<F>>;

export type ResourceArgs<F extends z.ZodRawShape> = { [K in keyof FieldsIn<F>]: DeepInput<FieldsIn<F>[K]> } & {
  connection: DeepInput<ConnectionSettings>;
  /** `true`: take over the object with the same natural key; a string: the id of the object to take over. */
  adopt?: pulumi.Input<boolean | string>;
  /** What destroy does, for resources that offer a choice (see each resource's reference page). */
  deletePolicy?: pulumi.Input<DeletePolicy>;
};

/** An Output per field (an instance has those the program set) and per computed value (always there). */
export type ResourceOutputs<F extends z.ZodRawShape> = {
  readonly [K in keyof FieldsOut<F>]-?: pulumi.Output<FieldsOut<F>[K]>;
};

/**
 * The class of a resource. Its Args and outputs are the schema's types resolved into plain object types, so
 * the declaration emitted for each resource names no zod type (see public.ts); its `spec` is internal.
 */
export type ResourceClass<F extends z.ZodRawShape, C extends z.ZodRawShape> = ResourceType<
  Resolved<ResourceArgs<F>>,
  Resolved<ResourceOutputs<F>>,
  Resolved<ResourceOutputs<C>>
>;
type Resolved<T> = T extends infer O ? { [K in keyof O]: O[K] } : never;

/**
 * A definition -> a typed resource class whose provider is the string-only shim, with its model and lifecycle
 * registered under its kind. Resource files call an archetype builder (archetypes.ts), which calls this.
 */
export function defineResource<F extends z.ZodRawShape, C extends z.ZodRawShape = Record<never, never>>(
  spec: ResourceSpec<F, C>,
): ResourceClass<F, C> {
  const erased = spec as unknown as ResourceSpec;
  const kind = kindOf(erased);
  // The vendor's wire naming (a kind overrides it only with a stated reason): camelCase APIs name fields as declared.
  if ((spec.wireNames?.convention ?? spec.vendor.wireNames) === "asNamed") {
    wireAsNamed(spec.fields);
    if (spec.computed) wireAsNamed(spec.computed);
  }
  const model = new KindModel(erased);
  models.set(kind, model);
  lifecycles.set(kind, new Lifecycle(model));
  // Secret fields, and computed values marked secret (a token the appliance issues), are encrypted in state.
  const secretKeys = Object.entries({ ...spec.fields, ...spec.computed })
    .filter(([, schema]) => metaOf(schema as z.ZodType).secret)
    .map(([k]) => k);
  const restore = spec.deletePolicy?.options.includes("restore") ? ["restoreValues"] : [];
  // What an instance registers: the keys its args carry and the computed values, nothing else (each registered
  // key costs the SDK an Output of four tracked promises, each with a captured stack). The order of the keys the
  // inputs had when every field was registered is kept, so what reaches the engine is unchanged.
  const computedKeys = new Set(Object.keys(spec.computed ?? {}));
  const orderedKeys = [...Object.keys(spec.fields), ...computedKeys, "connection"];

  class FacilityResource extends pulumi.dynamic.Resource {
    static readonly kind = kind;
    static readonly spec = erased;
    constructor(name: string, args: ResourceArgs<F>, opts?: pulumi.CustomResourceOptions) {
      // Refused here: the SDK's serializer would turn a __proto__ key into plain properties before check sees it.
      const reserved = reservedInProgram(args, opaqueInput);
      if (reserved.length) throw new ConfigError(reservedText(`${kind} "${name}"`, reserved));
      const given = args as Record<string, unknown>;
      const props: Record<string, unknown> = {};
      for (const k of orderedKeys) if (Object.hasOwn(given, k) || computedKeys.has(k)) props[k] = undefined;
      for (const [k, v] of Object.entries(given)) {
        if (v !== undefined) props[k] = secretKeys.includes(k) ? pulumi.secret(v) : v;
      }
      const additionalSecretOutputs = [
        ...new Set([...secretKeys, ...restore, ...(opts?.additionalSecretOutputs ?? [])]),
      ];
      super(shim(kind), name, props, { ...opts, additionalSecretOutputs }, spec.vendor.name, spec.name);
    }
  }
  Object.defineProperty(FacilityResource, "name", { value: spec.name });
  return FacilityResource as unknown as ResourceClass<F, C>;
}

/** Values whose contents are not known while the program runs (checked again in `check`). */
export const opaqueInput = (v: object) =>
  pulumi.Output.isInstance(v) || pulumi.Resource.isInstance(v) || typeof (v as { then?: unknown }).then === "function";
