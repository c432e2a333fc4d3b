import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { render } from "../scripts/gen-docs";

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
    expect(row(page("kentix", "webhook.md"), "username")).toContain("| length >= 1 |");
  });
});
