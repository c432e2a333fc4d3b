/**
 * The site file: one appliance's (or several vendors') objects as data. The format is read off the kinds'
 * models, nothing is declared twice:
 *
 *   kentix:                        # a vendor
 *     connection: { url: https://10.20.0.5, profile: hq }   # optional: else the stack config (kentix:url, ...)
 *     AlarmGroup:                  # a kind of that vendor
 *       building: { name: Building A }                      # the object's name is its key
 *       server-room: { name: Server room, parentId: building }   # a reference: the name of an object in the file
 *     Webhook:
 *       soc: { name: SOC, bearerToken: { config: socToken } }   # a secret: only the config key it comes from
 *
 * A reference field holds the name of an object of its kind in the same vendor section, or `{ id: "12" }` for
 * an object the file does not declare. Any setting may be `{ config: KEY }` (a stack config value; secrets
 * must be). Validation is the kinds' own `check` (the providers' code), after this module resolved names and
 * config lookups; this module only checks what is the file's own: its sections, names, references and lookups.
 */
import type { z } from "zod";
import { connectionSchema, connectionShape } from "../core/connection";
import { issuesToFailures, extractUnknowns, pathText, UNKNOWN } from "../core/resource/check";
import type { KindModel } from "../core/resource/model";
import { lifecycles, models } from "../core/resource/registry";
import { metaOf, refTarget, visit } from "../core/resource/schema";
import "../index"; // every vendor's kinds, registered in `models`

export type Path = (string | number)[];
export type Props = Record<string, unknown>;

export interface SiteIssue {
  /** Where in the file: keys and list indexes from the document's root. */
  path: Path;
  message: string;
  /** The problem is the key at `path` itself (an unknown property), not its value. */
  atKey?: boolean;
}

/** A value taken from the stack config: `{ config: "socToken" }` (`optional: true`: left unset when absent). */
export interface Lookup {
  config: string;
  optional?: boolean;
}

/** A reference by name to an object in the same vendor section. */
export interface NameRef {
  kind: string;
  name: string;
  path: Path;
}

export interface SiteObject {
  vendor: string;
  model: KindModel;
  name: string;
  /** Path of the object in the file: [vendor, Kind, name]. */
  path: Path;
  /** The declared properties as written (references and lookups unresolved). */
  values: Props;
  refs: NameRef[];
}

export interface VendorSection {
  vendor: string;
  /** The connection settings the file gives (the others come from the stack config). */
  connection: Props;
}

export interface Site {
  vendors: VendorSection[];
  /** Every object, objects referred to before those that refer to them. */
  objects: SiteObject[];
}

/** Keys the file may carry besides vendor sections. */
const META_KEYS = ["$schema", "description"];
/** An object's own properties besides its fields (the inputs every resource takes, connection aside). */
export const objectKeys = (model: KindModel) => Object.keys(model.shape).filter((k) => k !== "connection");

/** Vendors and their kinds, from the registered models. */
export function vendorKinds(): Map<string, Map<string, KindModel>> {
  const out = new Map<string, Map<string, KindModel>>();
  for (const model of models.values()) {
    const kinds = out.get(model.vendor.name) ?? new Map<string, KindModel>();
    kinds.set(model.name, model);
    out.set(model.vendor.name, kinds);
  }
  return out;
}

const isMap = (v: unknown): v is Props => !!v && typeof v === "object" && !Array.isArray(v);

/** `{ config: KEY }` (and `optional`), exactly. */
export const isLookup = (v: unknown): v is Lookup =>
  isMap(v) && typeof v.config === "string" && Object.keys(v).every((k) => k === "config" || k === "optional");

const LOOKUP_KEY = /^[A-Za-z][\w.:-]*$/;

/**
 * Follows a value along its schema and hands every reference field to `onRef` (its target kind's name, the
 * value, its path), which returns what stands there instead. Everything else is kept as it is.
 */
export function mapRefs(
  value: unknown,
  schema: z.ZodType | undefined,
  path: Path,
  onRef: (target: string, value: unknown, path: Path) => unknown,
): unknown {
  if (!schema || value === null || value === undefined) return value;
  const target = refTarget(schema);
  if (target) return onRef(target, value, path);
  return visit<unknown>(schema, {
    object: (shape) =>
      isMap(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapRefs(v, shape[k], [...path, k], onRef)]))
        : value,
    array: (element) => (Array.isArray(value) ? value.map((v, i) => mapRefs(v, element, [...path, i], onRef)) : value),
    record: (inner) =>
      isMap(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapRefs(v, inner, [...path, k], onRef)]))
        : value,
    other: () => value,
  });
}

/** A reference as written: a name in the file, or `{ id }` of an object the file does not declare. */
export function refValue(value: unknown): { name: string } | { id: string } | undefined {
  if (typeof value === "string" && value !== "") return { name: value };
  if (isMap(value) && Object.keys(value).length === 1 && (typeof value.id === "string" || typeof value.id === "number"))
    return { id: String(value.id) };
  return undefined;
}

/**
 * The file's own structure: vendor sections, kinds, object names, references and lookups. Returns the site
 * (objects in dependency order) and what is wrong; the fields themselves are checked by `checkSite`.
 */
export function readSite(data: unknown): { site: Site; issues: SiteIssue[] } {
  const issues: SiteIssue[] = [];
  const site: Site = { vendors: [], objects: [] };
  const issue = (path: Path, message: string, atKey = false) =>
    issues.push({ path, message, ...(atKey ? { atKey } : {}) });
  if (!isMap(data)) {
    issue([], "a site file is a mapping of vendor sections (kentix:, sinema:, ...)");
    return { site, issues };
  }
  const known = vendorKinds();
  for (const [vendor, section] of Object.entries(data)) {
    if (META_KEYS.includes(vendor)) continue;
    const kinds = known.get(vendor);
    if (!kinds) {
      issue([vendor], `unknown vendor ${vendor}; the vendors are ${[...known.keys()].join(", ")}`, true);
      continue;
    }
    if (!isMap(section)) {
      issue([vendor], "a vendor section is a mapping: connection and one mapping of objects per kind");
      continue;
    }
    const connection = section.connection ?? {};
    if (!isMap(connection)) issue([vendor, "connection"], "must be a mapping (url, profile, caCertPem, ...)");
    else {
      for (const [k, v] of Object.entries(connection)) {
        if (isMap(v) && "config" in v) lookupIssues(v, [vendor, "connection", k], issue);
      }
      site.vendors.push({ vendor, connection });
    }
    for (const [kindName, objects] of Object.entries(section)) {
      if (kindName === "connection") continue;
      const model = kinds.get(kindName);
      if (!model) {
        issue([vendor, kindName], `unknown kind ${vendor}:${kindName}; see docs/reference for the kinds`, true);
        continue;
      }
      if (!isMap(objects)) {
        issue([vendor, kindName], `a mapping of ${kindName} objects by name`);
        continue;
      }
      for (const [name, values] of Object.entries(objects)) {
        const path = [vendor, kindName, name];
        if (!isMap(values)) {
          issue(path, `an object's settings are a mapping (${name}: { ... })`);
          continue;
        }
        site.objects.push({ vendor, model, name, path, values, refs: objectRefs(model, values, path, issue) });
      }
    }
  }
  for (const o of site.objects)
    for (const r of o.refs)
      if (!site.objects.some((t) => t.vendor === o.vendor && t.model.name === r.kind && t.name === r.name))
        issue(
          r.path,
          `no ${r.kind} named ${JSON.stringify(r.name)} in this file (give { id: "..." } for an object the file does not declare)`,
        );
  site.objects = byReferences(site.objects, issue);
  return { site, issues };
}

function lookupIssues(v: Props, path: Path, issue: (path: Path, message: string) => void): void {
  if (!isLookup(v))
    issue(path, "a value from config is written { config: KEY } (optional: true to leave it unset when absent)");
  else if (!LOOKUP_KEY.test(v.config)) issue([...path, "config"], "must be a config key (letters, digits, _ . : -)");
  else if (v.optional !== undefined && typeof v.optional !== "boolean")
    issue([...path, "optional"], "must be true or false");
}

/** The names an object refers to, with what is wrong with its lookups, secrets and references. */
function objectRefs(
  model: KindModel,
  values: Props,
  base: Path,
  issue: (path: Path, message: string) => void,
): NameRef[] {
  const refs: NameRef[] = [];
  for (const [k, v] of Object.entries(values)) {
    const path = [...base, k];
    const schema = model.shape[k];
    if (!schema) continue; // check names it
    if (isMap(v) && "config" in v && !refTarget(schema)) {
      lookupIssues(v, path, issue);
      continue;
    }
    if (metaOf(schema).secret) {
      issue(path, `is a secret: give the config key it comes from, { config: KEY }, never the value`);
      continue;
    }
    mapRefs(v, schema, path, (target, value, at) => {
      const ref = refValue(value);
      if (!ref) issue(at, `must be the name of a ${target} in this file, or { id: "..." } of one it does not declare`);
      else if ("name" in ref) refs.push({ kind: target, name: ref.name, path: at });
      return value;
    });
  }
  return refs;
}

/** Objects referred to first; a cycle is an issue (the objects in it cannot be declared). */
function byReferences(objects: SiteObject[], issue: (path: Path, message: string) => void): SiteObject[] {
  const find = (o: SiteObject, r: NameRef) =>
    objects.find((t) => t.vendor === o.vendor && t.model.name === r.kind && t.name === r.name);
  const out: SiteObject[] = [];
  const state = new Map<SiteObject, "visiting" | "done">();
  const walk = (o: SiteObject, chain: SiteObject[]): boolean => {
    if (state.get(o) === "done") return true;
    if (state.get(o) === "visiting") return false;
    state.set(o, "visiting");
    for (const r of o.refs) {
      const t = find(o, r);
      if (t && !walk(t, [...chain, o])) {
        const loop = [...chain, o];
        const cycle = [...loop.slice(loop.indexOf(t)), t].map((c) => `${c.model.name} ${c.name}`);
        issue(r.path, `references form a cycle: ${cycle.join(" -> ")}`);
        state.set(o, "done");
        return true;
      }
    }
    state.set(o, "done");
    out.push(o);
    return true;
  };
  for (const o of objects) walk(o, []);
  return out;
}

/** `webhooks[0].event` -> ["webhooks", 0, "event"] (the inverse of `pathText`); "(resource)" -> []. */
export function parsePath(text: string): Path {
  if (text === "(resource)") return [];
  const out: Path = [];
  for (const m of text.matchAll(/\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([\w$-]+)/g))
    out.push(m[1] !== undefined ? Number(m[1]) : m[2] !== undefined ? (JSON.parse(m[2]) as string) : m[3]!);
  return out;
}

/** An object's inputs for `check`: names and lookups stand as values not known yet, `{ id }` as the id. */
function probeOf(o: SiteObject): Props {
  const probe: Props = { connection: UNKNOWN };
  for (const [k, v] of Object.entries(o.values)) {
    const schema = o.model.shape[k];
    if (schema && isLookup(v) && !refTarget(schema)) probe[k] = UNKNOWN;
    else
      probe[k] = mapRefs(v, schema, [], (_t, value) => {
        const ref = refValue(value);
        return ref && "id" in ref ? ref.id : UNKNOWN;
      });
  }
  return probe;
}

/** The file's structure, then every object through its kind's own `check` and the connections through theirs. */
export async function checkSite(data: unknown): Promise<{ site: Site; issues: SiteIssue[] }> {
  const { site, issues } = readSite(data);
  for (const { vendor, connection } of site.vendors) {
    // What the file leaves out comes from the stack config: unknown here, as a lookup is.
    const probe: Props = Object.fromEntries(Object.keys(connectionShape).map((k) => [k, UNKNOWN]));
    for (const [k, v] of Object.entries(connection)) if (!(isMap(v) && "config" in v)) probe[k] = v;
    const { probe: known, unknowns } = extractUnknowns(probe);
    const parsed = connectionSchema.safeParse(known);
    if (!parsed.success)
      for (const f of issuesToFailures(parsed.error.issues, unknowns))
        issues.push(located([vendor, "connection"], f.property, f.reason));
  }
  for (const o of site.objects) {
    const res = await lifecycles.get(o.model.kind)!.check({}, probeOf(o));
    for (const f of res.failures ?? []) issues.push(located(o.path, f.property, f.reason));
  }
  return { site, issues };
}

function located(base: Path, property: string, reason: string): SiteIssue {
  const unknown = /^unknown propert(?:y|ies) ([^,\s]+)/.exec(reason);
  const path = [...base, ...parsePath(property)];
  if (unknown) return { path: [...path, unknown[1]!], message: reason, atKey: true };
  return { path, message: reason };
}

export const pathOf = (path: Path) => pathText(path);
