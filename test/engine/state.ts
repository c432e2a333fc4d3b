/**
 * The state file, in `pulumi stack export` format (version 3 deployment) with the passphrase
 * secrets provider: secret values are stored as `{[SIG]: SECRET_SIG, ciphertext}`.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { isObject, isSecret, SECRET_SIG, SIG, type Props, type Value } from "./properties";
import { PassphraseCrypter, type SecretsProviderState } from "./secrets";
import type { ResourceState } from "./types";

export const ENGINE_VERSION = "v3.248.0+test-engine";
export const STACK_TYPE = "pulumi:pulumi:Stack";
export const NODEJS_PROVIDER_TYPE = "pulumi:providers:pulumi-nodejs";

/** One resource as `pulumi stack export` writes it (apitype.ResourceV3). */
export interface ResourceV3 {
  urn: string;
  custom: boolean;
  delete?: boolean;
  id?: string;
  type: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  parent?: string;
  protect?: boolean;
  dependencies?: string[];
  initErrors?: string[];
  provider?: string;
  propertyDependencies?: Record<string, string[]>;
  additionalSecretOutputs?: string[];
  retainOnDelete?: boolean;
  deletedWith?: string;
  created?: string;
  modified?: string;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
}

export interface StackExport {
  version: 3;
  deployment: {
    manifest: { time: string; magic: string; version: string };
    secrets_providers?: SecretsProviderState;
    resources?: ResourceV3[];
  };
}

export function stackUrn(stack: string, project: string): string {
  return `urn:pulumi:${stack}::${project}::${STACK_TYPE}::${project}-${stack}`;
}

export function urnName(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

export function urnType(urn: string): string {
  return (urn.split("::")[2] ?? "").split("$").pop() ?? "";
}

/** `urn::id` provider references. */
export function providerRefUrn(ref: string | undefined): string | undefined {
  if (!ref) return undefined;
  const at = ref.lastIndexOf("::");
  return at < 0 ? ref : ref.slice(0, at);
}

/** Every URN a resource depends on: parent, dependencies, property dependencies, provider, deletedWith. */
export function dependencyUrns(r: ResourceState): string[] {
  const out = new Set<string>();
  if (r.parent) out.add(r.parent);
  for (const d of r.dependencies) out.add(d);
  for (const deps of Object.values(r.propertyDependencies)) for (const d of deps ?? []) out.add(d);
  const prov = providerRefUrn(r.provider);
  if (prov) out.add(prov);
  if (r.deletedWith) out.add(r.deletedWith);
  out.delete(r.urn);
  return [...out];
}

/** Stable topological order: a resource after everything it depends on (a snapshot invariant). */
export function sortByDependencies(resources: ResourceState[]): ResourceState[] {
  const byUrn = new Map<string, ResourceState[]>();
  for (const r of resources) byUrn.set(r.urn, [...(byUrn.get(r.urn) ?? []), r]);
  const out: ResourceState[] = [];
  const state = new Map<ResourceState, "visiting" | "done">();
  const visit = (r: ResourceState) => {
    if (state.has(r)) return; // done, or a cycle (impossible in a valid snapshot): keep input order
    state.set(r, "visiting");
    for (const u of dependencyUrns(r)) for (const dep of byUrn.get(u) ?? []) visit(dep);
    state.set(r, "done");
    out.push(r);
  };
  for (const r of resources) visit(r);
  return out;
}

export class StateFile {
  private crypter?: PassphraseCrypter;

  constructor(
    readonly path: string,
    private readonly passphrase: string,
  ) {}

  readRaw(): StackExport | undefined {
    if (!existsSync(this.path)) return undefined;
    return JSON.parse(readFileSync(this.path, "utf8")) as StackExport;
  }

  load(): ResourceState[] {
    const raw = this.readRaw();
    if (!raw) return [];
    if (raw.version !== 3) throw new Error(`unsupported state version ${raw.version} in ${this.path}`);
    const sp = raw.deployment.secrets_providers;
    if (sp) this.crypter = PassphraseCrypter.open(this.passphrase, sp);
    return (raw.deployment.resources ?? []).map((r) => this.fromV3(r));
  }

  save(resources: ResourceState[]): void {
    this.crypter ??= PassphraseCrypter.create(this.passphrase);
    const doc: StackExport = {
      version: 3,
      deployment: {
        manifest: {
          time: new Date().toISOString(),
          magic: createHash("sha256").update(ENGINE_VERSION).digest("hex"),
          version: ENGINE_VERSION,
        },
        secrets_providers: this.crypter.providerState,
        resources: sortByDependencies(resources).map((r) => this.toV3(r)),
      },
    };
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify(doc, null, 4)}\n`);
    renameSync(tmp, this.path); // never leave a half-written state behind
  }

  private toV3(r: ResourceState): ResourceV3 {
    const enc = (p: Props) => this.encrypt(p) as Record<string, unknown>;
    const v = { urn: r.urn, custom: r.custom } as ResourceV3; // key order as `pulumi stack export` writes it
    if (r.delete) v.delete = true;
    if (r.custom) v.id = r.id ?? "";
    v.type = r.type;
    if (Object.keys(r.inputs).length > 0 || r.custom) v.inputs = enc(r.inputs);
    if (Object.keys(r.outputs).length > 0 || r.custom) v.outputs = enc(r.outputs);
    if (r.parent) v.parent = r.parent;
    if (r.protect) v.protect = true;
    if (r.custom || r.dependencies.length > 0) v.dependencies = r.dependencies;
    if (r.initErrors?.length) v.initErrors = r.initErrors;
    if (r.provider) v.provider = r.provider;
    if (r.custom || Object.keys(r.propertyDependencies).length > 0) v.propertyDependencies = r.propertyDependencies;
    if (r.additionalSecretOutputs?.length) v.additionalSecretOutputs = r.additionalSecretOutputs;
    if (r.retainOnDelete) v.retainOnDelete = true;
    if (r.deletedWith) v.deletedWith = r.deletedWith;
    if (r.created) v.created = r.created;
    if (r.modified) v.modified = r.modified;
    if (r.ignoreChanges?.length) v.ignoreChanges = r.ignoreChanges;
    if (r.replaceOnChanges?.length) v.replaceOnChanges = r.replaceOnChanges;
    return v;
  }

  private fromV3(v: ResourceV3): ResourceState {
    return {
      urn: v.urn,
      type: v.type,
      custom: v.custom,
      id: v.id,
      inputs: this.decrypt(v.inputs ?? {}) as Props,
      outputs: this.decrypt(v.outputs ?? {}) as Props,
      parent: v.parent,
      provider: v.provider,
      dependencies: v.dependencies ?? [],
      propertyDependencies: v.propertyDependencies ?? {},
      additionalSecretOutputs: v.additionalSecretOutputs,
      initErrors: v.initErrors,
      delete: v.delete,
      protect: v.protect,
      retainOnDelete: v.retainOnDelete,
      deletedWith: v.deletedWith,
      ignoreChanges: v.ignoreChanges,
      replaceOnChanges: v.replaceOnChanges,
      created: v.created,
      modified: v.modified,
    };
  }

  private encrypt(v: unknown): unknown {
    if (isSecret(v)) {
      // Nested secret markers inside a secret carry no extra meaning once the whole value is encrypted.
      const plaintext = JSON.stringify(stripSecretMarkers(v.value));
      return { [SIG]: SECRET_SIG, ciphertext: this.crypter!.encrypt(plaintext) };
    }
    if (Array.isArray(v)) return v.map((x) => this.encrypt(x));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.encrypt(x)]));
    return v;
  }

  private decrypt(v: unknown): unknown {
    if (isObject(v) && v[SIG] === SECRET_SIG && typeof v.ciphertext === "string") {
      if (!this.crypter) throw new Error(`${this.path} holds secrets but no secrets provider`);
      return { [SIG]: SECRET_SIG, value: JSON.parse(this.crypter.decrypt(v.ciphertext)) as Value };
    }
    if (Array.isArray(v)) return v.map((x) => this.decrypt(x));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, this.decrypt(x)]));
    return v;
  }
}

function stripSecretMarkers(v: Value): Value {
  if (isSecret(v)) return stripSecretMarkers(v.value);
  if (Array.isArray(v)) return v.map(stripSecretMarkers);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, stripSecretMarkers(x)]));
  return v;
}
