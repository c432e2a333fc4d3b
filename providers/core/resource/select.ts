import type { Connection, VendorSession } from "../connection";
import { CheckError } from "../errors";
import { containsUnknown } from "./check";
import { NaturalKeys } from "./natural-key";
import type { ResourceSpec } from "./spec";
import type { Props, WireForm } from "./wire";

/**
 * How the program selects an object that exists already (the API cannot create it): by the field that holds its
 * id, or, where the kind also names a `name` field and the program gives no id, by that name, looked up in the
 * kind's listing. With the id, the name is a setting like any other (changing it renames the object); without it,
 * the name is what selects, so changing it selects another object (a replacement).
 */
export class Selection {
  private readonly byName?: NaturalKeys;

  constructor(
    private readonly kind: string,
    spec: ResourceSpec,
    form: WireForm,
    readonly idField: string,
    readonly nameField?: string,
  ) {
    if (nameField && spec.routes.list) this.byName = new NaturalKeys(kind, { ...spec, naturalKey: [nameField] }, form);
  }

  /** Whether these inputs select by name (no id given). */
  selectsByName(inputs: Props): boolean {
    return !!this.nameField && inputs[this.idField] === undefined;
  }

  /** check: the program gives the id or the name (before any request). */
  check(inputs: Props, fail: (property: string, reason: string) => void): void {
    if (!this.nameField || inputs[this.idField] !== undefined || inputs[this.nameField] !== undefined) return;
    fail(
      this.idField,
      `select the object: give ${this.idField} (its id) or ${this.nameField} (its name on the appliance); neither is set`,
    );
  }

  /**
   * diff of the selecting fields: a different id is another object (replace); an id the program now gives that is
   * the object's own is no change, nor is an id it no longer gives (it selects by name instead). A name that
   * selects (no id given) and differs from the state's selects another object (replace, releasing the old first:
   * it may be the same object).
   */
  diff(id: string, news: Props, changed: string[]): { changed: string[]; replaces: string[] } {
    const given = news[this.idField];
    const same = given === undefined || (!containsUnknown(given) && String(given) === id);
    const out = same ? changed.filter((k) => k !== this.idField) : changed;
    const replaces = same ? [] : [this.idField];
    if (this.selectsByName(news) && out.includes(this.nameField!)) replaces.push(this.nameField!);
    return { changed: out, replaces };
  }

  /** Whether a replacement releases the old object first (when a name selects, the new one may be the same object). */
  get releaseFirst(): boolean {
    return !!this.nameField;
  }

  /** The id of the object these inputs select: the given id, or the one object with the given name. */
  async find(session: VendorSession, inputs: Props): Promise<string> {
    if (!this.selectsByName(inputs)) return String(inputs[this.idField]);
    const name = this.nameField!;
    const url = (inputs.connection as Connection).url;
    const ids = this.byName ? await this.byName.matching(session, inputs, true) : [];
    const shown = JSON.stringify(inputs[name] ?? null);
    if (ids.length === 1) return ids[0]!;
    const reason = ids.length
      ? `several ${this.kind} objects on the appliance (${url}) have the ${name} ${shown} (ids ${ids.join(", ")}); select one by ${this.idField}, or rename all but one on the appliance`
      : `no ${this.kind} on the appliance (${url}) has the ${name} ${shown}; declare one that exists (the API cannot create it), or select it by ${this.idField}`;
    throw new CheckError({ property: name, reason });
  }

  /** The object the program selected is not on the appliance. */
  missing(id: string, inputs: Props): CheckError {
    const property = this.selectsByName(inputs) ? this.nameField! : this.idField;
    return new CheckError({
      property,
      reason: `no ${this.kind} with id ${id} on the appliance (${(inputs.connection as Connection).url}); declare one that exists (the API cannot create it)`,
    });
  }
}
