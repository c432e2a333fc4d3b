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

/** Top-level keys the engine itself puts in the inputs (the dynamic provider, measured on the real CLI); every other `__` key is refused. */
export const ENGINE_KEYS: readonly string[] = ["__provider"];
/** Deeper input is refused rather than walked: no declared input nests anywhere near this. */
export const MAX_DEPTH = 64;

/** The problem with a key, or undefined: `__` keys are reserved (`__proto__` would be dropped, or become a prototype). */
export function reservedKeyReason(key: string): string | undefined {
  if (key === "__proto__") return "__proto__ cannot be used as a key: JavaScript would drop it silently";
  if (key.startsWith("__"))
    return `keys starting with "__" are reserved (the engine's own, such as __provider); rename ${key}`;
  return undefined;
}
const INHERITED =
  "has inherited properties (a __proto__ key or a class instance): only plain objects can be inputs, so nothing is sent that was not declared";
const TOO_DEEP = `is nested more than ${MAX_DEPTH} levels deep`;
const BAD_TEXT =
  "contains a NUL character or an unpaired surrogate, which no appliance stores as written (not valid UTF-8 text)";
/** Text an appliance can store: well-formed Unicode (no lone surrogate, which UTF-8 cannot carry) and no NUL (C strings end there). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is exactly what this refuses.
const textOk = (s: string) => !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

export interface Reserved {
  path: Path;
  reason: string;
}

/**
 * Replaces unknown values by `undefined` so the schema can check everything else; returns where they were, and
 * where an input uses a reserved key (`__` prefixed; the engine's own top-level keys excepted), is not a plain
 * object (an `__proto__` key that protobuf or the SDK turned into a prototype), or nests too deep to check.
 */
export function extractUnknowns(value: unknown): { probe: unknown; unknowns: Path[]; reserved: Reserved[] } {
  const unknowns: Path[] = [];
  const reserved: Reserved[] = [];
  const walk = (v: unknown, path: Path): unknown => {
    if (v === UNKNOWN) {
      unknowns.push(path);
      return undefined;
    }
    if (typeof v === "string" && !textOk(v)) reserved.push({ path, reason: BAD_TEXT });
    if (!v || typeof v !== "object") return v;
    if (path.length >= MAX_DEPTH) {
      reserved.push({ path, reason: TOO_DEEP });
      return undefined;
    }
    if (Array.isArray(v)) return v.map((item, i) => walk(item, [...path, i]));
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null)
      reserved.push({ path: [...path, "__proto__"], reason: INHERITED });
    const out: Record<string, unknown> = {};
    for (const [k, item] of Object.entries(v)) {
      const why =
        path.length === 0 && ENGINE_KEYS.includes(k)
          ? undefined
          : (reservedKeyReason(k) ?? (textOk(k) ? undefined : `the key ${BAD_TEXT}`));
      if (why) reserved.push({ path: [...path, k], reason: why });
      else if (!(path.length === 0 && ENGINE_KEYS.includes(k))) out[k] = walk(item, [...path, k]);
    }
    return out;
  };
  return { probe: walk(value, []), unknowns, reserved };
}

export const reservedKeyFailures = (reserved: Reserved[]): Failure[] =>
  reserved.map(({ path, reason }) => ({ property: pathText(path) || "(resource)", reason }));

/**
 * The same refusal in the program process, where the SDK's serializer would otherwise turn a `__proto__` key
 * into plain properties before `check` sees anything (`{"__proto__": {"insecure": true}}` -> `insecure: true`).
 * Strings that gRPC cannot carry as written are refused here too. Walks plain values with `for…in`, as the serializer does; `opaque` values (Outputs, promises, resources) are
 * not entered. Returns the paths and reasons of every problem.
 */
export function reservedInProgram(value: unknown, opaque: (v: object) => boolean, base: Path = []): Reserved[] {
  const found: Reserved[] = [];
  const stack: [unknown, Path][] = [[value, base]];
  const seen = new Set<object>();
  while (stack.length) {
    const [v, path] = stack.pop()!;
    // gRPC would send a lone surrogate as U+FFFD: check would never see what the program declared.
    if (typeof v === "string" && !textOk(v)) found.push({ path, reason: BAD_TEXT });
    if (!v || typeof v !== "object" || seen.has(v) || opaque(v)) continue;
    seen.add(v);
    if (path.length >= MAX_DEPTH) {
      found.push({ path, reason: TOO_DEEP });
      continue;
    }
    if (Array.isArray(v)) {
      for (const [i, item] of v.entries()) stack.push([item, [...path, i]]);
      continue;
    }
    const proto = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) found.push({ path: [...path, "__proto__"], reason: INHERITED });
    for (const k in v) {
      const why = reservedKeyReason(k) ?? (textOk(k) ? undefined : `the key ${BAD_TEXT}`);
      if (why) found.push({ path: [...path, k], reason: why });
      else if (Object.hasOwn(v, k)) stack.push([(v as Record<string, unknown>)[k], [...path, k]]);
    }
  }
  return found;
}

/** The error text for `reservedInProgram`'s findings: one line per path. */
export const reservedText = (what: string, found: Reserved[]) =>
  `${what}: ${found.map(({ path, reason }) => `${pathText(path) || "(arguments)"}: ${reason}`).join("; ")}`;

const isUnder = (path: readonly PropertyKey[], unknowns: Path[]) =>
  unknowns.some((u) => u.length <= path.length && u.every((seg, i) => seg === path[i]));

/** Issues under a value still unknown are left out, and so are those under a value `covered` already refused (too long: its items are not listed). */
export function issuesToFailures(
  issues: readonly z.core.$ZodIssue[],
  unknowns: Path[],
  covered: readonly { path: Path }[] = [],
): Failure[] {
  const refused = covered.map((c) => c.path);
  return issues
    .filter((issue) => !isUnder(issue.path, unknowns) && !isUnder(issue.path, refused))
    .map((issue) => ({ property: pathText(issue.path) || "(resource)", reason: reason(issue) }));
}

function reason(issue: z.core.$ZodIssue): string {
  // zod 4 leaves `input` out of issues, so a missing value is told apart by its message.
  if (issue.code === "invalid_type" && issue.input === undefined && /received undefined$/.test(issue.message))
    return "is required";
  if (issue.code === "invalid_key") return issue.issues[0]?.message ?? issue.message; // the key's own reason, e.g. a custom regex error

  if (issue.code === "unrecognized_keys")
    return `unknown propert${issue.keys.length > 1 ? "ies" : "y"} ${issue.keys.join(", ")}`;
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
  v === UNKNOWN ||
  (Array.isArray(v) ? v.some(containsUnknown) : !!v && typeof v === "object" && Object.values(v).some(containsUnknown));

/** JSON-safe copy: no undefined anywhere (the plugin rejects it). */
export function jsonSafe<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}
