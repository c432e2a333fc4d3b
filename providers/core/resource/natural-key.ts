import type { VendorSession } from "../connection";
import { ConflictError } from "../errors";
import { expandRoute } from "../http/route";
import { containsUnknown } from "./check";
import { canon } from "./schema";
import type { ResourceSpec } from "./spec";
import type { Props, WireForm } from "./wire";

type Index = Map<string, string>; // id -> natural key

/**
 * Finds objects by the properties that identify them (`spec.naturalKey`): for adoption, for the conflict check
 * before a create, and after a create whose answer was lost. Each collection is listed once per run and session
 * (a collection listed per parent once per parent); the lifecycle's own writes keep that index current.
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
    if (containsUnknown(inputs)) return undefined;
    const listing = this.listPath(inputs);
    let byListing = this.indexes.get(session);
    if (!byListing) {
      byListing = new Map();
      this.indexes.set(session, byListing);
    }
    let index = byListing.get(listing);
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
    const want = this.keyOf(inputs);
    const hits = [...(await index)].filter(([, k]) => k === want).map(([id]) => id);
    if (hits.length > 1) {
      throw new ConflictError(
        `${this.kind} ${this.text(inputs)} matches several objects (ids ${hits.join(", ")}); rename all but one on the appliance before managing it`,
      );
    }
    return hits[0];
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
