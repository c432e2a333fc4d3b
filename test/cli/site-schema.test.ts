import * as fs from "node:fs";
import * as path from "node:path";
import Ajv2020 from "ajv/dist/2020";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, schemaText } from "../../providers/site/schema";

const root = path.resolve(__dirname, "../..");

describe("schema/site.schema.json", () => {
  it("is generated from the kinds' zod schemas and up to date (npm run schema)", () => {
    const committed = JSON.parse(fs.readFileSync(path.join(root, SCHEMA_FILE), "utf8"));
    const same = JSON.stringify(committed) === JSON.stringify(JSON.parse(schemaText()));
    expect(same, `${SCHEMA_FILE} is out of date: run npm run schema`).toBe(true);
  });

  it("accepts the example site files and refuses a secret written as a value", () => {
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(JSON.parse(schemaText()));
    const dir = path.join(root, "examples/sites/sites");
    for (const file of fs.readdirSync(dir)) {
      const ok = validate(parse(fs.readFileSync(path.join(dir, file), "utf8")));
      expect({ file, errors: validate.errors ?? null, ok }).toMatchObject({ ok: true });
    }
    const secret = { kentix: { Webhook: { soc: { name: "SOC", url: "https://x.example", bearerToken: "s3cret" } } } };
    expect(validate(secret)).toBe(false);
  });
});
