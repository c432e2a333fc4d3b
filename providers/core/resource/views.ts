import { type Connection, openSession } from "../connection";
import { isNotFound } from "../errors";
import { fromListing } from "./listings";
import type { KindModel } from "./model";
import { registerKnown, strip } from "./props";
import type { Props } from "./wire";

/**
 * Read-only views of a kind's live objects, for drift reports and discovery: no write, no state. They read
 * through the same model the lifecycle uses, so the same mapping decides what a live value is.
 */

/** Every live object of this kind on one appliance (wire form, program form, a label); [] without a listing. */
export async function listLive(
  model: KindModel,
  connection: Connection,
  params: Props = {},
): Promise<{ id: string; label: string; wire: Props; inputs: Props }[]> {
  const route = model.spec.routes.list;
  if (!route) return [];
  const session = openSession(model.vendor, connection);
  const items = await session.list(route, model.form.params(params));
  return items.flatMap((wire) => {
    const id = model.form.idOf(session, wire);
    if (!id) return [];
    const inputs = model.form.toProgram(wire);
    const label =
      typeof inputs.name === "string" ? inputs.name : model.naturalKey.length ? model.keys.text(inputs) : id;
    return [{ id, label, wire, inputs }];
  });
}

/**
 * The live values of a deployed object in the declared input shape (as `read` returns them), or undefined
 * when it is gone. `listed` is the object from a complete listing (`listComplete`), which saves the GET.
 */
export async function liveInputsOf(
  model: KindModel,
  id: string,
  declared: Props,
  listed?: Map<string, Props>,
): Promise<Props | undefined> {
  const old = registerKnown(model, strip(declared));
  if (listed && model.spec.listComplete) {
    const wire = listed.get(id);
    return wire ? model.form.liveInputs(wire, old) : undefined;
  }
  const res = await readLive(model, id, old);
  return res.id ? (res.inputs as Props) : undefined;
}

/** Every setting of one live object in the program's shape (discovery); undefined when it is gone. */
export async function describeLive(
  model: KindModel,
  connection: Connection,
  id: string,
  params: Props = {},
): Promise<Props | undefined> {
  const live = await model.form.fetch(openSession(model.vendor, connection), id, { ...params, connection });
  return live ? model.form.toProgram(live) : undefined;
}

/** Setting keys of a declaration (what drift compares). */
export const settingsOf = (model: KindModel, declared: Props): string[] => model.form.settingKeys(declared);

/**
 * Whether `read` of this kind is served from one listing per collection (listings.ts): its listing carries whole
 * objects and it has no fields on endpoints of their own; other kinds keep their GET.
 */
const servedByListing = (model: KindModel): boolean =>
  !!model.spec.listComplete && model.read.how === "get" && !!model.spec.routes.list && !model.spec.parts;

/**
 * `read` of one object (a kind whose listing carries whole objects from this run's listing of its collection,
 * else its GET): the live outputs and the live values in the declared input shape, `{}` when it is gone.
 * A kind the API cannot read keeps its state as stored (its docs say refresh cannot see drift).
 */
export async function readLive(
  model: KindModel,
  id: string,
  old: Props,
): Promise<{ id?: string; props?: Props; inputs?: Props }> {
  if (model.read.how === "none")
    return { id, props: old, inputs: Object.fromEntries(Object.entries(old).filter(([k]) => model.shape[k])) };
  const session = openSession(model.vendor, old.connection as Connection);
  let live: Props | undefined = servedByListing(model)
    ? await fromListing(session, model.spec.routes.list!, model.form.params(old), id, (item) =>
        model.form.idOf(session, item),
      )
    : undefined;
  try {
    live ??= await model.form.fetch(session, id, old);
  } catch (err) {
    if (isNotFound(err)) return {};
    throw err;
  }
  if (!live) return {};
  const inputs = model.form.liveInputs(live, old);
  // Outputs the appliance does not report (e.g. restoreValues captured at create) survive a refresh.
  return { id, props: model.form.outputs(inputs, live, old), inputs };
}
