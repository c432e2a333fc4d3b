/**
 * The program `facility discover` writes: one declaration per found object, in dependency order, references
 * as code (`parentId: buildingA.id`), config lookups for what cannot be declared literally; and its Pulumi.yaml.
 */
import type { z } from "zod";
import type { Connection } from "../core/connection";
import { visit } from "../core/resource/schema";
import type { Found, Props } from "./declare";

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

/** The found objects a declaration refers to (by the ids in its reference fields). */
function references(f: Found, byId: Map<string, Found>): Found[] {
  const out: Found[] = [];
  const walk = (value: unknown, schema: z.ZodType | undefined) => {
    if (!schema || value === null || value === undefined) return;
    const n = nested(schema);
    if (n.target) {
      const other = byId.get(`${f.model.vendor.name}:${n.target}#${String(value)}`);
      if (other) out.push(other);
    } else if (n.field && typeof value === "object")
      for (const [k, v] of Object.entries(value as Props)) walk(v, n.field(k));
    else if (n.element && Array.isArray(value)) for (const v of value) walk(v, n.element);
  };
  walk(f.inputs, f.model.schema);
  return out;
}

const byIdOf = (found: Found[]) => new Map(found.map((f) => [`${f.model.kind}#${f.id}`, f]));

/** Objects referred to first (a cycle keeps the input order). */
export function byDependencies(items: Found[]): Found[] {
  const byId = byIdOf(items);
  const out: Found[] = [];
  const state = new Map<Found, "visiting" | "done">();
  const visitOne = (f: Found) => {
    if (state.has(f)) return;
    state.set(f, "visiting");
    for (const d of references(f, byId)) if (d !== f) visitOne(d);
    state.set(f, "done");
    out.push(f);
  };
  items.forEach(visitOne);
  return out;
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
    const other = byId.get(`${f.model.vendor.name}:${n.target}#${value}`);
    return other ? `${other.variable}.id` : JSON.stringify(String(value));
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => `${inner}${expression(v, n.element, f, byId, inner)},`).join("\n")}\n${indent}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Props).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length === 0) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    const schemaOf = (k: string) => (n.field ? n.field(k) : n.value);
    return `{\n${entries.map(([k, v]) => `${inner}${key(k)}: ${expression(v, schemaOf(k), f, byId, inner)},`).join("\n")}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/**
 * How a discovered object is taken over: `true` (found again by its natural key), its id (kinds without one, or
 * without a listing to find the key in); undefined for settings, which always exist: declaring them takes them over.
 */
export const adoptOf = (f: Found): true | string | undefined =>
  f.model.shape.adopt ? (f.model.naturalKey.length && f.model.discovery.how === "list" ? true : f.id) : undefined;

/** What the comment above a discovered object says: its id, what was left out, what comes from config, what taking it over writes. */
export function objectNotes(f: Found): string[] {
  const notes = [`${f.model.kind} id ${f.id}`];
  if (f.dropped.length) notes.push(`left out (not valid as declared): ${f.dropped.join(", ")}`);
  for (const [k, c] of Object.entries(f.config))
    if (!c.secret && !c.optional) notes.push(`${k} from config (${c.note})`);
  if (f.writes.length)
    notes.push(
      `taking it over writes ${f.writes.join(", ")} (write-only and never returned by the appliance: what is declared is applied)`,
    );
  return notes;
}

export function render(
  vendor: string,
  connection: Connection,
  found: Found[],
  notDiscoverable: { kind: string; reason: string }[],
  leftOut: { kind: string; reason: string }[],
): string {
  const byId = byIdOf(found);
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
    const { model } = f;
    const body: string[] = ["  connection: site,"];
    const adopt = adoptOf(f);
    if (adopt !== undefined) body.push(`  adopt: ${JSON.stringify(adopt)},`);
    // In the order the resource declares its fields (the order of its docs).
    for (const k of Object.keys(model.fields)) {
      if (k in f.inputs) body.push(`  ${k}: ${expression(f.inputs[k], model.shape[k], f, byId, "  ")},`);
      else if (f.config[k]) body.push(`  ${k}: config.${f.config[k].accessor}(${JSON.stringify(f.config[k].key)}),`);
    }
    lines.push("", `// ${objectNotes(f).join("; ")}`);
    lines.push(`export const ${f.variable} = new ${vendor}.${model.name}(${JSON.stringify(f.name)}, {`, ...body, "});");
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

export const yaml = (project: string) => {
  const name = projectName(project);
  const description =
    name === project ? "Generated by facility discover" : `Generated by facility discover for ${project}`;
  return `name: ${scalar(name)}\ndescription: ${scalar(description)}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\nmain: index.ts\n`;
};

const words = (s: string) =>
  s
    .normalize("NFKD")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[^A-Za-z0-9]+/g, " ")
    .trim()
    .split(" ")
    .filter(Boolean);
export const camel = (s: string) => {
  const w = words(s);
  const id =
    w.map((x, i) => (i === 0 ? x.toLowerCase() : x[0]!.toUpperCase() + x.slice(1).toLowerCase())).join("") || "object";
  return /^[0-9]/.test(id) ? `_${id}` : id;
};
export const kebab = (s: string) => words(s).join("-").toLowerCase();
export function unique(base: string, taken: Set<string>): string {
  let name = base;
  for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
  taken.add(name);
  return name;
}
