/**
 * Request models of the seed (OrgCreateReq = OrgUpdateReq, ProjectCreateReq = ProjectUpdateReq, Roles) and a
 * strict validator: unknown properties are refused, so a client that sends identifiers, metadata or the caller's
 * permissions back is caught (decision, README).
 */
export interface Prop {
  type: "string" | "integer" | "number" | "boolean";
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  pattern?: RegExp;
}
export type Model = Record<string, Prop>;

// The seed's e-mail pattern, verbatim.
const EMAIL =
  /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const PHONE = /^\+?[0-9 ]+$/;
const limit: Prop = { type: "integer", required: true, min: -1 };

export const ORG_MODEL: Model = {
  name: { type: "string", required: true, minLength: 1, maxLength: 128 },
  description: { type: "string", maxLength: 255 },
  companyId: { type: "string", maxLength: 32 },
  vatId: { type: "string", maxLength: 32 },
  email: { type: "string", maxLength: 200, pattern: EMAIL },
  contactEmail: { type: "string", maxLength: 200, pattern: EMAIL },
  contactPhone: { type: "string", maxLength: 32, pattern: PHONE },
  contactPerson: { type: "string", maxLength: 128 },
  contactLang: { type: "string", maxLength: 32 },
  note: { type: "string" },
  logoUrl: { type: "string", maxLength: 1024 },
  externalUrl: { type: "string", maxLength: 1024 },
  projectsLimit: limit,
  usersLimit: limit,
  devicesLimit: limit,
  dashboardsLimit: limit,
  amountOfDatapoints: limit,
  enabled: { type: "boolean", required: true },
};

export const PROJECT_MODEL: Model = {
  name: { type: "string", required: true, minLength: 1, maxLength: 128 },
  description: { type: "string", maxLength: 255 },
  rateLimit: { type: "number", required: true, min: -1 },
  // "Not implemented yet" on the server, but required since v1.4.0: stored as given (max 8 characters).
  dataRetention: { type: "string", required: true, maxLength: 8 },
  logoUrl: { type: "string", maxLength: 1024 },
  usersLimit: limit,
  devicesLimit: limit,
  dashboardsLimit: limit,
  amountOfDatapoints: limit,
};

export const PROFILE_MODEL: Model = {
  firstName: { type: "string", required: true, maxLength: 255 },
  lastName: { type: "string", required: true, maxLength: 255 },
  email: { type: "string", required: true, maxLength: 200, pattern: EMAIL },
  phone: { type: "string", maxLength: 32, pattern: PHONE },
  lang: { type: "string", required: true, pattern: /^(en|cs)$/ },
};

/** The first problem, in the seed's wording ("Property 'name' is required."), or undefined. Null counts as absent. */
export function validate(body: unknown, model: Model): string | undefined {
  if (!body || typeof body !== "object" || Array.isArray(body)) return "The payload must be a JSON object.";
  const obj = body as Record<string, unknown>;
  for (const key of Object.keys(obj)) if (!model[key]) return `Property '${key}' is not allowed.`;
  for (const [key, prop] of Object.entries(model)) {
    const v = obj[key];
    if (v === undefined || v === null) {
      if (prop.required) return `Property '${key}' is required.`;
      continue;
    }
    const problem = check(v, prop);
    if (problem) return `Property '${key}' ${problem}.`;
  }
  return undefined;
}

function check(v: unknown, p: Prop): string | undefined {
  if (p.type === "string") {
    if (typeof v !== "string") return "must be a string";
    if (p.minLength !== undefined && v.length < p.minLength) return `must be at least ${p.minLength} characters long`;
    if (p.maxLength !== undefined && v.length > p.maxLength) return `must be at most ${p.maxLength} characters long`;
    if (p.pattern && !p.pattern.test(v)) return `must match the pattern ${p.pattern.source}`;
    return undefined;
  }
  if (p.type === "boolean") return typeof v === "boolean" ? undefined : "must be a boolean";
  if (typeof v !== "number" || !Number.isFinite(v)) return `must be a ${p.type}`;
  if (p.type === "integer" && !Number.isInteger(v)) return "must be an integer";
  if (p.min !== undefined && v < p.min) return `must be at least ${p.min}`;
  return undefined;
}

/** Only the model's properties, with nulls dropped: what a PUT (full replacement) leaves stored. */
export function pick(body: Record<string, unknown>, model: Model): Record<string, unknown> {
  return Object.fromEntries(
    Object.keys(model)
      .filter((k) => body[k] !== undefined && body[k] !== null)
      .map((k) => [k, body[k]]),
  );
}
