/** Public option and result types of the test engine, and its in-memory resource state. */
import type { ReportedPropertyDiff } from "./diff";
import type { Props } from "./properties";

/** A stack config value: plain (strings as is, anything else JSON-encoded as `pulumi config set --path` does) or secret. */
export type ConfigValue = string | number | boolean | object | { secret: string };

export interface EngineOptions {
  /** Pulumi project folder: cwd of the program and of the provider plugin. */
  dir: string;
  /** Program file (.ts through tsx, or .js), CommonJS. Relative paths resolve from `dir`. */
  program: string;
  project?: string;
  stack?: string;
  /** Stack config with namespaced keys (`kentix:hq.token`); keys without a namespace get `<project>:`. */
  config?: Record<string, ConfigValue>;
  /** Extra environment for the program and plugin processes. */
  env?: Record<string, string>;
  /** Resource operations in flight at once (`pulumi up --parallel`). Default 16. */
  parallel?: number;
  /** Default `<dir>/.pulumi-test/<stack>.json`. */
  statePath?: string;
  /** Deadline of a single provider RPC. Default 120 s. */
  rpcTimeoutMs?: number;
  /** Called with the pid of each child process as it starts (e.g. to sample the plugin's memory). */
  onProcess?: (kind: "plugin" | "program", pid: number) => void;
}

export type StepOp = "create" | "update" | "same" | "delete" | "replace" | "create-replacement" | "delete-replaced";

export interface StepResult {
  op: StepOp;
  urn: string;
  type: string;
  name: string;
  /** Changed top-level input names (see README: engine diff, or the display diff when the provider decided). */
  diffs?: string[];
  replaceKeys?: string[];
  detailedDiff?: Record<string, ReportedPropertyDiff>;
  /** The provider's own Diff answer, when Diff was called. */
  providerDiff?: "none" | "some" | "unknown";
  deleteBeforeReplace?: boolean;
  /** Physical id after the step (the deleted id for deletes); absent for planned creates. */
  id?: string;
  error?: string;
}

export interface Summary {
  create: number;
  update: number;
  same: number;
  delete: number;
  replace: number;
}

export interface RpcLogEntry {
  method: "Configure" | "Check" | "Diff" | "Create" | "Read" | "Update" | "Delete";
  urn: string;
}

export interface OperationResult {
  operation: "preview" | "up" | "refresh" | "destroy";
  /** True for preview and `refresh({previewOnly: true})`: nothing was changed or written. */
  dryRun: boolean;
  ok: boolean;
  /** Steps in the order they completed (planned order for dry runs). */
  steps: StepResult[];
  /** Counts of logical steps per op, as in the CLI's change summary. */
  summary: Summary;
  errors: string[];
  /** Stack outputs; secrets "[secret]", preview unknowns "[unknown]". */
  outputs: Record<string, unknown>;
  rpcLog: RpcLogEntry[];
  /** stderr/stdout lines of the program and the plugin, secrets masked. */
  logs: string[];
  durationMs: number;
}

/** One resource in memory: values in wire form with secrets as plaintext envelopes. */
export interface ResourceState {
  urn: string;
  type: string;
  custom: boolean;
  id?: string;
  inputs: Props;
  outputs: Props;
  parent?: string;
  provider?: string;
  dependencies: string[];
  propertyDependencies: Record<string, string[]>;
  additionalSecretOutputs?: string[];
  initErrors?: string[];
  /** Pending deletion: replaced (create-before-delete) or left over by a failed delete. */
  delete?: boolean;
  protect?: boolean;
  retainOnDelete?: boolean;
  deletedWith?: string;
  ignoreChanges?: string[];
  replaceOnChanges?: string[];
  created?: string;
  modified?: string;
}
