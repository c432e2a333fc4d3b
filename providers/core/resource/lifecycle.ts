import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type Connection, openSession, type VendorSession } from "../connection";
import { ConflictError, FacilityError, isNotFound, mayHaveApplied } from "../errors";
import { timedOut } from "../http/client";
import { sleep } from "../http/retry";
import { redact } from "../redact";
import {
  extractUnknowns,
  type Failure,
  issuesToFailures,
  jsonSafe,
  reservedKeyFailures,
  restoreUnknowns,
  UNKNOWN,
} from "./check";
import { changedFields, replaceFields } from "./diff";
import type { NaturalKeys } from "./natural-key";
import { writeParts } from "./parts";
import { mergeWire, metaOf } from "./schema";
import type { KindModel } from "./model";
import { registerKnown, strip } from "./props";
import { type DeletePolicy, REQUIRED, type ResourceSpec } from "./spec";
import { describeLive, listLive, liveInputsOf, readLive, settingsOf } from "./views";
import type { Props, WireForm } from "./wire";

/** check/diff/create/read/update/delete for one resource kind, driven entirely by its spec. */
export class Lifecycle {
  readonly kind: string;
  readonly spec: ResourceSpec;
  readonly schema: z.ZodObject;
  readonly shape: Record<string, z.ZodType>;
  private readonly form: WireForm;
  private readonly keys: NaturalKeys;

  constructor(readonly model: KindModel) {
    this.kind = model.kind;
    this.spec = model.spec;
    this.form = model.form;
    this.schema = model.schema;
    this.shape = model.shape;
    this.keys = model.keys;
  }

  // ---- check -------------------------------------------------------------------------------

  async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    this.known(olds ?? {});
    const { probe, unknowns, reserved } = extractUnknowns(news);
    const parsed = this.schema.safeParse(probe);
    if (!parsed.success || reserved.length) {
      const failures = [
        ...reservedKeyFailures(reserved),
        ...(parsed.success ? [] : issuesToFailures(parsed.error.issues, unknowns)),
      ];
      // Only values still unknown (preview) failed: pass the inputs through; the real check runs at `up`.
      return failures.length ? { failures } : { inputs: jsonSafe(strip(news)) };
    }
    const inputs = restoreUnknowns(jsonSafe(parsed.data) as Props, unknowns);
    const failures: Failure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    this.applyConditionals(inputs, fail);
    if (inputs.adopt !== undefined && !this.spec.routes.read)
      fail("adopt", "this resource cannot be read from the API, so there is no existing object to adopt");
    else if (inputs.adopt === true && !this.spec.naturalKey) {
      fail(
        "adopt",
        "this resource has no natural key to find the object by; give the id of the object to adopt instead",
      );
    }
    this.spec.rules?.(inputs, fail);
    if (failures.length) return { failures };
    this.form.registerSecrets(inputs);
    return { inputs };
  }

  private applyConditionals(inputs: Props, fail: (p: string, r: string) => void) {
    for (const group of this.spec.conditional ?? []) {
      const flag = inputs[group.flag];
      if (flag === UNKNOWN) continue;
      const set = Object.keys(group.defaults).filter((k) => inputs[k] !== undefined);
      if (flag === !group.activeWhen) {
        for (const k of set)
          fail(k, `has no effect while ${group.flag} is ${flag}; set ${group.flag}: ${group.activeWhen} to use it`);
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
    this.known(olds, news);
    const changed = changedFields(olds, strip(news), this.shape, this.form.settingKeys(olds, news));
    const replaces = this.spec.routes.update
      ? replaceFields(changed, this.shape)
      : changed.filter((k) => !this.form.isPart(k));
    const oldUrl = (olds.connection as Connection | undefined)?.url;
    const newUrl = (news.connection as Connection | undefined)?.url;
    if (newUrl === UNKNOWN || (oldUrl && newUrl && trimSlash(oldUrl) !== trimSlash(newUrl)))
      replaces.push("connection");
    const connectionChanged = JSON.stringify(olds.connection) !== JSON.stringify(news.connection);
    if (changed.length === 0 && replaces.length === 0 && !connectionChanged) return { changes: false };
    // A replacement that keeps the natural key must delete first, or the new object would collide with the old.
    const keyKept =
      !!this.spec.naturalKey &&
      !this.spec.naturalKey.some((k) => changed.includes(k)) &&
      !replaces.includes("connection");
    // `changes` left undefined: the engine then computes the property-level diff itself (a readable
    // preview) and keeps our replaces. Safe because the shim keeps `__provider` stable.
    return { replaces, deleteBeforeReplace: replaces.length > 0 && (keyKept || !!this.spec.deleteBeforeReplace) };
  }

  // ---- create ------------------------------------------------------------------------------

  async create(raw: Props): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.known(strip(raw));
    const session = this.session(inputs);
    if (this.spec.singleton) return this.takeOver(session, this.spec.idFor!(inputs), inputs);
    if (typeof inputs.adopt === "string")
      return { id: inputs.adopt, outs: await this.adopt(session, inputs.adopt, inputs) };
    if (this.keys.searchable) {
      const existing = await this.keys.find(session, inputs, !!inputs.adopt);
      if (existing && !inputs.adopt) {
        throw new ConflictError(
          `${this.kind} ${this.keys.text(inputs)} already exists on ${(inputs.connection as Connection).url} with id ${existing}. ` +
            `To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); ` +
            `otherwise choose another ${this.spec.naturalKey!.join(" / ")}.`,
        );
      }
      if (existing) return { id: existing, outs: await this.adopt(session, existing, inputs) };
    }
    const settings = this.form.settingKeys(inputs);
    const later = settings.filter((k) => metaOf(this.shape[k]).updateOnly);
    const parts = settings.filter((k) => this.form.isPart(k));
    let live: Props | undefined;
    try {
      const body = this.form.body(
        inputs,
        settings.filter((k) => !later.includes(k) && !parts.includes(k)),
      );
      live = session.one(await session.call(this.spec.routes.create!, this.form.params(inputs), this.form.wrap(body)));
    } catch (err) {
      const found = mayHaveApplied(err) ? await this.findLost(session, inputs, err) : undefined;
      if (!found) throw err;
      live = { id: found }; // the create was applied and only the answer was lost: take the object, never POST again
    }
    let id = this.form.idOf(session, live) ?? this.spec.idFor?.(inputs, live);
    // Some APIs answer a create without the object: find it by its natural key (it did not exist before).
    if (!id && this.keys.searchable) id = await this.idAfterCreate(session, inputs);
    if (!id) throw new FacilityError(`${this.kind}: the create answer carried no id`);
    this.keys.set(session, id, inputs);
    if (later.length || parts.length || !this.form.isComplete(live, inputs)) {
      let unwritten = [...parts, ...later];
      try {
        // Fields on endpoints of their own go after the object exists; a failure there is a partial create.
        if (parts.length)
          await writeParts(
            session,
            this.spec.parts!,
            parts,
            this.shape,
            id,
            undefined,
            inputs,
            this.form.params(inputs, id),
          );
        unwritten = later;
        const updated = later.length ? await this.write(session, id, inputs, later) : undefined;
        unwritten = [];
        if (updated) live = updated;
        else if (later.length || !this.form.isComplete(live, inputs))
          live = await this.form.fetch(session, id, inputs, false);
      } catch (err) {
        // The state keeps what was written, so the update the engine forces on the next `up` writes the rest.
        const written = Object.fromEntries(Object.entries(inputs).filter(([k]) => !unwritten.includes(k)));
        throw partialCreate(id, this.form.outputs(written, undefined), err);
      }
    }
    return { id, outs: this.form.outputs(inputs, live) };
  }

  /** Singletons: capture the current values (for `restore`), then write the declared ones. */
  private async takeOver(session: VendorSession, id: string, inputs: Props): Promise<pulumi.dynamic.CreateResult> {
    const live = await this.form.fetch(session, id, inputs);
    if (!live && !this.spec.firstWriteCreates)
      throw new FacilityError(`${this.kind} ${id} was not found on the appliance`);
    const current = live ? this.form.liveInputs(live, inputs) : {};
    const changed = this.toApply(current, inputs);
    const updated = changed.length ? await this.write(session, id, inputs, changed, current, live) : undefined;
    const outs = this.form.outputs(inputs, updated ?? live);
    if (this.spec.deletePolicy?.options.includes("restore")) {
      outs.restoreValues = jsonSafe(
        Object.fromEntries(this.form.settingKeys(inputs).map((k) => [k, current[k] ?? null])),
      );
    }
    return { id, outs };
  }

  private async adopt(session: VendorSession, id: string, inputs: Props): Promise<Props> {
    const live = await this.form.fetch(session, id, inputs);
    if (!live) throw new FacilityError(`${this.kind} ${id} disappeared while being adopted`);
    const current = this.form.liveInputs(live, inputs);
    const changed = changedFields(current, inputs, this.shape, this.form.settingKeys(inputs));
    const fixed = replaceFields(changed, this.shape);
    if (fixed.length || (!this.spec.routes.update && changed.some((k) => !this.form.isPart(k)))) {
      throw new ConflictError(
        `${this.kind} ${id} cannot be adopted: ${(fixed.length ? fixed : changed).join(", ")} differ from the declaration and cannot be changed in place. ` +
          `Declare the live values, or delete the object and let Pulumi create it.`,
      );
    }
    const updated = changed.length ? await this.write(session, id, inputs, changed, current, live) : live;
    return this.form.outputs(inputs, updated ?? live);
  }

  // ---- read --------------------------------------------------------------------------------

  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    return readLive(this.model, id, this.known(strip(props)));
  }

  // ---- update ------------------------------------------------------------------------------

  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = this.known(strip(news), olds);
    const changed = changedFields(olds, inputs, this.shape, this.form.settingKeys(olds, inputs)).filter(
      (k) => inputs[k] !== undefined,
    );
    const live = changed.length ? await this.write(this.session(inputs), id, inputs, changed, olds) : undefined;
    if (changed.some((k) => this.spec.naturalKey?.includes(k))) this.keys.set(this.session(inputs), id, inputs);
    return { outs: this.form.outputs(inputs, live, olds) };
  }

  /**
   * One write with the changed fields and the conditional groups they belong to; never a field the program did not
   * declare. `read` is the object as just read (adoption, take-over): a read-modify-write then needs no second GET.
   */
  private async write(
    session: VendorSession,
    id: string,
    inputs: Props,
    changed: string[],
    before?: Props,
    read?: Props,
  ): Promise<Props | undefined> {
    const parts = changed.filter((k) => this.form.isPart(k));
    // An object read with its parts carries them under their wire names: not a body to write back.
    const base = this.spec.parts ? undefined : read;
    const live = await this.writeBody(
      session,
      id,
      inputs,
      changed.filter((k) => !this.form.isPart(k)),
      base,
    );
    // Fields on endpoints of their own go after the object's own write, as at create.
    if (parts.length)
      await writeParts(session, this.spec.parts!, parts, this.shape, id, before, inputs, this.form.params(inputs, id));
    return live;
  }

  private async writeBody(
    session: VendorSession,
    id: string,
    inputs: Props,
    changed: string[],
    read?: Props,
  ): Promise<Props | undefined> {
    if (changed.length === 0) return undefined;
    if (!this.spec.routes.update) throw new FacilityError(`${this.kind} cannot be updated in place`);
    const send = new Set(changed);
    const groups = [
      ...(this.spec.conditional ?? []).map((g) => [g.flag, ...Object.keys(g.defaults)]),
      ...(this.spec.writeTogether ?? []),
    ];
    for (const members of groups) {
      if (members.some((k) => send.has(k))) for (const k of members) if (inputs[k] !== undefined) send.add(k);
    }
    const keys = [...send].filter((k) => !metaOf(this.shape[k]).replaceOnChanges);
    if (keys.length === 0) return undefined;
    const partial = keys.filter((k) => metaOf(this.shape[k]).declaredKeysOnly && inputs[k]);
    const live =
      this.spec.updateMerge || partial.length
        ? (read ?? (await this.form.fetch(session, id, inputs, false)) ?? {})
        : undefined;
    const values = { ...inputs };
    // A map the program manages only partly is written over its live value, so undeclared keys survive.
    for (const k of partial)
      values[k] = { ...((this.form.toProgram(live!)[k] as Props | null) ?? {}), ...(inputs[k] as Props) };
    const body = this.form.body(values, keys);
    // Read-modify-write: fields the server computes are sent back as read, never as nulls.
    const payload =
      this.spec.updateMerge === "deep"
        ? mergeWire(live, body, this.schema)
        : this.spec.updateMerge
          ? { ...live, ...body }
          : body;
    // An update sends declared values, never increments: the same body twice leaves the same object, so the
    // update route is idempotent whatever its method (a PATCH, a settings POST) and may be retried.
    const res = await session.call(this.spec.routes.update, this.form.params(inputs, id), this.form.wrap(payload), {
      idempotent: true,
    });
    return session.one(res);
  }

  // ---- delete ------------------------------------------------------------------------------

  async delete(id: string, props: Props): Promise<void> {
    const old = this.known(strip(props));
    const policy = (old.deletePolicy as DeletePolicy | undefined) ?? this.spec.deletePolicy?.default ?? "delete";
    if (policy === "retain") {
      const note = this.spec.deletePolicy?.retainWarning;
      if (note) console.warn(redact(`warning: ${this.kind} ${id}: ${note}`)); // the plugin's stderr reaches the CLI's output
      return;
    }
    const session = this.session(old);
    const before = (old.restoreValues ?? {}) as Props;
    const restoreByDelete =
      policy === "restore" && !!this.spec.routes.delete && !!this.spec.deletePolicy?.restoreByDelete?.(before);
    try {
      if ((policy === "restore" && !restoreByDelete) || policy === "disable") {
        const values = (policy === "restore" ? old.restoreValues : this.spec.deletePolicy?.disable) as
          | Props
          | null
          | undefined;
        const keys = Object.keys(values ?? {}).filter((k) => this.form.isSetting(k));
        if (keys.length) await this.write(session, id, { ...old, ...values }, keys, old);
        return;
      }
      if (!this.spec.routes.delete)
        throw new FacilityError(`${this.kind} cannot be deleted; choose another deletePolicy`);
      const dependents = this.spec.dependents ? await this.spec.dependents(session, id, old) : [];
      if (dependents.length) {
        throw new ConflictError(
          `${this.kind} ${id} cannot be deleted while other objects depend on it: ${dependents.join("; ")}. ` +
            `Remove them or their references to it first (objects declared in the same program are removed in dependency order); nothing was deleted.`,
        );
      }
      await session.call(this.spec.routes.delete, this.form.params(old, id), this.spec.deleteBody?.(old, id));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.keys.delete(session, id, old);
  }

  // ---- read-only views (moved to views.ts; kept here until drift and discover call them there) ----------

  listLive(connection: Connection, params: Props = {}) {
    return listLive(this.model, connection, params);
  }

  liveInputsOf(id: string, declared: Props, listed?: Map<string, Props>) {
    return liveInputsOf(this.model, id, declared, listed);
  }

  describeLive(connection: Connection, id: string, params: Props = {}) {
    return describeLive(this.model, connection, id, params);
  }

  settingsOf(declared: Props): string[] {
    return settingsOf(this.model, declared);
  }

  // ---- helpers -----------------------------------------------------------------------------

  /**
   * Registers the secrets of what an operation received (inputs, and old outputs from state) before any request,
   * so appliance text that echoes one is redacted: a previous value exists only in state. Returns the first.
   */
  private known(props: Props, ...more: Props[]): Props {
    return registerKnown(this.model, props, ...more);
  }

  private session(inputs: Props): VendorSession {
    return openSession(this.spec.vendor, inputs.connection as Connection);
  }

  /**
   * What taking over a singleton writes: the declared settings that differ from the live ones, plus the
   * write-only ones (their live value cannot be read, so the declaration is applied; create-only ones excepted).
   * Adoption (`adopt`) stays read-only when every readable setting matches.
   */
  private toApply(current: Props, inputs: Props): string[] {
    const changed = changedFields(current, inputs, this.shape, this.form.settingKeys(inputs));
    const unreadable = this.form
      .settingKeys(inputs)
      .filter((k) => metaOf(this.shape[k]).writeOnly && !metaOf(this.shape[k]).replaceOnChanges);
    return [...new Set([...changed, ...unreadable])];
  }

  /**
   * The id of an object just created by an answer without it, by its natural key; one more listing if the first
   * fails. The object exists either way, so a lookup that keeps failing says how to take it over.
   */
  private async idAfterCreate(session: VendorSession, inputs: Props): Promise<string | undefined> {
    try {
      return await this.keys.find(session, inputs, true).catch(() => this.keys.find(session, inputs, true));
    } catch (err) {
      throw new FacilityError(
        `${this.kind} ${this.keys.text(inputs)} was created on ${(inputs.connection as Connection).url}, but its id could not be looked up: ` +
          `${(err as Error)?.message ?? String(err)}. Set \`adopt: true\` on this resource for the next \`up\` to take it over.`,
        { cause: err },
      );
    }
  }

  /**
   * After a create whose answer was lost: the object by its natural key, or by the id its inputs determine. A create
   * that timed out on the client may still be applied by the appliance after that: it is looked for again, after
   * waits of ½, 1 and 2 × `timeoutMs` (each at most 30 s), and when it has still not appeared the create fails saying
   * so. The POST is never repeated, so no look can lead to a duplicate.
   */
  private async findLost(session: VendorSession, inputs: Props, err: unknown): Promise<string | undefined> {
    const waits = timedOut(err) ? lateLooks(this.timeoutOf(inputs)) : [];
    for (let look = 0; ; look++) {
      let found: string | undefined;
      let failed: unknown;
      try {
        found = await this.lookUp(session, inputs);
      } catch (e) {
        failed = e; // a look that fails is followed by the next one; the last one's failure is reported
      }
      if (found) return found;
      if (look < waits.length) {
        await sleep(waits[look]!);
        continue;
      }
      if (failed) throw failed;
      if (!waits.length) return undefined;
      const what = this.keys.searchable
        ? `no ${this.kind} with ${this.keys.text(inputs)}`
        : `no ${this.kind} ${this.spec.idFor!(inputs)}`;
      throw new FacilityError(
        `${this.kind}: the create timed out (${(err as Error)?.message ?? String(err)}), and ${what} appeared on ` +
          `${(inputs.connection as Connection).url} in ${waits.length + 1} looks over ${(waits.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s after the timeout. ` +
          `It was most likely not applied: the next \`up\` creates it (after the same natural-key check, so never twice). ` +
          `If the appliance is this slow, raise \`timeoutMs\` in the connection.`,
        { cause: err },
      );
    }
  }

  private async lookUp(session: VendorSession, inputs: Props): Promise<string | undefined> {
    if (this.keys.searchable) return this.keys.find(session, inputs, true);
    if (!this.spec.idFor) return undefined;
    const id = this.spec.idFor(inputs);
    return (await this.form.fetch(session, id, inputs, false).catch(() => undefined)) ? id : undefined;
  }

  private timeoutOf(inputs: Props): number {
    return (inputs.connection as Connection | undefined)?.timeoutMs ?? this.spec.vendor.defaults.timeoutMs;
  }
}

/** Waits between the looks for a create that timed out on the client: ½, 1, 2 × its timeout, each at most 30 s. */
const lateLooks = (timeoutMs: number): number[] => [0.5, 1, 2].map((f) => Math.min(30_000, Math.round(f * timeoutMs)));
const trimSlash = (u: string) => u.replace(/\/+$/, "");

/** The SDK's partial-create contract: an error carrying id, properties and reasons keeps the object in state. */
function partialCreate(id: string, properties: Props, cause: unknown): Error {
  const message = (cause as Error)?.message ?? String(cause);
  return Object.assign(new FacilityError(`created ${id}, but completing it failed: ${message}`), {
    id,
    properties,
    reasons: [message],
  });
}
