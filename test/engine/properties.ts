/**
 * Property values as they travel on the wire (google.protobuf.Struct turned into JavaScript):
 * plain JSON, with secrets as `{[SIG]: SECRET_SIG, value}`, resource references as
 * `{[SIG]: RESOURCE_SIG, urn, id}` and unknowns (preview only) as the UNKNOWN sentinel string.
 * The engine keeps this representation in memory; only the state file encrypts secrets.
 */

export const SIG = "4dabf18193072939515e22adb298388d";
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";
export const RESOURCE_SIG = "5cf8f73096256a8f31e491e813e4eb8e";
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
export const PROVIDER_KEY = "__provider";

export type Value = null | boolean | number | string | Value[] | { [key: string]: Value };
export type Props = Record<string, Value>;
type Obj = { [key: string]: Value };

export function isObject(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function isSecret(v: unknown): v is Obj & { value: Value } {
  return isObject(v) && v[SIG] === SECRET_SIG;
}

export function isResourceRef(v: unknown): v is Obj {
  return isObject(v) && v[SIG] === RESOURCE_SIG;
}

export function makeSecret(v: Value): Value {
  return isSecret(v) ? v : { [SIG]: SECRET_SIG, value: v };
}

export function unwrapSecret(v: Value): Value {
  return isSecret(v) ? v.value : v;
}

export function clone<T extends Value | Props>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function containsSecrets(v: Value | undefined): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(containsSecrets);
  if (isObject(v)) return Object.values(v).some(containsSecrets);
  return false;
}

export function containsUnknowns(v: Value | undefined): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknowns);
  if (isObject(v)) return Object.values(v).some(containsUnknowns);
  return false;
}

/**
 * What a provider that answered Configure with acceptSecrets=false / acceptResources=false receives:
 * secrets become their plaintext, resource references become their id (or URN for components).
 */
export function forProvider(v: Value): Value {
  if (isSecret(v)) return forProvider(v.value);
  if (isResourceRef(v)) {
    const id = v.id;
    return typeof id === "string" && id !== "" ? id : (v.urn ?? null);
  }
  if (Array.isArray(v)) return v.map(forProvider);
  if (isObject(v)) {
    const out: Obj = {};
    for (const [k, x] of Object.entries(v)) out[k] = forProvider(x);
    return out;
  }
  return v;
}

export function propsForProvider(p: Props): Props {
  return forProvider(p) as Props;
}

/**
 * The engine's annotateSecrets (provider_plugin.go): an output becomes secret when the input with
 * the same key was (or contained) a secret; objects on both sides are walked key by key.
 */
export function annotateSecrets(outs: Props | undefined, ins: Props | undefined): void {
  if (!outs || !ins) return;
  for (const [key, inValue] of Object.entries(ins)) {
    if (!(key in outs)) continue;
    const outValue = outs[key];
    if (
      isObject(outValue) &&
      !isSecret(outValue) &&
      !isResourceRef(outValue) &&
      isObject(inValue) &&
      !isSecret(inValue)
    ) {
      annotateSecrets(outValue, inValue);
    } else if (!isSecret(outValue) && containsSecrets(inValue)) {
      outs[key] = makeSecret(outValue);
    }
  }
}

/** Structural equality; secretness counts, as in the engine's PropertyValue.DeepEquals. */
export function deepEqual(a: Value | undefined, b: Value | undefined): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** Every plaintext string inside a secret, so reports can mask it wherever it shows up. */
export function collectSecretStrings(v: Value | undefined, into: Set<string>, inSecret = false): void {
  if (isSecret(v)) return collectSecretStrings(v.value, into, true);
  if (typeof v === "string") {
    if (inSecret && v.length >= 4) into.add(v);
  } else if (Array.isArray(v)) {
    for (const x of v) collectSecretStrings(x, into, inSecret);
  } else if (isObject(v)) {
    for (const x of Object.values(v)) collectSecretStrings(x, into, inSecret);
  }
}

/** JSON-safe value for reports: secrets become "[secret]", unknowns "[unknown]". */
export function display(v: Value | undefined): unknown {
  if (v === undefined) return undefined;
  if (isSecret(v)) return "[secret]";
  if (v === UNKNOWN) return "[unknown]";
  if (isResourceRef(v)) return { urn: v.urn ?? null, id: v.id ?? null };
  if (Array.isArray(v)) return v.map(display);
  if (isObject(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = display(x);
    return out;
  }
  return v;
}

/** Replaces each known secret plaintext inside free text (error messages, logs). */
export function redactText(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of [...secrets].sort((a, b) => b.length - a.length)) {
    if (s && out.includes(s)) out = out.split(s).join("[secret]");
  }
  return out;
}
