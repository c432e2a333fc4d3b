/**
 * `pulumi preview` and `pulumi up`: run the program, turn each resource registration into steps the
 * way the engine's step generator does (Check, Diff, same / update / replace / create), execute them
 * with bounded parallelism, then delete what the program no longer declares.
 *
 * Step generation is serial, as in the engine; step execution runs on `parallel` workers.
 */
import type { ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import type { Operation } from "./context";
import {
  applyReplaceOnChanges,
  diffProps,
  processIgnoreChanges,
  reportDetailedDiff,
  requiresReplacement,
  resolveUnknownDiff,
  type DiffResult,
} from "./diff";
import type { EngineMessage, HostMessage, HostSpec, RegisterRequest } from "./ipc";
import { InitError, type CheckFailure, type ProviderClient } from "./provider-client";
import { clone, deepEqual, makeSecret, isSecret, UNKNOWN, type Props } from "./properties";
import { dependentsOf, scheduleDeletes } from "./schedule";
import { tsxHook } from "./processes";
import { Semaphore } from "./semaphore";
import { NODEJS_PROVIDER_TYPE, providerRefUrn, stackUrn, STACK_TYPE, urnName } from "./state";
import type { ResourceState, StepOp, StepResult } from "./types";

/** A step skipped because an earlier one failed; not an error of its own. */
class Cancelled extends Error {
  constructor() {
    super("cancelled: an earlier step failed");
  }
}

interface Step {
  run(): Promise<void>;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const now = () => new Date().toISOString();

export class UpdateRun {
  private readonly liveOlds = new Map<string, ResourceState>();
  private readonly news: ResourceState[] = [];
  private readonly newByUrn = new Map<string, ResourceState>();
  private readonly superseded = new Set<ResourceState>();
  private readonly removed = new Set<ResourceState>();
  /** URNs the program registered (plus the default provider): never deleted at the end. */
  private readonly registered = new Set<string>();
  /** Dependents deleted ahead of a delete-before-replace, with the keys that forced it (sg.deletes). */
  private readonly dbrDeleted = new Map<string, string[]>();
  private readonly generation = new Semaphore(1);
  private readonly workers: Semaphore;
  private readonly inflight = new Set<Promise<void>>();
  private failed = false;
  private signalFailure!: () => void;
  private readonly failure = new Promise<void>((resolve) => (this.signalFailure = resolve));
  private providerRef?: string;
  /** Errors already in the report, so a registration failure is not reported twice. */
  private readonly reported = new WeakSet<object>();

  constructor(
    private readonly op: Operation,
    private readonly olds: ResourceState[],
    private readonly dryRun: boolean,
  ) {
    this.workers = new Semaphore(op.opts.parallel);
    for (const o of olds) {
      if (!o.delete) this.liveOlds.set(o.urn, o);
      op.report.noteSecrets(o.inputs);
      op.report.noteSecrets(o.outputs);
    }
  }

  private get report() {
    return this.op.report;
  }

  async run(): Promise<{ resources: ResourceState[]; outputs: Props }> {
    // Both processes load the SDK (~1 s each): start the plugin alongside the program, not after it.
    this.op.providerClient().catch(() => undefined); // a start failure surfaces where the client is used
    const programDone = this.startProgram();
    const outcome = await Promise.race([programDone, this.failure.then(() => undefined)]);
    await this.drain();
    if (outcome && !outcome.ok) {
      this.report.error(`program failed: ${outcome.error}`);
      this.fail();
    }
    if (!this.failed) await this.deleteLeftovers();
    const stack = stackUrn(this.op.opts.stack, this.op.opts.project);
    const outputs = (this.newByUrn.get(stack) ?? this.liveOlds.get(stack))?.outputs ?? {};
    return { resources: this.finalResources(), outputs };
  }

  // ---- program host -------------------------------------------------------------------------

  private startProgram(): Promise<{ ok: boolean; error?: string }> {
    const { opts } = this.op;
    const spec: HostSpec = {
      program: opts.program,
      project: opts.project,
      stack: opts.stack,
      organization: opts.organization,
      dryRun: this.dryRun,
      tsx: /\.[cm]?tsx?$/.test(opts.program) ? tsxHook() : undefined,
    };
    // The variables the Node language host gives a program.
    const env = {
      ...this.op.baseEnv(),
      PULUMI_CONFIG: JSON.stringify(opts.config.plain),
      PULUMI_CONFIG_SECRET_KEYS: JSON.stringify(opts.config.secretKeys),
      PULUMI_NODEJS_PROJECT: opts.project,
      PULUMI_NODEJS_STACK: opts.stack,
      PULUMI_NODEJS_ORGANIZATION: opts.organization,
      PULUMI_NODEJS_DRY_RUN: String(this.dryRun),
      PULUMI_NODEJS_PARALLEL: String(opts.parallel),
      PULUMI_TEST_ENGINE_PROGRAM: JSON.stringify(spec),
    };
    const child = this.op.processes.startProgramHost(opts.dir, env);
    return new Promise((resolve) => {
      child.on("message", (m: HostMessage) => {
        if (m.t === "register") this.track(this.onRegister(child, m.rid, m.req));
        else if (m.t === "outputs") this.onOutputs(m.urn, m.outputs);
        else if (m.t === "done") resolve(m.ok ? { ok: true } : { ok: false, error: m.error });
      });
      child.once("exit", (code, signal) =>
        resolve({ ok: false, error: `program host exited (code ${code}, signal ${signal})` }),
      );
    });
  }

  private track(p: Promise<void>): void {
    this.inflight.add(p);
    void p.finally(() => this.inflight.delete(p));
  }

  private async drain(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private fail(): void {
    this.failed = true;
    this.signalFailure();
  }

  private throwIfFailed(): void {
    if (this.failed) throw new Cancelled();
  }

  private async onRegister(child: ChildProcess, rid: number, req: RegisterRequest): Promise<void> {
    let reply: EngineMessage;
    try {
      this.throwIfFailed();
      const steps = await this.generation.run(() => this.generate(req));
      for (const step of steps.steps) {
        this.throwIfFailed();
        await step.run();
      }
      reply = {
        t: "registered",
        rid,
        ok: true,
        urn: steps.state.urn,
        id: steps.state.id ?? "",
        object: steps.state.outputs,
      };
    } catch (e) {
      if (!(e instanceof Cancelled) && !this.reported.has(e as object)) {
        this.report.error(`${req.type} '${req.name}': ${message(e)}`);
        this.fail();
      }
      reply = { t: "registered", rid, ok: false, error: message(e) };
    }
    if (child.connected) child.send(reply);
  }

  private onOutputs(urn: string, outputs: Props): void {
    const s = this.newByUrn.get(urn);
    if (!s) return;
    s.outputs = outputs;
    this.report.noteSecrets(outputs);
  }

  // ---- step generation ----------------------------------------------------------------------

  private makeUrn(parent: string, type: string, name: string): string {
    const { stack, project } = this.op.opts;
    const parentType = parent ? parent.split("::")[2] : "";
    const qualified = parentType && parentType !== STACK_TYPE ? `${parentType}$${type}` : type;
    return `urn:pulumi:${stack}::${project}::${qualified}::${name}`;
  }

  /** Fails the registration before any step exists (invalid input, unsupported option). */
  private invalid(urn: string, req: RegisterRequest, old: ResourceState | undefined, error: string): never {
    this.report.step({ op: old ? "update" : "create", urn, type: req.type, name: req.name, error });
    this.report.error(`${urn}: ${error}`);
    this.fail();
    const e = new Error(error);
    this.reported.add(e);
    throw e;
  }

  private async generate(req: RegisterRequest): Promise<{ steps: Step[]; state: ResourceState }> {
    this.throwIfFailed();
    const urn = this.makeUrn(req.parent, req.type, req.name);
    const old = this.liveOlds.get(urn);
    if (this.registered.has(urn))
      this.invalid(urn, req, old, `Duplicate resource URN '${urn}'; try giving it a unique name`);
    this.registered.add(urn);
    this.report.noteSecrets(req.object);
    const unsupported = this.unsupportedOption(req);
    if (unsupported) this.invalid(urn, req, old, unsupported);

    const news: ResourceState = {
      urn,
      type: req.type,
      custom: req.custom,
      inputs: req.object,
      outputs: {},
      parent: req.parent || undefined,
      dependencies: req.dependencies,
      propertyDependencies: req.propertyDependencies,
      additionalSecretOutputs: req.additionalSecretOutputs.length ? req.additionalSecretOutputs : undefined,
      protect: req.protect || undefined,
      retainOnDelete: req.retainOnDelete || undefined,
      deletedWith: req.deletedWith || undefined,
      ignoreChanges: req.ignoreChanges.length ? req.ignoreChanges : undefined,
      replaceOnChanges: req.replaceOnChanges.length ? req.replaceOnChanges : undefined,
    };
    if (!req.custom) return { steps: [this.componentStep(old, news)], state: news };

    this.ensureDefaultProvider();
    news.provider = this.providerRef;
    const client = await this.op.providerClient();
    const recreating = this.dbrDeleted.has(urn);

    // ignoreChanges: old values are copied into the new inputs before Check.
    let inputs = req.object;
    if (old && !recreating) {
      try {
        inputs = processIgnoreChanges(inputs, old.inputs, req.ignoreChanges);
      } catch (e) {
        this.invalid(urn, req, old, message(e));
      }
    }
    const checked = await this.check(
      client,
      urn,
      req,
      old,
      old && !recreating ? old.inputs : {},
      old && !recreating ? inputs : req.object,
    );
    news.inputs = checked;

    if (recreating && old) {
      const keys = this.dbrDeleted.get(urn) ?? [];
      return {
        steps: [this.replaceStep(old, news, undefined, keys), this.createStep(news, old, undefined, keys, false)],
        state: news,
      };
    }
    if (!old) return { steps: [this.createStep(news)], state: news };

    let diff: DiffResult;
    try {
      diff = await client.diff(urn, old.id ?? "", old.inputs, old.outputs, news.inputs, req.ignoreChanges);
      diff = resolveUnknownDiff(diff, old.inputs, news.inputs, req.ignoreChanges);
      diff = applyReplaceOnChanges(diff, req.replaceOnChanges, (old.initErrors?.length ?? 0) > 0);
    } catch (e) {
      this.invalid(urn, req, old, `diff failed: ${message(e)}`);
    }

    if (diff.changes === "some") {
      if (!requiresReplacement(diff)) return { steps: [this.updateStep(old, news, diff)], state: news };
      if (req.protect && old.protect) {
        this.invalid(urn, req, old, `unable to replace resource "${urn}" as it is currently marked for protection`);
      }
      // A replacement gets fresh defaults: Check again without the old inputs.
      news.inputs = await this.check(client, urn, req, old, {}, req.object);
      const deleteBeforeReplace = req.deleteBeforeReplace ?? diff.deleteBeforeReplace;
      if (!deleteBeforeReplace) {
        return {
          steps: [
            this.createStep(news, old, diff, diff.replaceKeys, true),
            this.replaceStep(old, news, diff, diff.replaceKeys),
          ],
          state: news,
        };
      }
      // Delete-before-replace: dependents that would be replaced by this change go first, in reverse order.
      const dependents = await this.dependentReplacements(client, old);
      const steps: Step[] = [];
      for (const d of [...dependents].reverse()) {
        this.dbrDeleted.set(d.res.urn, d.keys);
        steps.push(this.deleteStep(d.res, "delete-replaced"));
      }
      steps.push(this.deleteStep(old, "delete-replaced"));
      steps.push(this.replaceStep(old, news, diff, diff.replaceKeys, true));
      steps.push(this.createStep(news, old, diff, diff.replaceKeys, false));
      return { steps, state: news };
    }
    if ((old.initErrors?.length ?? 0) > 0) return { steps: [this.updateStep(old, news, diff)], state: news };
    return { steps: [this.sameStep(old, news, diff)], state: news };
  }

  private unsupportedOption(req: RegisterRequest): string | undefined {
    if (req.type.startsWith("pulumi:providers:"))
      return "explicit provider resources are not supported by the test engine";
    if (req.provider) return "the `provider` resource option is not supported by the test engine";
    if (req.importId) return "the `import` resource option is not supported (and never works for dynamic resources)";
    if (req.aliasCount > 0) return "the `aliases` resource option is not supported by the test engine";
    return undefined;
  }

  private async check(
    client: ProviderClient,
    urn: string,
    req: RegisterRequest,
    old: ResourceState | undefined,
    olds: Props,
    news: Props,
  ): Promise<Props> {
    let result: { inputs: Props; failures: CheckFailure[] };
    try {
      result = await client.check(urn, olds, news);
    } catch (e) {
      this.invalid(urn, req, old, `check failed: ${message(e)}`);
    }
    if (result.failures.length > 0) {
      // The CLI's words (diag 2003/2002): the value is Go's %v of the registered input, `{45}`; secrets print as a pointer.
      const resource = `${req.type} resource '${req.name}'`;
      const lines = result.failures.map((f) =>
        f.property
          ? `${resource}: property ${f.property} value {${goValue(news[f.property])}} has a problem: ${f.reason}`
          : `${resource} has a problem: ${f.reason}`,
      );
      for (const line of lines) this.report.error(line);
      this.report.step({ op: old ? "update" : "create", urn, type: req.type, name: req.name, error: lines.join("; ") });
      this.fail();
      const e = new Error(`resource ${urn} is invalid: ${lines.join("; ")}`);
      this.reported.add(e);
      throw e;
    }
    this.report.noteSecrets(result.inputs);
    return result.inputs;
  }

  /** The default `pulumi-nodejs` provider: its inputs are the whole stack config; it has no RPCs of its own. */
  private ensureDefaultProvider(): void {
    if (this.providerRef) return;
    const { stack, project, config } = this.op.opts;
    const urn = `urn:pulumi:${stack}::${project}::${NODEJS_PROVIDER_TYPE}::default`;
    const old = this.liveOlds.get(urn);
    const state: ResourceState = {
      urn,
      type: NODEJS_PROVIDER_TYPE,
      custom: true,
      id: old?.id ?? (this.dryRun ? UNKNOWN : randomUUID()),
      inputs: clone(config.props),
      outputs: clone(config.props),
      dependencies: [],
      propertyDependencies: {},
      created: old?.created ?? now(),
      modified: old && deepEqual(old.inputs, config.props) ? old.modified : now(),
    };
    this.registered.add(urn);
    this.commit(state, old);
    this.providerRef = `${urn}::${state.id}`;
  }

  /** calculateDependentReplacements: Diff each dependent with the inputs fed by the replaced set unknown. */
  private async dependentReplacements(
    client: ProviderClient,
    root: ResourceState,
  ): Promise<Array<{ res: ResourceState; keys: string[] }>> {
    const candidates = dependentsOf(
      root,
      this.olds.filter((o) => !this.removed.has(o)),
    ).filter((d) => !this.registered.has(d.urn) && !this.dbrDeleted.has(d.urn));
    const replaceSet = new Set([root.urn]);
    const out: Array<{ res: ResourceState; keys: string[] }> = [];
    for (const d of candidates) {
      if (!d.custom) continue;
      const prov = providerRefUrn(d.provider);
      if (prov && replaceSet.has(prov)) {
        out.push({ res: d, keys: [] });
        replaceSet.add(d.urn);
        continue;
      }
      let affected = false;
      const inputsForDiff: Props = {};
      for (const [k, v] of Object.entries(d.inputs)) {
        const hit = (d.propertyDependencies[k] ?? []).some((u) => replaceSet.has(u));
        affected ||= hit;
        inputsForDiff[k] = hit ? UNKNOWN : v;
      }
      if (!affected) continue;
      let diff = await client.diff(d.urn, d.id ?? "", d.inputs, d.outputs, inputsForDiff, d.ignoreChanges ?? []);
      diff = resolveUnknownDiff(diff, d.inputs, inputsForDiff, d.ignoreChanges ?? []);
      diff = applyReplaceOnChanges(diff, d.replaceOnChanges ?? [], false);
      if (requiresReplacement(diff)) {
        out.push({ res: d, keys: diff.replaceKeys });
        replaceSet.add(d.urn);
      }
    }
    return out;
  }

  // ---- steps ----------------------------------------------------------------------------------

  /**
   * Wraps a step body: runs it on a worker (RPC steps, not in preview), reports it, and turns a
   * failure into "stop scheduling" for everything that has not started yet.
   */
  private step(
    op: StepOp,
    res: ResourceState,
    extra: Partial<StepResult>,
    rpc: boolean,
    body: (r: StepResult) => Promise<void>,
  ): Step {
    return {
      run: async () => {
        const result: StepResult = { op, urn: res.urn, type: res.type, name: urnName(res.urn), ...extra };
        const hidden = res.type === NODEJS_PROVIDER_TYPE; // the CLI does not show default providers either
        try {
          if (rpc && !this.dryRun) {
            await this.workers.run(async () => {
              this.throwIfFailed();
              await body(result);
            });
          } else {
            await body(result);
          }
          if (!hidden) this.report.step(result);
        } catch (e) {
          if (e instanceof Cancelled) throw e;
          result.error = message(e);
          if (!hidden) this.report.step(result);
          this.report.error(`${res.urn}: ${op} failed: ${message(e)}`);
          this.fail();
          if (typeof e === "object" && e) this.reported.add(e);
          throw e;
        }
      },
    };
  }

  /** Diff details for a report: the engine's detailed diff, or the display diff of old vs new inputs. */
  private diffReport(
    old: ResourceState,
    news: ResourceState,
    diff?: DiffResult,
    replaceKeys?: string[],
  ): Partial<StepResult> {
    const shown = diff?.detailedDiff
      ? { changedKeys: diff.changedKeys, detailedDiff: diff.detailedDiff }
      : diffProps(old.inputs, news.inputs);
    const out: Partial<StepResult> = {
      diffs: shown.changedKeys,
      detailedDiff: reportDetailedDiff(shown.detailedDiff, old.inputs, news.inputs),
    };
    if (diff) out.providerDiff = diff.providerChanges;
    if (replaceKeys) out.replaceKeys = replaceKeys;
    return out;
  }

  private componentStep(old: ResourceState | undefined, news: ResourceState): Step {
    const op: StepOp = !old ? "create" : deepEqual(old.inputs, news.inputs) ? "same" : "update";
    return this.step(op, news, {}, false, async () => {
      news.outputs = old ? clone(old.outputs) : {}; // replaced when the program registers its outputs
      news.created = old?.created ?? now();
      news.modified = op === "same" ? old?.modified : now();
      this.commit(news, old);
    });
  }

  private createStep(
    news: ResourceState,
    old?: ResourceState,
    diff?: DiffResult,
    replaceKeys?: string[],
    pendingDelete = false,
  ): Step {
    const op: StepOp = old ? "create-replacement" : "create";
    const extra = old ? { ...this.diffReport(old, news, diff, replaceKeys), deleteBeforeReplace: !pendingDelete } : {};
    return this.step(op, news, extra, true, async (r) => {
      news.created = now();
      news.modified = news.created;
      if (this.dryRun) {
        news.outputs = clone(news.inputs); // a plugin without preview support echoes the inputs; the id stays unknown
        news.id = "";
      } else {
        try {
          const created = await (await this.op.providerClient()).create(news.urn, news.inputs);
          news.id = created.id;
          news.outputs = created.outputs;
        } catch (e) {
          if (e instanceof InitError) {
            // The object exists: keep it with its init errors so the next update retries it.
            news.id = e.id;
            news.outputs = e.outputs;
            news.initErrors = e.reasons;
            r.id = e.id;
            this.finishOutputs(news);
            this.commit(news, undefined);
            if (old && pendingDelete) old.delete = true;
          }
          throw e;
        }
      }
      r.id = news.id || undefined;
      this.finishOutputs(news);
      this.commit(news, undefined);
      if (old && pendingDelete) old.delete = true; // deleted after every create and update has finished
    });
  }

  private replaceStep(
    old: ResourceState,
    news: ResourceState,
    diff: DiffResult | undefined,
    replaceKeys: string[],
    deleteBeforeReplace = false,
  ): Step {
    return this.step(
      "replace",
      news,
      { ...this.diffReport(old, news, diff, replaceKeys), deleteBeforeReplace },
      false,
      async () => {},
    );
  }

  private updateStep(old: ResourceState, news: ResourceState, diff: DiffResult): Step {
    return this.step(
      "update",
      news,
      this.diffReport(old, news, diff, diff.replaceKeys.length ? diff.replaceKeys : undefined),
      true,
      async (r) => {
        news.id = old.id;
        r.id = old.id;
        news.created = old.created ?? now();
        news.modified = now();
        if (this.dryRun) {
          news.outputs = clone(news.inputs);
        } else {
          try {
            const client = await this.op.providerClient();
            news.outputs = await client.update(
              news.urn,
              old.id ?? "",
              old.inputs,
              old.outputs,
              news.inputs,
              news.ignoreChanges ?? [],
            );
          } catch (e) {
            if (e instanceof InitError) {
              news.outputs = e.outputs;
              news.initErrors = e.reasons;
              this.finishOutputs(news);
              this.commit(news, old);
            }
            throw e;
          }
        }
        this.finishOutputs(news);
        this.commit(news, old);
      },
    );
  }

  /** SameStep keeps the old outputs (and with them the old `__provider` copy) and id. */
  private sameStep(old: ResourceState, news: ResourceState, diff: DiffResult): Step {
    return this.step("same", news, { providerDiff: diff.providerChanges }, false, async (r) => {
      news.id = old.id;
      r.id = old.id;
      news.outputs = clone(old.outputs);
      news.created = old.created;
      news.modified = old.modified;
      this.finishOutputs(news);
      this.commit(news, old);
    });
  }

  private deleteStep(res: ResourceState, op: "delete" | "delete-replaced"): Step {
    return this.step(op, res, { id: res.id }, res.custom, async () => {
      if (res.protect)
        throw new Error(`unable to delete resource "${res.urn}" as it is currently marked for protection`);
      if (!this.dryRun) {
        if (res.custom && res.type !== NODEJS_PROVIDER_TYPE && !res.retainOnDelete) {
          const client = await this.op.providerClient();
          await client.delete(res.urn, res.id ?? "", res.inputs, res.outputs);
        }
      }
      this.removed.add(res);
    });
  }

  // ---- state ----------------------------------------------------------------------------------

  /** additionalSecretOutputs are applied after every step that produces a new state. */
  private finishOutputs(s: ResourceState): void {
    for (const k of s.additionalSecretOutputs ?? []) {
      if (k !== "id" && k in s.outputs && !isSecret(s.outputs[k])) s.outputs[k] = makeSecret(s.outputs[k]);
    }
    this.report.noteSecrets(s.outputs);
  }

  private commit(news: ResourceState, old: ResourceState | undefined): void {
    if (!this.newByUrn.has(news.urn)) this.news.push(news);
    this.newByUrn.set(news.urn, news);
    if (old) this.superseded.add(old);
  }

  /** Resources in state but not registered, and replaced ones, in reverse dependency order. */
  private async deleteLeftovers(): Promise<void> {
    const condemned = this.olds.filter(
      (o) => !this.removed.has(o) && (o.delete || (!this.superseded.has(o) && !this.registered.has(o.urn))),
    );
    for (const round of scheduleDeletes(condemned)) {
      await Promise.allSettled(round.map((r) => this.deleteStep(r, r.delete ? "delete-replaced" : "delete").run()));
      if (this.failed) return;
    }
  }

  private finalResources(): ResourceState[] {
    if (this.dryRun) return this.olds;
    const kept = this.olds.filter((o) => !this.removed.has(o) && !this.superseded.has(o));
    return [...this.news, ...kept];
  }
}

/** A property value as Go's `%v` prints it inside the CLI's check-failure message (scalars as is, a secret as its pointer). */
function goValue(v: Props[string] | undefined): string {
  if (v === undefined || v === null) return "<nil>";
  if (isSecret(v)) return "0x…"; // a *Secret: Go prints its address
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}
