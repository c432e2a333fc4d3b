/**
 * TestEngine: a test double of the Pulumi CLI's resource lifecycle for Node dynamic providers.
 * It runs a real program (SDK in mock mode, this engine as the resource monitor) and performs every
 * resource operation through the SDK's own dynamic-provider plugin over gRPC. Real use needs the
 * Pulumi CLI; see README.md for what is faithful and what differs.
 */
import { Operation, resolveOptions, type ResolvedOptions } from "./context";
import { runDestroy } from "./destroy";
import type { Props } from "./properties";
import { runRefresh } from "./refresh";
import { Semaphore } from "./semaphore";
import { stackUrn, StateFile, type StackExport } from "./state";
import type { EngineOptions, OperationResult, ResourceState } from "./types";
import { UpdateRun } from "./update";
import { CliEngine, type Engine } from "./cli-engine";

export type { ConfigValue, EngineOptions, OperationResult, RpcLogEntry, StepOp, StepResult, Summary } from "./types";
export type { ReportedPropertyDiff, DiffKind } from "./diff";
export type { StackExport, ResourceV3 } from "./state";
export { DEFAULT_TEST_PASSPHRASE } from "./secrets";
export { UNKNOWN as UNKNOWN_VALUE } from "./properties";

export type { Engine } from "./cli-engine";
export { CliEngine, PULUMI_NEW_TSCONFIG } from "./cli-engine";

/** Which engine the end-to-end tests run on: `FACILITY_ENGINE=cli` for the real Pulumi CLI, else the test engine. */
export const ENGINE_KIND: "test" | "cli" = process.env.FACILITY_ENGINE === "cli" ? "cli" : "test";

/** The engine the suite runs on (see ENGINE_KIND); the same options serve both. */
export function createEngine(options: EngineOptions): Engine {
  return ENGINE_KIND === "cli" ? new CliEngine(options) : new TestEngine(options);
}

type Outcome = { resources?: ResourceState[]; outputs: Props };

export class TestEngine implements Engine {
  readonly kind = "test" as const;
  readonly options: ResolvedOptions;
  private readonly state: StateFile;
  private readonly queue = new Semaphore(1); // one operation at a time per stack, like the CLI's stack lock

  constructor(options: EngineOptions) {
    this.options = resolveOptions(options);
    this.state = new StateFile(this.options.statePath, this.options.passphrase);
  }

  get statePath(): string {
    return this.options.statePath;
  }

  /** `pulumi preview`: Check and Diff only; nothing is created, changed or written. */
  preview(): Promise<OperationResult> {
    return this.operate("preview", true, async (op, olds) => new UpdateRun(op, olds, true).run());
  }

  /** `pulumi up --skip-preview`. */
  up(): Promise<OperationResult> {
    return this.operate("up", false, async (op, olds) => new UpdateRun(op, olds, false).run());
  }

  /** `pulumi refresh`; with `previewOnly` (`--preview-only`) the state is left untouched. */
  refresh(opts: { previewOnly?: boolean } = {}): Promise<OperationResult> {
    const dryRun = opts.previewOnly === true;
    return this.operate("refresh", dryRun, async (op, olds) => {
      const resources = await runRefresh(op, olds);
      return { resources: dryRun ? undefined : resources, outputs: stackOutputs(this.options, olds) };
    });
  }

  /** `pulumi destroy`: the state ends empty when every delete succeeded. */
  destroy(): Promise<OperationResult> {
    return this.operate("destroy", false, async (op, olds) => ({ resources: await runDestroy(op, olds), outputs: {} }));
  }

  /** The persisted state, as `pulumi stack export` prints it (secrets encrypted). */
  readState(): StackExport | undefined {
    return this.state.readRaw();
  }

  private operate(
    kind: OperationResult["operation"],
    dryRun: boolean,
    body: (op: Operation, olds: ResourceState[]) => Promise<Outcome>,
  ): Promise<OperationResult> {
    return this.queue.run(async () => {
      const op = new Operation(this.options);
      let outcome: Outcome = { outputs: {} };
      try {
        const olds = this.state.load();
        outcome = await body(op, olds);
      } catch (e) {
        op.report.error(e instanceof Error ? e.message : String(e));
      } finally {
        await op.close(); // every child process goes, whatever happened
      }
      if (!dryRun && outcome.resources) {
        try {
          this.state.save(outcome.resources);
        } catch (e) {
          op.report.error(`writing state failed: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return op.report.finish(kind, dryRun, outcome.outputs);
    });
  }
}

function stackOutputs(o: ResolvedOptions, resources: ResourceState[]): Props {
  return resources.find((r) => r.urn === stackUrn(o.stack, o.project))?.outputs ?? {};
}
