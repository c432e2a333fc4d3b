import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type Connection, openSession, type VendorSession } from "../connection";
import { ConflictError, FacilityError, isNotFound, isTransportError } from "../errors";
import { redact, registerSecret } from "../redact";
import { containsUnknown, extractUnknowns, type Failure, issuesToFailures, jsonSafe, reservedKeyFailures, restoreUnknowns, UNKNOWN } from "./check";
import { changedFields, replaceFields } from "./diff";
import { expandRoute } from "../http/route";
import { readParts, writeParts } from "./parts";
import { canon, fromWire, mergeWire, metaOf, toWire } from "./schema";

import { type DeletePolicy, inputSchema, kindOf, NOT_SETTINGS, REQUIRED, type ResourceSpec, restoreField } from "./spec";
import { z as zod } from "zod";

type Props = Record<string, unknown>;
type Index = Map<string, string>; // id -> natural key

/** check/diff/create/read/update/delete for one resource kind, driven entirely by its spec. */
export class Lifecycle {
  readonly kind: string;
  readonly schema: z.ZodObject;
  readonly shape: Record<string, z.ZodType>;
  private readonly computedSchema: z.ZodObject;
  /** Per session, one natural-key index per listing (a collection listed per parent has one per parent). */
  private readonly indexes = new WeakMap<VendorSession, Map<string, Promise<Index>>>();

  constructor(readonly spec: ResourceSpec) {
    this.kind = kindOf(spec);
    this.schema = inputSchema(spec);
    this.shape = this.schema.shape as Record<string, z.ZodType>;
    const restore = spec.deletePolicy?.options.includes("restore") ? { restoreValues: restoreField } : {};
    this.computedSchema = zod.object({ ...spec.computed, ...restore });
  }

  // ---- check -------------------------------------------------------------------------------

  async check(_olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    const { probe, unknowns, reserved } = extractUnknowns(strip(news));
    const parsed = this.schema.safeParse(probe);
    if (!parsed.success || reserved.length) {
      const failures = [...reservedKeyFailures(reserved), ...(parsed.success ? [] : issuesToFailures(parsed.error.issues, unknowns))];
      // Only values still unknown (preview) failed: pass the inputs through; the real check runs at `up`.
      return failures.length ? { failures } : { inputs: jsonSafe(strip(news)) };
    }
    const inputs = restoreUnknowns(jsonSafe(parsed.data) as Props, unknowns);
    const failures: Failure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    this.applyConditionals(inputs, fail);
    if (inputs.adopt === true && !this.spec.naturalKey) {
      fail("adopt", "this resource has no natural key to find the object by; give the id of the object to adopt instead");
    }
    if (inputs.adopt !== undefined && !this.spec.routes.read) fail("adopt", "this resource cannot be read from the API, so there is no existing object to adopt");
    this.spec.rules?.(inputs, fail);
    if (failures.length) return { failures };
    for (const [k, v] of Object.entries(inputs)) if (metaOf(this.shape[k]).secret) registerSecret(v);
    return { inputs };
  }

  private applyConditionals(inputs: Props, fail: (p: string, r: string) => void) {
    for (const group of this.spec.conditional ?? []) {
      const flag = inputs[group.flag];
      if (flag === UNKNOWN) continue;
      const set = Object.keys(group.defaults).filter((k) => inputs[k] !== undefined);
      if (flag === !group.activeWhen) {
        for (const k of set) fail(k, `has no effect while ${group.flag} is ${flag}; set ${group.flag}: ${group.activeWhen} to use it`);
        continue;
      }
      if (flag === undefined && set.length === 0) continue;
      inputs[group.flag] = group.activeWhen;
      for (const [k, v] of Object.entries(group.defaults)) {
        if (inputs[k] !== undefined) continue;
        if (v === REQUIRED) fail(k, `is required while ${group.flag} is ${group.activeWhen}`);
        else inputs[k] = v;
      }
    }
  }

  // ---- diff --------------------------------------------------------------------------------

  async diff(_id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    const changed = changedFields(olds, strip(news), this.shape, this.settingKeys(olds, news));
    const replaces = this.spec.routes.update ? replaceFields(changed, this.shape) : changed.filter((k) => !this.isPart(k));
    const oldUrl = (olds.connection as Connection | undefined)?.url;
    const newUrl = (news.connection as Connection | undefined)?.url;
    if (newUrl === UNKNOWN || (oldUrl && newUrl && trimSlash(oldUrl) !== trimSlash(newUrl))) replaces.push("connection");
    const connectionChanged = JSON.stringify(olds.connection) !== JSON.stringify(news.connection);
    if (changed.length === 0 && replaces.length === 0 && !connectionChanged) return { changes: false };
    // A replacement that keeps the natural key must delete first, or the new object would collide with the old.
    const keyKept = !!this.spec.naturalKey && !this.spec.naturalKey.some((k) => changed.includes(k)) && !replaces.includes("connection");
    // `changes` left undefined: the engine then computes the property-level diff itself (a readable
    // preview) and keeps our replaces. Safe because the shim keeps `__provider` stable.
    return { replaces, deleteBeforeReplace: replaces.length > 0 && (keyKept || !!this.spec.deleteBeforeReplace) };
  }

  private settingKeys(...objs: Props[]): string[] {
    const keys = new Set<string>();
    for (const o of objs) for (const k of Object.keys(o)) if (this.isSetting(k)) keys.add(k);
    return [...keys];
  }

  private isSetting(key: string): boolean {
    return !!this.shape[key] && !NOT_SETTINGS.has(key) && !key.startsWith("__");
  }

  // ---- create ------------------------------------------------------------------------------

  async create(raw: Props): Promise<pulumi.dynamic.CreateResult> {
    const inputs = strip(raw);
    const session = this.session(inputs);
    if (this.spec.singleton) return this.takeOver(session, this.spec.idFor!(inputs), inputs);
    if (typeof inputs.adopt === "string") return { id: inputs.adopt, outs: await this.adopt(session, inputs.adopt, inputs) };
    const key = this.spec.naturalKey;
    if (key && this.spec.routes.list) {
      const existing = await this.findByKey(session, inputs, !!inputs.adopt);
      if (existing && !inputs.adopt) {
        throw new ConflictError(
          `${this.kind} ${this.keyText(inputs)} already exists on ${(inputs.connection as Connection).url} with id ${existing}. ` +
            `To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); ` +
            `otherwise choose another ${key.join(" / ")}.`,
        );
      }
      if (existing) return { id: existing, outs: await this.adopt(session, existing, inputs) };
    }
    const settings = this.settingKeys(inputs);
    const later = settings.filter((k) => metaOf(this.shape[k]).updateOnly);
    const parts = settings.filter((k) => this.isPart(k));
    let live: Props | undefined;
    try {
      const body = this.body(inputs, settings.filter((k) => !later.includes(k) && !parts.includes(k)));
      live = session.one(await session.call(this.spec.routes.create!, this.params(inputs), this.wrap(body)));
    } catch (err) {
      const found = isTransportError(err) && err.sent ? await this.findLost(session, inputs) : undefined;
      if (!found) throw err;
      live = { id: found }; // the create was applied and only the answer was lost: take the object, never POST again
    }
    let id = this.idOf(session, live) ?? this.spec.idFor?.(inputs, live);
    // Some APIs answer a create without the object: find it by its natural key (it did not exist before).
    if (!id && key && this.spec.routes.list) id = await this.findByKey(session, inputs, true);
    if (!id) throw new FacilityError(`${this.kind}: the create answer carried no id`);
    this.updateIndex(session, inputs, (ix) => ix.set(id, this.keyOf(inputs)));
    if (later.length || parts.length || !this.isComplete(live, inputs)) {
      try {
        // Fields on endpoints of their own go after the object exists; a failure there is a partial create.
        if (parts.length) await writeParts(session, this.spec.parts!, parts, this.shape, id, undefined, inputs, this.params(inputs, id));
        if (later.length || !this.isComplete(live, inputs)) {
          live = (later.length ? await this.write(session, id, inputs, later) : undefined) ?? (await this.fetch(session, id, inputs, false));
        }
      } catch (err) {
        throw partialCreate(id, this.outputs(inputs, undefined), err);
      }
    }
    return { id, outs: this.outputs(inputs, live) };
  }

  /** Singletons: capture the current values (for `restore`), then write the declared ones. */
  private async takeOver(session: VendorSession, id: string, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const live = await this.fetch(session, id, inputs);
    if (!live && !this.spec.firstWriteCreates) throw new FacilityError(`${this.kind} ${id} was not found on the appliance`);
    const current = live ? this.liveInputs(live, inputs) : {};
    const changed = this.toApply(current, inputs);
    const updated = changed.length ? await this.write(session, id, inputs, changed, current) : undefined;
    const outs = this.outputs(inputs, updated ?? live);
    if (this.spec.deletePolicy?.options.includes("restore")) {
      outs.restoreValues = jsonSafe(Object.fromEntries(this.settingKeys(inputs).map((k) => [k, current[k] ?? null])));
    }
    return { id, outs };
  }

  private async adopt(session: VendorSession, id: string, inputs: Props): Promise<Props> {
    const live = await this.fetch(session, id, inputs);
    if (!live) throw new FacilityError(`${this.kind} ${id} disappeared while being adopted`);
    const current = this.liveInputs(live, inputs);
    const changed = changedFields(current, inputs, this.shape, this.settingKeys(inputs));
    const fixed = replaceFields(changed, this.shape);
    if (fixed.length || (!this.spec.routes.update && changed.some((k) => !this.isPart(k)))) {
      throw new ConflictError(
        `${this.kind} ${id} cannot be adopted: ${(fixed.length ? fixed : changed).join(", ")} differ from the declaration and cannot be changed in place. ` +
          `Declare the live values, or delete the object and let Pulumi create it.`,
      );
    }
    const updated = changed.length ? await this.write(session, id, inputs, changed, current) : live;
    return this.outputs(inputs, updated ?? live);
  }

  // ---- read --------------------------------------------------------------------------------

  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    const old = strip(props);
    // The API cannot read this object: the state stays as stored (its docs say refresh cannot see drift).
    if (!this.spec.routes.read) return { id, props: old, inputs: Object.fromEntries(Object.entries(old).filter(([k]) => this.shape[k])) };
    let live: Props | undefined;
    try {
      live = await this.fetch(this.session(old), id, old);
    } catch (err) {
      if (isNotFound(err)) return {};
      throw err;
    }
    if (!live) return {};
    const inputs = this.liveInputs(live, old);
    // Outputs the appliance does not report (e.g. restoreValues captured at create) survive a refresh.
    return { id, props: this.outputs(inputs, live, old), inputs };
  }

  /** Live values mapped back into the declared input shape; only declared properties, kept verbatim when equal. */
  private liveInputs(live: Props, declared: Props): Props {
    const mapped = this.mapFromWire(live);
    const out: Props = {};
    for (const [k, v] of Object.entries(declared)) {
      if (!this.shape[k]) continue; // computed outputs are not inputs
      if (!this.isSetting(k) || v === undefined) {
        out[k] = v;
        continue;
      }
      const meta = metaOf(this.shape[k]);
      let value = meta.writeOnly ? v : (mapped[k] ?? null);
      if (meta.declaredKeysOnly && value && typeof value === "object" && v && typeof v === "object") {
        value = Object.fromEntries(Object.keys(v).map((mk) => [mk, (value as Props)[mk] ?? null]));
      }
      out[k] = changedFields({ [k]: v }, { [k]: value }, this.shape, [k]).length ? value : v;
    }
    return jsonSafe(out);
  }

  // ---- update ------------------------------------------------------------------------------

  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = strip(news);
    const changed = changedFields(olds, inputs, this.shape, this.settingKeys(olds, inputs)).filter((k) => inputs[k] !== undefined);
    const live = changed.length ? await this.write(this.session(inputs), id, inputs, changed, olds) : undefined;
    if (changed.some((k) => this.spec.naturalKey?.includes(k))) {
      this.updateIndex(this.session(inputs), inputs, (ix) => ix.set(id, this.keyOf(inputs)));
    }
    return { outs: this.outputs(inputs, live, olds) };
  }

  /** One write with the changed fields and the conditional groups they belong to; never a field the program did not declare. */
  private async write(session: VendorSession, id: string, inputs: Props, changed: string[], before?: Props): Promise<Props | undefined> {
    const parts = changed.filter((k) => this.isPart(k));
    const live = await this.writeBody(session, id, inputs, changed.filter((k) => !this.isPart(k)));
    // Fields on endpoints of their own go after the object's own write, as at create.
    if (parts.length) await writeParts(session, this.spec.parts!, parts, this.shape, id, before, inputs, this.params(inputs, id));
    return live;
  }

  private async writeBody(session: VendorSession, id: string, inputs: Props, changed: string[]): Promise<Props | undefined> {
    if (changed.length === 0) return undefined;
    if (!this.spec.routes.update) throw new FacilityError(`${this.kind} cannot be updated in place`);
    const send = new Set(changed);
    const groups = [...(this.spec.conditional ?? []).map((g) => [g.flag, ...Object.keys(g.defaults)]), ...(this.spec.writeTogether ?? [])];
    for (const members of groups) {
      if (members.some((k) => send.has(k))) for (const k of members) if (inputs[k] !== undefined) send.add(k);
    }
    const keys = [...send].filter((k) => !metaOf(this.shape[k]).replaceOnChanges);
    if (keys.length === 0) return undefined;
    const partial = keys.filter((k) => metaOf(this.shape[k]).declaredKeysOnly && inputs[k]);
    const live = this.spec.updateMerge || partial.length ? ((await this.fetch(session, id, inputs, false)) ?? {}) : undefined;
    const values = { ...inputs };
    // A map the program manages only partly is written over its live value, so undeclared keys survive.
    for (const k of partial) values[k] = { ...((this.mapFromWire(live!)[k] as Props | null) ?? {}), ...(inputs[k] as Props) };
    const body = this.body(values, keys);
    // Read-modify-write: fields the server computes are sent back as read, never as nulls.
    const payload = this.spec.updateMerge === "deep" ? mergeWire(live, body, this.schema) : this.spec.updateMerge ? { ...live, ...body } : body;
    const res = await session.call(this.spec.routes.update, this.params(inputs, id), this.wrap(payload));
    return session.one(res);
  }

  // ---- delete ------------------------------------------------------------------------------

  async delete(id: string, props: Props): Promise<void> {
    const old = strip(props);
    const policy = (old.deletePolicy as DeletePolicy | undefined) ?? this.spec.deletePolicy?.default ?? "delete";
    if (policy === "retain") {
      const note = this.spec.deletePolicy?.retainWarning;
      if (note) console.warn(redact(`warning: ${this.kind} ${id}: ${note}`)); // the plugin's stderr reaches the CLI's output
      return;
    }
    const session = this.session(old);
    try {
      if (policy === "restore" || policy === "disable") {
        const values = (policy === "restore" ? old.restoreValues : this.spec.deletePolicy?.disable) as Props | null | undefined;
        const keys = Object.keys(values ?? {}).filter((k) => this.isSetting(k));
        if (keys.length) await this.write(session, id, { ...old, ...values }, keys, old);
        return;
      }
      if (!this.spec.routes.delete) throw new FacilityError(`${this.kind} cannot be deleted; choose another deletePolicy`);
      const dependents = this.spec.dependents ? await this.spec.dependents(session, id, old) : [];
      if (dependents.length) {
        throw new ConflictError(
          `${this.kind} ${id} cannot be deleted while other objects depend on it: ${dependents.join("; ")}. ` +
            `Remove them or their references to it first (objects declared in the same program are removed in dependency order); nothing was deleted.`,
        );
      }
      await session.call(this.spec.routes.delete, this.params(old, id), this.spec.deleteBody?.(old, id));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.updateIndex(session, old, (ix) => ix.delete(id));
  }

  // ---- read-only views for drift reports and discovery ----------------------------------------

  /** Every live object of this kind on one appliance (wire form, program form, a label); [] without a listing. */
  async listLive(connection: Connection, params: Props = {}): Promise<{ id: string; label: string; wire: Props; inputs: Props }[]> {
    if (!this.spec.routes.list) return [];
    const session = openSession(this.spec.vendor, connection);
    const items = await session.list(this.spec.routes.list, this.params(params));
    return items.flatMap((wire) => {
      const id = this.idOf(session, wire);
      if (!id) return [];
      const inputs = this.mapFromWire(wire);
      const label = typeof inputs.name === "string" ? inputs.name : this.spec.naturalKey ? this.keyText(inputs) : id;
      return [{ id, label, wire, inputs }];
    });
  }

  /**
   * The live values of a deployed object in the declared input shape (as `read` returns them), or undefined
   * when it is gone. `listed` is the object from a complete listing (`listComplete`), which saves the GET.
   */
  async liveInputsOf(id: string, declared: Props, listed?: Map<string, Props>): Promise<Props | undefined> {
    const old = strip(declared);
    if (listed && this.spec.listComplete) {
      const wire = listed.get(id);
      return wire ? this.liveInputs(wire, old) : undefined;
    }
    const res = await this.read(id, old);
    return res.id ? (res.inputs as Props) : undefined;
  }

  /** Every setting of one live object in the program's shape (discovery); undefined when it is gone. */
  async describeLive(connection: Connection, id: string, params: Props = {}): Promise<Props | undefined> {
    const live = await this.fetch(openSession(this.spec.vendor, connection), id, { ...params, connection });
    return live ? this.mapFromWire(live) : undefined;
  }

  /** Setting keys of a declaration (what drift compares). */
  settingsOf(declared: Props): string[] {
    return this.settingKeys(declared);
  }

  // ---- helpers -----------------------------------------------------------------------------

  private session(inputs: Props): VendorSession {
    return openSession(this.spec.vendor, inputs.connection as Connection);
  }

  private params(inputs: Props, id?: string): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(inputs)) if (typeof v === "string" || typeof v === "number") out[k] = v;
    if (id !== undefined) out.id = id;
    return out;
  }

  private body(inputs: Props, keys: string[]): Record<string, unknown> {
    const picked = Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
    const wire = toWire(picked, this.schema) as Record<string, unknown>;
    return this.spec.toWire ? this.spec.toWire(wire, inputs) : wire;
  }

  /** Create and update bodies wrapped in the spec's envelope key, where the API wants one. */
  private wrap(body: unknown): unknown {
    return this.spec.envelope ? { [this.spec.envelope]: body } : body;
  }

  private mapFromWire(live: Props): Props {
    const wire = this.spec.fromWire ? this.spec.fromWire(live) : live;
    return fromWire(wire, this.schema) as Props;
  }

  /** The live object (wire form), with the declared fields kept on endpoints of their own unless `parts` is false. */
  private async fetch(session: VendorSession, id: string, inputs: Props, parts = true): Promise<Props | undefined> {
    let live: Props | undefined;
    const fromList = this.spec.readFromList;
    const route = this.spec.routes.read;
    if (!route) return undefined;
    if (fromList) {
      const items = await session.list(route, this.params(inputs, id));
      live = items.find((item) => (typeof fromList === "function" ? fromList(item, inputs) : this.idOf(session, item) === id));
    } else {
      live = session.one(await session.call(route, this.params(inputs, id)));
    }
    const keys = parts ? Object.keys(this.spec.parts ?? {}).filter((k) => inputs[k] !== undefined) : [];
    return live && keys.length ? readParts(session, this.spec.parts!, keys, this.shape, live, this.params(inputs, id)) : live;
  }

  /**
   * What taking over a singleton writes: the declared settings that differ from the live ones, plus the
   * write-only ones (their live value cannot be read, so the declaration is applied; create-only ones excepted).
   * Adoption (`adopt`) stays read-only when every readable setting matches.
   */
  private toApply(current: Props, inputs: Props): string[] {
    const changed = changedFields(current, inputs, this.shape, this.settingKeys(inputs));
    const unreadable = this.settingKeys(inputs).filter((k) => metaOf(this.shape[k]).writeOnly && !metaOf(this.shape[k]).replaceOnChanges);
    return [...new Set([...changed, ...unreadable])];
  }

  private isPart(key: string): boolean {
    return !!this.spec.parts?.[key];
  }

  /** After a create whose answer was lost: the object by its natural key, or by the id its inputs determine. */
  private async findLost(session: VendorSession, inputs: Props): Promise<string | undefined> {
    if (this.spec.naturalKey && this.spec.routes.list) return this.findByKey(session, inputs, true);
    if (!this.spec.idFor) return undefined;
    const id = this.spec.idFor(inputs);
    return (await this.fetch(session, id, inputs, false).catch(() => undefined)) ? id : undefined;
  }

  private idOf(session: VendorSession, obj: Props | undefined): string | undefined {
    return obj ? (session.idOf?.(obj) ?? idOf(obj)) : undefined;
  }

  /** The create answer holds the object if it carries every declared setting. */
  private isComplete(live: Props | undefined, inputs: Props): boolean {
    if (!this.spec.routes.read) return true; // nothing to read it back with: the create answer is all there is
    if (!live) return false;
    const mapped = this.mapFromWire(live);
    return this.settingKeys(inputs).every((k) => metaOf(this.shape[k]).writeOnly || this.isPart(k) || k in mapped);
  }

  /** Outputs echo the inputs under their names (diff/update/delete receive outputs); computed values from the live object, else kept. */
  private outputs(inputs: Props, live: Props | undefined, previous: Props = {}): Props {
    const keep = Object.keys(this.computedSchema.shape).filter((k) => previous[k] !== undefined);
    // Computed values may also come from the spec's fromWire hook (values derived from the live object).
    const wire = live && this.spec.fromWire ? { ...live, ...this.spec.fromWire(live) } : live;
    const computed = { ...Object.fromEntries(keep.map((k) => [k, previous[k]])), ...(wire ? (fromWire(wire, this.computedSchema) as Props) : {}) };
    return jsonSafe({ ...computed, ...inputs });
  }

  private keyOf(obj: Props): string {
    return JSON.stringify((this.spec.naturalKey ?? []).map((k) => canon(obj[k], this.shape[k])));
  }

  private keyText(inputs: Props): string {
    return (this.spec.naturalKey ?? []).map((k) => `${k} ${JSON.stringify(inputs[k] ?? null)}`).join(", ");
  }

  /** Keeps this run's natural-key index in step with our own writes (a failed listing is simply dropped). */
  private updateIndex(session: VendorSession, inputs: Props, change: (ix: Index) => void): void {
    if (!this.spec.routes.list || containsUnknown(inputs)) return;
    this.indexes.get(session)?.get(this.listPath(inputs))?.then(change, () => undefined);
  }

  /** The listing a natural key is looked up in (per parent where the route names one). */
  private listPath(inputs: Props): string {
    try {
      return expandRoute(this.spec.routes.list!, this.params(inputs)).path;
    } catch {
      return "";
    }
  }

  /** Looks the natural key up in a per-run index of the collection (one listing per collection per run), or freshly. */
  private async findByKey(session: VendorSession, inputs: Props, fresh: boolean): Promise<string | undefined> {
    if (containsUnknown(inputs)) return undefined;
    const listing = this.listPath(inputs);
    let byListing = this.indexes.get(session);
    if (!byListing) this.indexes.set(session, (byListing = new Map()));
    let index = byListing.get(listing);
    if (!index || fresh) {
      index = session.list(this.spec.routes.list!, this.params(inputs)).then((items) => {
        const ix: Index = new Map();
        for (const item of items) {
          const id = this.idOf(session, item);
          if (id) ix.set(id, this.keyOf(this.mapFromWire(item)));
        }
        return ix;
      });
      byListing.set(listing, index);
      index.catch(() => byListing.delete(listing));
    }
    const want = this.keyOf(inputs);
    const ix = await index;
    const hits = [...ix].filter(([, k]) => k === want).map(([id]) => id);
    if (hits.length > 1) {
      throw new ConflictError(`${this.kind} ${this.keyText(inputs)} matches several objects (ids ${hits.join(", ")}); rename all but one on the appliance before managing it`);
    }
    return hits[0];
  }
}

const strip = (props: Props): Props => Object.fromEntries(Object.entries(props ?? {}).filter(([k]) => !k.startsWith("__")));
const trimSlash = (u: string) => u.replace(/\/+$/, "");
const idOf = (obj: Props | undefined) => (obj && obj.id !== undefined && obj.id !== null ? String(obj.id) : undefined);

/** The SDK's partial-create contract: an error carrying id, properties and reasons keeps the object in state. */
function partialCreate(id: string, properties: Props, cause: unknown): Error {
  const message = (cause as Error)?.message ?? String(cause);
  return Object.assign(new FacilityError(`created ${id}, but completing it failed: ${message}`), { id, properties, reasons: [message] });
}
