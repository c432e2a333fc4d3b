import type * as pulumi from "@pulumi/pulumi";
import type { Connection, VendorSession } from "../connection";
import {
  CheckError,
  ConflictError,
  isHttpError,
  isNotFound,
  mayHaveApplied,
  PartialCreateError,
  ProviderBugError,
} from "../errors";
import { sleep } from "../http/retry";
import { redact } from "../redact";
import { jsonSafe } from "./check";
import { changedFields, replaceFields } from "./diff";
import { createJournal } from "./journal";
import { canLookUp, findLost, idAfterCreate } from "./lost";
import type { KindModel } from "./model";
import { writeParts } from "./parts";
import { metaOf } from "./schema";
import type { Props } from "./wire";
import { write } from "./write";

type Created = pulumi.dynamic.CreateResult;

/**
 * Create of an object the API creates (collections, memberships, registrations): adopt the one the program names,
 * refuse (or with `adopt: true` take) one with the same natural key, else one create call, then the fields the
 * create call does not take.
 */
export async function createNew(model: KindModel, session: VendorSession, inputs: Props): Promise<Created> {
  if (typeof inputs.adopt === "string") return adopt(model, session, inputs.adopt, inputs);
  if (model.keys.searchable) {
    const existing = await model.keys.find(session, inputs, !!inputs.adopt);
    if (existing) return takeExisting(model, session, existing, inputs);
  }
  const settings = model.form.settingKeys(inputs);
  const later = settings.filter((k) => metaOf(model.shape[k]).updateOnly);
  const parts = settings.filter((k) => model.form.isPart(k));
  const first = settings.filter((k) => !later.includes(k) && !parts.includes(k));
  let live = await post(model, session, inputs, first);
  let id = model.form.idOf(session, live) ?? model.spec.idFor?.(inputs, live);
  // Some APIs answer a create without the object: find it by its natural key (it did not exist before).
  if (!id && model.keys.searchable) id = await idAfterCreate(model, session, inputs);
  if (!id) throw new ProviderBugError(`${model.kind}: the create answer carried no id`);
  model.keys.set(session, id, inputs);
  if (later.length || parts.length || !model.form.isComplete(live, inputs))
    live = await complete(model, session, id, inputs, parts, later, live);
  return { id, outs: model.form.outputs(inputs, live) };
}

/**
 * An object with the declaration's natural key exists: `adopt: true` takes it, and so does a create of this object
 * that an earlier `up` left in flight when it was killed (the journal's record); anything else is a conflict.
 */
async function takeExisting(model: KindModel, session: VendorSession, existing: string, inputs: Props) {
  const interrupted = !inputs.adopt && !model.spec.takeOverByKey && createJournal.interrupted(model, inputs);
  if (!inputs.adopt && !model.spec.takeOverByKey && !interrupted) {
    throw new ConflictError(
      `${model.kind} ${model.keys.text(inputs)} already exists on ${(inputs.connection as Connection).url} with id ${existing}. ` +
        `To manage that object, set \`adopt: true\` on this resource (its declared settings are then applied to it); ` +
        `otherwise choose another ${model.naturalKey.join(" / ")}.`,
    );
  }
  const taken = await adopt(model, session, existing, inputs);
  if (interrupted) {
    console.warn(
      redact(
        `warning: ${model.kind} ${model.keys.text(inputs)}: an earlier \`up\` was interrupted while creating it; took over the object it made (id ${existing}).`,
      ),
    ); // the plugin's stderr reaches the CLI's output
  }
  createJournal.begin(model, inputs)("made"); // kept until the engine has saved it
  return taken;
}

/**
 * The create call. When its answer was lost and the object turns out to exist, that object (never a second POST);
 * when the appliance answered a server error (500, 502, 504) and a look by natural key finds no object, the call is
 * sent again, at most twice, after a short wait: the look makes a repeat safe. While the outcome is unknown, the
 * journal holds a record, so an `up` killed meanwhile is followed by one that takes the object over.
 */
async function post(model: KindModel, session: VendorSession, inputs: Props, keys: string[]) {
  const settled = model.keys.searchable ? createJournal.begin(model, inputs) : () => {};
  // From here until the engine saves the result, the record lets an `up` killed meanwhile be followed by one
  // that takes the object over.
  for (let attempt = 0; ; attempt++) {
    try {
      const body = model.form.wrap(model.form.body(inputs, keys));
      const live = session.one(await session.call(model.spec.routes.create!, model.form.params(inputs), body));
      settled("made");
      return live;
    } catch (err) {
      const lookable = mayHaveApplied(err) || (serverError(err) && canLookUp(model));
      const found = lookable ? await findLost(model, session, inputs, err) : undefined;
      if (found) {
        settled("made");
        return { id: found }; // the create was applied and only the answer was lost: take the object
      }
      if (!mayHaveApplied(err) && lookable && attempt < 2) {
        await sleep(500 * 2 ** attempt);
        continue;
      }
      if (!mayHaveApplied(err)) settled("nothing"); // refused: nothing was made
      throw err;
    }
  }
}

const serverError = (err: unknown) => isHttpError(err) && [500, 502, 504].includes(err.status);

/**
 * After the object exists: the fields on endpoints of their own, then those the create call does not take, then a
 * read where the create answer was not the whole object. A failure is a partial create: the state keeps what was
 * written, so the update the engine forces on the next `up` writes the rest.
 */
async function complete(
  model: KindModel,
  session: VendorSession,
  id: string,
  inputs: Props,
  parts: string[],
  later: string[],
  created: Props | undefined,
): Promise<Props | undefined> {
  let unwritten = [...parts, ...later];
  try {
    if (parts.length) {
      const params = model.form.params(inputs, id);
      await writeParts(session, model.spec.parts!, parts, model.shape, id, undefined, inputs, params);
    }
    unwritten = later;
    const updated = later.length ? await write(model, session, id, inputs, later) : undefined;
    unwritten = [];
    if (updated) return updated;
    if (later.length || !model.form.isComplete(created, inputs))
      return await model.form.fetch(session, id, inputs, false);
    return created;
  } catch (err) {
    const written = Object.fromEntries(Object.entries(inputs).filter(([k]) => !unwritten.includes(k)));
    throw new PartialCreateError({ id, properties: model.form.outputs(written, undefined), cause: err });
  }
}

/** Settings and existing objects: capture the current values (for `restore`), then write the declared ones. */
export async function takeOverExisting(model: KindModel, session: VendorSession, inputs: Props): Promise<Created> {
  const id = model.selection
    ? await model.selection.find(session, inputs)
    : model.spec.idFor
      ? model.spec.idFor(inputs)
      : await selectByKey(model, session, inputs);
  const { outs, current } = await takeOver(model, session, id, inputs, "take over");
  if (model.spec.deletePolicy?.options.includes("restore")) {
    outs.restoreValues = jsonSafe(
      Object.fromEntries(model.form.settingKeys(inputs).map((k) => [k, current[k] ?? null])),
    );
  }
  return { id, outs };
}

/** An existing object selected by its natural key (a name): it must be there, exactly once. */
async function selectByKey(model: KindModel, session: VendorSession, inputs: Props): Promise<string> {
  const id = await model.keys.find(session, inputs, true);
  if (!id) {
    throw new ConflictError(
      `${model.kind} ${model.keys.text(inputs)} was not found on ${(inputs.connection as Connection).url}: ` +
        `it cannot be created through the API, so declare one that exists.`,
    );
  }
  return id;
}

/** `adopt`: an object of a collection taken over; only settings it can change in place may differ. */
const adopt = async (model: KindModel, session: VendorSession, id: string, inputs: Props): Promise<Created> => ({
  id,
  outs: (await takeOver(model, session, id, inputs, "adopt")).outs,
});

/**
 * The one path of taking over an object that exists: read it, work out what differs, write that. Settings apply
 * their write-only values too (their live value cannot be read); adoption stays read-only when every readable
 * setting matches, and refuses what only a replacement could change.
 */
async function takeOver(
  model: KindModel,
  session: VendorSession,
  id: string,
  inputs: Props,
  how: "take over" | "adopt",
): Promise<{ outs: Props; current: Props }> {
  // An existing object the program selected that is not there: say so, not the appliance's 404.
  const selected = how === "take over" ? model.selection : undefined;
  const live = await model.form.fetch(session, id, inputs).catch((err) => {
    if (selected && isNotFound(err)) return undefined;
    throw err;
  });
  if (!live && selected) throw selected.missing(id, inputs);
  if (!live && (how === "adopt" || !model.spec.firstWriteCreates)) {
    const what = how === "adopt" ? "disappeared while being adopted" : "was not found on the appliance";
    throw new ConflictError(`${model.kind} ${id} ${what}`);
  }
  const current = live ? model.form.liveInputs(live, inputs) : {};
  const changed = changedFields(current, inputs, model.shape, model.form.settingKeys(inputs));
  if (how === "adopt") refuseFixed(model, id, changed);
  else if (live) refuseMismatch(model, id, inputs, current, changed); // settings not yet made have no value to match
  const apply = how === "adopt" ? changed : [...new Set([...changed, ...unreadable(model, inputs)])];
  const updated = apply.length ? await write(model, session, id, inputs, apply, current, live) : undefined;
  return { outs: model.form.outputs(inputs, updated ?? live), current };
}

/** Write-only settings other than create-only ones: their live value cannot be read, so the declaration is applied. */
const unreadable = (model: KindModel, inputs: Props) =>
  model.form
    .settingKeys(inputs)
    .filter((k) => metaOf(model.shape[k]).writeOnly && !metaOf(model.shape[k]).replaceOnChanges);

/** `matchLive` fields (never written): the object taken over must have the declared value. */
function refuseMismatch(model: KindModel, id: string, inputs: Props, current: Props, changed: string[]): void {
  const k = changed.find((key) => metaOf(model.shape[key]).matchLive);
  if (k === undefined) return;
  const url = (inputs.connection as Connection).url;
  throw new CheckError({
    property: k,
    reason: `declared ${JSON.stringify(inputs[k])}, but ${model.kind} ${id} on the appliance (${url}) has ${k} ${JSON.stringify(current[k] ?? null)}; the provider never changes it, so nothing was written: declare the live value, or select another object`,
  });
}

function refuseFixed(model: KindModel, id: string, changed: string[]): void {
  const fixed = replaceFields(changed, model.shape);
  if (fixed.length || (!model.spec.routes.update && changed.some((k) => !model.form.isPart(k)))) {
    throw new ConflictError(
      `${model.kind} ${id} cannot be adopted: ${(fixed.length ? fixed : changed).join(", ")} differ from the declaration and cannot be changed in place. ` +
        `Declare the live values, or delete the object and let Pulumi create it.`,
    );
  }
}
