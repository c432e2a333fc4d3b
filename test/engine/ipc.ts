/** Messages between the engine and the program host (a child process with an IPC channel). */
import type { Props } from "./properties";

/** What the program host needs to know; passed in the PULUMI_TEST_ENGINE_PROGRAM env var. */
export interface HostSpec {
  program: string;
  project: string;
  stack: string;
  organization: string;
  dryRun: boolean;
  /** tsx's CommonJS hook, registered by the host for TypeScript programs (after the SDK is loaded). */
  tsx?: string;
}

/** The parts of a RegisterResourceRequest the engine acts on. */
export interface RegisterRequest {
  type: string;
  name: string;
  parent: string;
  custom: boolean;
  object: Props;
  protect?: boolean;
  dependencies: string[];
  provider: string;
  propertyDependencies: Record<string, string[]>;
  /** Undefined when the program did not set the option (the provider's answer then decides). */
  deleteBeforeReplace?: boolean;
  ignoreChanges: string[];
  replaceOnChanges: string[];
  additionalSecretOutputs: string[];
  retainOnDelete?: boolean;
  importId: string;
  deletedWith: string;
  version: string;
  aliasCount: number;
}

export type HostMessage =
  | { t: "register"; rid: number; req: RegisterRequest }
  | { t: "outputs"; urn: string; outputs: Props }
  | { t: "done"; ok: boolean; error?: string };

export type EngineMessage =
  | { t: "registered"; rid: number; ok: true; urn: string; id: string; object: Props }
  | { t: "registered"; rid: number; ok: false; error: string };
