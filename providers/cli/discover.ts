/**
 * `facility discover`: lists every object the package manages on one appliance and writes a Pulumi program
 * that declares them with `adopt`, references as code (`parentId: buildingA.id`), secrets as config lookups.
 * Read-only: it never writes to the appliance. Code generation over each kind's model: how a kind is found
 * (its discovery plan), the live objects in the program's shape and their ids come from the model and its
 * read-only views; what a declaration may hold is decided by the kind's own `check` (declare.ts).
 */
import { type Connection, openSession } from "../core/connection";
import { credentialKeys, isSecretCredential } from "../core/credentials";
import { isNotFound } from "../core/errors";
import type { DiscoveryPlan, KindModel } from "../core/resource/model";
import { lifecycles, models } from "../core/resource/registry";
import { kindOf, type ResourceSpec } from "../core/resource/spec";
import { describeLive, listLive } from "../core/resource/views";
import { declare, type Found, type Props } from "./declare";
import { byDependencies, camel, kebab, render, unique, yaml } from "./program";
import { siteYaml } from "../site/discover";

export { PROJECT_NAME, projectName } from "./program";

export interface Skipped {
  kind: string;
  reason: string;
}

export interface Discovery {
  program: string;
  pulumiYaml: string;
  /** With `format: "yaml"`: the same declarations as a site file (docs/sites.md). */
  site?: string;
  /** Config the program needs: credentials, secrets, and values the appliance does not return (or returns in a form that cannot be declared). */
  configKeys: { key: string; secret: boolean; optional?: boolean; note: string }[];
  objects: number;
  /** Kinds that cannot be discovered at all (the API cannot read or list them), with the reason. */
  notDiscoverable: Skipped[];
  /** Objects that were looked for but cannot be declared as they are (e.g. settings never configured). */
  leftOut: Skipped[];
}

export interface DiscoverOptions {
  /** The Pulumi project name of the written program. */
  project?: string;
  /** "yaml": also write the declarations as a site file. */
  format?: "ts" | "yaml";
  /** Called before each kind is looked for, with how many kinds are done so far and how many objects were found. */
  onProgress?: (step: { kind: string; done: number; total: number; objects: number }) => void;
}

type Plan = Exclude<DiscoveryPlan, { how: "none" }>;
interface Planned {
  model: KindModel;
  plan: Plan;
}

export async function discover(
  vendor: string,
  specs: ResourceSpec[],
  connection: Connection,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const kinds = specs.map((s) => models.get(kindOf(s))!);
  const found: Found[] = [];
  const names = new Set<string>();
  const resourceNames = new Set<string>();
  const { plans, notDiscoverable } = planKinds(kinds);
  const leftOut: Skipped[] = [];
  const labelOf = (kind: string, id: string) => found.find((f) => f.model.kind === kind && f.id === id)?.label;
  for (const [i, { model, plan }] of plans.entries()) {
    const { kind } = model;
    options.onProgress?.({ kind, done: i, total: plans.length, objects: found.length });
    const parts = Object.fromEntries(model.partKeys.map((k) => [k, true])); // asks the read for fields on endpoints of their own
    const singleton = plan.how === "one" && plan.parents.length === 0;
    for (const params of parentParams(plan, found)) {
      for (const item of await itemsOf(model, plan, connection, params, labelOf)) {
        // A listing or read that gave the whole object needs no second read, unless fields live on endpoints of their own.
        const whole =
          plan.how === "one" || (!model.partKeys.length && (!!model.spec.listComplete || plan.how === "read-list"));
        const described = whole
          ? undefined
          : await describeLive(model, connection, item.id, { ...item.inputs, ...params, ...parts });
        const live = { ...item.inputs, ...described, ...params };
        const label = singleton ? "" : String(live.name ?? item.label ?? item.id);
        const base = kebab(label) || (singleton ? kebab(model.name) : `${kebab(model.name)}-${item.id}`);
        found.push({
          model,
          lifecycle: lifecycles.get(kind)!,
          id: item.id,
          label,
          variable: unique(camel(`${model.name} ${label}`), names),
          name: unique(`${kind}/${base}`, resourceNames).split("/")[1]!,
          params,
          inputs: live,
          live,
          config: {},
          dropped: [],
          writes: [],
        });
      }
      if (plan.how === "one" && !found.some((f) => f.model === model && sameParams(f.params, params)))
        leftOut.push({ kind, reason: "not configured on the appliance: nothing to adopt" });
    }
  }
  const declared: Found[] = [];
  for (const f of found) {
    const unset = await declare(f, connection);
    if (unset) leftOut.push({ kind: f.model.kind, reason: `not configured on the appliance: ${unset}` });
    else declared.push(f);
  }
  const ordered = byDependencies(declared);
  const credentials = kinds[0]?.vendor.credentials ?? [];
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
        note: `${f.model.kind} ${f.name}: ${prop}${c.note ? ` (${c.note})` : ""}`,
      })),
    ),
  ];
  return {
    program: render(vendor, connection, ordered, notDiscoverable, leftOut),
    ...(options.format === "yaml" ? { site: siteYaml(vendor, connection, ordered, notDiscoverable, leftOut) } : {}),
    pulumiYaml: yaml(options.project ?? "discovered-site"),
    configKeys,
    objects: declared.length,
    notDiscoverable,
    leftOut,
  };
}

/** The discoverable kinds in their model's plan, parents before the kinds found under them; the others with why. */
function planKinds(kinds: KindModel[]): { plans: Planned[]; notDiscoverable: Skipped[] } {
  const notDiscoverable: Skipped[] = [];
  const todo: Planned[] = [];
  for (const model of kinds) {
    const plan = model.discovery;
    if (plan.how === "none") notDiscoverable.push({ kind: model.kind, reason: plan.why });
    else todo.push({ model, plan });
  }
  const plans: Planned[] = [];
  const planned = (kind: string) => plans.some((o) => o.model.kind === kind);
  while (todo.length) {
    const i = todo.findIndex((p) => p.plan.parents.every((parent) => planned(parent.kind)));
    if (i < 0) break;
    plans.push(...todo.splice(i, 1));
  }
  // A kind listed under a parent that cannot be discovered cannot be found either.
  for (const p of todo) {
    const missing = p.plan.parents.filter((parent) => !planned(parent.kind)).map((parent) => parent.kind.split(":")[1]);
    notDiscoverable.push({
      kind: p.model.kind,
      reason: `found under ${missing.join(", ")}, which cannot be discovered`,
    });
  }
  return { plans, notDiscoverable };
}

const sameParams = (a: Props, b: Props) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The path parameters to find a kind with: once for a top-level kind; once per discovered parent for a kind
 * found under a parent (the last reference names the parent; the others are read off the parent).
 */
function parentParams(plan: Plan, found: Found[]): Props[] {
  const { parents } = plan;
  if (parents.length === 0) return [{}];
  const last = parents[parents.length - 1]!;
  return found
    .filter((f) => f.model.kind === last.kind)
    .map((p) => Object.fromEntries(parents.map(({ param }) => [param, param === last.param ? p.id : p.live[param]])));
}

/** The live objects of one plan under one set of parameters: id, label and the program-shaped values. */
async function itemsOf(
  model: KindModel,
  plan: Plan,
  connection: Connection,
  params: Props,
  labelOf: (kind: string, id: string) => string | undefined,
): Promise<{ id: string; label?: string; inputs: Props }[]> {
  if (plan.how === "list") {
    return (await listLive(model, connection, params)).map((item) => ({
      id: item.id,
      label: nameOf(item.wire) ?? keyLabel(model, item.inputs) ?? item.label,
      inputs: item.inputs,
    }));
  }
  if (plan.how === "read-list") {
    const session = openSession(model.vendor, connection);
    const query = Object.fromEntries(
      Object.entries(params).filter(([, v]) => typeof v === "string" || typeof v === "number"),
    ) as Record<string, string | number>;
    const assigned = !model.spec.idFor; // else the id is derived from the inputs (a relation, a membership)
    return (await session.list(plan.route, query)).flatMap((wire) => {
      const inputs = model.form.toProgram(wire);
      const own = model.form.idOf(session, wire);
      const id = assigned ? own : model.idFrom({ ...inputs, ...params });
      // An item that is not the object itself (a relation's destination) names it together with its parents.
      const label =
        assigned || id === own
          ? nameOf(wire)
          : [...plan.parents.map((p) => labelOf(p.kind, String(params[p.param]))), nameOf(wire)]
              .filter(Boolean)
              .join(" ");
      return id ? [{ id, label: label || undefined, inputs }] : [];
    });
  }
  const id = model.idFrom(params);
  if (!id) return [];
  const parts = Object.fromEntries(model.partKeys.map((k) => [k, true]));
  try {
    const live = await describeLive(model, connection, id, { ...params, ...parts });
    return live ? [{ id, inputs: live }] : [];
  } catch (err) {
    if (isNotFound(err)) return [];
    throw err;
  }
}

/** A label from the natural key where it holds no references (e.g. a route's destination network). */
function keyLabel(model: KindModel, inputs: Props): string | undefined {
  const key = model.naturalKey;
  if (key.length === 0 || key.some((k) => model.refKind(k) || typeof inputs[k] === "object")) return undefined;
  return (
    key
      .map((k) => String(inputs[k] ?? ""))
      .join(" ")
      .trim() || undefined
  );
}

/** A label for an object: its name, where the API gives one (also one the program does not declare, e.g. an area's). */
const nameOf = (wire: Props) => (typeof wire.name === "string" && wire.name ? wire.name : undefined);
