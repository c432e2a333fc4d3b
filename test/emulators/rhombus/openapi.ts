/**
 * Rhombus's own OpenAPI 3.0 document, cut to the Kisi operations (kisi-openapi.json, a copy of
 * ../shared/specs/rhombus-kisi-openapi.json): the emulator's routes and the JSON-schema validation of
 * request bodies both come from it, so neither the emulator nor the client can drift from Rhombus's contract.
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";

type Json = Record<string, unknown>;

export const OPENAPI = JSON.parse(readFileSync(path.join(__dirname, "kisi-openapi.json"), "utf8")) as {
  paths: Record<string, Record<string, Json>>;
  components: { schemas: Record<string, Json>; parameters: Record<string, Json> };
};

export interface Operation {
  path: string;
  method: string;
  operationId: string;
  deprecated: boolean;
  request: string;
  response: string;
}

const refName = (ref: unknown) => String(ref).replace("#/components/schemas/", "");

/** Every operation of the document: method, path, request and response schema names. */
export const OPERATIONS: Operation[] = Object.entries(OPENAPI.paths).flatMap(([p, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    path: p,
    method: method.toUpperCase(),
    operationId: String(op.operationId),
    deprecated: op.deprecated === true,
    request: refName(
      (op.requestBody as Json)?.content &&
        (op.requestBody as { content: Record<string, { schema: { $ref: string } }> }).content["application/json"]!
          .schema.$ref,
    ),
    response: refName(
      (op.responses as Record<string, { content: Record<string, { schema: { $ref: string } }> }>)["200"]!.content[
        "application/json"
      ]!.schema.$ref,
    ),
  })),
);

/** The `x-auth-scheme` header parameter every operation references. */
export const AUTH_SCHEME_PARAM = OPENAPI.components.parameters.XAuthSchemeParam as { name: string; schema: Json };

/**
 * The document as JSON Schema: empty `allOf: []` lists (three integration types carry them, which JSON
 * Schema forbids) are dropped. `close`: object schemas with properties and no additionalProperties become
 * closed, so an unknown key is an error.
 */
function prepare(schema: unknown, close: boolean): unknown {
  if (Array.isArray(schema)) return schema.map((s) => prepare(s, close));
  if (!schema || typeof schema !== "object") return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k === "allOf" && Array.isArray(v) && v.length === 0) continue;
    out[k] =
      k === "properties"
        ? Object.fromEntries(Object.entries(v as Json).map(([pk, pv]) => [pk, prepare(pv, close)]))
        : prepare(v, close);
  }
  if (close && "properties" in out && !("additionalProperties" in out) && !("allOf" in out) && !("oneOf" in out))
    out.additionalProperties = false;
  return out;
}

/**
 * A validator of the document's schemas (Ajv, with the OpenAPI `nullable` keyword and the document's
 * formats). `strict`: objects are closed, so a misspelt or invented property fails too (Rhombus would
 * silently drop it and answer 200).
 */
export function schemaValidator(options: { strict: boolean }): (schemaName: string, value: unknown) => string[] {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajv.addFormat("RUUID", /^[A-Za-z0-9_-]{22}$/);
  ajv.addFormat("int32", {
    type: "number",
    validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31,
  });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isSafeInteger(n) });
  for (const f of ["double", "float"])
    ajv.addFormat(f, { type: "number", validate: (n: number) => Number.isFinite(n) });
  const text = JSON.stringify(prepare(OPENAPI.components.schemas, options.strict)).replaceAll(
    "#/components/schemas/",
    "rhombus#/definitions/",
  );
  ajv.addSchema({ $id: "rhombus", definitions: JSON.parse(text) as Json });
  const compiled = new Map<string, ValidateFunction>();
  return (schemaName, value) => {
    let validate = compiled.get(schemaName);
    if (!validate) compiled.set(schemaName, (validate = ajv.compile({ $ref: `rhombus#/definitions/${schemaName}` })));
    return validate(value)
      ? []
      : (validate.errors ?? []).map(
          (e) =>
            `${e.instancePath || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? ` (${String(e.params.additionalProperty)})` : ""}`,
        );
  };
}
