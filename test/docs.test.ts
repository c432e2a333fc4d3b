import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import * as vendors from "../providers";
import { examples, render } from "../scripts/gen-docs";

describe("generated reference docs", () => {
  it.each([...render()])("%s is up to date (run `npm run docs`)", (file, content) => {
    expect(fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "(missing)").toBe(content);
  });
});

describe("reference pages", () => {
  const pages = [...render()].filter(([file]) => !/README\.md$|connection\.md$/.test(file));
  const page = (vendor: string, name: string) =>
    render().get(path.resolve(__dirname, "..", "docs", "reference", vendor, name))!;
  const row = (text: string, property: string) => text.split("\n").find((l) => l.startsWith(`| \`${property}\` |`));

  it.each(pages)("%s documents id, adopt's real type and no wire name for the provider's own inputs", (_file, text) => {
    expect(text).toContain(
      "| Property | Type | Required | Default | Constraints | Behaviour | Wire name | Description |",
    );
    expect(row(text, "id")).toMatch(/^\| `id` \| string \| \S/);
    const adopt = row(text, "adopt");
    if (adopt) expect(adopt).toMatch(/^\| `adopt` \| boolean \\\| string \|.*\| \(not sent\) \|/);
    expect(text).not.toContain("delete_policy");
    expect(text).not.toContain("| union |");
  });

  it("shows defaults in their own column: the schema's, the delete policy's and a conditional group's", () => {
    expect(row(page("sinema", "user.md"), "loginMethod")).toMatch(
      /^\| `loginMethod` \| "password" \\\| "pki" \| {2}\| `"password"` \|/,
    );
    expect(row(page("sinema", "dns-settings.md"), "deletePolicy")).toMatch(
      /^\| `deletePolicy` \| "retain" \\\| "restore" \| {2}\| `"retain"` \|.*\| \(not sent\) \|/,
    );
    expect(row(page("kentix", "alarm-group.md"), "armDelay")).toContain("| `0` while `inheritArm` is `false` |");
    expect(row(page("kentix", "alarm-group.md"), "buzzerAlwaysAlarmDuration")).toContain(
      "| required while `inheritAlarm` is `false` |",
    );
    expect(row(page("kentix", "webhook.md"), "username")).toContain(
      "| length >= 1, at most 4096 characters (default bound) |",
    );
  });

  it("says every bound on text, lists and maps, and which are this project's defaults", () => {
    const alarmGroup = page("kentix", "alarm-group.md");
    expect(row(alarmGroup, "webhooks")).toContain("| at most 1000 items (default bound) |");
    expect(row(alarmGroup, "name")).toContain("| length 1..255 |"); // the field's own bound: no mark
    expect(row(page("kentix", "user-group.md"), "permissions")).toContain("| at most 1000 entries (default bound) |");
    expect(row(page("kentix", "webhook.md"), "data")).toContain("| at most 65536 characters (default bound) |");
    expect(row(page("hexio", "organization.md"), "logoUrl")).toContain("| length 0..1024 |");
    const connection = render().get(path.resolve(__dirname, "..", "docs", "reference", "connection.md"))!;
    expect(row(connection, "caCertPem")).toContain("at most 65536 characters (default bound)");
    for (const [, text] of [...pages, ["connection.md", connection]])
      expect(text).toContain("`(default bound)`: the vendor documents no limit, so this project sets one (text 4096");
  });
});

describe("examples in the reference pages", () => {
  // Every kind of every vendor module, as `<vendor>:<Name>` (the kinds the reference pages document).
  const kinds = Object.entries(vendors).flatMap(([vendor, mod]) =>
    Object.values(mod && typeof mod === "object" ? mod : {})
      .map((v) => (v as { spec?: { name: string } }).spec?.name)
      .filter((name): name is string => !!name)
      .map((name) => [`${vendor}:${name}`, vendor, name] as const),
  );
  const regions = examples();

  it("finds the kinds", () => expect(kinds.length).toBeGreaterThan(20));

  it.each(kinds)("%s has a region in examples/ that declares it", (kind, vendor, name) => {
    const example = regions.get(kind);
    expect(example, `no \`// #region ${kind}\` in examples/`).toBeDefined();
    expect(example!.code.trim(), `the region ${kind} in ${example!.file} is empty`).not.toBe("");
    expect(example!.code).toContain(`new ${vendor}.${name}(`);
  });

  it("names no kind that does not exist", () => {
    const known = new Set<string>(kinds.map(([kind]) => kind));
    expect([...regions.keys()].filter((k) => !known.has(k))).toEqual([]);
  });
});

describe("README", () => {
  const readme = fs.readFileSync(path.resolve(__dirname, "..", "README.md"), "utf8");
  it.each([
    ["kentix", vendors.kentix],
    ["sinema", vendors.sinema],
    ["hexio", vendors.hexio],
    ["primis", vendors.primis],
    ["rhombus", vendors.rhombus],
  ] as const)("names every resource kind of pulumi-facility/%s in its row", (vendor, exports) => {
    const row = readme.split("\n").find((l) => l.startsWith(`| \`pulumi-facility/${vendor}\``));
    expect(row, `a row for pulumi-facility/${vendor}`).toBeDefined();
    const kinds = Object.values(exports as Record<string, unknown>)
      .filter(
        (e): e is { kind: string; name: string } =>
          typeof e === "function" && typeof (e as { kind?: unknown }).kind === "string",
      )
      .map((e) => (e as { kind: string }).kind.split(":")[1]!);
    expect(kinds.length).toBeGreaterThan(0);
    expect(kinds.filter((k) => !row!.includes(`\`${k}\``))).toEqual([]);
  });
});
