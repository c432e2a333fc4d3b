import type * as pulumi from "@pulumi/pulumi";

// The plugin calls these as methods of the shim (`provider.check(...)`), so `this` is the shim and
// carries the kind and contract version. They capture nothing and stay one line each: every byte here
// is stored twice in every resource's state, and the serializer wraps each function in ~185 bytes.
// `configure(request)`, `check(olds, news)` and `create(inputs)` share one function, which keeps every
// `__provider` ~200 bytes under the 2 KB budget: the runtime tells them apart (only the engine's configure
// request carries a `config` with a `get` method; the plugin calls check with two arguments, create with one).
function enter(this: Shim) { return require("pulumi-facility/runtime").run(this, "enter", arguments); }
const methods = {
  configure: enter,
  check: enter,
  diff() { return require("pulumi-facility/runtime").run(this, "diff", arguments); },
  create: enter,
  read() { return require("pulumi-facility/runtime").run(this, "read", arguments); },
  update() { return require("pulumi-facility/runtime").run(this, "update", arguments); },
  delete() { return require("pulumi-facility/runtime").run(this, "delete", arguments); },
};
interface Shim { kind: string; v: number }

const shims = new Map<string, pulumi.dynamic.ResourceProvider>();

/**
 * The object Pulumi serializes into every resource's state (`__provider`, twice): the kind, the
 * contract version and seven methods (five one-line functions) that load the installed runtime when called. State stays
 * small, holds no code or secret, and refresh/destroy run the installed version. The specifier
 * "pulumi-facility/runtime", the method bodies and contract version 1 are a promise to every stack
 * ever deployed: never rename them. One object per kind, so the SDK's serialization cache is hit.
 */
export function shim(kind: string): pulumi.dynamic.ResourceProvider {
  let provider = shims.get(kind);
  if (!provider) {
    provider = { kind, v: 1, ...methods } as unknown as pulumi.dynamic.ResourceProvider;
    shims.set(kind, provider);
  }
  return provider;
}
