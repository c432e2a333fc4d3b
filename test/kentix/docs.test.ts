/**
 * docs/kentix.md names every Kentix kind and every SmartAPI operation: each registered kind has a row in the
 * entities table, and each of the 275 operations (the digest's numbers) is in exactly one row of "Every SmartAPI
 * operation", as a kind that is registered or with the reason it is not a resource.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import "../../providers/kentix";
import { models } from "../../providers/core/resource/registry";

const doc = fs.readFileSync(path.resolve(__dirname, "../../docs/kentix.md"), "utf8");
const section = (title: string) => doc.split(`\n## ${title}\n`)[1]!.split("\n## ")[0]!;
const kinds = [...models.keys()].filter((k) => k.startsWith("kentix:")).map((k) => k.split(":")[1]!);
/** The table rows of a section: their cells. */
const rows = (text: string) =>
  text
    .split("\n")
    .filter((l) => l.startsWith("| ") && !l.startsWith("| ---"))
    .slice(1)
    .map((l) => l.split(" | ").map((c) => c.replace(/^\| | \|$/g, "")));

describe("docs/kentix.md", () => {
  it("has a row for every registered Kentix kind in the entities table", () => {
    const statuses = rows(section("Entities and their status")).map((cells) => cells[1]!);
    expect(kinds.length).toBeGreaterThan(30);
    expect(kinds.filter((k) => !statuses.some((s) => s.includes(`\`${k}\``)))).toEqual([]);
  });

  it("places each of the 275 SmartAPI operations in exactly one row, resources as registered kinds", () => {
    const table = rows(section("Every SmartAPI operation"));
    const numbers = table.flatMap(([ops]) => ops!.split(", ").map(Number));
    expect(numbers.filter((n, i) => numbers.indexOf(n) !== i)).toEqual([]); // none twice
    expect(Array.from({ length: 275 }, (_, i) => i + 1).filter((n) => !numbers.includes(n))).toEqual([]);
    expect(numbers.filter((n) => !(n >= 1 && n <= 275))).toEqual([]);
    for (const [, where] of table) {
      const kind = /^`(\w+)`/.exec(where!)?.[1];
      if (kind) expect(kinds).toContain(kind);
      else expect(where).toMatch(/^(data function `\w+`|not supported: |not used: |not a resource: )/);
    }
  });
});
