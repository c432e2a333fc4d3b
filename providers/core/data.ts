import * as pulumi from "@pulumi/pulumi";
import { type ConnectionArgs, connectionSchema, openSession, type Vendor, type VendorSession } from "./connection";
import { hasStackConfig, setStackConfig } from "./credentials";
import { ConfigError } from "./errors";
import { pathText } from "./resource/check";

/**
 * Data functions: read-only lookups a program awaits (lists the API offers but nothing manages). They run in
 * the program process, so credentials come from the program's stack config (or the environment) by profile,
 * exactly as the provider resolves them; the connection is checked first, and nothing is kept in state.
 */
export function dataSession(vendor: Vendor, args: ConnectionArgs): VendorSession {
  const parsed = connectionSchema.safeParse(args);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (i) => `connection${i.path.length ? `.${pathText(i.path)}` : ""}: ${i.message}`,
    );
    throw new ConfigError(`${vendor.name}: ${issues.join("; ")}`);
  }
  if (!hasStackConfig()) setStackConfig({ get: (key) => pulumi.runtime.getConfig(key) });
  return openSession(vendor, parsed.data);
}
