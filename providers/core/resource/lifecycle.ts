import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { type Connection, openSession, type VendorSession } from "../connection";
import { ConflictError, isNotFound } from "../errors";
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
import { overBounds } from "./bounds";
import { applyConditionals } from "./conditional";
import { changedFields, replaceFields } from "./diff";
import type { KindModel } from "./model";
import { registerKnown, strip } from "./props";
import type { DeletePolicy, ResourceSpec } from "./spec";
import { createJournal } from "./journal";
import { readLive } from "./views";
import type { Props } from "./wire";
import { write } from "./write";

/**
 * check/diff/create/read/update/delete for one resource kind, driven by its model. What differs between kinds of
 * object (create a new one, or take over the one there is) is the archetype's (archetype.ts); the rest is here.
 */
export class Lifecycle {
  readonly kind: string;
  readonly spec: ResourceSpec;
  readonly schema: z.ZodObject;
  readonly shape: Record<string, z.ZodType>;

  constructor(readonly model: KindModel) {
    this.kind = model.kind;
    this.spec = model.spec;
    this.schema = model.schema;
    this.shape = model.shape;
  }

  async check(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult> {
    this.known(olds ?? {});
    const { probe, unknowns, reserved } = extractUnknowns(news);
    const bounds = overBounds(probe, this.schema);
    const parsed = this.schema.safeParse(probe);
    if (!parsed.success || reserved.length || bounds.length) {
      const failures = [
        ...reservedKeyFailures([...reserved, ...bounds]),
        ...(parsed.success ? [] : issuesToFailures(parsed.error.issues, unknowns, bounds)),
      ];
      // Only values still unknown (preview) failed: pass the inputs through; the real check runs at `up`.
      return failures.length ? { failures } : { inputs: jsonSafe(strip(news)) };
    }
    const inputs = restoreUnknowns(jsonSafe(parsed.data) as Props, unknowns);
    const failures: Failure[] = [];
    const fail = (property: string, reason: string) => failures.push({ property, reason });
    applyConditionals(this.spec.conditional ?? [], inputs, fail);
    this.model.selection?.check(inputs, fail);
    if (inputs.adopt !== undefined && this.model.read.how === "none")
      fail("adopt", "this resource cannot be read from the API, so there is no existing object to adopt");
    else if (inputs.adopt === true && !this.spec.naturalKey) {
      fail(
        "adopt",
        "this resource has no natural key to find the object by; give the id of the object to adopt instead",
      );
    }
    this.spec.rules?.(inputs, fail);
    if (failures.length) return { failures };
    this.model.form.registerSecrets(inputs);
    return { inputs };
  }

  async diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult> {
    this.known(olds, news);
    createJournal.forget(this.model, olds);
    const { form, naturalKey, selection } = this.model;
    let changed = changedFields(olds, strip(news), this.shape, form.settingKeys(olds, news));
    // An existing object: which changes of the fields that select it select another object.
    const selected = selection?.diff(id, strip(news), changed);
    if (selected) changed = selected.changed;
    const replaces = this.spec.routes.update
      ? replaceFields(changed, this.shape)
      : changed.filter((k) => !form.isPart(k));
    for (const k of selected?.replaces ?? []) if (!replaces.includes(k)) replaces.push(k);
    const oldUrl = (olds.connection as Connection | undefined)?.url;
    const newUrl = (news.connection as Connection | undefined)?.url;
    if (newUrl === UNKNOWN || (oldUrl && newUrl && trimSlash(oldUrl) !== trimSlash(newUrl)))
      replaces.push("connection");
    const connectionChanged = JSON.stringify(olds.connection) !== JSON.stringify(news.connection);
    if (changed.length === 0 && replaces.length === 0 && !connectionChanged) return { changes: false };
    // A replacement that keeps the natural key must delete first, or the new object would collide with the old.
    const keyKept =
      !!this.spec.naturalKey && !naturalKey.some((k) => changed.includes(k)) && !replaces.includes("connection");
    // `changes` left undefined: the engine then computes the property-level diff itself (a readable
    // preview) and keeps our replaces. Safe because the shim keeps `__provider` stable.
    const first = keyKept || !!this.spec.deleteBeforeReplace || !!selection?.releaseFirst;
    return { replaces, deleteBeforeReplace: replaces.length > 0 && first };
  }

  async create(raw: Props): Promise<pulumi.dynamic.CreateResult> {
    const inputs = this.known(strip(raw));
    return this.model.behaviour.create(this.model, this.session(inputs), inputs);
  }

  async read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult> {
    createJournal.forget(this.model, props);
    return readLive(this.model, id, this.known(strip(props)));
  }

  async update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult> {
    const inputs = this.known(strip(news), olds);
    createJournal.forget(this.model, olds);
    const { form, keys, naturalKey } = this.model;
    const changed = changedFields(olds, inputs, this.shape, form.settingKeys(olds, inputs)).filter(
      (k) => inputs[k] !== undefined,
    );
    const live = changed.length ? await write(this.model, this.session(inputs), id, inputs, changed, olds) : undefined;
    if (changed.some((k) => naturalKey.includes(k))) keys.set(this.session(inputs), id, inputs);
    return { outs: form.outputs(inputs, live, olds) };
  }

  async delete(id: string, props: Props): Promise<void> {
    const old = this.known(strip(props));
    createJournal.forget(this.model, old);
    const policies = this.spec.deletePolicy;
    const policy = (old.deletePolicy as DeletePolicy | undefined) ?? policies?.default ?? "delete";
    if (policy === "retain") {
      const note = policies?.retainWarning;
      if (note) console.warn(redact(`warning: ${this.kind} ${id}: ${note}`)); // the plugin's stderr reaches the CLI's output
      return;
    }
    const session = this.session(old);
    const before = (old.restoreValues ?? {}) as Props;
    const restoreByDelete = policy === "restore" && !!this.spec.routes.delete && !!policies?.restoreByDelete?.(before);
    try {
      if ((policy === "restore" && !restoreByDelete) || policy === "disable") {
        const values = (policy === "restore" ? old.restoreValues : policies?.disable) as Props | null | undefined;
        const keys = Object.keys(values ?? {}).filter((k) => this.model.form.isSetting(k));
        if (keys.length) await write(this.model, session, id, { ...old, ...values }, keys, old);
        return;
      }
      await this.deleteObject(session, id, old);
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    this.model.keys.delete(session, id, old);
  }

  /** The delete call, unless something on the appliance still depends on the object. */
  private async deleteObject(session: VendorSession, id: string, old: Props): Promise<void> {
    // check offers only the policies a kind has; one without a delete call offers no `delete`.
    if (!this.spec.routes.delete)
      throw new ConflictError(`${this.kind} cannot be deleted; choose another deletePolicy`);
    const dependents = this.spec.dependents ? await this.spec.dependents(session, id, old) : [];
    if (dependents.length) {
      throw new ConflictError(
        `${this.kind} ${id} cannot be deleted while other objects depend on it: ${dependents.join("; ")}. ` +
          `Remove them or their references to it first (objects declared in the same program are removed in dependency order); nothing was deleted.`,
      );
    }
    await session.call(this.spec.routes.delete, this.model.form.params(old, id), this.spec.deleteBody?.(old, id));
  }

  private known(props: Props, ...more: Props[]): Props {
    return registerKnown(this.model, props, ...more);
  }

  private session(inputs: Props): VendorSession {
    return openSession(this.model.vendor, inputs.connection as Connection);
  }
}

const trimSlash = (u: string) => u.replace(/\/+$/, "");
