/**
 * Generates docs/reference/<vendor>/<resource>.md from each kind's model (schema, metadata, routes) and the
 * example programs: each page embeds the region of examples/ that declares its kind (`// #region <kind>` …
 * `// #endregion <kind>`), code that `tsc` type-checks. `--check` exits 1 when the committed pages are stale,
 * so CI fails on drifted docs.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import * as vendors from "../providers";
import { connectionShape } from "../providers/core/connection";
import { isSecretCredential } from "../providers/core/credentials";
import { whenText } from "../providers/core/resource/conditional";
import { boundOf, DEFAULT_BOUNDS } from "../providers/core/resource/bounds";
import { defaultOf, describeType, elementShape, metaOf, wireName } from "../providers/core/resource/schema";
import type { KindModel } from "../providers/core/resource/model";
import { models } from "../providers/core/resource/registry";
import { NOT_SETTINGS, REQUIRED } from "../providers/core/resource/spec";

const root = path.resolve(__dirname, "..");
const outDir = path.join(root, "docs", "reference");
const examplesDir = path.join(root, "examples");

export interface Example {
  /** The file the region is in, relative to the repository root. */
  file: string;
  code: string;
}

/**
 * The example of every kind: the region `// #region <kind>` … `// #endregion <kind>` of a file in examples/
 * (the programs the tests deploy, and examples/reference/ for kinds none of them declares). Regions may nest;
 * marker lines of other regions are left out, and the code is dedented.
 */
export function examples(dir = examplesDir): Map<string, Example> {
  const out = new Map<string, Example>();
  const files = (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts") && !f.includes("node_modules"))
    .sort();
  for (const f of files) {
    const file = path.relative(root, path.join(dir, f));
    const open = new Map<string, string[]>();
    for (const [i, line] of fs.readFileSync(path.join(dir, f), "utf8").split("\n").entries()) {
      const marker = /^\s*\/\/ #(region|endregion) (\S+)\s*$/.exec(line);
      if (!marker) {
        for (const lines of open.values()) lines.push(line);
        continue;
      }
      const [, what, kind] = marker as unknown as [string, string, string];
      const where = `${file}:${i + 1}`;
      if (what === "region") {
        if (open.has(kind) || out.has(kind)) throw new Error(`${where}: a second region ${kind}`);
        open.set(kind, []);
        continue;
      }
      const lines = open.get(kind);
      if (!lines) throw new Error(`${where}: #endregion ${kind} without its #region`);
      open.delete(kind);
      out.set(kind, { file, code: dedent(lines) });
    }
    if (open.size) throw new Error(`${file}: region ${[...open.keys()].join(", ")} never ends`);
  }
  return out;
}

const dedent = (lines: string[]) => {
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines
    .map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
    .join("\n")
    .trim();
};

function constraints(schema: z.ZodType): string {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return "";
  }
  const parts: string[] = [];
  const walk = (j: Record<string, unknown>) => {
    const bound = (v: unknown) => (v === undefined || Math.abs(Number(v)) >= Number.MAX_SAFE_INTEGER ? undefined : v);
    const lo = bound(j.minimum);
    const hi = bound(j.maximum);
    if (lo !== undefined || hi !== undefined)
      parts.push(hi === undefined ? `>= ${lo}` : lo === undefined ? `<= ${hi}` : `${lo}..${hi}`);
    if (j.minLength !== undefined || j.maxLength !== undefined)
      parts.push(j.maxLength === undefined ? `length >= ${j.minLength}` : `length ${j.minLength ?? 0}..${j.maxLength}`);
    if (j.minItems !== undefined || j.maxItems !== undefined)
      parts.push(j.maxItems === undefined ? `items >= ${j.minItems}` : `items ${j.minItems ?? 0}..${j.maxItems}`);
    if (j.format) parts.push(String(j.format));
    if (j.pattern && !j.format && !String(j.pattern).startsWith("^\\d")) parts.push(`pattern \`${j.pattern}\``);
    for (const k of ["anyOf", "oneOf"]) if (Array.isArray(j[k])) (j[k] as Record<string, unknown>[]).forEach(walk);
  };
  walk(json);
  const bound = boundOf(schema);
  if (bound && !bound.own) parts.push(`at most ${bound.max} ${bound.unit} (default bound)`);
  return [...new Set(parts)].join(", ");
}

/** What the pages say once about the default bounds (the Constraints column marks each field that has one). */
const BOUNDS_NOTE = `\`(default bound)\`: the vendor documents no limit, so this project sets one (text ${DEFAULT_BOUNDS.text} characters, ${DEFAULT_BOUNDS.longText} for certificates and payload templates; lists ${DEFAULT_BOUNDS.items} items; maps ${DEFAULT_BOUNDS.entries} entries, keys ${DEFAULT_BOUNDS.text} characters; the same inside values passed through as they are). A length or size without the mark is the field's own bound. \`check\` refuses a longer value, naming the property and the limit, before any request.`;

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\n/g, " ");

const literal = (v: unknown) => `\`${JSON.stringify(v)}\``;

/**
 * What a field is when the program leaves it unset: the schema's default, the provider's (delete policy), or the
 * default a conditional group gives it while the group applies. Defaults only the appliance knows stay in the text.
 */
function defaults({ spec }: KindModel): Map<string, string> {
  const out = new Map<string, string>();
  if (spec.deletePolicy) out.set("deletePolicy", literal(spec.deletePolicy.default));
  for (const g of spec.conditional ?? []) {
    const when = `while ${whenText(g)}`;
    for (const [k, v] of Object.entries(g.defaults))
      out.set(
        k,
        v === REQUIRED ? `required ${when}` : v === undefined ? `unset; only ${when}` : `${literal(v)} ${when}`,
      );
  }
  return out;
}

function fieldRows(shape: Record<string, z.ZodType>, known: Map<string, string>, prefix = ""): string[] {
  const rows: string[] = [];
  for (const [key, schema] of Object.entries(shape)) {
    const meta = metaOf(schema);
    const optional = schema.safeParse(undefined).success;
    const flags = [
      meta.replaceOnChanges && "replaces",
      meta.secret && "secret",
      meta.writeOnly && "write-only",
      meta.unordered && "set",
      meta.declaredKeysOnly && "declared keys only",
      meta.updateOnly && "sent after create",
      meta.matchLive && "must match the live value, never written",
    ].filter(Boolean);
    const zodDefault = defaultOf(schema);
    const byDefault = zodDefault ? literal(zodDefault.value) : (known.get(`${prefix}${key}`) ?? "");
    // connection, adopt and deletePolicy steer the provider and are never sent.
    const wire = !prefix && NOT_SETTINGS.has(key) ? "(not sent)" : `\`${wireName(key, schema)}\``;
    rows.push(
      `| \`${prefix}${key}\` | ${cell(describeType(schema))} | ${optional ? "" : "yes"} | ${cell(byDefault)} | ${cell(constraints(schema))} | ${flags.join(", ")} | ${wire} | ${cell(meta.description)} |`,
    );
    const inner = elementShape(schema);
    if (inner) rows.push(...fieldRows(inner, known, `${prefix}${key}[].`));
  }
  return rows;
}

function page(model: KindModel, vendorName: string, example: Example | undefined): string {
  const { kind, spec } = model;
  const settings = Object.fromEntries(Object.entries(model.shape).filter(([k]) => k !== "connection"));
  // Every credential key (a login has two: username and password).
  const credentials = (model.vendor.credentials.length ? model.vendor.credentials : ["token"])
    .map(
      (key) =>
        `\`pulumi config set${isSecretCredential(key) ? " --secret" : ""} ${vendorName}:<profile>.${key} …\` or \`${vendorName.toUpperCase()}_<PROFILE>_${key.toUpperCase()}\``,
    )
    .join("; ");
  const lines = [
    `<!-- generated by scripts/gen-docs.ts from providers/${vendorName}; do not edit -->`,
    `# ${vendorName}.${model.name}`,
    "",
    model.description,
    "",
    `- Kind (stored in state, never renamed): \`${kind}\``,
    `- Routes: ${Object.entries(spec.routes)
      .map(([op, r]) => `${op} \`${r}\``)
      .join(", ")}`,
    spec.routes.update
      ? "- Updates: in place, sending only the changed fields (and the fields that must travel with them)."
      : "- Updates: none in the API; every change replaces the object.",
    model.naturalKey.length
      ? `- Natural key: ${model.naturalKey.map((k) => `\`${k}\``).join(" + ")}. An existing object with the same key fails the create with its id, unless \`adopt: true\`; a create whose answer was lost is looked up by this key instead of being sent again.`
      : "- Natural key: none.",
    `- Credentials: ${credentials} (never in state).`,
    "",
    "## Example",
    "",
    example ? `From [${example.file}](../../../${example.file}):` : `(no example: examples/ has no region ${kind})`,
    "",
    "```ts",
    example?.code ?? "",
    "```",
    "",
    "## Inputs",
    "",
    "`connection` (required): see [connection](../connection.md).",
    "",
    "| Property | Type | Required | Default | Constraints | Behaviour | Wire name | Description |",
    "|---|---|---|---|---|---|---|---|",
    ...fieldRows(settings, defaults(model)),
  ];
  if (spec.conditional?.length) {
    lines.push(
      "",
      "## Conditional settings",
      "",
      "Setting a member implies the flag; unset members take the default shown; the group is written together.",
      "",
    );
    // Members without a default exist only under the flag's value (a device type's own fields).
    if (spec.conditional.some((g) => Object.values(g.defaults).includes(undefined)))
      lines.splice(
        -1,
        0,
        "A member marked `only then` exists only while the flag has that value: `check` refuses it while the flag has another one.",
      );
    for (const g of spec.conditional) {
      const members = Object.entries(g.defaults).map(
        ([k, v]) =>
          `\`${k}\` (${v === REQUIRED ? "required" : v === undefined ? "only then" : `default ${JSON.stringify(v)}`})`,
      );
      lines.push(`- while ${whenText(g)}: ${members.join(", ")}`);
    }
  }
  lines.push("", "## Outputs set by the appliance", "", "| Property | Type | Description |", "|---|---|---|");
  lines.push(`| \`id\` | string | ${cell(idDoc(model))} |`);
  for (const [k, s] of Object.entries(model.computed))
    lines.push(`| \`${k}\` | ${describeType(s)} | ${cell(metaOf(s).description)} |`);
  lines.push(
    "",
    "Every input the program sets is echoed as an output of the same name (an input left out has no output; computed values always do). `replaces`: a change replaces the object. `write-only`: never read back, so `refresh` cannot see drift on it. `set`: order does not matter. `declared keys only`: keys the program does not declare are left alone.",
    "",
    BOUNDS_NOTE,
    "",
  );
  return lines.join("\n");
}

/** The resource's id: what Pulumi stores, references take (`parentId: group.id`) and `adopt` accepts. */
function idDoc(model: KindModel): string {
  const settings = model.archetype === "settings" || model.archetype === "existing";
  const derived = settings || !!model.spec.idFor;
  const what = settings
    ? "The id of the settings in state (they exist once per appliance or parent, so it is derived, not assigned)"
    : derived
      ? "The id in state, derived from the inputs (the API assigns none)"
      : "The id the appliance assigned to the object";
  const uses = [
    derived ? undefined : "give it to `adopt` to take the object over",
    "other resources refer to the object with it (e.g. `x.id`)",
  ].filter(Boolean);
  return `${what}; ${uses.join("; ")}. Pulumi's resource id.`;
}

function connectionPage(): string {
  return [
    "<!-- generated by scripts/gen-docs.ts; do not edit -->",
    "# connection",
    "",
    "Every resource takes `connection`: where the appliance is and how to trust its certificate. It never holds a credential.",
    "Credentials are looked up by `profile`: stack config `<vendor>:<profile>.<key>` first, then the environment variable `<VENDOR>_<PROFILE>_<KEY>`",
    "(without a profile: `<vendor>:<key>` / `<VENDOR>_<KEY>`). Changing `url` replaces the objects; other connection changes only update state.",
    "",
    "| Property | Type | Constraints | Description |",
    "|---|---|---|---|",
    ...Object.entries(connectionShape).map(
      ([k, s]) =>
        `| \`${k}\` | ${cell(describeType(s as z.ZodType))} | ${cell(constraints(s as z.ZodType))} | ${cell(CONNECTION_DOCS[k] ?? "")} |`,
    ),
    "",
    BOUNDS_NOTE,
    "",
    "Defaults per vendor:",
    "",
    "| Vendor | timeoutMs | maxConcurrency | Credentials (per profile) |",
    "|---|---:|---:|---|",
    ...vendorDefaults().map(
      (v) =>
        `| ${v.name} | ${v.defaults.timeoutMs} | ${v.defaults.maxConcurrency} | ${v.credentials.map((c) => `\`${c}\``).join(", ")} |`,
    ),
    "",
  ].join("\n");
}

/** Each vendor once, from its kinds' models. */
function vendorDefaults() {
  const seen = new Map([...models.values()].map((m) => [m.vendor.name, m.vendor]));
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

const CONNECTION_DOCS: Record<string, string> = {
  url: "Base URL of the appliance (https://host[:port][/prefix]); no credentials, query or fragment.",
  profile: "Names the credential set in stack config and the environment; lets one stack manage several appliances.",
  caCertPem: "PEM of the CA (or the self-signed certificate) to trust for this appliance.",
  certFingerprint:
    "SHA-256 fingerprint of the appliance certificate to pin; replaces chain validation for this appliance.",
  insecure: "Turns TLS verification off (warns). Prefer caCertPem or certFingerprint.",
  timeoutMs: "Per-request timeout; default per vendor (table below).",
  maxConcurrency: "Requests in flight per appliance; default per vendor (table below).",
  retry:
    "Retries of idempotent requests on 429/502/503/504 and connection errors: maxRetries (4), baseDelayMs (250), maxDelayMs (10000). Retry-After is honoured.",
};

export function render(): Map<string, string> {
  const files = new Map<string, string>();
  files.set(path.join(outDir, "connection.md"), connectionPage());
  const regions = examples();
  for (const [vendorName, mod] of Object.entries(vendors)) {
    if (!mod || typeof mod !== "object") continue;
    const kinds = [...models.values()]
      .filter((m) => m.vendor.name === vendorName)
      .sort((a, b) => a.name.localeCompare(b.name));
    const index = [
      `<!-- generated by scripts/gen-docs.ts; do not edit -->`,
      `# ${vendorName}`,
      "",
      ...kinds.map((m) => `- [${m.name}](${file(m.name)}): ${m.description.split(". ")[0]!.replace(/\.$/, "")}.`),
      "",
    ];
    files.set(path.join(outDir, vendorName, "README.md"), index.join("\n"));
    for (const model of kinds)
      files.set(path.join(outDir, vendorName, file(model.name)), page(model, vendorName, regions.get(model.kind)));
  }
  return files;
}

const file = (name: string) => `${name.replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase())}.md`;

if (process.argv[1] && /gen-docs\.ts$/.test(process.argv[1])) {
  const check = process.argv.includes("--check");
  const stale: string[] = [];
  for (const [p, content] of render()) {
    const current = fs.existsSync(p) ? fs.readFileSync(p, "utf8") : undefined;
    if (current === content) continue;
    if (check) stale.push(path.relative(root, p));
    else {
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, content);
    }
  }
  if (stale.length) {
    console.error(`reference docs are stale: ${stale.join(", ")}; run npm run docs`);
    process.exit(1);
  }
}
