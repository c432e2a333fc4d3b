/**
 * `pulumi destroy`: delete everything in the state in reverse dependency order, without running
 * the program; custom resources are deleted with the `__provider` copy stored in their outputs.
 */
import type { Operation } from "./context";
import { scheduleDeletes } from "./schedule";
import { Semaphore } from "./semaphore";
import { NODEJS_PROVIDER_TYPE, urnName } from "./state";
import type { ResourceState, StepResult } from "./types";

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function runDestroy(op: Operation, olds: ResourceState[]): Promise<ResourceState[]> {
  const workers = new Semaphore(op.opts.parallel);
  const removed = new Set<ResourceState>();
  let failed = false;
  for (const o of olds) op.report.noteSecrets(o.outputs);

  for (const round of scheduleDeletes(olds)) {
    await Promise.all(
      round.map((res) =>
        workers.run(async () => {
          if (failed) return;
          const result: StepResult = {
            op: res.delete ? "delete-replaced" : "delete",
            urn: res.urn,
            type: res.type,
            name: urnName(res.urn),
            id: res.id,
          };
          try {
            if (res.protect)
              throw new Error(`unable to delete resource "${res.urn}" as it is currently marked for protection`);
            if (res.custom && res.type !== NODEJS_PROVIDER_TYPE && !res.retainOnDelete) {
              const client = await op.providerClient();
              await client.delete(res.urn, res.id ?? "", res.inputs, res.outputs);
            }
            removed.add(res);
          } catch (e) {
            failed = true;
            result.error = message(e);
            op.report.error(`${res.urn}: delete failed: ${message(e)}`);
          }
          if (res.type !== NODEJS_PROVIDER_TYPE) op.report.step(result);
        }),
      ),
    );
    if (failed) break;
  }
  return olds.filter((o) => !removed.has(o));
}
