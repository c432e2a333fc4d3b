import type { z } from "zod";

/** The engine's placeholder for a value not known yet during preview (e.g. the id of an object still to be created). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Failure {
  property: string;
  reason: string;
}

type Path = (string | number)[];
export const pathText = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`)).join("");

/** Replaces unknown values by `undefined` so the schema can check everything else; returns where they were. */
export function extractUnknowns(value: unknown, path: Path = [], found: Path[] = []): { probe: unknown; unknowns: Path[] } {
  if (value === UNKNOWN) {
    found.push(path);
    return { probe: undefined, unknowns: found };
  }
  if (Array.isArray(value)) return { probe: value.map((v, i) => extractUnknowns(v, [...path, i], found).probe), unknowns: found };
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = extractUnknowns(v, [...path, k], found).probe;
    return { probe: out, unknowns: found };
  }
  return { probe: value, unknowns: found };
}

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
