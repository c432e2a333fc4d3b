import { z } from "zod";
import type { VendorSession } from "../connection";
import { malformedAnswer } from "../errors";
import { registerSecrets } from "../redact";
import { expandRoute } from "../http/route";
import { jsonSafe } from "./check";
import { fromListing } from "./listings";
import { type ReadStrategy, readStrategy } from "./read-strategy";
import { changedFields } from "./diff";
import { readParts } from "./parts";
import { fromWire, metaOf, toWire } from "./schema";
import { inputSchema, NOT_SETTINGS, type ResourceSpec, restoreField } from "./spec";

export type Props = Record<string, unknown>;

/**
 * One kind's objects as the appliance holds them and as the program declares them: which properties are
 * settings, the request bodies and route parameters, reading an object (with its parts), the live values in the
 * program's shape, and the outputs kept in state. The lifecycle decides what to do; this says how it looks.
 */
export class WireForm {
  readonly schema: z.ZodObject;
  readonly shape: Record<string, z.ZodType>;
  /** How one object is read back: its own GET, through a listing, or not at all. */
  readonly read: ReadStrategy;
  private readonly computedSchema: z.ZodObject;

  constructor(
    private readonly spec: ResourceSpec,
    adoptable: boolean,
  ) {
    this.schema = inputSchema(spec, adoptable);
    this.read = readStrategy(spec);
    this.shape = this.schema.shape as Record<string, z.ZodType>;
    const restore = spec.deletePolicy?.options.includes("restore") ? { restoreValues: restoreField } : {};
    this.computedSchema = z.object({ ...spec.computed, ...restore });
  }

  /** The declared settings among the keys of these objects (not the connection, adopt, policies or engine keys). */
  settingKeys(...objs: Props[]): string[] {
    const keys = new Set<string>();
    for (const o of objs) for (const k of Object.keys(o)) if (this.isSetting(k)) keys.add(k);
    return [...keys];
  }

  isSetting(key: string): boolean {
    return !!this.shape[key] && !NOT_SETTINGS.has(key) && !key.startsWith("__");
  }

  /** A field written and read on an endpoint of its own. */
  isPart(key: string): boolean {
    return !!this.spec.parts?.[key];
  }

  /** Route parameters: every string or number input, plus the id. */
  params(inputs: Props, id?: string): Record<string, string | number> {
    const out: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(inputs)) if (typeof v === "string" || typeof v === "number") out[k] = v;
    if (id !== undefined) out.id = id;
    return out;
  }

  /** The wire body for these keys of the inputs. */
  body(inputs: Props, keys: string[]): Record<string, unknown> {
    const picked = Object.fromEntries(keys.filter((k) => inputs[k] !== undefined).map((k) => [k, inputs[k]]));
    const wire = toWire(picked, this.schema) as Record<string, unknown>;
    return this.spec.toWire ? this.spec.toWire(wire, inputs) : wire;
  }

  /** Create and update bodies wrapped in the spec's envelope key, where the API wants one. */
  wrap(body: unknown): unknown {
    return this.spec.envelope ? { [this.spec.envelope]: body } : body;
  }

  /** A live object (wire form) in the program's shape, every setting it reports. Secret values it carries are registered. */
  toProgram(live: Props): Props {
    const wire = this.spec.fromWire ? this.spec.fromWire(live) : live;
    return this.registerSecrets(fromWire(wire, this.schema) as Props);
  }

  /**
   * Registers the secret fields of inputs, outputs or live values for redaction, so an appliance that echoes one
   * in an error, a log or a report never shows it: previous values exist only in state (the old outputs every
   * operation but create receives), echoed values only in what the appliance answered.
   */
  registerSecrets(props: Props | undefined): Props {
    for (const [k, v] of Object.entries(props ?? {})) {
      if (k === "restoreValues") continue; // encrypted as a whole; only its secret settings are secrets
      const schema = this.shape[k] ?? (this.computedSchema.shape as Record<string, z.ZodType>)[k];
      if (schema && metaOf(schema).secret) registerSecrets(v);
    }
    // Captured values restored at delete: the secret settings among them.
    const captured = props?.restoreValues;
    if (captured && typeof captured === "object") this.registerSecrets(captured as Props);
    return props ?? {};
  }

  idOf(session: VendorSession, obj: Props | undefined): string | undefined {
    if (!obj) return undefined;
    return session.idOf?.(obj) ?? (obj.id !== undefined && obj.id !== null ? String(obj.id) : undefined);
  }

  /** The live object (wire form), with the declared fields kept on endpoints of their own unless `parts` is false. */
  async fetch(session: VendorSession, id: string, inputs: Props, parts = true): Promise<Props | undefined> {
    const read = this.read;
    if (read.how === "none") return undefined;
    let live: Props | undefined;
    if (read.how === "list") {
      const params = this.params(inputs, id);
      // Found by id: the reads of one run share a listing (listings.ts); picked by `match`: each lists.
      if (!read.match)
        live = await fromListing(session, read.route, params, id, (item) => this.idOf(session, item), true);
      live ??= (await session.list(read.route, params)).find((item) =>
        read.match ? read.match(item, inputs) : this.idOf(session, item) === id,
      );
    } else {
      const body = await session.call(read.route, this.params(inputs, id));
      live = session.one(body);
      // Only the vendor's documented "gone" (a 404, which throws, or what `gone` recognises) means gone; any
      // other answer without the object, or an object that is none of this kind's, is an error.
      if (live ? !this.isObject(session, live) : !session.gone?.(body)) {
        const { method, path } = expandRoute(read.route, this.params(inputs, id));
        throw malformedAnswer(
          this.spec.vendor.name,
          method,
          path,
          body,
          `a ${this.spec.vendor.name} ${this.spec.name} object`,
        );
      }
    }
    const keys = parts ? Object.keys(this.spec.parts ?? {}).filter((k) => inputs[k] !== undefined) : [];
    return live && keys.length
      ? readParts(session, this.spec.parts!, keys, this.shape, live, this.params(inputs, id))
      : live;
  }

  /** Whether a read answer's object is one of this kind: it carries an id or at least one of the kind's fields (not `{message}`). */
  private isObject(session: VendorSession, live: Props): boolean {
    if (this.idOf(session, live) !== undefined) return true;
    const known = { ...(fromWire(live, this.computedSchema) as Props), ...this.toProgram(live) };
    return Object.keys(known).some((k) => k !== "connection" && k !== "adopt");
  }

  /** Live values mapped back into the declared input shape; only declared properties, kept verbatim when equal. */
  liveInputs(live: Props, declared: Props): Props {
    const mapped = this.toProgram(live);
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

  /** The create answer holds the object if it carries every declared setting. */
  isComplete(live: Props | undefined, inputs: Props): boolean {
    if (!this.spec.routes.read) return true; // nothing to read it back with: the create answer is all there is
    if (!live) return false;
    const mapped = this.toProgram(live);
    return this.settingKeys(inputs).every((k) => metaOf(this.shape[k]).writeOnly || this.isPart(k) || k in mapped);
  }

  /** Outputs echo the inputs under their names (diff/update/delete receive outputs); computed values from the live object, else kept. */
  outputs(inputs: Props, live: Props | undefined, previous: Props = {}): Props {
    const keep = Object.keys(this.computedSchema.shape).filter((k) => previous[k] !== undefined);
    // Computed values may also come from the spec's fromWire hook (values derived from the live object).
    const wire = live && this.spec.fromWire ? { ...live, ...this.spec.fromWire(live) } : live;
    const computed = {
      ...Object.fromEntries(keep.map((k) => [k, previous[k]])),
      ...(wire ? (fromWire(wire, this.computedSchema) as Props) : {}),
    };
    this.registerSecrets(computed); // a secret the appliance issued (a token) is redacted like the declared ones
    return jsonSafe({ ...computed, ...inputs });
  }
}
