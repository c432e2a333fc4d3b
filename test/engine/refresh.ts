/**
 * `pulumi refresh` (RefreshStep): Read every custom resource with its stored outputs (whose
 * `__provider` copy is the code that runs, never the program's), then report drift relative to the
 * desired state as the engine has since 3.120: Diff(olds = refreshed, news = old inputs), inverted.
 */
import type { Operation } from "./context";
import { diffProps, invertKind, reportDetailedDiff, resolveUnknownDiff, type DiffKind } from "./diff";
import { isSecret, makeSecret, type Props } from "./properties";
import { Semaphore } from "./semaphore";
import { NODEJS_PROVIDER_TYPE, urnName } from "./state";
import type { ResourceState, StepResult } from "./types";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runRefresh(op: Operation, olds: ResourceState[]): Promise<ResourceState[]> {
  const workers = new Semaphore(op.opts.parallel);
  const refreshed = new Map<ResourceState, ResourceState | null>();
  let failed = false;
  for (const o of olds) {
    op.report.noteSecrets(o.inputs);
    op.report.noteSecrets(o.outputs);
  }

  await Promise.all(
    olds
      .filter((o) => o.custom && o.type !== NODEJS_PROVIDER_TYPE) // components and providers never change on refresh
      .map((old) =>
        workers.run(async () => {
          if (failed) return; // stop scheduling after an error; in-flight reads finish
          const result: StepResult = { op: "same", urn: old.urn, type: old.type, name: urnName(old.urn), id: old.id };
          try {
            const next = await refreshOne(op, old, result);
            refreshed.set(old, next);
          } catch (e) {
            failed = true;
            result.error = message(e);
            op.report.error(`${old.urn}: refresh failed: ${message(e)}`);
          }
          op.report.step(result);
        }),
      ),
  );
  return olds.filter((o) => refreshed.get(o) !== null).map((o) => refreshed.get(o) ?? o);
}

async function refreshOne(op: Operation, old: ResourceState, result: StepResult): Promise<ResourceState | null> {
  const client = await op.providerClient();
  const read = await client.read(old.urn, old.id ?? "", old.inputs, old.outputs);
  if (!read.id) {
    result.op = "delete"; // gone out of band: leaves the state
    return null;
  }
  const live: ResourceState = {
    ...old,
    id: read.id,
    inputs: read.inputs ?? old.inputs, // SDK >= 3.216: read() may return inputs
    outputs: read.outputs,
    initErrors: undefined,
  };
  for (const k of live.additionalSecretOutputs ?? []) {
    if (k !== "id" && k in live.outputs && !isSecret(live.outputs[k])) live.outputs[k] = makeSecret(live.outputs[k]);
  }
  op.report.noteSecrets(live.inputs);
  op.report.noteSecrets(live.outputs);
  result.id = read.id;

  const ignore = old.ignoreChanges ?? [];
  let diff = await client.diff(old.urn, read.id, live.inputs, live.outputs, old.inputs, ignore);
  result.providerDiff = diff.providerChanges;
  diff = resolveUnknownDiff(diff, live.inputs, old.inputs, ignore);
  if (diff.changes === "some") {
    result.op = "update";
    // Report old (state) -> new (live): the engine's diff is live -> desired, shown inverted.
    let shown: { changedKeys: string[]; detailedDiff: Record<string, DiffKind> };
    let from: Props = old.inputs;
    let to: Props = live.inputs;
    if (diff.detailedDiff) {
      shown = {
        changedKeys: diff.changedKeys,
        detailedDiff: Object.fromEntries(Object.entries(diff.detailedDiff).map(([p, k]) => [p, invertKind(k)])),
      };
    } else {
      // The provider said "changed" without details: show what the CLI would display.
      shown = diffProps(old.inputs, live.inputs);
      if (shown.changedKeys.length === 0) {
        shown = diffProps(old.outputs, live.outputs);
        from = old.outputs;
        to = live.outputs;
      }
    }
    result.diffs = shown.changedKeys;
    result.detailedDiff = reportDetailedDiff(shown.detailedDiff, from, to);
    if (diff.replaceKeys.length) result.replaceKeys = diff.replaceKeys;
  }
  if (result.op !== "same" || JSON.stringify(live.outputs) !== JSON.stringify(old.outputs))
    live.modified = new Date().toISOString();
  return live;
}
