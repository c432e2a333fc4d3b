/**
 * CliEngine: the `Engine` interface on the real Pulumi CLI. Every operation is one `pulumi` command with
 * `--event-log`; the result is read from the CLI's own engine events (steps, property diffs, diagnostics, the
 * change summary), and the state file is what `pulumi stack export` prints. Nothing here masks secrets: what the
 * CLI prints is what the tests scan.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";
import { resolveOptions, type ResolvedOptions } from "./context";
import type { ReportedPropertyDiff } from "./diff";
import { cliError, PulumiWorkspace, writeFileAtomic, type CliResult, type WorkspaceOptions } from "./cli";
import { NODEJS_PROVIDER_TYPE, type StackExport } from "./state";
import type { EngineOptions, OperationResult, StepOp, StepResult, Summary } from "./types";
import { Semaphore } from "./semaphore";

/** What both engines offer the tests. */
export interface Engine {
  readonly statePath: string;
  readonly kind: "test" | "cli";
  preview(): Promise<OperationResult>;
  up(): Promise<OperationResult>;
  refresh(opts?: { previewOnly?: boolean }): Promise<OperationResult>;
  destroy(): Promise<OperationResult>;
  readState(): StackExport | undefined;
}

/** The tsconfig.json that `pulumi new typescript` writes. */
export const PULUMI_NEW_TSCONFIG = {
  compilerOptions: {
    strict: true,
    outDir: "bin",
    target: "es2020",
    module: "commonjs",
    moduleResolution: "node",
    sourceMap: true,
    experimentalDecorators: true,
    pretty: true,
    noFallthroughCasesInSwitch: true,
    noImplicitReturns: true,
    forceConsistentCasingInFileNames: true,
  },
  files: ["index.ts"],
};

interface EngineEvent {
  sequence?: number;
  diagnosticEvent?: { urn?: string; prefix?: string; message: string; severity: string; ephemeral?: boolean };
  resourcePreEvent?: { metadata: StepMetadata; planning?: boolean };
  resOutputsEvent?: { metadata: StepMetadata; planning?: boolean };
  resOpFailedEvent?: { metadata: StepMetadata; status: number; steps: number };
  summaryEvent?: { resourceChanges?: Record<string, number>; maybeCorrupt?: boolean };
  stdoutEvent?: { message: string };
}

interface StepMetadata {
  op: string;
  urn: string;
  type: string;
  old?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
  new?: { id?: string; inputs?: Record<string, unknown>; outputs?: Record<string, unknown> } | null;
  keys?: string[];
  diffs?: string[];
  detailedDiff?: Record<string, { diffKind: string; inputDiff?: boolean }> | null;
}

export class CliEngine implements Engine {
  readonly kind = "cli" as const;
  readonly options: ResolvedOptions;
  readonly workspace: PulumiWorkspace;
  private readonly queue = new Semaphore(1);

  /** `cli`: options of the CLI's workspace only (the test engine has no backend), e.g. the file backend's query. */
  constructor(options: EngineOptions, cli: Pick<WorkspaceOptions, "backendQuery"> = {}) {
    this.options = resolveOptions(options);
    const o = this.options;
    const home = `${o.statePath}.cli`;
    const projectDir = cliProjectDir(o, home);
    // The program's folder is its working directory, so ts-node would not find the project's tsconfig.json. The
    // v3.68 language host cannot receive Pulumi.yaml's `runtime.options.tsconfig` from this CLI (options arrive
    // over RPC now, not as flags), so the runner gets it the way that option reaches it: PULUMI_NODEJS_TSCONFIG_PATH.
    const env = { PULUMI_NODEJS_TSCONFIG_PATH: join(projectDir, "tsconfig.json"), ...o.env };
    this.workspace = new PulumiWorkspace({ home, projectDir, stack: o.stack, passphrase: o.passphrase, env, ...cli });
  }

  get statePath(): string {
    return this.options.statePath;
  }

  preview(): Promise<OperationResult> {
    return this.operate("preview", true, ["preview", "--diff"]);
  }

  up(): Promise<OperationResult> {
    return this.operate("up", false, ["up", "--yes", "--skip-preview"]);
  }

  refresh(opts: { previewOnly?: boolean } = {}): Promise<OperationResult> {
    return this.operate("refresh", opts.previewOnly === true, [
      "refresh",
      opts.previewOnly ? "--preview-only" : "--yes",
      ...(opts.previewOnly ? [] : ["--skip-preview"]),
    ]);
  }

  destroy(): Promise<OperationResult> {
    return this.operate("destroy", false, ["destroy", "--yes", "--skip-preview"]);
  }

  readState(): StackExport | undefined {
    if (!existsSync(this.statePath)) return undefined;
    return JSON.parse(readFileSync(this.statePath, "utf8")) as StackExport;
  }

  /** Any other CLI command in this engine's workspace (stack config applied first). */
  async cli(args: string[]): Promise<CliResult> {
    return this.queue.run(async () => {
      await this.prepare();
      return this.workspace.run(args);
    });
  }

  private async prepare(): Promise<void> {
    await this.workspace.ensureStack();
    const plain: Record<string, string> = {};
    const secrets: Record<string, string> = {};
    for (const [k, v] of Object.entries(this.options.config.plain))
      (this.options.config.secretKeys.includes(k) ? secrets : plain)[k] = v;
    await this.workspace.setConfig(plain, secrets);
  }

  private operate(operation: OperationResult["operation"], dryRun: boolean, args: string[]): Promise<OperationResult> {
    return this.queue.run(async () => {
      const started = Date.now();
      await this.prepare();
      const eventLog = join(`${this.statePath}.cli`, `events-${process.pid}.jsonl`);
      rmSync(eventLog, { force: true });
      const r = await this.workspace.run([
        ...args,
        "--event-log",
        eventLog,
        "--parallel",
        String(this.options.parallel),
      ]);
      const events = readEvents(eventLog);
      rmSync(eventLog, { force: true });
      await this.exportState();
      return toResult(operation, dryRun, r, events, Date.now() - started);
    });
  }

  private async exportState(): Promise<void> {
    const r = await this.workspace.run(["stack", "export"]);
    if (r.code !== 0) throw cliError("stack export", r);
    writeFileAtomic(this.statePath, r.stdout);
  }
}

/**
 * The Pulumi project folder of one workspace: the Pulumi.yaml and tsconfig.json of `pulumi new typescript` with
 * `main` pointing at the program, and a `node_modules` link to the one the program's folder resolves, so the
 * plugin (whose cwd this is) loads the same `pulumi-facility` as the program. Each workspace has its own, so its
 * stack config file (`Pulumi.<stack>.yaml`, with the passphrase salt) is its own too.
 */
export function cliProjectDir(o: ResolvedOptions, home: string): string {
  const dir = join(home, "project");
  mkdirSync(dir, { recursive: true });
  const typescript = extname(o.program) === ".ts";
  const main = relative(dir, o.program);
  writeFileAtomic(
    join(dir, "Pulumi.yaml"),
    [
      `name: ${JSON.stringify(o.project)}`,
      "runtime:",
      "  name: nodejs",
      "  options:",
      `    typescript: ${typescript}`,
      `main: ${JSON.stringify(main)}`,
      "",
    ].join("\n"),
  );
  // rootDir: the examples import `pulumi-facility` from inside its own repository (a self-reference), which
  // TypeScript resolves only with a rootDir (TS2209); a user's project, with the package in node_modules, needs none.
  const compilerOptions = { ...PULUMI_NEW_TSCONFIG.compilerOptions, rootDir: relative(dir, dirname(o.program)) };
  if (typescript)
    writeFileAtomic(
      join(dir, "tsconfig.json"),
      `${JSON.stringify({ ...PULUMI_NEW_TSCONFIG, compilerOptions, files: [main] }, null, 4)}\n`,
    );
  const modules = nearestNodeModules(o.dir);
  const link = join(dir, "node_modules");
  if (modules && !existsSync(link)) symlinkSync(modules, link, "dir");
  return dir;
}

function nearestNodeModules(from: string): string | undefined {
  for (let d = from; ; d = dirname(d)) {
    if (existsSync(join(d, "node_modules", "@pulumi", "pulumi"))) return join(d, "node_modules");
    if (dirname(d) === d) return undefined;
  }
}

function readEvents(file: string): EngineEvent[] {
  if (!existsSync(file)) return [];
  const out: EngineEvent[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      out.push(JSON.parse(line) as EngineEvent);
    } catch {
      /* a line cut short by a killed CLI */
    }
  }
  return out;
}

const STEP_OPS = new Set<StepOp>([
  "create",
  "update",
  "same",
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
]);

/** The CLI's events as the OperationResult the tests read (see README: where it differs from the test engine). */
export function toResult(
  operation: OperationResult["operation"],
  dryRun: boolean,
  r: CliResult,
  events: EngineEvent[],
  durationMs: number,
): OperationResult {
  const steps: StepResult[] = [];
  const errors: string[] = [];
  const logs: string[] = [];
  let summary: Summary = { create: 0, update: 0, same: 0, delete: 0, replace: 0 };
  let outputs: Record<string, unknown> = {};
  for (const e of events) {
    const done = e.resOutputsEvent?.metadata;
    const failed = e.resOpFailedEvent?.metadata;
    const m = done ?? failed;
    if (m && !m.type.startsWith("pulumi:providers:") && m.type !== NODEJS_PROVIDER_TYPE) {
      const step = toStep(m);
      if (failed) step.error = "failed";
      // The stack's outputs event comes twice (at registration and with the outputs): one step per resource and op.
      const same = steps.findIndex((x) => x.urn === step.urn && x.op === step.op);
      if (same >= 0) steps[same] = step;
      else steps.push(step);
      if (m.type === "pulumi:pulumi:Stack" && m.new?.outputs) outputs = m.new.outputs;
    }
    const d = e.diagnosticEvent;
    if (d && !d.ephemeral && d.severity !== "debug") {
      const text = d.message.replace(/\n+$/, "");
      if (d.severity === "error") errors.push(text);
      else logs.push(`[${d.severity}] ${text}`);
    }
    if (e.stdoutEvent) logs.push(`[stdout] ${e.stdoutEvent.message.replace(/\n+$/, "")}`);
    if (e.summaryEvent?.resourceChanges) summary = { ...summary, ...pick(e.summaryEvent.resourceChanges) };
  }
  for (const s of steps) if (s.error) s.error = errors.find((x) => x.length > 0) ?? s.error;
  if (r.code !== 0 && errors.length === 0) errors.push(cliError(operation, r).message);
  logs.push(
    ...r.stderr
      .split("\n")
      .filter(Boolean)
      .map((l) => `[cli] ${l}`),
  );
  return {
    operation,
    dryRun,
    ok: r.code === 0 && errors.length === 0,
    steps,
    summary,
    errors,
    outputs,
    rpcLog: [],
    logs,
    durationMs,
  };
}

function pick(changes: Record<string, number>): Partial<Summary> {
  const out: Partial<Summary> = {};
  for (const k of ["create", "update", "same", "delete", "replace"] as const)
    if (typeof changes[k] === "number") out[k] = changes[k];
  return out;
}

function toStep(m: StepMetadata): StepResult {
  let op = m.op as StepOp;
  if (m.op === "refresh")
    op = !m.new
      ? "delete"
      : (m.diffs?.length ?? 0) > 0 || Object.keys(m.detailedDiff ?? {}).length > 0
        ? "update"
        : "same";
  const step: StepResult = { op, urn: m.urn, type: m.type, name: m.urn.split("::").slice(3).join("::") };
  if (!STEP_OPS.has(op)) step.op = m.op as StepOp;
  const id = m.new?.id || m.old?.id;
  if (id) step.id = id;
  if (m.diffs?.length) step.diffs = m.diffs;
  if (m.keys?.length && (op === "replace" || op === "create-replacement" || op === "delete-replaced"))
    step.replaceKeys = m.keys;
  if (m.detailedDiff && Object.keys(m.detailedDiff).length > 0) {
    // For a refresh, old is the state and new the live object, as the test engine reports them.
    const oldProps = m.old?.inputs;
    const newProps = m.new?.inputs;
    const dd: Record<string, ReportedPropertyDiff> = {};
    for (const [path, d] of Object.entries(m.detailedDiff)) {
      const entry: ReportedPropertyDiff = { kind: d.diffKind as ReportedPropertyDiff["kind"] };
      const o = getPath(oldProps, path);
      const n = getPath(newProps, path);
      if (o !== undefined) entry.old = o;
      if (n !== undefined) entry.new = n;
      dd[path] = entry;
    }
    step.detailedDiff = dd;
    if (!step.diffs) step.diffs = [...new Set(Object.keys(dd).map((p) => p.split(/[.[]/)[0]!))];
  }
  return step;
}

/** A property path as the engine writes it (`a.b[0]["c.d"]`) applied to a value. */
export function getPath(v: unknown, path: string): unknown {
  const parts: (string | number)[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\]/g;
  for (let m = re.exec(path); m; m = re.exec(path))
    parts.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
  let cur: unknown = v;
  for (const p of parts) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}
