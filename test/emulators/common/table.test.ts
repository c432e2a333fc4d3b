/** The emulators' in-memory table: ids, listing order, and copies that never reach the stored rows. */
import { describe, expect, it } from "vitest";
import { Table } from "./table";

describe("Table", () => {
  it("assigns increasing ids, never reuses a removed one, and starts over on reset", () => {
    const t = new Table({ firstId: 10 });
    expect(t.insert({ name: "a" }).id).toBe(10);
    expect(t.insert({ name: "b" }).id).toBe(11);
    expect(t.remove(11)).toBe(true);
    expect(t.remove(11)).toBe(false);
    expect(t.insert({ name: "c" }).id).toBe(12);
    expect(t.insert({ id: 20, name: "d" }).id).toBe(20);
    expect(t.insert({ name: "e" }).id).toBe(21);
    expect(() => t.insert({ id: 20, name: "again" })).toThrow("id 20 already exists");
    expect(t.size).toBe(4);
    t.reset();
    expect(t.size).toBe(0);
    expect(t.all()).toEqual([]);
    expect(t.insert({ name: "f" }).id).toBe(10);
  });

  it("lists in id order, also after inserts with explicit lower ids, removals and updates", () => {
    const t = new Table();
    t.insert({ id: 5, name: "five" });
    t.insert({ id: 2, name: "two" });
    t.insert({ name: "six" }); // 6
    t.insert({ id: 1, name: "one" });
    t.update(5, { name: "FIVE" });
    t.remove(2);
    t.insert({ id: 3, name: "three" });
    const ids = (rows: { id: number }[]) => rows.map((r) => r.id);
    expect(ids(t.all())).toEqual([1, 3, 5, 6]);
    expect(t.all().map((r) => r.name)).toEqual(["one", "three", "FIVE", "six"]);
    expect(ids(t.filter((r) => r.id !== 3))).toEqual([1, 5, 6]);
    expect(t.find((r) => r.id > 1)?.name).toBe("three");
    const seen: number[] = [];
    expect(t.some((r) => (seen.push(r.id), r.id === 5))).toBe(true);
    expect(seen).toEqual([1, 3, 5]);
    expect(t.some(() => false)).toBe(false);
    expect(t.find(() => false)).toBeUndefined();
  });

  it("stamps inserts and updates, merges patches, and keeps the id", () => {
    let tick = 0;
    const t = new Table({
      onInsert: () => ({ created: ++tick, updated: tick }),
      onUpdate: () => ({ updated: ++tick }),
    });
    const row = t.insert({ name: "a", extra: { x: 1 } });
    expect(row).toEqual({ id: 1, name: "a", extra: { x: 1 }, created: 1, updated: 1 });
    expect(t.update(1, { name: "b", id: 99 })).toEqual({ id: 1, name: "b", extra: { x: 1 }, created: 1, updated: 2 });
    expect(Object.keys(t.get(1)!)).toEqual(["created", "updated", "name", "extra", "id"]);
    expect(t.update(7, { name: "nobody" })).toBeUndefined();
    expect(t.get(7)).toBeUndefined();
  });

  it("hands out copies: changing what a read, insert or update returned, or what was inserted, changes nothing stored", () => {
    const t = new Table();
    const fields = { name: "a", tags: ["x"], nested: { deep: { v: 1 } } };
    const inserted = t.insert(fields);
    fields.tags.push("from-input");
    fields.nested.deep.v = 2;
    inserted.name = "from-insert";
    (inserted.tags as string[]).push("from-insert");
    const patch = { nested: { deep: { v: 3 } } };
    const updated = t.update(1, patch)!;
    patch.nested.deep.v = 4;
    (updated.nested as { deep: { v: number } }).deep.v = 5;
    for (const read of [t.get(1)!, t.all()[0], t.find(() => true)!, t.filter(() => true)[0]]) {
      read.name = "from-read";
      (read.tags as string[]).push("from-read");
      (read.nested as { deep: { v: number } }).deep.v = 6;
      expect(Object.isFrozen(read)).toBe(false);
    }
    expect(t.get(1)).toEqual({ id: 1, name: "a", tags: ["x"], nested: { deep: { v: 3 } } });
    // Two reads are two copies.
    expect(t.get(1)).not.toBe(t.get(1));
    expect(t.all()[0].tags).not.toBe(t.all()[0].tags);
  });

  it("scans see the stored rows read-only", () => {
    const t = new Table();
    t.insert({ name: "a", tags: ["x"] });
    expect(() =>
      t.some((r) => {
        (r as unknown as { name: string }).name = "changed";
        return false;
      }),
    ).toThrow(TypeError);
    expect(() => t.some((r) => ((r.tags as string[]).push("y"), false))).toThrow(TypeError);
    expect(t.get(1)).toEqual({ id: 1, name: "a", tags: ["x"] });
  });

  it("copies what is not plain data with structuredClone, and keeps an own __proto__ key a plain property", () => {
    const t = new Table();
    const when = new Date(0);
    const parsed = JSON.parse('{"name":"p","__proto__":{"admin":true}}') as Record<string, unknown>;
    t.insert({ ...parsed, when, list: [1, [2, 3]], nothing: null, missing: undefined });
    const row = t.get(1)!;
    expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
    expect((row as { admin?: unknown }).admin).toBeUndefined();
    expect(Object.keys(row)).toContain("__proto__");
    expect(row.when).toBeInstanceOf(Date);
    expect(row.when).not.toBe(when);
    expect((row.when as Date).getTime()).toBe(0);
    expect(row.list).toEqual([1, [2, 3]]);
    expect("missing" in row).toBe(true);
    expect(row.nothing).toBeNull();
  });
});
