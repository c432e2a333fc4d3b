import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// The architecture brief: the core knows no vendor. Its code and its comments name none, so that what it does is
// stated in the core's own terms (a vendor's case belongs in the vendor's folder, or in a test).
const ROOT = path.join(__dirname, "..", "..", "providers");
const VENDORS = [
  ...fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(ROOT, d.name, "index.ts")))
    .map((d) => d.name)
    .filter((name) => !["core", "cli", "site"].includes(name)),
  // Makers and products behind the vendor folders.
  "kisi",
  "siemens",
  "identiv",
];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    return d.isDirectory() ? filesUnder(full) : d.name.endsWith(".ts") ? [full] : [];
  });
}

describe("providers/core", () => {
  it("names no vendor, in code or in comments", () => {
    expect(VENDORS).toEqual(expect.arrayContaining(["kentix", "sinema", "hexio", "primis", "rhombus"]));
    const pattern = new RegExp(`\\b(${VENDORS.join("|")})`, "i");
    const found = filesUnder(path.join(ROOT, "core")).flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) => (pattern.test(line) ? [`${path.relative(ROOT, file)}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
