import type { VendorSession } from "../connection";
import { ProviderBugError } from "../errors";
import type { KindModel } from "./model";
import { writeParts } from "./parts";
import { mergeWire, metaOf } from "./schema";
import type { Props } from "./wire";

/**
 * One write with the changed fields and the conditional groups they belong to; never a field the program did not
 * declare. `read` is the object as just read (adoption, take-over): a read-modify-write then needs no second GET.
 */
export async function write(
  model: KindModel,
  session: VendorSession,
  id: string,
  inputs: Props,
  changed: string[],
  before?: Props,
  read?: Props,
): Promise<Props | undefined> {
  const { form, spec } = model;
  const parts = changed.filter((k) => form.isPart(k));
  // An object read with its parts carries them under their wire names: not a body to write back.
  const base = spec.parts ? undefined : read;
  const live = await writeBody(
    model,
    session,
    id,
    inputs,
    changed.filter((k) => !form.isPart(k)),
    base,
  );
  // Fields on endpoints of their own go after the object's own write, as at create.
  if (parts.length)
    await writeParts(session, spec.parts!, parts, model.shape, id, before, inputs, form.params(inputs, id));
  return live;
}

async function writeBody(
  model: KindModel,
  session: VendorSession,
  id: string,
  inputs: Props,
  changed: string[],
  read?: Props,
): Promise<Props | undefined> {
  if (changed.length === 0) return undefined;
  const { form, spec, shape } = model;
  // diff replaces every change of a kind without an update call, so this is never reached for one.
  if (!spec.routes.update) throw new ProviderBugError(`${model.kind} cannot be updated in place`);
  const keys = toSend(model, inputs, changed);
  if (keys.length === 0) return undefined;
  const partial = keys.filter((k) => metaOf(shape[k]).declaredKeysOnly && inputs[k]);
  const live =
    spec.updateMerge || partial.length ? (read ?? (await form.fetch(session, id, inputs, false)) ?? {}) : undefined;
  const values = { ...inputs };
  // A map the program manages only partly is written over its live value, so undeclared keys survive.
  for (const k of partial)
    values[k] = { ...((form.toProgram(live!)[k] as Props | null) ?? {}), ...(inputs[k] as Props) };
  const body = form.body(values, keys);
  // Only inputs the kind's toWire drops (an acknowledgement check reads) changed: there is nothing to write, and an
  // empty write can still make an appliance re-apply its configuration (a network restart).
  if (!spec.updateMerge && !spec.envelope && Object.values(body).every((v) => v === undefined)) return undefined;
  // Read-modify-write: fields the server computes are sent back as read, never as nulls.
  const payload =
    spec.updateMerge === "deep" ? mergeWire(live, body, model.schema) : spec.updateMerge ? { ...live, ...body } : body;
  // An update sends declared values, never increments: the same body twice leaves the same object, so the
  // update route is idempotent whatever its method (a PATCH, a settings POST) and may be retried.
  const res = await session.call(spec.routes.update, form.params(inputs, id), form.wrap(payload), {
    idempotent: true,
  });
  return session.one(res);
}

/** The changed fields, with the groups they travel in (conditional groups, write-together groups); never a create-only one. */
function toSend(model: KindModel, inputs: Props, changed: string[]): string[] {
  const send = new Set(changed);
  const groups = [
    ...(model.spec.conditional ?? []).map((g) => [g.flag, ...Object.keys(g.defaults)]),
    ...(model.spec.writeTogether ?? []),
  ];
  for (const members of groups) {
    if (members.some((k) => send.has(k))) for (const k of members) if (inputs[k] !== undefined) send.add(k);
  }
  return [...send].filter((k) => !metaOf(model.shape[k]).replaceOnChanges);
}
