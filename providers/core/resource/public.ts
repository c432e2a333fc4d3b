/**
 * The types the package's entry points declare, free of zod and of every dependency but @pulumi/pulumi.
 * zod's own declaration files need `esModuleInterop`, which a `pulumi new typescript` project does not set:
 * with `skipLibCheck: false` a program would fail inside zod as soon as a shipped declaration imported it.
 * So `defineResource` types each resource class with its Args and outputs computed from the zod schema but
 * emitted as resolved (anonymous) types, and the connection settings are a plain interface that define.ts
 * checks to be exactly the connection schema's input. test/cli-e2e/package.test.ts guards both.
 */
import type * as pulumi from "@pulumi/pulumi";

/**
 * Every nested value may be an Output (e.g. `webhookId: soc.id` inside an array of objects). A union is one
 * Input (`Input<boolean | undefined>`), so an `Output<boolean>` fits a boolean setting.
 */
export type DeepInput<T> = pulumi.Input<Inputs<T>>;
type Inputs<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer E)[]
    ? DeepInput<E>[]
    : { [K in keyof T]: DeepInput<T[K]> };

/**
 * What `pulumi destroy` does to the object: `delete` it, `retain` it (leave it as it is), `restore` the
 * values it had before Pulumi managed it (captured at create), or `disable` it (write the spec's settings).
 */
export type DeletePolicy = "retain" | "restore" | "delete" | "disable";

/**
 * Addressing and TLS trust for one appliance (`<vendor>.connection({...})`). Never a credential: those come
 * from stack config or the environment by `profile`, so they never land in state and rotating one causes no diff.
 * The schema (`connectionShape`, core/connection.ts) holds the constraints; define.ts checks this is its input type.
 */
export interface ConnectionSettings {
  /** The appliance's base URL, e.g. `https://10.20.0.5` (http or https; no credentials, query or fragment). */
  url: string;
  /** Which credentials to use: `<vendor>:<profile>.<key>` in stack config, `<VENDOR>_<PROFILE>_<KEY>` in the environment. */
  profile?: string | undefined;
  /** PEM certificate (chain) to trust for the appliance's TLS certificate. */
  caCertPem?: string | undefined;
  /** SHA-256 fingerprint of the appliance's certificate to pin, e.g. `sha256:AB:CD:...`. */
  certFingerprint?: string | undefined;
  /** Turn TLS verification off (warned about; prefer caCertPem or certFingerprint). */
  insecure?: boolean | undefined;
  /** Per-request timeout in milliseconds. */
  timeoutMs?: number | undefined;
  /** Requests in flight to this appliance at once. */
  maxConcurrency?: number | undefined;
  /** Retries of throttled, unavailable and lost requests. */
  retry?:
    | {
        maxRetries?: number | undefined;
        baseDelayMs?: number | undefined;
        maxDelayMs?: number | undefined;
      }
    | undefined;
}

/** `<vendor>.connection({...})`: the connection settings, checked in the program, shared by the vendor's resources. */
export type ConnectionHelper = (args: DeepInput<ConnectionSettings> & object) => DeepInput<ConnectionSettings>;

/**
 * A resource class: `new <vendor>.<Kind>(name, args, opts)`. The instance has an Output for each field the program
 * set (a key its args object requires, even when its value may be undefined) and for each value the appliance
 * computes (`Computed`, e.g. ids): only those are registered with the engine, so reading a field the program did not
 * set is a type error rather than an Output that never carries a value (docs/architecture.md, "What a resource
 * registers"). A key the args do not declare is refused (`NoExtra`), as a misspelt field in an object literal is.
 */
export interface ResourceType<Args, Outputs, Computed = unknown> {
  new <A extends Args>(
    name: string,
    args: A & NoExtra<A, Args>,
    opts?: pulumi.CustomResourceOptions,
  ): pulumi.dynamic.Resource & SetOutputs<Outputs, A> & Computed;
  /** `<vendor>:<Name>`, stored in every state. */
  readonly kind: string;
}

/** The outputs of the fields that args of type `A` always carry (optional keys of `A` may be absent at run time). */
export type SetOutputs<Outputs, A> = Pick<Outputs, RequiredKeys<A> & keyof Outputs>;
type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];
type NoExtra<A, Args> = { [K in Exclude<keyof A, keyof Args>]: never };
