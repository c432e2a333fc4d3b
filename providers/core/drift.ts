/**
 * Drift of deployed resources against their appliances, read-only: the engine behind `facility drift`.
 * It reads the state (a `pulumi stack export`), reads every resource live through the read-only views of the
 * same per-kind model the providers use (so the same normalisation decides what differs), and lists the live
 * objects no state declares. It never decrypts a secret and never writes to an appliance.
 */
import type { Connection } from "./connection";
import { propertyDiffs } from "./resource/diff";
import { type KindModel, routeParams } from "./resource/model";
import { canon, metaOf } from "./resource/schema";
import { listLive, liveInputsOf, settingsOf } from "./resource/views";
import { lifecycleOf } from "./runtime";
import { redact, redactStrings, registerSecrets } from "./redact";

type Props = Record<string, unknown>;
const SECRET_SIG = "4dabf18193072939515e22adb298388d";
/** Stands for a secret value of the state: never decrypted, never compared, never printed. */
export const SECRET = "[secret]";

export interface DeployedResource {
  stack: string;
  urn: string;
  name: string;
  kind: string;
  id: string;
  inputs: Props;
  outputs: Props;
}

export type Status = "in-sync" | "drifted" | "deleted" | "unreadable";

export interface PropertyDrift {
  path: string;
  declared: unknown;
  live: unknown;
}

export interface ResourceFinding {
  stack: string;
  urn: string;
  name: string;
  kind: string;
  appliance: string;
  id: string;
  status: Status;
  properties: PropertyDrift[];
  error?: string;
}

export interface UnmanagedFinding {
  kind: string;
  appliance: string;
  id: string;
  label: string;
  ignored: boolean;
}

export interface DriftResult {
  resources: ResourceFinding[];
  unmanaged: UnmanagedFinding[];
  errors: string[];
}

/** The resources of this package in one stack export; secret values replaced by SECRET. */
export function deployedResources(exported: unknown, stack: string): DeployedResource[] {
  const resources = (exported as { deployment?: { resources?: Props[] } })?.deployment?.resources ?? [];
  return resources.flatMap((r) => {
    const m = /^pulumi-nodejs:dynamic\/(.+)$/.exec(String(r.type ?? ""));
    if (!m || !r.id || r.delete) return [];
    const urn = String(r.urn);
    return [
      {
        stack,
        urn,
        name: urn.split("::").pop() ?? urn,
        kind: m[1]!,
        id: String(r.id),
        inputs: unsecret(r.inputs) as Props,
        outputs: unsecret(r.outputs) as Props,
      },
    ];
  });
}

function unsecret(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(unsecret);
  if (value && typeof value === "object") {
    if ((value as Props)[SECRET_SIG] !== undefined) {
      // An export made with --show-secrets carries the plaintext: known from now on, so an appliance echoing it is redacted.
      const plaintext = (value as Props).plaintext;
      if (typeof plaintext === "string") registerSecrets(parseJson(plaintext));
      return SECRET;
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unsecret(v)]));
  }
  return value;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

const applianceOf = (r: { inputs: Props }) => {
  const c = r.inputs.connection as Connection | undefined;
  return c ? `${c.url.replace(/\/+$/, "")}${c.profile ? ` (${c.profile})` : ""}` : "?";
};

export interface DriftOptions {
  /** true when an unmanaged object matches an ignore pattern. */
  ignore?: (u: Omit<UnmanagedFinding, "ignored">) => boolean;
  /** Called as resources are read (for a progress bar). */
  onProgress?: (done: number, total: number) => void;
}

/** Reads everything concurrently; each appliance's own concurrency limit (the HTTP layer) bounds it. */
export async function detectDrift(resources: DeployedResource[], options: DriftOptions = {}): Promise<DriftResult> {
  const result: DriftResult = { resources: [], unmanaged: [], errors: [] };
  const groups = new Map<string, { model: KindModel; connection: Connection; members: DeployedResource[] }>();
  for (const r of resources) {
    let model: KindModel;
    try {
      model = lifecycleOf(r.kind).model;
    } catch (err) {
      result.resources.push(finding(r, "unreadable", [], (err as Error).message));
      continue;
    }
    const key = JSON.stringify([r.kind, r.inputs.connection]);
    const group = groups.get(key) ?? { model, connection: r.inputs.connection as Connection, members: [] };
    group.members.push(r);
    groups.set(key, group);
  }
  let done = 0;
  const total = resources.length;
  await Promise.all(
    [...groups.values()].map(async ({ model, connection, members }) => {
      let listed: Map<string, Props> | undefined;
      try {
        // A collection listed per parent (e.g. /orgs/{orgId}/projects) is listed once per parent the members name.
        const names = routeParams(model.spec.routes.list);
        const parents = [
          ...new Map(
            members.map((m) => {
              const params = Object.fromEntries(names.map((n) => [n, m.inputs[n]]));
              return [JSON.stringify(params), params] as const;
            }),
          ).values(),
        ];
        const live = (await Promise.all(parents.map((params) => listLive(model, connection, params)))).flat();
        listed = new Map(live.map((l) => [l.id, l.wire]));
        const declared = new Set(
          resources
            .filter((r) => r.kind === members[0]!.kind && applianceOf(r) === applianceOf(members[0]!))
            .map((r) => r.id),
        );
        for (const l of live) {
          // Settings that always exist (an area's state, a settings page) are not hand-made objects nobody declared.
          if (declared.has(l.id) || !model.reportsUnmanaged) continue;
          const u = { kind: members[0]!.kind, appliance: applianceOf(members[0]!), id: l.id, label: redact(l.label) };
          result.unmanaged.push({ ...u, ignored: options.ignore?.(u) ?? false });
        }
      } catch (err) {
        result.errors.push(
          `${members[0]!.kind} on ${applianceOf(members[0]!)}: listing failed: ${redact((err as Error).message)}`,
        );
      }
      await Promise.all(
        members.map(async (r) => {
          result.resources.push(await compare(model, r, listed));
          options.onProgress?.(++done, total);
        }),
      );
    }),
  );
  const order = (f: { kind: string; appliance: string; id: string }) =>
    `${f.appliance}\u0000${f.kind}\u0000${f.id.padStart(12, "0")}`;
  result.resources.sort((a, b) => (a.stack + order(a) < b.stack + order(b) ? -1 : 1));
  result.unmanaged.sort((a, b) => (order(a) < order(b) ? -1 : 1));
  return result;
}

async function compare(model: KindModel, r: DeployedResource, listed?: Map<string, Props>): Promise<ResourceFinding> {
  let live: Props | undefined;
  try {
    live = await liveInputsOf(model, r.id, r.outputs, listed);
  } catch (err) {
    return finding(r, "unreadable", [], redact((err as Error).message));
  }
  if (!live) return finding(r, "deleted", []);
  const properties: PropertyDrift[] = [];
  for (const key of settingsOf(model, r.inputs)) {
    const schema = model.shape[key];
    const declared = r.inputs[key];
    if (declared === SECRET || metaOf(schema).writeOnly) continue; // never decrypted, never compared
    // Live values are appliance text: a known secret echoed in another field is redacted too.
    const mask = (v: unknown) => (metaOf(schema).secret ? SECRET : redactStrings(v));
    const a = canon(declared, schema);
    const b = canon(live[key], schema);
    const diffs = propertyDiffs({ [key]: a }, { [key]: b });
    if (diffs.length === 0) continue;
    const nested = a !== null && b !== null && typeof a === "object" && typeof b === "object";
    if (nested)
      properties.push(
        ...diffs.map((d) => ({ path: d.path, declared: mask(d.old ?? null), live: mask(d.new ?? null) })),
      );
    else properties.push({ path: key, declared: mask(declared ?? null), live: mask(live[key] ?? null) });
  }
  return finding(r, properties.length ? "drifted" : "in-sync", properties);
}

const finding = (
  r: DeployedResource,
  status: Status,
  properties: PropertyDrift[],
  error?: string,
): ResourceFinding => ({
  stack: r.stack,
  urn: r.urn,
  name: r.name,
  kind: r.kind,
  appliance: applianceOf(r),
  id: r.id,
  status,
  properties,
  ...(error ? { error } : {}),
});
