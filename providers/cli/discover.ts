/**
 * `facility discover`: lists every object the package manages on one appliance and writes a Pulumi program
 * that declares them with `adopt`, references as code (`parentId: buildingA.id`), secrets as config lookups.
 * Read-only: it never writes to the appliance.
 */
import type { z } from "zod";
import { type Connection, openSession } from "../core/connection";
import { isNotFound } from "../core/errors";
import type { Lifecycle } from "../core/resource/lifecycle";
import { lifecycles } from "../core/resource/registry";
import {
  describeType,
  enumValues,
  fromWire,
  metaOf,
  refTarget as targetOf,
  typeName,
  visit,
} from "../core/resource/schema";
import { NOT_SETTINGS, type ResourceSpec } from "../core/resource/spec";
import { routeParams } from "../core/drift";
import { credentialKeys, isSecretCredential } from "../core/credentials";

type Props = Record<string, unknown>;

/** A config lookup the program makes for a property: a secret, or a value the appliance cannot give (or gives in a form check refuses). */
interface Lookup {
  key: string;
  secret: boolean;
  optional: boolean;
  accessor: string;
  note: string;
}

interface Found {
  kind: string;
  spec: ResourceSpec;
  lifecycle: Lifecycle;
  id: string;
  label: string;
  variable: string;
  name: string;
  /** The listing path's parameters (parent ids): how the object was found, so authoritative. */
  params: Props;
  /** The live object in the program's shape; after `declare`, what the program declares literally. */
  inputs: Props;
  live: Props;
  config: Record<string, Lookup>;
  dropped: string[];
  /** Singletons: the write-only settings taking the object over writes. */
  writes: string[];
}

export interface Skipped {
  kind: string;
  reason: string;
}

export interface Discovery {
  program: string;
  pulumiYaml: string;
  /** Config the program needs: credentials, secrets, and values the appliance does not return (or returns in a form that cannot be declared). */
  configKeys: { key: string; secret: boolean; optional?: boolean; note: string }[];
  objects: number;
  /** Kinds that cannot be discovered at all (the API cannot read or list them), with the reason. */
  notDiscoverable: Skipped[];
  /** Objects that were looked for but cannot be declared as they are (e.g. settings never configured). */
  leftOut: Skipped[];
}

/** How a kind is found: its listing, its read route when that is a listing, or the one instance of a singleton. */
interface Plan {
  spec: ResourceSpec;
  route: string;
  mode: "list" | "read-list" | "one";
  /** Route parameters that are references to other kinds (parents); other parameters are the session's own. */
  parents: string[];
}

export interface DiscoverOptions {
  /** The Pulumi project name of the written program. */
  project?: string;
  /** Called before each kind is looked for, with how many kinds are done so far and how many objects were found. */
  onProgress?: (step: { kind: string; done: number; total: number; objects: number }) => void;
}

export async function discover(
  vendor: string,
  specs: ResourceSpec[],
  connection: Connection,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const project = options.project ?? "discovered-site";
  const found: Found[] = [];
  const names = new Set<string>();
  const resourceNames = new Set<string>();
  const { plans, notDiscoverable } = planKinds(vendor, specs);
  const leftOut: Skipped[] = [];
  const labelOf = (name: string, id: string) => found.find((f) => f.spec.name === name && f.id === id)?.label;
  for (const [i, plan] of plans.entries()) {
    const { spec } = plan;
    const kind = `${vendor}:${spec.name}`;
    options.onProgress?.({ kind, done: i, total: plans.length, objects: found.length });
    const lifecycle = lifecycles.get(kind)!;
    const parts = Object.fromEntries(Object.keys(spec.parts ?? {}).map((k) => [k, true])); // asks the read for fields on endpoints of their own
    for (const params of parentParams(vendor, plan, found)) {
      for (const item of await itemsOf(plan, lifecycle, connection, params, labelOf)) {
        const described =
          plan.mode === "one" || (spec.listComplete && !spec.parts) || (plan.mode === "read-list" && !spec.parts)
            ? undefined
            : await lifecycle.describeLive(connection, item.id, { ...item.inputs, ...params, ...parts });
        const live = { ...item.inputs, ...described, ...params };
        const label =
          plan.mode === "one" && plan.parents.length === 0 ? "" : String(live.name ?? item.label ?? item.id);
        const variable = unique(camel(`${spec.name} ${label}`), names);
        const base =
          kebab(label) ||
          (plan.mode === "one" && plan.parents.length === 0 ? kebab(spec.name) : `${kebab(spec.name)}-${item.id}`);
        const name = unique(`${kind}/${base}`, resourceNames).split("/")[1]!;
        found.push({
          kind,
          spec,
          lifecycle,
          id: item.id,
          label,
          variable,
          name,
          params,
          inputs: live,
          live,
          config: {},
          dropped: [],
          writes: [],
        });
      }
      if (plan.mode === "one" && !found.some((f) => f.kind === kind && sameParams(f.params, params))) {
        leftOut.push({ kind, reason: "not configured on the appliance: nothing to adopt" });
      }
    }
  }
  const declared: Found[] = [];
  for (const f of found) {
    const unset = await declare(f, connection);
    if (unset) leftOut.push({ kind: f.kind, reason: `not configured on the appliance: ${unset}` });
    else declared.push(f);
  }
  const byId = new Map(declared.map((f) => [`${f.kind}#${f.id}`, f]));
  const ordered = topological(declared, (f) => references(f, byId));
  const credentials = specs[0]?.vendor.credentials ?? [];
  const configKeys = [
    ...credentials.map((c) => {
      const { configKey, envVar } = credentialKeys(vendor, connection.profile, c);
      return { key: configKey, secret: isSecretCredential(c), note: `credential (or ${envVar})` };
    }),
    ...ordered.flatMap((f) =>
      Object.entries(f.config).map(([prop, c]) => ({
        key: c.key,
        secret: c.secret,
        ...(c.optional ? { optional: true } : {}),
        note: `${f.kind} ${f.name}: ${prop}${c.note ? ` (${c.note})` : ""}`,
      })),
    ),
  ];
  return {
    program: render(vendor, connection, ordered, byId, notDiscoverable, leftOut),
    pulumiYaml: yaml(project),
    configKeys,
    objects: declared.length,
    notDiscoverable,
    leftOut,
  };
}

/**
 * Which kinds can be discovered and how, parents before the kinds found under them. A kind the API cannot read
 * cannot be discovered (nothing says what exists); neither can one it cannot list, unless it is a singleton.
 */
function planKinds(vendor: string, specs: ResourceSpec[]): { plans: Plan[]; notDiscoverable: Skipped[] } {
  const notDiscoverable: Skipped[] = [];
  const todo: Plan[] = [];
  for (const spec of specs) {
    const plan = planOf(spec);
    if (typeof plan === "string") notDiscoverable.push({ kind: `${vendor}:${spec.name}`, reason: plan });
    else todo.push(plan);
  }
  const plans: Plan[] = [];
  while (todo.length) {
    const i = todo.findIndex((p) =>
      p.parents.every((param) => plans.some((o) => o.spec.name === refTarget(p.spec, param))),
    );
    if (i < 0) break;
    plans.push(...todo.splice(i, 1));
  }
  // A kind listed under a parent that cannot be discovered cannot be found either.
  for (const p of todo) {
    const missing = p.parents
      .map((param) => refTarget(p.spec, param)!)
      .filter((t) => !plans.some((o) => o.spec.name === t));
    notDiscoverable.push({
      kind: `${vendor}:${p.spec.name}`,
      reason: `found under ${missing.join(", ")}, which cannot be discovered`,
    });
  }
  return { plans, notDiscoverable };
}

function planOf(spec: ResourceSpec): Plan | string {
  const { list, read } = spec.routes;
  if (!read) return "the API cannot read it, so what exists cannot be known";
  let plan: Plan;
  if (list) plan = { spec, route: list, mode: "list", parents: [] };
  // A read through a listing that needs no id of the object (e.g. a relation listed under its source): list with it.
  else if (spec.readFromList && !/\{id\}/.test(read)) plan = { spec, route: read, mode: "read-list", parents: [] };
  else if (spec.singleton) plan = { spec, route: read, mode: "one", parents: [] };
  else return "the API cannot list it";
  for (const param of routeParams(plan.route)) {
    if (!spec.fields[param]) continue; // filled in by the vendor session (e.g. Primis's registered phoneId)
    if (!refTarget(spec, param)) return `finding it needs ${param}, which nothing lists`;
    plan.parents.push(param);
  }
  if (plan.mode === "one" && plan.parents.length === 0 && !usableId(spec, {}))
    return "its id depends on inputs nothing lists";
  return plan;
}

function usableId(spec: ResourceSpec, params: Props): string | undefined {
  try {
    const id = spec.idFor?.(params);
    return id && !/undefined|null|NaN/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

const refTarget = (spec: ResourceSpec, param: string) => targetOf(spec.fields[param] as z.ZodType | undefined);

const sameParams = (a: Props, b: Props) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The path parameters to find a kind with: once for a top-level kind; once per discovered parent for a kind
 * found under a parent (the last reference names the parent; the others are read off the parent).
 */
function parentParams(vendor: string, plan: Plan, found: Found[]): Props[] {
  const names = plan.parents;
  if (names.length === 0) return [{}];
  const last = names[names.length - 1]!;
  const parents = found.filter((f) => f.kind === `${vendor}:${refTarget(plan.spec, last)}`);
  return parents.map((p) => Object.fromEntries(names.map((n) => [n, n === last ? p.id : p.live[n]])));
}

/** The live objects of one plan under one set of parameters: id, label and the program-shaped values. */
async function itemsOf(
  plan: Plan,
  lifecycle: Lifecycle,
  connection: Connection,
  params: Props,
  labelOf: (kind: string, id: string) => string | undefined,
): Promise<{ id: string; label?: string; inputs: Props }[]> {
  const { spec } = plan;
  if (plan.mode === "list") {
    return (await lifecycle.listLive(connection, params)).map((item) => ({
      id: item.id,
      label: nameOf(item.wire) ?? keyLabel(spec, item.inputs) ?? item.label,
      inputs: item.inputs,
    }));
  }
  const programShape = (wire: Props) => fromWire(spec.fromWire ? spec.fromWire(wire) : wire, lifecycle.schema) as Props;
  if (plan.mode === "read-list") {
    const session = openSession(spec.vendor, connection);
    const query = Object.fromEntries(
      Object.entries(params).filter(([, v]) => typeof v === "string" || typeof v === "number"),
    ) as Record<string, string | number>;
    return (await session.list(plan.route, query)).flatMap((wire) => {
      const inputs = programShape(wire);
      const id = spec.idFor
        ? usableId(spec, { ...inputs, ...params })
        : (session.idOf?.(wire) ?? (wire.id == null ? undefined : String(wire.id)));
      // An item that is not the object itself (a relation's destination) names it together with its parents.
      const own = !spec.idFor || id === (session.idOf?.(wire) ?? String(wire.id));
      const label = own
        ? nameOf(wire)
        : [...plan.parents.map((p) => labelOf(refTarget(spec, p)!, String(params[p]))), nameOf(wire)]
            .filter(Boolean)
            .join(" ");
      return id ? [{ id, label: label || undefined, inputs }] : [];
    });
  }
  const id = usableId(spec, params);
  if (!id) return [];
  const parts = Object.fromEntries(Object.keys(spec.parts ?? {}).map((k) => [k, true]));
  try {
    const live = await lifecycle.describeLive(connection, id, { ...params, ...parts });
    return live ? [{ id, inputs: live }] : [];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

/** A label from the natural key where it holds no references (e.g. a route's destination network). */
function keyLabel(spec: ResourceSpec, inputs: Props): string | undefined {
  const key = spec.naturalKey ?? [];
  if (key.length === 0 || key.some((k) => refTarget(spec, k) || typeof inputs[k] === "object")) return undefined;
  return (
    key
      .map((k) => String(inputs[k] ?? ""))
      .join(" ")
      .trim() || undefined
  );
}

/** A label for an object: its name, where the API gives one (also one the program does not declare, e.g. an area's). */
const nameOf = (wire: Props) => (typeof wire.name === "string" && wire.name ? wire.name : undefined);

/**
 * Keeps what the live object says, minus what a declaration must not or cannot hold; check decides the rest.
 * Secrets and required values the appliance does not give become config lookups. Returns why a singleton
 * cannot be declared as it is (required settings empty: never configured), else undefined.
 */
async function declare(f: Found, connection: Connection): Promise<string | undefined> {
  const shape = f.lifecycle.shape;
  const inputs: Props = {};
  const lookup = (k: string, note: string, optional = false) => {
    const secret = !!metaOf(shape[k]).secret;
    const how = accessor(shape[k]!, secret, optional);
    f.config[k] = {
      key: `${f.variable}${k[0]!.toUpperCase()}${k.slice(1)}`,
      secret,
      optional,
      accessor: how,
      note: how.includes("Object") ? `${note}; give it as JSON` : note,
    };
  };
  for (const [k, v] of Object.entries(f.live)) {
    const meta = metaOf(shape[k]);
    if (!shape[k] || NOT_SETTINGS.has(k) || meta.computed || v === null || v === undefined) continue;
    if (meta.secret) lookup(k, "secret");
    // Write-only values are never read back: only the listing path gives them (e.g. the parent's id).
    else if (!meta.writeOnly || k in f.params) inputs[k] = v;
  }
  for (const g of f.spec.conditional ?? []) {
    if (inputs[g.flag] === !g.activeWhen) for (const k of Object.keys(g.defaults)) delete inputs[k];
  }
  // Whatever the schema or a rule still refuses is left out (and listed in a comment), never guessed; what is
  // then missing but required is looked up in config, for the user to fill in.
  for (let round = 0; round < 8; round++) {
    const probe: Props = { connection, ...inputs };
    for (const k of Object.keys(f.config)) {
      const sample = sampleOf(shape[k]!);
      if (sample !== undefined) probe[k] = sample;
    }
    const res = await f.lifecycle.check({}, probe);
    const props = [...new Set((res.failures ?? []).map((x) => x.property.split(/[.[]/)[0]!))];
    const bad = props.filter((p) => p in inputs);
    const missing = props.filter((p) => !(p in inputs) && !(p in f.config) && shape[p] && !NOT_SETTINGS.has(p));
    for (const p of bad) {
      delete inputs[p];
      f.dropped.push(p);
    }
    for (const p of missing) {
      const meta = metaOf(shape[p]);
      const liveValue = f.live[p];
      if (f.spec.singleton && !meta.writeOnly && isEmpty(liveValue))
        return `${p} is ${liveValue === undefined || liveValue === null ? "not set" : "empty"}`;
      const reason = (res.failures ?? []).find(
        (x) => x.property === p || x.property.startsWith(`${p}.`) || x.property.startsWith(`${p}[`),
      )?.reason;
      if (meta.secret) lookup(p, "secret; not returned by the appliance");
      else if (meta.writeOnly || isEmpty(liveValue)) lookup(p, "required; the appliance does not return it");
      else
        lookup(
          p,
          `required; the appliance reports ${JSON.stringify(liveValue)}, which cannot be declared: ${reason ?? "refused by check"}`,
        );
      f.dropped = f.dropped.filter((d) => d !== p);
    }
    if (bad.length === 0 && missing.length === 0) break;
  }
  f.inputs = inputs;
  // Taking over a singleton writes its write-only settings (their live values cannot be read). The write may
  // replace the others, so they are offered as optional lookups: left unset, the appliance may lose them.
  if (f.spec.singleton) {
    const writeOnly = Object.keys(f.spec.fields).filter(
      (k) => metaOf(shape[k]).writeOnly && !metaOf(shape[k]).replaceOnChanges && !(k in f.params),
    );
    f.writes = writeOnly.filter((k) => k in inputs || k in f.config);
    if (f.writes.length) {
      for (const k of writeOnly)
        if (!f.writes.includes(k))
          lookup(
            k,
            `optional; write-only: taking ${f.spec.name} over writes it, so set it if the appliance has one`,
            true,
          );
    }
  }
  return undefined;
}

const isEmpty = (v: unknown) =>
  v === undefined ||
  v === null ||
  v === "" ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === "object" && v !== null && Object.keys(v).length === 0);

/** The `pulumi.Config` call for a property, typed after its schema. */
function accessor(schema: z.ZodType, secret: boolean, optional: boolean): string {
  const type = typeName(schema);
  const verb = `${optional ? "get" : "require"}${secret ? "Secret" : ""}`;
  if (type === "boolean") return `${verb}Boolean`;
  if (type === "number" || type === "int") return `${verb}Number`;
  if (type === "string" || type === "ref" || type === "instant") return verb;
  if (type === "enum") return `${verb}<${describeType(schema)}>`;
  return `${verb}Object<any>`;
}

/** A value the schema accepts, to stand in for a config lookup while check looks at the rest. */
function sampleOf(schema: z.ZodType): unknown {
  const candidates: unknown[] = [
    ...enumValues(schema),
    "placeholder",
    "1",
    1,
    0,
    true,
    false,
    "192.0.2.1",
    "user@example.com",
    "https://example.com",
    "+00:00",
    "2026-01-01T00:00:00Z",
  ];
  return candidates.find((c) => schema.safeParse(c).success);
}

function references(f: Found, byId: Map<string, Found>): Found[] {
  const out: Found[] = [];
  walk(f.inputs, f.lifecycle.schema, (target, id) => {
    const other = byId.get(`${f.kind.split(":")[0]}:${target}#${id}`);
    if (other) out.push(other);
  });
  return out;
}

/** What a value's schema says about its parts: the kind it references, or the schemas of its elements or fields. */
interface Nested {
  target?: string;
  element?: z.ZodType;
  field?: (key: string) => z.ZodType | undefined;
  value?: z.ZodType;
}
const nested = (schema: z.ZodType | undefined): Nested =>
  schema
    ? visit<Nested>(schema, {
        codec: (c) => ({ target: c.target }),
        object: (shape) => ({ field: (k) => shape[k] }),
        array: (element) => ({ element }),
        record: (value) => ({ value }),
        other: () => ({}),
      })
    : {};

function walk(value: unknown, schema: z.ZodType | undefined, found: (target: string, id: string) => void) {
  if (!schema || value === null || value === undefined) return;
  const n = nested(schema);
  if (n.target) return found(n.target, String(value));
  if (n.field && typeof value === "object")
    for (const [k, v] of Object.entries(value as Props)) walk(v, n.field(k), found);
  if (n.element && Array.isArray(value)) for (const v of value) walk(v, n.element, found);
}

function expression(
  value: unknown,
  schema: z.ZodType | undefined,
  f: Found,
  byId: Map<string, Found>,
  indent: string,
): string {
  if (value === null || value === undefined) return "undefined";
  const n = nested(schema);
  if (n.target) {
    const other = byId.get(`${f.kind.split(":")[0]}:${n.target}#${value}`);
    return other ? `${other.variable}.id` : JSON.stringify(String(value));
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${indent}  ${expression(v, n.element, f, byId, `${indent}  `)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Props).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${indent}  ${key(k)}: ${expression(v, n.field ? n.field(k) : n.value, f, byId, `${indent}  `)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function render(
  vendor: string,
  connection: Connection,
  found: Found[],
  byId: Map<string, Found>,
  notDiscoverable: Skipped[],
  leftOut: Skipped[],
): string {
  const conn = [`url: ${JSON.stringify(connection.url)}`];
  if (connection.profile) conn.push(`profile: ${JSON.stringify(connection.profile)}`);
  if (connection.caCertPem) conn.push(`caCertPem: config.require("caCertPem")`);
  if (connection.certFingerprint) conn.push(`certFingerprint: ${JSON.stringify(connection.certFingerprint)}`);
  if (connection.insecure) conn.push("insecure: true");
  const lines = [
    `// Generated by \`facility discover\` from ${connection.url}: every object found there, adopted as it is.`,
    "// Review it, then `pulumi up`: the first run takes the objects over without changing them.",
    ...notDiscoverable.map((s) => `// not discoverable: ${s.kind} (${s.reason})`),
    ...leftOut.map((s) => `// left out: ${s.kind} (${s.reason})`),
    'import * as pulumi from "@pulumi/pulumi";',
    `import * as ${vendor} from "pulumi-facility/${vendor}";`,
    "",
    "const config = new pulumi.Config();",
    `const site = ${vendor}.connection({ ${conn.join(", ")} });`,
  ];
  for (const f of found) {
    const body: string[] = ["  connection: site,"];
    // Singletons always exist and take no `adopt`: creating one takes it over.
    if (!f.spec.singleton)
      body.push(`  adopt: ${f.spec.naturalKey && f.spec.routes.list ? "true" : JSON.stringify(f.id)},`);
    // In the order the resource declares its fields (the order of its docs).
    for (const k of Object.keys(f.spec.fields)) {
      if (k in f.inputs) body.push(`  ${k}: ${expression(f.inputs[k], f.lifecycle.shape[k], f, byId, "  ")},`);
      else if (f.config[k]) body.push(`  ${k}: config.${f.config[k].accessor}(${JSON.stringify(f.config[k].key)}),`);
    }
    const notes = [`// ${f.kind} id ${f.id}`];
    if (f.dropped.length) notes.push(`left out (not valid as declared): ${f.dropped.join(", ")}`);
    for (const [k, c] of Object.entries(f.config))
      if (!c.secret && !c.optional) notes.push(`${k} from config (${c.note})`);
    if (f.writes.length)
      notes.push(
        `taking it over writes ${f.writes.join(", ")} (write-only and never returned by the appliance: what is declared is applied)`,
      );
    lines.push("", notes.join("; "));
    lines.push(
      `export const ${f.variable} = new ${vendor}.${f.spec.name}(${JSON.stringify(f.name)}, {`,
      ...body,
      "});",
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Pulumi accepts project names of letters, digits, `-`, `_` and `.` (at most 100). */
export const PROJECT_NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/** The nearest valid project name: every run of other characters becomes one `-`. */
export const projectName = (wanted: string) =>
  PROJECT_NAME.test(wanted)
    ? wanted
    : wanted
        .replace(/[^A-Za-z0-9_.]+/g, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 100) || "discovered-site";

/** A YAML scalar: plain where it cannot be read as anything but that string, else a JSON string (a YAML double-quoted scalar). */
const scalar = (s: string) =>
  /^[A-Za-z_][\w.-]*$/.test(s) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(s) ? s : JSON.stringify(s);

const yaml = (project: string) => {
  const name = projectName(project);
  const description =
    name === project ? "Generated by facility discover" : `Generated by facility discover for ${project}`;
  return `name: ${scalar(name)}\ndescription: ${scalar(description)}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`;
};

function topological(items: Found[], deps: (f: Found) => Found[]): Found[] {
  const out: Found[] = [];
  const state = new Map<Found, "visiting" | "done">();
  const visit = (f: Found) => {
    if (state.get(f) === "done") return;
    if (state.get(f) === "visiting") return; // a cycle: keep input order
    state.set(f, "visiting");
    for (const d of deps(f)) if (d !== f) visit(d);
    state.set(f, "done");
    out.push(f);
  };
  items.forEach(visit);
  return out;
}

const words = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
const camel = (s: string) => {
  const w = words(s);
  const id =
    w.map((x, i) => (i === 0 ? x.toLowerCase() : x[0]!.toUpperCase() + x.slice(1).toLowerCase())).join("") || "object";
  return /^[0-9]/.test(id) ? `_${id}` : id;
};
const kebab = (s: string) => words(s).join("-").toLowerCase();
function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}
