import type { z } from "zod";

/** The engine's placeholder for a value not known yet during preview (e.g. the id of an object still to be created). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Failure {
  property: string;
  reason: string;
}

type Path = (string | number)[];
/** `webhooks[0].event`; a key that is not a plain word is quoted, so a map key with dots stays one segment: `permissions["users.edit"]`. */
export const pathText = (path: readonly PropertyKey[]) =>
  path
    .map((p, i) => {
      if (typeof p === "number") return `[${p}]`;
      const key = String(p);
      if (!/^[\w$-]+$/.test(key)) return `[${JSON.stringify(key)}]`;
      return i === 0 ? key : `.${key}`;
    })
    .join("");

/**
 * Replaces unknown values by `undefined` so the schema can check everything else; returns where they were, and where
 * an input used `__proto__` as a key (JavaScript, and zod's records, drop such a key silently, so it is refused).
 */
export function extractUnknowns(value: unknown): { probe: unknown; unknowns: Path[]; reserved: Path[] } {
  const unknowns: Path[] = [];
  const reserved: Path[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (v === UNKNOWN) {
      unknowns.push(path);
      return undefined;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    if (!v || typeof v !== "object") return v;
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      if (k === "__proto__") reserved.push([...path, k]);
      else out[k] = walk(item, [...path, k]);
    }
    return out;
  };
  return { probe: walk(value, []), unknowns, reserved };
}

export const reservedKeyFailures = (reserved: Path[]): Failure[] =>
  reserved.map((path) => ({ property: pathText(path), reason: "__proto__ cannot be used as a key: JavaScript would drop it silently" }));

const isUnder = (path: readonly PropertyKey[], unknowns: Path[]) =>
  unknowns.some((u) => u.length <= path.length && u.every((seg, i) => seg === path[i]));

export function issuesToFailures(issues: readonly z.core.$ZodIssue[], unknowns: Path[]): Failure[] {
  return issues
    .filter((issue) => !isUnder(issue.path, unknowns))
    .map((issue) => ({ property: pathText(issue.path) || "(resource)", reason: reason(issue) }));
}

function reason(issue: z.core.$ZodIssue): string {
  // zod 4 leaves `input` out of issues, so a missing value is told apart by its message.
  if (issue.code === "invalid_type" && issue.input === undefined && /received undefined$/.test(issue.message)) return "is required";
  if (issue.code === "invalid_key") return issue.issues[0]?.message ?? issue.message; // the key's own reason, e.g. a custom regex error

  if (issue.code === "unrecognized_keys") return `unknown propert${issue.keys.length > 1 ? "ies" : "y"} ${issue.keys.join(", ")}`;
  return issue.message;
}

/** Puts the unknown placeholders back at their paths in the checked inputs. */
export function restoreUnknowns(value: Record<string, unknown>, unknowns: Path[]): Record<string, unknown> {
  for (const path of unknowns) {
    let target: Record<string | number, unknown> = value;
    for (const seg of path.slice(0, -1)) {
      target[seg] ??= typeof seg === "number" ? [] : {};
      target = target[seg] as Record<string | number, unknown>;
    }
    target[path[path.length - 1]!] = UNKNOWN;
  }
  return value;
}

export const containsUnknown = (v: unknown): boolean =>
  v === UNKNOWN || (Array.isArray(v) ? v.some(containsUnknown) : !!v && typeof v === "object" && Object.values(v).some(containsUnknown));

/** JSON-safe copy: no undefined anywhere (the plugin rejects it). */
export function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
