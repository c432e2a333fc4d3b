import * as pulumi from "@pulumi/pulumi";
import {
  type Connection,
  type ConnectionArgs,
  connectionSchema,
  openSession,
  type Vendor,
  type VendorSession,
} from "./connection";
import { hasStackConfig, setStackConfig } from "./credentials";
import { ConfigError, ConflictError } from "./errors";
import { pathText } from "./resource/check";
import { models } from "./resource/registry";
import { listLive } from "./resource/views";

/**
 * Data functions: read-only lookups a program awaits (lists the API offers but nothing manages). They run in
 * the program process, so credentials come from the program's stack config (or the environment) by profile,
 * exactly as the provider resolves them; the connection is checked first, and nothing is kept in state.
 */
export function dataSession(vendor: Vendor, args: ConnectionArgs): VendorSession {
  return openSession(vendor, dataConnection(vendor, args));
}

/** The connection of a data function, checked, with the program's stack config as the credentials' source. */
function dataConnection(vendor: Vendor, args: ConnectionArgs): Connection {
  const parsed = connectionSchema.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (i) => `connection${i.path.length ? `.${pathText(i.path)}` : ""}: ${i.message}`,
    );
    throw new ConfigError(`${vendor.name}: ${issues.join("; ")}`);
  }
  if (!hasStackConfig()) setStackConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  return parsed.data;
}

/**
 * The id of the one live object of a kind whose name is `name` (its `name` field, or its natural key's text where
 * it has no name), from the kind's own listing: a read-only lookup for any kind with a listing, so a vendor needs
 * no function per kind (`acme.lookup("Sensor", site, "Server room")`). Fails naming the ids when several
 * objects have the name, and when none has it or the kind has no listing.
 */
export async function lookupByName(vendor: Vendor, kind: string, args: ConnectionArgs, name: string): Promise<string> {
  const model = models.get(`${vendor.name}:${kind}`);
  const listed = (m: { vendor: Vendor; spec: { routes: { list?: string } } }) =>
    m.vendor.name === vendor.name && !!m.spec.routes.list;
  if (!model || !listed(model)) {
    const kinds = [...models.values()].filter(listed).map((m) => m.name);
    const why = model ? "has no listing to look a name up in" : "is not a kind of this package";
    throw new ConfigError(`${vendor.name}: ${JSON.stringify(kind)} ${why}; kinds with a listing: ${kinds.join(", ")}`);
  }
  const ids = (await listLive(model, dataConnection(vendor, args))).filter((o) => o.label === name).map((o) => o.id);
  if (ids.length !== 1) {
    const why = ids.length ? `several have it (ids ${ids.join(", ")})` : "none has it";
    throw new ConflictError(`${vendor.name}: ${kind} named ${JSON.stringify(name)}: ${why}`);
  }
  return ids[0]!;
}
