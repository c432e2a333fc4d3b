/**
 * What discovery declares of one live object: the live values the kind's own `check` accepts. Secrets and
 * required values the appliance does not give become config lookups; nothing is guessed.
 */
import type { z } from "zod";
import type { Connection } from "../core/connection";
import { groupApplies } from "../core/resource/conditional";
import type { Lifecycle } from "../core/resource/lifecycle";
import type { KindModel } from "../core/resource/model";
import { describeType, enumValues, metaOf, typeName } from "../core/resource/schema";

export type Props = Record<string, unknown>;

/** A config lookup the program makes for a property: a secret, or a value the appliance cannot give (or gives in a form check refuses). */
export interface Lookup {
  key: string;
  secret: boolean;
  optional: boolean;
  accessor: string;
  note: string;
}

export interface Found {
  model: KindModel;
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
  /** Settings: the write-only settings taking the object over writes. */
  writes: string[];
}

/**
 * Keeps what the live object says, minus what a declaration must not or cannot hold; check decides the rest.
 * Returns why settings cannot be declared as they are (required settings empty: never configured), else undefined.
 */
export async function declare(f: Found, connection: Connection): Promise<string | undefined> {
  const { model } = f;
  const fields = model.fields;
  const settings = model.archetype === "settings" || model.archetype === "existing";
  const inputs: Props = {};
  const lookup = (k: string, note: string, optional = false) => {
    const secret = model.secretKeys.includes(k);
    const how = accessor(fields[k]!, secret, optional);
    f.config[k] = {
      key: `${f.variable}${k[0]!.toUpperCase()}${k.slice(1)}`,
      secret,
      optional,
      accessor: how,
      note: how.includes("Object") ? `${note}; give it as JSON` : note,
    };
  };
  for (const [k, v] of Object.entries(f.live)) {
    const meta = metaOf(fields[k]);
    if (!fields[k] || meta.computed || v === null || v === undefined) continue;
    if (meta.secret) lookup(k, "secret");
    // Write-only values are never read back: only the listing path gives them (e.g. the parent's id).
    else if (!meta.writeOnly || k in f.params) inputs[k] = v;
  }
  // Members of a conditional group whose flag says it does not apply are the appliance's leftovers, not settings.
  for (const g of model.spec.conditional ?? []) {
    if (inputs[g.flag] !== undefined && !groupApplies(g, inputs[g.flag]))
      for (const k of Object.keys(g.defaults)) delete inputs[k];
  }
  // Whatever the schema or a rule still refuses is left out (and listed in a comment), never guessed; what is
  // then missing but required is looked up in config, for the user to fill in.
  for (let round = 0; round < 8; round++) {
    const probe: Props = { connection, ...inputs };
    for (const k of Object.keys(f.config)) {
      const sample = sampleOf(fields[k]!);
      if (sample !== undefined) probe[k] = sample;
    }
    const res = await f.lifecycle.check({}, probe);
    const props = [...new Set((res.failures ?? []).map((x) => x.property.split(/[.[]/)[0]!))];
    const bad = props.filter((p) => p in inputs);
    const missing = props.filter((p) => !(p in inputs) && !(p in f.config) && fields[p]);
    for (const p of bad) {
      delete inputs[p];
      f.dropped.push(p);
    }
    for (const p of missing) {
      const meta = metaOf(fields[p]);
      const liveValue = f.live[p];
      if (settings && !meta.writeOnly && isEmpty(liveValue))
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
  // Taking over settings writes their write-only values (their live values cannot be read). The write may
  // replace the others, so they are offered as optional lookups: left unset, the appliance may lose them.
  if (settings) {
    const writeOnly = model.writeOnlyKeys.filter((k) => !metaOf(fields[k]).replaceOnChanges && !(k in f.params));
    f.writes = writeOnly.filter((k) => k in inputs || k in f.config);
    if (f.writes.length) {
      for (const k of writeOnly)
        if (!f.writes.includes(k))
          lookup(
            k,
            `optional; write-only: taking ${model.name} over writes it, so set it if the appliance has one`,
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
