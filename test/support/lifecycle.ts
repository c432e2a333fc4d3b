/** Drives one resource kind's lifecycle in-process the way the engine does (check before create and update). */
import type { Lifecycle } from "../../providers/core/resource/lifecycle";
import { lifecycles } from "../../providers/core/resource/registry";

type Props = Record<string, unknown>;

export const lifecycle = (kind: string): Lifecycle => lifecycles.get(kind)!;

/** check then create, failing on check failures. */
export async function createChecked(kind: string, news: Props) {
  const checked = await lifecycle(kind).check({}, news);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const created = await lifecycle(kind).create(checked.inputs);
  return { inputs: checked.inputs as Props, id: created.id, outs: created.outs as Props };
}

/** check(olds, news) then update, as for an in-place change. */
export async function updateChecked(kind: string, id: string, outs: Props, news: Props) {
  const checked = await lifecycle(kind).check(outs, news);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const updated = await lifecycle(kind).update(id, outs, checked.inputs);
  return { inputs: checked.inputs as Props, outs: updated.outs as Props };
}
