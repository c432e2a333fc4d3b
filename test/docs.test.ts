import * as fs from "node:fs";
import { describe, expect, it } from "vitest";
import { render } from "../scripts/gen-docs";

describe("generated reference docs", () => {
  it.each([...render()])("%s is up to date (run `npm run docs`)", (file, content) => {
    expect(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "(missing)").toBe(content);
  });
});
