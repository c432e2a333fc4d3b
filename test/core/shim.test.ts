import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { lifecycles } from "../../providers/core/resource/registry";
import "../../providers/kentix";
import "../../providers/sinema";
import "../../providers/hexio";
import "../../providers/primis";
import "../../providers/rhombus";

const root = path.resolve(__dirname, "../..");
const providers: Record<string, string> = JSON.parse(
  execFileSync(process.execPath, [path.join(__dirname, "fixtures/serialize-providers.cjs")], {
    cwd: root,
    encoding: "utf8",
  }),
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
    const registered = [...lifecycles.keys()].map((k) => `pulumi-nodejs:dynamic/${k}`);
    expect(registered.length).toBeGreaterThan(25);
    expect(kinds.sort()).toEqual(registered.sort());
  });

  it.each(Object.entries(providers))(
    "%s stays within 2 KB, with room for longer kind names, and holds only strings and the runtime require",
    (_kind, text) => {
      expect(typeof text).toBe("string"); // a secret envelope would mean a captured secret
      // The budget is 2 KB; the shim leaves ~300 bytes of it for longer kind names.
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(2048 - 250);
      expect(text).not.toMatch(/zod|undici|deep-diff|s3cr3t|10\.20\.0\.5|Bearer/);
      expect([...text.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(
        Array(5).fill("pulumi-facility/runtime"),
      );
    },
  );

  it("is exactly the stable shim text: library code changes never change it", () => {
    const text = providers["pulumi-nodejs:dynamic/kentix:UserGroup"]!;
    expect(text.replace(/\s+/g, " ")).toMatchSnapshot();
  });

  it("reloads from the project folder and reaches the installed runtime", async () => {
    const provider = load(providers["pulumi-nodejs:dynamic/kentix:UserGroup"]!);
    expect(Object.keys(provider).sort()).toEqual([
      "check",
      "configure",
      "create",
      "delete",
      "diff",
      "kind",
      "read",
      "update",
      "v",
    ]);
    await provider.configure!({ config: { get: () => undefined } });
    const res = await provider.check!({}, { connection: { url: "https://10.20.0.5" }, name: "" });
    expect(res).toEqual({
      failures: [{ property: "name", reason: "Too small: expected string to have >=1 characters" }],
    });
  });

  it("loads in the plugin only the file of the kind it serves, and every kind through its vendor's module otherwise", () => {
    // A fresh process, as the plugin is: the installed runtime, then the kinds of a stack one by one.
    const script = `
      const rt = require("pulumi-facility/runtime");
      const loaded = () => Object.keys(require.cache).filter((f) => /providers.kentix/.test(f)).map((f) => f.split(/[\\\\/]/).pop()).sort();
      rt.lifecycleOf("kentix:AlarmGroup");
      const first = loaded();
      const kinds = ${JSON.stringify(kinds.map((k) => k.replace("pulumi-nodejs:dynamic/", "")))};
      const served = kinds.filter((k) => rt.lifecycleOf(k).constructor.name === "Lifecycle");
      let unknown = "";
      try { rt.lifecycleOf("kentix:NoSuchKind"); } catch (err) { unknown = err.message; }
      console.log(JSON.stringify({ first, served: served.length, unknown }));
    `;
    const out = JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" }));
    expect(out.first).toEqual(["alarm-group.js", "client.js"]);
    expect(out.served).toBe(kinds.length);
    expect(out.unknown).toBe('resource kind "kentix:NoSuchKind" is not provided by this pulumi-facility version');
  });
});
