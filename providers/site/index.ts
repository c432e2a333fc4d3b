/**
 * The site program: one Pulumi program for every site, each site a file of data and a stack of its own.
 *
 *   // index.ts of the project
 *   import { site } from "pulumi-facility/site";
 *   export = site(); // sites/<stack>.yaml, or the `site` config value, or FACILITY_SITE
 *
 * The file is checked first, as `facility validate` checks it (the kinds' own `check`, names, references,
 * lookups): a site file with a mistake declares nothing and fails with `file:line:col path: message` lines.
 * Then every object is declared in reference order, a reference by name being the referred object's `id`.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { connectionShape } from "../core/connection";
import { ConfigError } from "../core/errors";
import { typeName } from "../core/resource/schema";
import * as vendors from "../index";
import { loadSite, locatedText } from "./file";
import { isLookup, mapRefs, type Props, refValue, type Site, type SiteObject } from "./format";

// The public surface is the program and its resources only: its declarations name no zod type, so a strict
// `pulumi new typescript` project (skipLibCheck: false) type-checks against it (see docs/architecture.md).

/** The declared resources: `resources.kentix.AlarmGroup.building`. */
export type SiteResources = Record<string, Record<string, Record<string, pulumi.CustomResource>>>;

type ResourceCtor = new (name: string, args: Props, opts?: pulumi.CustomResourceOptions) => pulumi.CustomResource;
type VendorModule = Record<string, unknown> & { connection: (args: Props) => Props };

/** The site file of this stack: the argument, else FACILITY_SITE, else the `site` config value, else sites/<stack>.yaml. */
export function siteFile(file?: string): string {
  return (
    file ??
    process.env.FACILITY_SITE ??
    new pulumi.Config().get("site") ??
    path.join("sites", `${pulumi.getStack()}.yaml`)
  );
}

/** Declares every object of the site file; resolves to the declared resources. */
export async function siteResources(file?: string): Promise<SiteResources> {
  const where = siteFile(file);
  const { site, issues } = await loadSite(where);
  if (issues.length)
    throw new ConfigError(`site file ${where} has ${issues.length} problem(s):\n${issues.map(locatedText).join("\n")}`);
  return declareSite(site);
}

/** The program: declares the stack's site (see `siteFile`); `export = site()` so that Pulumi waits for it. */
export async function site(file?: string): Promise<Record<string, never>> {
  await siteResources(file);
  return {};
}

/** A stack config value typed after its schema (strings as they are, anything else as JSON), secret or not. */
function configValue(config: pulumi.Config, key: string, schema: z.ZodType, secret: boolean, optional: boolean) {
  const text = ["string", "ref", "instant", "enum"].includes(typeName(schema));
  if (secret)
    return optional
      ? text
        ? config.getSecret(key)
        : config.getSecretObject(key)
      : text
        ? config.requireSecret(key)
        : config.requireSecretObject(key);
  return optional
    ? text
      ? config.get(key)
      : config.getObject(key)
    : text
      ? config.require(key)
      : config.requireObject(key);
}

/** Declares a checked site: connections (file, else stack config `<vendor>:<setting>`), then objects in order. */
function declareSite(site: Site): SiteResources {
  const config = new pulumi.Config();
  const resources: SiteResources = {};
  const connections = new Map<string, Props>();
  for (const { vendor, connection } of site.vendors) {
    const own = new pulumi.Config(vendor);
    const args: Props = {};
    for (const [k, schema] of Object.entries(connectionShape) as [string, z.ZodType][]) {
      const v = connection[k];
      const value =
        v === undefined
          ? configValue(own, k, schema, false, true)
          : isLookup(v)
            ? configValue(config, v.config, schema, false, !!v.optional)
            : v;
      if (value !== undefined) args[k] = value;
    }
    if (args.url === undefined)
      throw new ConfigError(
        `${vendor}: no url for the site's appliance: give connection.url in the site file, or set it in the stack (pulumi config set ${vendor}:url https://...)`,
      );
    connections.set(vendor, (vendors as unknown as Record<string, VendorModule>)[vendor]!.connection(args));
  }
  const idOf = (o: SiteObject, kind: string, name: string) => resources[o.vendor]![kind]![name]!.id;
  for (const o of site.objects) {
    const { model } = o;
    const args: Props = { connection: connections.get(o.vendor) };
    for (const [k, v] of Object.entries(o.values)) {
      const schema = model.shape[k]!;
      if (isLookup(v)) {
        const value = configValue(config, v.config, schema, model.secretKeys.includes(k), !!v.optional);
        if (value !== undefined) args[k] = value;
      } else
        args[k] = mapRefs(v, schema, [], (target, value) => {
          const ref = refValue(value)!;
          return "id" in ref ? ref.id : idOf(o, target, ref.name);
        });
    }
    const Kind = (vendors as unknown as Record<string, VendorModule>)[o.vendor]![model.name] as ResourceCtor;
    resources[o.vendor] ??= {};
    resources[o.vendor]![model.name] ??= {};
    resources[o.vendor]![model.name]![o.name] = new Kind(o.name, args);
  }
  return resources;
}
