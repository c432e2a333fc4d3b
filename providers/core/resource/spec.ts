import { z } from "zod";
import { connectionSchema, type Vendor } from "../connection";
import { field } from "./schema";

/**
 * Fields that only apply while a flag has a given value (e.g. the arm settings of an alarm group
 * apply while `inheritArm` is false). Setting a field of the group implies the flag; the other fields
 * then take the vendor's documented defaults; the whole group travels together on update.
 */
export interface ConditionalGroup {
  flag: string;
  activeWhen: boolean;
  /** Member fields and the default each takes when the group applies; REQUIRED where no default is safe. */
  defaults: Record<string, unknown>;
}

/** A conditional member with no safe default: the program must set it when the group applies. */
export const REQUIRED = Symbol("required");

export interface Routes {
  list?: string;
  create: string;
  read: string;
  /** Absent: the API cannot change the object, every change replaces it. */
  update?: string;
  delete: string;
}

export interface ResourceSpec<F extends z.ZodRawShape = z.ZodRawShape, C extends z.ZodRawShape = z.ZodRawShape> {
  vendor: Vendor;
  /** Type name; the kind `<vendor>:<name>` is stored in every state and must never change. */
  name: string;
  description: string;
  fields: F;
  /** Values the appliance sets; outputs only. */
  computed?: C;
  routes: Routes;
  /** Properties that identify the object on the appliance: adoption and lookup after a lost create response. */
  naturalKey?: (keyof F & string)[];
  conditional?: ConditionalGroup[];
  /** Fields the API needs together: when one changes, an update sends all the declared ones. */
  writeTogether?: string[][];
  /** Cross-field rules the schema cannot express; report with fail(property, reason). */
  rules?: (inputs: Record<string, unknown>, fail: (property: string, reason: string) => void) => void;
  /** Small vendor mapping hooks around the generic schema-driven mapping. */
  toWire?: (body: Record<string, unknown>, inputs: Record<string, unknown>) => Record<string, unknown>;
  fromWire?: (wire: Record<string, unknown>) => Record<string, unknown>;
  /** A program snippet for the reference docs. */
  example?: string;
}

export const adoptField = field(z.boolean().optional(), {
  description:
    "Take over an existing object with the same natural key instead of failing (Pulumi's `import` does not work for dynamic resources). The declared settings are then applied to it.",
});

/** The full input schema of a resource: its fields plus connection (and adopt where a natural key exists). */
export function inputSchema(spec: ResourceSpec) {
  const adopt = spec.naturalKey ? { adopt: adoptField } : {};
  return z.strictObject({ connection: connectionSchema, ...spec.fields, ...adopt });
}

/** Keys that are not appliance settings and never cause an API write. */
export const NOT_SETTINGS = new Set(["connection", "adopt"]);
export const kindOf = (spec: ResourceSpec) => `${spec.vendor.name}:${spec.name}`;
