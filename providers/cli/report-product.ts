/** The product's name and version, for `facility --version` and the header of the HTML report. */
import * as fs from "node:fs";
import * as path from "node:path";

export const PRODUCT = "pulumi-facility";

/** The version of the installed package (dist/providers/cli or providers/cli, up to the package root). */
export function packageVersion(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (!fs.existsSync(file)) continue;
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    if (pkg.name === PRODUCT) return pkg.version ?? "unknown";
  }
  return "unknown";
}
