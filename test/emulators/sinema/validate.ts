/**
 * Request validation as chapter 5 states the JSON types: bool only true/false, int only plain JSON integers,
 * strings may be null. Unknown properties are refused (a real server may ignore them; refusing them here makes
 * a client that sends a misspelt name fail in tests instead of silently doing nothing).
 */
export type Kind = "string" | "int" | "bool" | "ints" | "ipv4" | "mask" | "policies";
export interface Rule {
  kind: Kind;
  required?: boolean;
  values?: readonly number[];
  min?: number;
  max?: number;
  /** For "string": the allowed values. */
  oneOf?: readonly string[];
}
export type Rules = Record<string, Rule>;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
export const ipToInt = (ip: string) => ip.split(".").reduce((n, o) => n * 256 + Number(o), 0);
export const maskBits = (mask: string) => {
  const n = ipToInt(mask);
  const bits = n.toString(2).padStart(32, "0");
  return /^1*0*$/.test(bits) ? (bits.indexOf("0") === -1 ? 32 : bits.indexOf("0")) : -1;
};

/** Checks `body` against `rules`; `partial` (updates) makes nothing required. Returns the errors by field. */
export function validate(
  body: unknown,
  rules: Rules,
  partial = false,
): { values: Record<string, unknown>; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (!body || typeof body !== "object" || Array.isArray(body))
    return { values: {}, errors: { body: "must be a JSON object" } };
  const values = body as Record<string, unknown>;
  for (const key of Object.keys(values)) if (!rules[key]) errors[key] = "unknown property";
  for (const [key, rule] of Object.entries(rules)) {
    const v = values[key];
    if (v === undefined || (v === null && rule.kind !== "bool" && rule.kind !== "int")) {
      if (rule.required && !partial) errors[key] = "Entry required";
      continue;
    }
    const problem = check(v, rule);
    if (problem) errors[key] = problem;
  }
  return { values, errors };
}

function check(v: unknown, rule: Rule): string | undefined {
  switch (rule.kind) {
    case "bool":
      return typeof v === "boolean" ? undefined : "must be true or false";
    case "int":
      if (typeof v !== "number" || !Number.isInteger(v)) return "must be an integer";
      if (rule.values && !rule.values.includes(v)) return `must be one of ${rule.values.join(", ")}`;
      if (rule.min !== undefined && v < rule.min) return `must be at least ${rule.min}`;
      if (rule.max !== undefined && v > rule.max) return `must be at most ${rule.max}`;
      return undefined;
    case "ints":
      if (!Array.isArray(v) || v.some((e) => typeof e !== "number" || !Number.isInteger(e)))
        return "must be a list of integers";
      if (rule.values && v.some((e) => !rule.values!.includes(e))) return `may only contain ${rule.values.join(", ")}`;
      return undefined;
    case "string":
      if (typeof v !== "string") return "must be a string";
      if (rule.oneOf && !rule.oneOf.includes(v)) return `must be one of ${rule.oneOf.join(", ")}`;
      if (rule.min !== undefined && v.length < rule.min) return "Entry required";
      return undefined;
    case "ipv4":
      return typeof v === "string" && IPV4.test(v) ? undefined : "must be an IPv4 address";
    case "mask":
      return typeof v === "string" && IPV4.test(v) && maskBits(v) >= 0 ? undefined : "must be a dotted network mask";
    case "policies":
      return Array.isArray(v) &&
        v.every(
          (p) =>
            p &&
            typeof p === "object" &&
            typeof p.oidcKeyInToken === "string" &&
            typeof p.oidcValueInToken === "string" &&
            Object.keys(p).length === 2,
        )
        ? undefined
        : "must be a list of {oidcKeyInToken, oidcValueInToken}";
  }
}
