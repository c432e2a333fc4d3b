/**
 * The site file's JSON Schema, generated from the kinds' zod schemas (`z.toJSONSchema`, input side), so that
 * editors complete and check a site file as they type. Committed as schema/site.schema.json (`npm run schema`;
 * test/cli/site-schema.test.ts keeps it up to date). `facility validate` does not use it: it runs the kinds'
 * own `check`, which knows the rules a JSON Schema cannot say (conditional groups, cross-field rules).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { z } from "zod";
import { connectionSchema } from "../core/connection";
import { metaOf, refTarget } from "../core/resource/schema";
import { objectKeys, vendorKinds } from "./format";

type Json = Record<string, unknown>;

const LOOKUP: Json = {
  type: "object",
  description: "A value from the stack config (`pulumi config set [--secret] KEY VALUE`), never the secret itself.",
  properties: {
    config: { type: "string", pattern: "^[A-Za-z][\\w.:-]*$", description: "The config key" },
    optional: { type: "boolean", description: "Leave the setting unset when the key is not set" },
  },
  required: ["config"],
  additionalProperties: false,
};
const lookupRef = { $ref: "#/$defs/lookup" };

const reference = (target: string): Json => ({
  anyOf: [
    { type: "string", minLength: 1, description: `The name of a ${target} in this file` },
    {
      type: "object",
      description: `The id of a ${target} this file does not declare`,
      properties: {
        id: {
          anyOf: [
            { type: "string", pattern: "^\\d+$" },
            { type: "integer", minimum: 0 },
          ],
        },
      },
      required: ["id"],
      additionalProperties: false,
    },
  ],
});

/** One zod schema as JSON Schema: references by name, descriptions from the field metadata. */
function toJson(schema: z.ZodType): Json {
  const json = z.toJSONSchema(schema, {
    io: "input",
    unrepresentable: "any",
    override: (ctx) => {
      const node = ctx.zodSchema as unknown as z.ZodType;
      const target = refTarget(node);
      const description = metaOf(node).description;
      if (target) {
        for (const k of Object.keys(ctx.jsonSchema)) delete (ctx.jsonSchema as Json)[k];
        Object.assign(ctx.jsonSchema, reference(target));
      }
      if (description) (ctx.jsonSchema as Json).description = description;
    },
  }) as Json;
  delete json.$schema;
  return json;
}

/** Every top-level setting may come from config; a secret only from config. */
function withLookups(object: Json, secret: (key: string) => boolean): Json {
  const properties = object.properties as Record<string, Json>;
  for (const [k, p] of Object.entries(properties)) {
    const description = p.description;
    properties[k] = secret(k)
      ? { ...lookupRef, description: `${description ?? ""} Secret: only the config key it comes from.`.trim() }
      : { anyOf: [p, lookupRef], ...(description ? { description } : {}) };
  }
  return object;
}

export function siteJsonSchema(): Json {
  const defs: Record<string, Json> = { lookup: LOOKUP };
  const connection = withLookups(toJson(connectionSchema), () => false);
  connection.required = [];
  connection.description =
    "Where the appliance is and how to trust it; a setting left out comes from the stack config (<vendor>:url, <vendor>:profile, ...). Never a credential.";
  defs.connection = connection;
  const vendorProps: Record<string, Json> = {};
  for (const [vendor, kinds] of [...vendorKinds()].sort(([a], [b]) => a.localeCompare(b))) {
    const properties: Record<string, Json> = { connection: { $ref: "#/$defs/connection" } };
    for (const [name, model] of [...kinds].sort(([a], [b]) => a.localeCompare(b))) {
      const object = toJson(model.schema);
      const props = object.properties as Record<string, Json>;
      object.properties = Object.fromEntries(objectKeys(model).flatMap((k) => (props[k] ? [[k, props[k]]] : [])));
      object.required = ((object.required as string[] | undefined) ?? []).filter((k) => k !== "connection");
      object.description = model.description;
      defs[`${vendor}.${name}`] = withLookups(object, (k) => model.secretKeys.includes(k));
      properties[name] = {
        type: "object",
        description: `${vendor}:${name} objects by name (the name is the Pulumi resource name and what references use)`,
        additionalProperties: { $ref: `#/$defs/${vendor}.${name}` },
      };
    }
    vendorProps[vendor] = {
      type: "object",
      description: `The ${vendor} appliance of this site: its connection and its objects, one mapping per kind`,
      properties,
      additionalProperties: false,
    };
  }
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    $id: "https://github.com/pulumi-facility/pulumi-facility/schema/site.schema.json",
    title: "pulumi-facility site file",
    description: "One site as data: per vendor, its connection and its objects by name (docs/sites.md).",
    type: "object",
    properties: {
      $schema: { type: "string" },
      description: { type: "string", description: "What this site is (free text)" },
      ...vendorProps,
    },
    additionalProperties: false,
    $defs: defs,
  };
}

export const SCHEMA_FILE = "schema/site.schema.json";
export const schemaText = () => `${JSON.stringify(siteJsonSchema(), null, 2)}\n`;

// `npm run schema`: writes schema/site.schema.json at the package root.
if (require.main === module) {
  const file = path.resolve(__dirname, "../..", SCHEMA_FILE);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, schemaText());
  console.log(`wrote ${SCHEMA_FILE}`);
}
