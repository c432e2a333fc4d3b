/**
 * `facility discover`: lists every object the package manages on one appliance and writes a Pulumi program
 * that declares them with `adopt`, references as code (`parentId: buildingA.id`), secrets as config lookups.
 * Read-only: it never writes to the appliance.
 */
import type { z } from "zod";
import type { Connection } from "../core/connection";
import type { Lifecycle } from "../core/resource/lifecycle";
import { lifecycles } from "../core/resource/registry";
import { metaOf, peel } from "../core/resource/schema";
import { NOT_SETTINGS, type ResourceSpec } from "../core/resource/spec";
import { routeParams } from "../core/drift";
import { credentialKeys, isSecretCredential } from "../core/credentials";

type Props = Record<string, unknown>;

interface Found {
  kind: string;
  spec: ResourceSpec;
  lifecycle: Lifecycle;
  id: string;
  variable: string;
  name: string;
  inputs: Props;
  secrets: Record<string, string>; // property -> config key
  dropped: string[];
}

export interface Discovery {
  program: string;
  pulumiYaml: string;
  /** Config the program needs: secret values the appliance does not return, or must not be written literally. */
  configKeys: { key: string; secret: boolean; note: string }[];
  objects: number;
}

export async function discover(vendor: string, specs: ResourceSpec[], connection: Connection, project = "discovered-site"): Promise<Discovery> {
  const found: Found[] = [];
  const names = new Set<string>();
  const resourceNames = new Set<string>();
  for (const spec of listable(specs)) {
    const kind = `${vendor}:${spec.name}`;
    const lifecycle = lifecycles.get(kind)!;
    const items = [];
    for (const params of parentParams(vendor, spec, found)) {
      for (const item of await lifecycle.listLive(connection, params)) items.push({ ...item, inputs: { ...params, ...item.inputs } });
    }
    for (const item of items) {
      const described = spec.listComplete ? undefined : await lifecycle.describeLive(connection, item.id, item.inputs);
      const full = { ...item.inputs, ...described };
      const label = String(full.name ?? item.label ?? item.id);
      const variable = unique(camel(`${spec.name} ${label}`), names);
      const name = unique(`${kind}/${kebab(label) || `${kebab(spec.name)}-${item.id}`}`, resourceNames).split("/")[1]!;
      found.push({ kind, spec, lifecycle, id: item.id, variable, name, inputs: full, secrets: {}, dropped: [] });
    }
  }
  for (const f of found) await declare(f, connection);
  const byId = new Map(found.map((f) => [`${f.kind}#${f.id}`, f]));
  const ordered = topological(found, (f) => references(f, byId));
  const credentials = specs[0]?.vendor.credentials ?? [];
  const configKeys = [
    ...credentials.map((c) => {
      const { configKey, envVar } = credentialKeys(vendor, connection.profile, c);
      return { key: configKey, secret: isSecretCredential(c), note: `credential (or ${envVar})` };
    }),
    ...found.flatMap((f) => Object.entries(f.secrets).map(([prop, key]) => ({ key, secret: true, note: `${f.kind} ${f.name}: ${prop}` }))),
  ];
  return { program: render(vendor, connection, ordered, byId), pulumiYaml: yaml(project), configKeys, objects: found.length };
}

/** Kinds that can be listed, parents before the collections listed under them. */
function listable(specs: ResourceSpec[]): ResourceSpec[] {
  const todo = specs.filter((s) => !s.singleton && s.routes.list);
  const out: ResourceSpec[] = [];
  while (todo.length) {
    const i = todo.findIndex((s) => routeParams(s.routes.list).every((p) => out.some((o) => o.name === refTarget(s, p))));
    if (i < 0) break; // a parent kind that cannot be listed: its children cannot be found either
    out.push(...todo.splice(i, 1));
  }
  return out;
}

const refTarget = (spec: ResourceSpec, param: string) => {
  const schema = spec.fields[param];
  return schema ? peel(schema as z.ZodType).codec?.target : undefined;
};

/**
 * The path parameters to list a kind with: once for a top-level collection; once per discovered parent for
 * a collection listed per parent (the last parameter names the parent; the others are read off the parent).
 */
function parentParams(vendor: string, spec: ResourceSpec, found: Found[]): Props[] {
  const names = routeParams(spec.routes.list);
  if (names.length === 0) return [{}];
  const last = names[names.length - 1]!;
  const parents = found.filter((f) => f.kind === `${vendor}:${refTarget(spec, last)}`);
  return parents.map((p) => Object.fromEntries(names.map((n) => [n, n === last ? p.id : p.inputs[n]])));
}

/** Keeps what the live object says, minus what a declaration must not or cannot hold; check decides the rest. */
async function declare(f: Found, connection: Connection) {
  const shape = f.lifecycle.shape;
  const inputs: Props = {};
  for (const [k, v] of Object.entries(f.inputs)) {
    const meta = metaOf(shape[k]);
    if (!shape[k] || NOT_SETTINGS.has(k) || meta.computed || v === null || v === undefined) continue;
    // Write-only values are only known here when the listing path gave them (e.g. the parent's id).
    if (meta.secret) f.secrets[k] = `${f.variable}${k[0]!.toUpperCase()}${k.slice(1)}`;
    else inputs[k] = v;
  }
  for (const g of f.spec.conditional ?? []) {
    if (inputs[g.flag] === !g.activeWhen) for (const k of Object.keys(g.defaults)) delete inputs[k];
  }
  // Whatever the schema or a rule still refuses is left out (and listed in a comment), never guessed.
  for (let round = 0; round < 5; round++) {
    const probe = { connection, ...inputs, ...Object.fromEntries(Object.keys(f.secrets).map((k) => [k, "placeholder"])) };
    const res = await f.lifecycle.check({}, probe);
    const bad = [...new Set((res.failures ?? []).map((x) => x.property.split(/[.[]/)[0]!).filter((p) => p in inputs))];
    if (bad.length === 0) break;
    for (const p of bad) {
      delete inputs[p];
      f.dropped.push(p);
    }
  }
  f.inputs = inputs;
}

function references(f: Found, byId: Map<string, Found>): Found[] {
  const out: Found[] = [];
  walk(f.inputs, f.lifecycle.schema, (target, id) => {
    const other = byId.get(`${f.kind.split(":")[0]}:${target}#${id}`);
    if (other) out.push(other);
  });
  return out;
}

function walk(value: unknown, schema: z.ZodType | undefined, visit: (target: string, id: string) => void) {
  if (!schema || value === null || value === undefined) return;
  const p = peel(schema);
  if (p.codec?.target) return visit(p.codec.target, String(value));
  const def = p.schema as unknown as { shape?: Record<string, z.ZodType>; element?: z.ZodType };
  if (p.type === "object" && typeof value === "object") for (const [k, v] of Object.entries(value as Props)) walk(v, def.shape?.[k], visit);
  if (p.type === "array" && Array.isArray(value)) for (const v of value) walk(v, def.element, visit);
}

function expression(value: unknown, schema: z.ZodType | undefined, f: Found, byId: Map<string, Found>, indent: string): string {
  if (value === null || value === undefined) return "undefined";
  const p = schema ? peel(schema) : undefined;
  if (p?.codec?.target) {
    const other = byId.get(`${f.kind.split(":")[0]}:${p.codec.target}#${value}`);
    return other ? `${other.variable}.id` : JSON.stringify(String(value));
  }
  const def = p?.schema as unknown as { shape?: Record<string, z.ZodType>; element?: z.ZodType; valueType?: z.ZodType } | undefined;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${indent}  ${expression(v, def?.element, f, byId, `${indent}  `)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Props).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    return `{\n${entries.map(([k, v]) => `${indent}  ${key(k)}: ${expression(v, def?.shape?.[k] ?? def?.valueType, f, byId, `${indent}  `)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

function render(vendor: string, connection: Connection, found: Found[], byId: Map<string, Found>): string {
  const conn = [`url: ${JSON.stringify(connection.url)}`];
  if (connection.profile) conn.push(`profile: ${JSON.stringify(connection.profile)}`);
  if (connection.caCertPem) conn.push(`caCertPem: config.require("caCertPem")`);
  if (connection.certFingerprint) conn.push(`certFingerprint: ${JSON.stringify(connection.certFingerprint)}`);
  if (connection.insecure) conn.push("insecure: true");
  const lines = [
    `// Generated by \`facility discover\` from ${connection.url}: every object found there, adopted as it is.`,
    "// Review it, then `pulumi up`: the first run takes the objects over without changing them.",
    'import * as pulumi from "@pulumi/pulumi";',
    `import * as ${vendor} from "pulumi-facility/${vendor}";`,
    "",
    "const config = new pulumi.Config();",
    `const site = ${vendor}.connection({ ${conn.join(", ")} });`,
  ];
  for (const f of found) {
    const body: string[] = ["  connection: site,", `  adopt: ${f.spec.naturalKey ? "true" : JSON.stringify(f.id)},`];
    for (const [k, v] of Object.entries(f.inputs)) body.push(`  ${k}: ${expression(v, f.lifecycle.shape[k], f, byId, "  ")},`);
    for (const [k, key] of Object.entries(f.secrets)) body.push(`  ${k}: config.requireSecret(${JSON.stringify(key)}),`);
    lines.push("", `// ${f.kind} id ${f.id}${f.dropped.length ? `; left out (not valid as declared): ${f.dropped.join(", ")}` : ""}`);
    lines.push(`export const ${f.variable} = new ${vendor}.${f.spec.name}(${JSON.stringify(f.name)}, {`, ...body, "});");
  }
  return `${lines.join("\n")}\n`;
}

const yaml = (project: string) =>
  `name: ${project}\ndescription: Generated by facility discover\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`;

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
  s.normalize("NFKD").replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[^A-Za-z0-9]+/g, " ").trim().split(" ").filter(Boolean);
const camel = (s: string) => {
  const w = words(s);
  const id = w.map((x, i) => (i === 0 ? x.toLowerCase() : x[0]!.toUpperCase() + x.slice(1).toLowerCase())).join("") || "object";
  return /^[0-9]/.test(id) ? `_${id}` : id;
};
const kebab = (s: string) => words(s).join("-").toLowerCase();
function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}
