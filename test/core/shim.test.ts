import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const providers: Record<string, string> = JSON.parse(
  execFileSync(process.execPath, [path.join(__dirname, "fixtures/serialize-providers.cjs")], { cwd: root, encoding: "utf8" }),
);

/** Loads a serialized provider the way the plugin does: from text, with an empty file name, resolving from cwd. */
function load(text: string): Record<string, (...a: unknown[]) => Promise<unknown>> {
  const Module = require("node:module");
  const m = new Module("", null);
  m.paths = Module._nodeModulePaths(root);
  m._compile(text, "");
  return m.exports.handler();
}

describe("serialized provider (__provider)", () => {
  const kinds = Object.keys(providers);

  it("is registered for every resource kind", () => {
    expect(kinds.sort()).toEqual(["pulumi-nodejs:dynamic/kentix:AlarmGroup", "pulumi-nodejs:dynamic/kentix:UserGroup", "pulumi-nodejs:dynamic/kentix:Webhook"]);
  });

  it.each(Object.entries(providers))("%s stays within 2 KB and holds only strings and the runtime require", (_kind, text) => {
    expect(typeof text).toBe("string"); // a secret envelope would mean a captured secret
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048);
    expect(text).not.toMatch(/zod|undici|deep-diff|s3cr3t|10\.20\.0\.5|Bearer/);
    expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(Array(6).fill("pulumi-facility/runtime"));
  });

  it("is exactly the stable shim text: library code changes never change it", () => {
    const text = providers["pulumi-nodejs:dynamic/kentix:UserGroup"]!;
    expect(text.replace(/\s+/g, " ")).toMatchSnapshot();
  });

  it("reloads from the project folder and reaches the installed runtime", async () => {
    const provider = load(providers["pulumi-nodejs:dynamic/kentix:UserGroup"]!);
    expect(Object.keys(provider).sort()).toEqual(["check", "configure", "create", "delete", "diff", "kind", "read", "update", "v"]);
    await provider.configure!({ config: { get: () => undefined } });
    const res = await provider.check!({}, { connection: { url: "https://10.20.0.5" }, name: "" });
    expect(res).toEqual({ failures: [{ property: "name", reason: "Too small: expected string to have >=1 characters" }] });
  });
});
