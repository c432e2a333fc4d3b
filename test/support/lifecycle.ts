/** Drives one resource kind's lifecycle in-process the way the engine does (check before create and update). */
import { expect } from "vitest";
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

/** A refresh after an out-of-band change: the live inputs `read` reports, and the diff `up` then makes against the declaration. */
export async function refreshDiff(kind: string, id: string, outs: Props) {
  const read = await lifecycle(kind).read(id, outs);
  if (!read.props) throw new Error(`${kind} ${id} read as gone`);
  return { inputs: read.inputs as Props, diff: await lifecycle(kind).diff(id, read.props, outs) };
}

/** The property paths `check` fails on, in its order ([] when the inputs are valid). */
export async function failingProperties(kind: string, news: Props): Promise<string[]> {
  return ((await lifecycle(kind).check({}, news)).failures ?? []).map((f) => f.property);
}

/** Every path under which `secret` occurs in a value (outputs, an error's fields); a secret field's own output is the one allowed place. */
export function secretPaths(value: unknown, secret: string, path = ""): string[] {
  if (typeof value === "string") return value.includes(secret) ? [path] : [];
  if (!value || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([k, v]) => secretPaths(v, secret, path ? `${path}.${k}` : k));
}

/** The fields of an error, its message and stack included, for `secretPaths`. */
export const errorFields = (err: Error) => ({ ...err, message: err.message, stack: err.stack });

/** The error a promise rejects with (a partial create's `id`, `properties` and `reasons` included); fails the test when it resolves. */
export function failure(
  promise: Promise<unknown>,
): Promise<Error & { id?: string; properties?: Props; reasons?: string[] }> {
  return promise.then(
    () => {
      throw new Error("expected a failure, but it succeeded");
    },
    (err: Error) => err,
  );
}

/**
 * An `up` of the same declaration: check and diff against the outputs, then the update the engine makes anyway
 * when it must (after a partial create it always updates). Returns the diff and the outputs the update gives.
 */
export async function unchangedUp(kind: string, id: string, outs: Props, news: Props) {
  const checked = await lifecycle(kind).check(outs, news);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const diff = await lifecycle(kind).diff(id, outs, checked.inputs);
  const updated = await lifecycle(kind).update(id, outs, checked.inputs);
  return { diff, outs: updated.outs as Props };
}

/** Creates, then asserts the no-op: an up of the same declaration diffs as no change, keeps the outputs and sends no request. */
export async function expectNoOpUp(
  kind: string,
  news: Props,
  emu: { requests: readonly unknown[]; clearRequests(): void },
) {
  const { id, outs } = await createChecked(kind, news);
  emu.clearRequests();
  const up = await unchangedUp(kind, id, outs, news);
  expect(up.diff).toEqual({ changes: false });
  expect(up.outs).toEqual(outs);
  expect(emu.requests).toEqual([]);
}
