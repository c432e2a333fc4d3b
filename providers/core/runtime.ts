/**
 * The stable runtime entry (`pulumi-facility/runtime`) that serialized shims require inside the
 * Pulumi plugin process. Its exports and their signatures are a compatibility promise to every
 * deployed stack.
 */
import * as path from "node:path";
import { setStackConfig, type ConfigSource } from "./credentials";
import { ConfigError, ProviderBugError } from "./errors";
import { redact } from "./redact";
import { lifecycles } from "./resource/registry";

export const CONTRACT_VERSION = 1;
const OPS = new Set(["check", "diff", "create", "read", "update", "delete"]);

export async function configure(req: { config: ConfigSource }): Promise<void> {
  setStackConfig(req.config);
}

/**
 * Called by the serialized shim with itself as `shim`: `{kind, v}` plus the operation and its arguments.
 * "enter" is the one function behind configure, check and create (see shim.ts).
 */
export function run(shim: { kind: string; v: number }, op: string, args: ArrayLike<unknown>): Promise<unknown> {
  if (op === "enter") {
    const first = args[0] as { config?: { get?: unknown } } | undefined;
    if (typeof first?.config?.get === "function") return configure(first as { config: ConfigSource });
    op = args.length >= 2 ? "check" : "create"; // the plugin calls check(olds, news) and create(inputs)
  }
  return dispatch(shim.kind, shim.v, op, ...Array.from(args));
}

export async function dispatch(kind: string, version: number, op: string, ...args: unknown[]): Promise<unknown> {
  if (version > CONTRACT_VERSION) {
    throw new ConfigError(
      `this state was written by a newer pulumi-facility (contract ${version}); install that version or newer`,
    );
  }
  if (!OPS.has(op)) throw new ProviderBugError(`unknown operation ${op}`);
  const lifecycle = lifecycleOf(kind);
  try {
    return await (lifecycle[op as "check"] as (...a: unknown[]) => Promise<unknown>).apply(lifecycle, args);
  } catch (err) {
    throw sanitize(err);
  }
}

/** `AlarmZone` -> `alarm-zone`: the file a vendor folder defines a kind in, by its naming. */
const fileOf = (name: string) => name.replace(/(?<=[a-z0-9])([A-Z])/g, "-$1").toLowerCase();

/**
 * The lifecycle of a kind, loading the vendor module that defines it (`acme:Zone` -> ../acme); the core names no vendor.
 * The kind's own file (`../acme/zone`) is tried first: a plugin process then builds the schemas of the kinds its
 * stack uses rather than all of its vendor's (a vendor module of forty kinds loads in about 95 ms, one kind's file in about 30).
 * A kind defined in a file of another name is found through the vendor's index.
 */
export function lifecycleOf(kind: string) {
  const known = lifecycles.get(kind);
  if (known) return known;
  const [vendor = "", name = ""] = kind.split(":");
  if (!/^[a-z][a-z0-9-]*$/.test(vendor)) throw new ProviderBugError(`invalid resource kind "${kind}"`);
  const folder = path.join(__dirname, "..", vendor);
  const files = /^[A-Z][A-Za-z0-9]*$/.test(name) ? [path.join(folder, fileOf(name)), folder] : [folder];
  for (const file of files) {
    try {
      if (file !== folder && !exists(file)) continue;
      require(file);
    } catch (err) {
      throw new ConfigError(`resource kind "${kind}" is not provided by this pulumi-facility version`, { cause: err });
    }
    const lifecycle = lifecycles.get(kind);
    if (lifecycle) return lifecycle;
  }
  throw new ConfigError(`resource kind "${kind}" is not provided by this pulumi-facility version`);
}

const exists = (file: string) => {
  try {
    require.resolve(file);
    return true;
  } catch {
    return false;
  }
};

/** Errors cross into the engine's logs: redact every message, keep the partial-create fields. */
function sanitize(err: unknown): Error {
  if (err instanceof Error) {
    err.message = redact(err.message);
    if (err.stack) err.stack = redact(err.stack);
    return err;
  }
  return new Error(redact(String(err)));
}
