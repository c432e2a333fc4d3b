/** The engine's pure parts: diffing, property paths, secrets, state encryption and delete order. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { applyReplaceOnChanges, diffProps, processIgnoreChanges, resolveUnknownDiff, type DiffResult } from "./diff";
import { formatPath, parsePath } from "./paths";
import { annotateSecrets, makeSecret, SECRET_SIG, SIG, UNKNOWN, type Props } from "./properties";
import { scheduleDeletes } from "./schedule";
import { PassphraseCrypter } from "./secrets";
import { sortByDependencies, StateFile } from "./state";
import type { ResourceState } from "./types";

const res = (urn: string, deps: string[] = [], extra: Partial<ResourceState> = {}): ResourceState => ({
  urn,
  type: "t",
  custom: true,
  inputs: {},
  outputs: {},
  dependencies: deps,
  propertyDependencies: {},
  ...extra,
});
const unknownDiff = (replaceKeys: string[] = []): DiffResult => ({
  changes: "unknown",
  providerChanges: "unknown",
  replaceKeys,
  changedKeys: [],
  deleteBeforeReplace: false,
});

describe("engine diff (PropertyMap.Diff + detailed diff)", () => {
  test("reports adds, deletes and updates per path, recursing into objects and arrays", () => {
    const olds: Props = { a: 1, gone: "x", obj: { k: 1, same: true }, arr: [1, 2, 3], nul: null };
    const news: Props = { a: 2, obj: { k: 2, same: true, extra: "y" }, arr: [1, 5], nul: null, added: "z" };
    const d = diffProps(olds, news);
    expect(d.detailedDiff).toEqual({
      a: "update",
      gone: "delete",
      "obj.k": "update",
      "obj.extra": "add",
      "arr[1]": "update",
      "arr[2]": "delete",
      added: "add",
    });
    expect(d.changedKeys.sort()).toEqual(["a", "added", "arr", "gone", "obj"]);
  });

  test("null counts as no value; secrets compare by content but secretness is a change", () => {
    expect(diffProps({ a: null }, {}).changedKeys).toEqual([]);
    expect(diffProps({}, { a: null }).changedKeys).toEqual([]);
    expect(diffProps({ s: makeSecret("x") }, { s: makeSecret("x") }).changedKeys).toEqual([]);
    expect(diffProps({ s: makeSecret("x") }, { s: makeSecret("y") }).detailedDiff).toEqual({ s: "update" });
    expect(diffProps({ s: "x" }, { s: makeSecret("x") }).detailedDiff).toEqual({ s: "update" });
  });

  test("DIFF_UNKNOWN is resolved against old inputs, keeping the provider's replace keys", () => {
    expect(resolveUnknownDiff(unknownDiff(), { a: 1 }, { a: 1 }, []).changes).toBe("none");
    const some = resolveUnknownDiff(unknownDiff(["a"]), { a: 1, b: 1 }, { a: 2, b: 1 }, []);
    expect(some).toMatchObject({
      changes: "some",
      changedKeys: ["a"],
      replaceKeys: ["a"],
      detailedDiff: { a: "update" },
    });
    expect(resolveUnknownDiff(unknownDiff(), { a: 1, n: 1 }, { a: 1, n: 2 }, ["n"]).changes).toBe("none");
  });

  test("replaceOnChanges turns matching changes into replacements; init errors only on request", () => {
    const d = resolveUnknownDiff(unknownDiff(), { cfg: { port: 1, name: "a" } }, { cfg: { port: 2, name: "b" } }, []);
    const r = applyReplaceOnChanges(d, ["cfg.port"], false);
    expect(r.detailedDiff).toEqual({ "cfg.port": "update-replace", "cfg.name": "update" });
    expect(r.replaceKeys).toEqual([]); // the changed key "cfg" is wider than the path
    expect(applyReplaceOnChanges(d, ["cfg"], false).replaceKeys).toEqual(["cfg"]);
    expect(applyReplaceOnChanges(d, ["*"], false).replaceKeys).toEqual(["cfg"]);
    const none: DiffResult = { ...unknownDiff(), changes: "none" };
    expect(applyReplaceOnChanges(none, ["x"], true).changes).toBe("none");
    expect(applyReplaceOnChanges(none, ["*"], true)).toMatchObject({ changes: "some", replaceKeys: ["#initerror"] });
  });
});

describe("ignoreChanges (PropertyPath.Reset)", () => {
  test("copies old values into the new inputs, or drops what the old inputs lacked", () => {
    const olds: Props = { a: 1, nested: { x: 1, y: 1 }, list: [{ v: 1 }, { v: 2 }] };
    const news: Props = { a: 2, b: 3, nested: { x: 2, y: 2 }, list: [{ v: 9 }, { v: 8 }] };
    expect(processIgnoreChanges(news, olds, ["a", "b", "nested.x", "list[*].v"])).toEqual({
      a: 1,
      nested: { x: 1, y: 2 },
      list: [{ v: 1 }, { v: 2 }],
    });
    expect(news.a).toBe(2); // the input is not modified
  });

  test("fails for a path whose parent is missing, as the engine does", () => {
    expect(() => processIgnoreChanges({ a: 1 }, { deep: { x: 1 } }, ["deep.x"])).toThrow(
      /one or more elements of the path are missing/,
    );
  });

  test("paths parse and print like the engine's", () => {
    expect(parsePath('a.b[0]["odd.key"].*')).toEqual(["a", "b", 0, "odd.key", "*"]);
    expect(formatPath(["a", "b", 0, "odd.key"])).toBe('a.b[0]["odd.key"]');
  });
});

describe("secrets", () => {
  test("annotateSecrets marks outputs whose input of the same key was secret, recursing into objects", () => {
    const outs: Props = { pw: "p", other: "o", obj: { s: "x", t: "y" }, list: ["a", "b"] };
    annotateSecrets(outs, { pw: makeSecret("p"), obj: { s: makeSecret("x") }, list: ["a", makeSecret("b")] });
    expect(outs).toEqual({
      pw: makeSecret("p"),
      other: "o",
      obj: { s: makeSecret("x"), t: "y" },
      list: makeSecret(["a", "b"]),
    });
  });

  test("the passphrase crypter round-trips and rejects a wrong passphrase", () => {
    const c = PassphraseCrypter.create("pass");
    const ct = c.encrypt('"hello"');
    expect(ct).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(PassphraseCrypter.open("pass", c.providerState).decrypt(ct)).toBe('"hello"');
    expect(() => PassphraseCrypter.open("wrong", c.providerState)).toThrow(/incorrect passphrase/);
  });

  test("the state file stores secrets as ciphertext envelopes and loads them back", () => {
    const dir = mkdtempSync(join(tmpdir(), "engine-state-"));
    try {
      const file = new StateFile(join(dir, "s.json"), "pass");
      const r = res("urn:pulumi:dev::p::t::a", [], {
        inputs: { pw: makeSecret("sup3r-secret"), n: 1 },
        outputs: { pw: makeSecret("sup3r-secret"), unk: UNKNOWN },
      });
      file.save([r]);
      const text = readFileSync(join(dir, "s.json"), "utf8");
      expect(text).not.toContain("sup3r-secret");
      const stored = JSON.parse(text).deployment.resources[0].inputs.pw;
      expect(stored[SIG]).toBe(SECRET_SIG);
      expect(typeof stored.ciphertext).toBe("string");
      const loaded = new StateFile(join(dir, "s.json"), "pass").load();
      expect(loaded[0].inputs).toEqual({ pw: makeSecret("sup3r-secret"), n: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ordering", () => {
  test("deletes run dependents first; independent resources share a round", () => {
    const a = res("a");
    const b = res("b", ["a"]);
    const c = res("c", [], { propertyDependencies: { x: ["b"] } });
    const d = res("d");
    const rounds = scheduleDeletes([a, b, c, d]).map((r) => r.map((x) => x.urn).sort());
    expect(rounds).toEqual([["c", "d"], ["b"], ["a"]]);
  });

  test("the snapshot puts every resource after what it depends on, keeping the order otherwise", () => {
    const sorted = sortByDependencies([res("c", ["b"]), res("x"), res("b", ["a"]), res("a")]).map((r) => r.urn);
    expect(sorted).toEqual(["a", "b", "c", "x"]);
  });
});
