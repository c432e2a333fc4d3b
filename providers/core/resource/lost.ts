import type { Connection, VendorSession } from "../connection";
import { AcceptedWriteError, TransportError } from "../errors";
import { timedOut } from "../http/client";
import { sleep } from "../http/retry";
import type { KindModel } from "./model";
import type { Props } from "./wire";

/**
 * After a create whose answer was lost: the object by its natural key, or by the id its inputs determine. A create
 * that timed out on the client may still be applied by the appliance after that: it is looked for again, after
 * waits of ½, 1 and 2 × `timeoutMs` (each at most 30 s), and when it has still not appeared the create fails saying
 * so. The POST is never repeated, so no look can lead to a duplicate.
 */
export async function findLost(
  model: KindModel,
  session: VendorSession,
  inputs: Props,
  err: unknown,
): Promise<string | undefined> {
  const waits = timedOut(err) ? lateLooks(timeoutOf(model, inputs)) : [];
  for (let look = 0; ; look++) {
    let found: string | undefined;
    let failed: unknown;
    try {
      found = await lookUp(model, session, inputs);
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
    const what = model.keys.searchable
      ? `no ${model.kind} with ${model.keys.text(inputs)}`
      : `no ${model.kind} ${model.spec.idFor!(inputs)}`;
    throw new TransportError(
      `${model.kind}: the create timed out (${(err as Error)?.message ?? String(err)}), and ${what} appeared on ` +
        `${(inputs.connection as Connection).url} in ${waits.length + 1} looks over ${(waits.reduce((a, b) => a + b, 0) / 1000).toFixed(1)} s after the timeout. ` +
        `It was most likely not applied: the next \`up\` creates it (after the same natural-key check, so never twice). ` +
        `If the appliance is this slow, raise \`timeoutMs\` in the connection.`,
      true,
      { cause: err },
    );
  }
}

/**
 * The id of an object just created by an answer without it, by its natural key; one more listing if the first
 * fails. The object exists either way, so a lookup that keeps failing says how to take it over.
 */
export async function idAfterCreate(
  model: KindModel,
  session: VendorSession,
  inputs: Props,
): Promise<string | undefined> {
  try {
    return await model.keys.find(session, inputs, true).catch(() => model.keys.find(session, inputs, true));
  } catch (err) {
    throw new AcceptedWriteError(
      err,
      `${model.kind} ${model.keys.text(inputs)} was created on ${(inputs.connection as Connection).url}, but its id could not be looked up: ` +
        `${(err as Error)?.message ?? String(err)}. Set \`adopt: true\` on this resource for the next \`up\` to take it over.`,
    );
  }
}

/** Whether a look can find a created object of this kind: by natural key, or by the id its inputs determine. */
export const canLookUp = (model: KindModel): boolean => model.keys.searchable || !!model.spec.idFor;

async function lookUp(model: KindModel, session: VendorSession, inputs: Props): Promise<string | undefined> {
  if (model.keys.searchable) return model.keys.find(session, inputs, true);
  if (!model.spec.idFor) return undefined;
  const id = model.spec.idFor(inputs);
  return (await model.form.fetch(session, id, inputs, false).catch(() => undefined)) ? id : undefined;
}

const timeoutOf = (model: KindModel, inputs: Props): number =>
  (inputs.connection as Connection | undefined)?.timeoutMs ?? model.vendor.defaults.timeoutMs;

/** Waits between the looks for a create that timed out on the client: ½, 1, 2 × its timeout, each at most 30 s. */
const lateLooks = (timeoutMs: number): number[] => [0.5, 1, 2].map((f) => Math.min(30_000, Math.round(f * timeoutMs)));
