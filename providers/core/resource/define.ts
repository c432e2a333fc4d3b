import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import type { ConnectionArgs } from "../connection";
import { reservedInProgram, reservedText } from "./check";
import { Lifecycle } from "./lifecycle";
import { lifecycles } from "./registry";
import { metaOf } from "./schema";
import { shim } from "./shim";
import { type DeletePolicy, kindOf, type ResourceSpec } from "./spec";
import { ConfigError } from "../errors";

/** Every nested value may be an Output (e.g. `webhookId: soc.id` inside an array of objects). */
export type DeepInput<T> = T extends string | number | boolean | null | undefined
  ? pulumi.Input<T>
  : T extends readonly (infer E)[]
    ? pulumi.Input<DeepInput<E>[]>
    : pulumi.Input<{ [K in keyof T]: DeepInput<T[K]> }>;

type FieldsIn<F extends z.ZodRawShape> = z.input<z.ZodObject<F>>;
type FieldsOut<F extends z.ZodRawShape> = z.output<z.ZodObject<F>>;

export type ResourceArgs<F extends z.ZodRawShape> = { [K in keyof FieldsIn<F>]: DeepInput<FieldsIn<F>[K]> } & {
  connection: DeepInput<ConnectionArgs>;
  /** `true`: take over the object with the same natural key; a string: the id of the object to take over. */
  adopt?: pulumi.Input<boolean | string>;
  /** What destroy does, for resources that offer a choice (see each resource's reference page). */
  deletePolicy?: pulumi.Input<DeletePolicy>;
};

export type ResourceOutputs<F extends z.ZodRawShape, C extends z.ZodRawShape> = {
  readonly [K in keyof FieldsOut<F>]-?: pulumi.Output<FieldsOut<F>[K]>;
} & { readonly [K in keyof FieldsOut<C>]-?: pulumi.Output<FieldsOut<C>[K]> };

export interface ResourceClass<F extends z.ZodRawShape, C extends z.ZodRawShape> {
  new (name: string, args: ResourceArgs<F>, opts?: pulumi.CustomResourceOptions): pulumi.dynamic.Resource & ResourceOutputs<F, C>;
  readonly kind: string;
  readonly spec: ResourceSpec;
}

/** One declarative spec -> a typed resource class whose provider is the string-only shim. */
export function defineResource<F extends z.ZodRawShape, C extends z.ZodRawShape = {}>(spec: ResourceSpec<F, C>): ResourceClass<F, C> {
  const erased = spec as unknown as ResourceSpec;
  const kind = kindOf(erased);
  const lifecycle = new Lifecycle(erased);
  lifecycles.set(kind, lifecycle);
  const secretKeys = Object.keys(spec.fields).filter((k) => metaOf(spec.fields[k] as z.ZodType).secret);
  const restore = spec.deletePolicy?.options.includes("restore") ? ["restoreValues"] : [];
  const outputKeys = [...Object.keys(spec.fields), ...Object.keys(spec.computed ?? {}), ...restore, "connection"];

  class FacilityResource extends pulumi.dynamic.Resource {
    static readonly kind = kind;
    static readonly spec = erased;
    constructor(name: string, args: ResourceArgs<F>, opts?: pulumi.CustomResourceOptions) {
      // Refused here: the SDK's serializer would turn a __proto__ key into plain properties before check sees it.
      const reserved = reservedInProgram(args, opaqueInput);
      if (reserved.length) throw new ConfigError(reservedText(`${kind} "${name}"`, reserved));
      const props: Record<string, unknown> = Object.fromEntries(outputKeys.map((k) => [k, undefined]));
      for (const [k, v] of Object.entries(args)) {
        if (v !== undefined) props[k] = secretKeys.includes(k) ? pulumi.secret(v) : v;
      }
      const additionalSecretOutputs = [...new Set([...secretKeys, ...restore, ...(opts?.additionalSecretOutputs ?? [])])];
      super(shim(kind), name, props, { ...opts, additionalSecretOutputs }, spec.vendor.name, spec.name);
    }
  }
  Object.defineProperty(FacilityResource, "name", { value: spec.name });
  return FacilityResource as unknown as ResourceClass<F, C>;
}

/** Values whose contents are not known while the program runs (checked again in `check`). */
export const opaqueInput = (v: object) =>
  pulumi.Output.isInstance(v) || pulumi.Resource.isInstance(v) || typeof (v as { then?: unknown }).then === "function";
