/** Per-field type rules in the seed's terms (integer ranges, enums, "string or null" ...), checked strictly. */
import { msg, type ValidationErrors } from "./laravel";
import { normaliseInstant } from "./wire";

export type FieldRule =
  | { type: "string"; nullable?: boolean; max?: number; filled?: boolean; url?: boolean }
  | { type: "bool"; nullable?: boolean }
  | { type: "int"; nullable?: boolean; min?: number; max?: number; oneOf?: readonly number[] }
  | { type: "enum"; values: readonly string[] }
  | { type: "instant"; nullable?: boolean }
  /** Checked by the collection itself (nested arrays, objects). */
  | { type: "custom" };

export type FieldRules = Record<string, FieldRule>;

/**
 * One message per field, the first rule that fails. Strict JSON types: unlike Laravel, "30" is not an
 * integer and 1 is not a boolean, so a client that sends the wrong type finds out here.
 */
export function checkValue(key: string, value: unknown, rule: FieldRule): string | undefined {
  if (value === null) {
    if ("nullable" in rule && rule.nullable) return undefined;
    if (rule.type === "string" && rule.filled) return msg.required(key);
  }
  switch (rule.type) {
    case "string":
      if (typeof value !== "string") return msg.string(key);
      if (rule.filled && value.trim() === "") return msg.required(key);
      if (rule.max !== undefined && value.length > rule.max) return msg.maxChars(key, rule.max);
      if (rule.url && !isHttpUrl(value)) return msg.url(key);
      return undefined;
    case "bool":
      return typeof value === "boolean" ? undefined : msg.boolean(key);
    case "int":
      if (typeof value !== "number" || !Number.isInteger(value)) return msg.integer(key);
      if (rule.oneOf && !rule.oneOf.includes(value)) return msg.invalid(key);
      if (rule.min !== undefined && rule.max !== undefined && (value < rule.min || value > rule.max))
        return msg.between(key, rule.min, rule.max);
      if (rule.min !== undefined && value < rule.min) return msg.min(key, rule.min);
      return undefined;
    case "enum":
      return typeof value === "string" && rule.values.includes(value) ? undefined : msg.invalid(key);
    case "instant":
      return typeof value === "string" && normaliseInstant(value) !== undefined ? undefined : msg.date(key);
    case "custom":
      return undefined;
  }
}

/** Check every rule'd field the input carries, in rule order. Fields without a rule are ignored, as Laravel does. */
export function checkFields(input: Record<string, unknown>, rules: FieldRules, errors: ValidationErrors): void {
  for (const [key, rule] of Object.entries(rules)) {
    if (!(key in input)) continue;
    const problem = checkValue(key, input[key], rule);
    if (problem) errors.add(key, problem);
  }
}

/** Laravel's "required": present, not null, not a blank string. */
export function isFilled(value: unknown): boolean {
  return value !== undefined && value !== null && !(typeof value === "string" && value.trim() === "");
}

/** The fields of `input` that have a rule (what Laravel's validated() would hand the model). */
export function pick(input: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (key in input) out[key] = structuredClone(input[key]);
  return out;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
