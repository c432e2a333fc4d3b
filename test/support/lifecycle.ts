/**
 * Drives one resource kind's lifecycle in-process the way the engine does (check before create and update).
 * A kind is named by its resource class (`lifecycleOf(AlarmGroup)`, `createChecked(AlarmGroup, {...})`), and the
 * declarations these helpers take are typed as the class's args with plain values (`PlainArgs`): a misspelt or
 * mistyped input fails `tsc`. A test about bad input says so: `unchecked(...)` or `checkRaw`.
 */
import type * as pulumi from "@pulumi/pulumi";
import { expect } from "vitest";
import type { ResourceType } from "../../providers/core/resource/public";
import { lifecycles } from "../../providers/core/resource/registry";

type Props = Record<string, unknown>;

/** Any resource class (`<vendor>.<Kind>`); its static `kind` names it in the registry. */
export type Resource = ResourceType<any, unknown>;

/**
 * A declaration of the kind as the engine hands it to `check`: the class's constructor args with every pulumi
 * Input unwrapped to its plain value. For a class whose args are `any` (a table erased to `Resource`), any props.
 */
export type PlainArgs<R extends Resource> =
  ArgsOf<R> extends infer A ? (0 extends 1 & A ? Props : pulumi.Unwrap<A>) : never;
type ArgsOf<R extends Resource> = ConstructorParameters<R>[1];

/** A declaration without its connection (what a table of cases declares; the test adds the connection). */
export type FieldsOf<R extends Resource> = Omit<PlainArgs<R>, "connection">;

/** The declaration `N` with no key the kind does not have (a declaration kept in a variable escapes tsc's literal check otherwise). */
export type Declared<R extends Resource, N> = N & { [K in Exclude<keyof N, keyof PlainArgs<R>>]: never };

/** The engine's calls on one kind, with the values the engine passes (checked inputs, outputs) as plain props. */
export interface KindLifecycle<R extends Resource> {
  readonly kind: string;
  /** The `deletePolicy` values the kind offers ([] when destroy has no choice). */
  readonly deletePolicies: readonly string[];
  /** `check(olds, news)` of a declaration typed as the kind's args. */
  check<N extends PlainArgs<R>>(olds: Props, news: Declared<R, N>): Promise<pulumi.dynamic.CheckResult>;
  /** `check` of input that is not a valid declaration: for tests about bad input only. */
  checkRaw(olds: Props, news: Props): Promise<pulumi.dynamic.CheckResult>;
  diff(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.DiffResult>;
  create(inputs: Props): Promise<pulumi.dynamic.CreateResult>;
  read(id: string, props: Props): Promise<pulumi.dynamic.ReadResult>;
  update(id: string, olds: Props, news: Props): Promise<pulumi.dynamic.UpdateResult>;
  delete(id: string, props: Props): Promise<void>;
}

/**
 * What the tests take from the core for a kind: the registry's lifecycle and the delete policies its spec offers.
 * The one place the tests reach into the core's internals (adapt it here when they move).
 */
function registered(kind: string) {
  const lifecycle = lifecycles.get(kind);
  if (!lifecycle) throw new Error(`${kind} is not defined in this process (import its vendor)`);
  return { lifecycle, deletePolicies: lifecycle.spec.deletePolicy?.options ?? [] };
}

/** The lifecycle of a resource class, as the engine drives it. */
export function lifecycleOf<R extends Resource>(resource: R): KindLifecycle<R> {
  const lc = () => registered(resource.kind).lifecycle;
  return {
    kind: resource.kind,
    get deletePolicies() {
      return registered(resource.kind).deletePolicies;
    },
    check: (olds, news) => lc().check(olds, news as Props),
    checkRaw: (olds, news) => lc().check(olds, news),
    diff: (id, olds, news) => lc().diff(id, olds, news),
    create: (inputs) => lc().create(inputs),
    read: (id, props) => lc().read(id, props),
    update: (id, olds, news) => lc().update(id, olds, news),
    delete: (id, props) => lc().delete(id, props),
  };
}

/**
 * Input a test passes on purpose although it is no valid declaration (a wrong type, an unknown key): accepted
 * wherever a declaration is, so the test about bad input compiles, and visible as such.
 */
export const unchecked = (props: Props): never => props as never;

/** check then create, failing on check failures. */
export async function createChecked<R extends Resource, N extends PlainArgs<R>>(kind: R, news: Declared<R, N>) {
  const lc = lifecycleOf(kind);
  const checked = await lc.checkRaw({}, news as Props);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const created = await lc.create(checked.inputs);
  return { inputs: checked.inputs as PlainArgs<R>, id: created.id, outs: created.outs as Props };
}

/** check(olds, news) then update, as for an in-place change. */
export async function updateChecked<R extends Resource, N extends PlainArgs<R>>(
  kind: R,
  id: string,
  outs: Props,
  news: Declared<R, N>,
) {
  const lc = lifecycleOf(kind);
  const checked = await lc.checkRaw(outs, news as Props);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const updated = await lc.update(id, outs, checked.inputs);
  return { inputs: checked.inputs as PlainArgs<R>, outs: updated.outs as Props };
}

/** A refresh after an out-of-band change: the live inputs `read` reports, and the diff `up` then makes against the declaration. */
export async function refreshDiff(kind: Resource, id: string, outs: Props) {
  const lc = lifecycleOf(kind);
  const read = await lc.read(id, outs);
  if (!read.props) throw new Error(`${kind.kind} ${id} read as gone`);
  return { inputs: read.inputs as Props, diff: await lc.diff(id, read.props, outs) };
}

/** The property paths `check` fails on, in its order ([] when the inputs are valid). */
export async function failingProperties<R extends Resource, N extends PlainArgs<R>>(
  kind: R,
  news: Declared<R, N>,
): Promise<string[]> {
  return ((await lifecycleOf(kind).checkRaw({}, news as Props)).failures ?? []).map((f) => f.property);
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
export async function unchangedUp<R extends Resource, N extends PlainArgs<R>>(
  kind: R,
  id: string,
  outs: Props,
  news: Declared<R, N>,
) {
  const lc = lifecycleOf(kind);
  const checked = await lc.checkRaw(outs, news as Props);
  if (checked.failures?.length) throw new Error(JSON.stringify(checked.failures));
  const diff = await lc.diff(id, outs, checked.inputs);
  const updated = await lc.update(id, outs, checked.inputs);
  return { diff, outs: updated.outs as Props };
}

/** Creates, then asserts the no-op: an up of the same declaration diffs as no change, keeps the outputs and sends no request. */
export async function expectNoOpUp<R extends Resource, N extends PlainArgs<R>>(
  kind: R,
  news: Declared<R, N>,
  emu: { requests: readonly unknown[]; clearRequests(): void },
) {
  const { id, outs } = await createChecked(kind, news);
  emu.clearRequests();
  const up = await unchangedUp(kind, id, outs, news);
  expect(up.diff).toEqual({ changes: false });
  expect(up.outs).toEqual(outs);
  expect(emu.requests).toEqual([]);
}
