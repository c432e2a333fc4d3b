/**
 * What every operation shares: stack config in its three shapes, the environment of the child
 * processes, the lazily started provider plugin, and the report being built.
 */
import { isAbsolute, join, resolve } from "node:path";
import { ProcessGroup } from "./processes";
import { ProviderClient } from "./provider-client";
import { collectSecretStrings, display, makeSecret, redactText, type Props, type Value } from "./properties";
import { DEFAULT_TEST_PASSPHRASE } from "./secrets";
import type { ConfigValue, EngineOptions, OperationResult, RpcLogEntry, StepResult, Summary } from "./types";

export interface StackConfig {
  /** Namespaced keys, secrets as secret envelopes: what Configure receives. */
  props: Props;
  /** Namespaced keys, plaintext strings: PULUMI_CONFIG of the program. */
  plain: Record<string, string>;
  secretKeys: string[];
}

export function normalizeConfig(project: string, config: Record<string, ConfigValue> = {}): StackConfig {
  const props: Props = {};
  const plain: Record<string, string> = {};
  const secretKeys: string[] = [];
  for (const [rawKey, v] of Object.entries(config)) {
    const key = rawKey.includes(":") ? rawKey : `${project}:${rawKey}`;
    const isSecretValue =
      typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1 && "secret" in v;
    const raw = isSecretValue ? (v as { secret: unknown }).secret : v;
    const text = typeof raw === "string" ? raw : JSON.stringify(raw);
    plain[key] = text;
    props[key] = isSecretValue ? makeSecret(text) : text;
    if (isSecretValue) secretKeys.push(key);
  }
  return { props, plain, secretKeys };
}

export class Report {
  readonly steps: StepResult[] = [];
  readonly errors: string[] = [];
  readonly logs: string[] = [];
  readonly rpcLog: RpcLogEntry[] = [];
  readonly secrets = new Set<string>();
  private readonly started = Date.now();

  noteSecrets(v: Value | Props | undefined): void {
    collectSecretStrings(v as Value, this.secrets);
  }

  step(s: StepResult): void {
    this.steps.push(s);
  }

  error(message: string): void {
    this.errors.push(message);
  }

  finish(operation: OperationResult["operation"], dryRun: boolean, outputs: Props): OperationResult {
    const mask = (t: string) => redactText(t, this.secrets);
    const summary: Summary = { create: 0, update: 0, same: 0, delete: 0, replace: 0 };
    for (const s of this.steps) if (s.op in summary && !s.error) summary[s.op as keyof Summary]++;
    const steps = this.steps;
    const errors = this.errors.map(mask);
    return {
      operation,
      dryRun,
      ok: errors.length === 0,
      steps: maskDeep(steps, mask) as StepResult[],
      summary,
      errors,
      outputs: maskDeep(display(outputs) ?? {}, mask) as Record<string, unknown>,
      rpcLog: this.rpcLog,
      logs: this.logs.map(mask),
      durationMs: Date.now() - this.started,
    };
  }
}

/** Masks secret plaintext wherever it appears inside a report value (e.g. echoed in a provider error). */
function maskDeep(v: unknown, mask: (t: string) => string): unknown {
  if (typeof v === "string") return mask(v);
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, mask));
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDeep(x, mask)]));
  return v;
}

export interface ResolvedOptions {
  dir: string;
  program: string;
  project: string;
  stack: string;
  organization: string;
  parallel: number;
  statePath: string;
  passphrase: string;
  rpcTimeoutMs: number;
  env: Record<string, string>;
  config: StackConfig;
  onProcess?: EngineOptions["onProcess"];
}

export function resolveOptions(o: EngineOptions): ResolvedOptions {
  const dir = resolve(o.dir);
  const project = o.project ?? "site";
  const stack = o.stack ?? "dev";
  const env = { ...(o.env ?? {}) };
  return {
    dir,
    program: isAbsolute(o.program) ? o.program : resolve(dir, o.program),
    project,
    stack,
    organization: "organization",
    parallel: o.parallel ?? 16,
    statePath: o.statePath ?? join(dir, ".pulumi-test", `${stack}.json`),
    passphrase: env.PULUMI_CONFIG_PASSPHRASE ?? process.env.PULUMI_CONFIG_PASSPHRASE ?? DEFAULT_TEST_PASSPHRASE,
    rpcTimeoutMs: o.rpcTimeoutMs ?? 120_000,
    env,
    config: normalizeConfig(project, o.config),
    onProcess: o.onProcess,
  };
}

/** One operation: its child processes, its plugin (started on first use) and its report. */
export class Operation {
  readonly report = new Report();
  readonly processes: ProcessGroup;
  private provider?: Promise<ProviderClient>;

  constructor(readonly opts: ResolvedOptions) {
    for (const v of Object.values(opts.config.props)) this.report.noteSecrets(v);
    this.processes = new ProcessGroup((source, line) => this.report.logs.push(`[${source}] ${line}`), opts.onProcess);
  }

  baseEnv(): NodeJS.ProcessEnv {
    return { ...process.env, ...this.opts.env };
  }

  /**
   * One plugin process per operation, configured once with the whole stack config, and with the
   * environment the CLI gives the pulumi-nodejs plugin (PULUMI_NODEJS_PROJECT, PULUMI_PROJECT, PULUMI_CONFIG).
   */
  providerClient(): Promise<ProviderClient> {
    this.provider ??= (async () => {
      const { project, config } = this.opts;
      const pkgConfig: Record<string, string> = {};
      for (const [k, v] of Object.entries(config.plain))
        if (k.startsWith("pulumi-nodejs:")) pkgConfig[k.slice("pulumi-nodejs:".length)] = v;
      const env = {
        ...this.baseEnv(),
        PULUMI_NODEJS_PROJECT: project,
        PULUMI_PROJECT: project,
        PULUMI_CONFIG: JSON.stringify(pkgConfig),
      };
      const { port } = await this.processes.startPlugin(this.opts.dir, env);
      const client = new ProviderClient(port, this.report.rpcLog, this.opts.rpcTimeoutMs);
      const variables: Record<string, string> = {};
      for (const [k, v] of Object.entries(config.plain)) variables[`pulumi-nodejs:config:${k}`] = v;
      await client.configure(config.props, variables);
      return client;
    })();
    return this.provider;
  }

  async close(): Promise<void> {
    if (this.provider) {
      try {
        (await this.provider).close();
      } catch {
        // the plugin never started; nothing to close
      }
    }
    await this.processes.killAll(); // every child is gone (and reaped) when the operation resolves
  }
}
