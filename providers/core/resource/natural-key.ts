import type { VendorSession } from "../connection";
import { ConflictError } from "../errors";
import { expandRoute } from "../http/route";
import { containsUnknown } from "./check";
import { canon, toWire } from "./schema";
import type { ResourceSpec } from "./spec";
import type { Props, WireForm } from "./wire";

type Index = Map<string, string>; // id -> natural key
/** The ids with key `want` in the index. */
const hitsOf = (index: Index, want: string) => [...index].filter(([, k]) => k === want).map(([id]) => id);

/**
 * Finds objects by the properties that identify them (`spec.naturalKey`): for adoption, for the conflict check
 * before a create, and after a create whose answer was lost. Each collection is listed once per run and session
 * (a collection listed per parent once per parent); the lifecycle's own writes keep that index current. Looking
 * a key up again in a listed collection asks only for that key (`VendorSession.lookUp`).
 */
export class NaturalKeys {
  private readonly indexes = new WeakMap<VendorSession, Map<string, Promise<Index>>>();

  constructor(
    private readonly kind: string,
    private readonly spec: ResourceSpec,
    private readonly form: WireForm,
  ) {}

  /** Whether objects of this kind can be found by natural key at all. */
  get searchable(): boolean {
    return !!this.spec.naturalKey && !!this.spec.routes.list;
  }

  /** "name \"Server room\"": the key as an error message shows it. */
  text(inputs: Props): string {
    return (this.spec.naturalKey ?? []).map((k) => `${k} ${JSON.stringify(inputs[k] ?? null)}`).join(", ");
  }

  /**
   * The id of the object with the natural key of these inputs, from this run's index of the collection or, when
   * `fresh`, from a new listing. Several matches are an error: nothing can tell which one is meant.
   */
  async find(session: VendorSession, inputs: Props, fresh: boolean): Promise<string | undefined> {
    const hits = await this.matching(session, inputs, fresh);
    if (hits.length > 1) {
      throw new ConflictError(
        `${this.kind} ${this.text(inputs)} matches several objects (ids ${hits.join(", ")}); rename all but one on the appliance before managing it`,
      );
    }
    return hits[0];
  }

  /** The ids of every object with the natural key of these inputs (as `find` looks them up). */
  async matching(session: VendorSession, inputs: Props, fresh: boolean): Promise<string[]> {
    if (containsUnknown(inputs)) return [];
    const listing = this.listPath(inputs);
    let byListing = this.indexes.get(session);
    if (!byListing) {
      byListing = new Map();
      this.indexes.set(session, byListing);
    }
    let index = byListing.get(listing);
    const want = this.keyOf(inputs);
    // A key looked for again that this run's listing did not hold (the object of a create whose answer was lost,
    // or one made since by someone else): only the objects that may hold it are fetched (the vendor's filter or
    // lookup, else the pages up to the first that holds it), never the whole collection again, and merged into
    // the index. A key the listing did hold (adopting it) is listed again in full, so every match is seen.
    if (index && fresh && session.lookUp) {
      const found = await this.lookUp(session, inputs, want, index);
      if (found) return hitsOf(found, want);
    }
    if (!index || fresh) {
      index = session.list(this.spec.routes.list!, this.form.params(inputs)).then((items) => {
        const ix: Index = new Map();
        for (const item of items) {
          const id = this.form.idOf(session, item);
          if (id) ix.set(id, this.keyOf(this.form.toProgram(item)));
        }
        return ix;
      });
      byListing.set(listing, index);
      index.catch(() => byListing.delete(listing));
    }
    return hitsOf(await index, want);
  }

  /** The index with what the vendor's lookup found for the key merged in; undefined when it has no lookup here. */
  private async lookUp(
    session: VendorSession,
    inputs: Props,
    want: string,
    index: Promise<Index>,
  ): Promise<Index | undefined> {
    const ix = await index.catch(() => undefined);
    if (!ix || [...ix.values()].includes(want)) return undefined;
    // Every key field, an unset one as null (a lookup must not take "no parent" for "any parent").
    const key = Object.fromEntries((this.spec.naturalKey ?? []).map((k) => [k, inputs[k] ?? null]));
    const holds = (items: Props[]) => items.some((item) => this.keyOf(this.form.toProgram(item)) === want);
    const items = await session.lookUp!(
      this.spec.routes.list!,
      this.form.params(inputs),
      toWire(key, this.form.schema) as Props,
      holds,
    );
    if (!items) return undefined;
    for (const item of items) {
      const id = this.form.idOf(session, item);
      if (id) ix.set(id, this.keyOf(this.form.toProgram(item)));
    }
    return ix;
  }

  /** Records that object `id` now has the natural key of `inputs` (created or renamed by this run). */
  set(session: VendorSession, id: string, inputs: Props): void {
    this.change(session, inputs, (ix) => ix.set(id, this.keyOf(inputs)));
  }

  /** Records that object `id` is gone. */
  delete(session: VendorSession, id: string, inputs: Props): void {
    this.change(session, inputs, (ix) => ix.delete(id));
  }

  /** Keeps this run's index in step with our own writes (a failed listing is simply dropped). */
  private change(session: VendorSession, inputs: Props, change: (ix: Index) => void): void {
    if (!this.spec.routes.list || containsUnknown(inputs)) return;
    this.indexes
      .get(session)
      ?.get(this.listPath(inputs))
      ?.then(change, () => undefined);
  }

  private keyOf(obj: Props): string {
    return JSON.stringify((this.spec.naturalKey ?? []).map((k) => canon(obj[k], this.form.shape[k])));
  }

  /** The listing a natural key is looked up in (per parent where the route names one). */
  private listPath(inputs: Props): string {
    try {
      return expandRoute(this.spec.routes.list!, this.form.params(inputs)).path;
    } catch {
      return "";
    }
  }
}
