import { execFileSync } from "node:child_process";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { UserGroup } from "../../providers/kentix";
import { lifecycles } from "../../providers/core/resource/registry";

void UserGroup;
const root = path.resolve(__dirname, "../..");
const check = (news: Record<string, unknown>) => lifecycles.get("kentix:UserGroup")!.check({}, news);
const connection = { url: "https://10.20.0.5" };
const PROTO = "__proto__ cannot be used as a key: JavaScript would drop it silently";
const reserved = (key: string) =>
  `keys starting with "__" are reserved (the engine's own, such as __provider); rename ${key}`;

describe("keys starting with __", () => {
  // Runs in plain Node under Pulumi mocks (vitest changes what the SDK's serializer does): what a program gets.
  const program: Record<string, { ok?: true; error?: string; registered?: Record<string, unknown> }> = JSON.parse(
    execFileSync(process.execPath, [path.join(__dirname, "fixtures/reserved-keys.cjs")], {
      cwd: root,
      encoding: "utf8",
    }),
  );

  it("are refused in the program, where the SDK would turn __proto__ into plain properties (insecure: true) before check", () => {
    expect(program.protoConnection).toEqual({ error: `kentix.connection: connection.__proto__: ${PROTO}` });
    expect(program.protoConnectionDirect).toEqual({
      error: `kentix:UserGroup "protoConnectionDirect": connection.__proto__: ${PROTO}`,
    });
    expect(program.literalPrototype?.error).toMatch(
      /^kentix:UserGroup "literalPrototype": connection\.__proto__: has inherited properties/,
    );
    expect(program.topLevel).toEqual({
      error: `kentix:UserGroup "topLevel": __defineGetter__: ${reserved("__defineGetter__")}; __proto__: ${PROTO}`,
    });
    expect(program.nested).toEqual({ error: `kentix:AlarmGroup "nested": webhooks[0].__meta: ${reserved("__meta")}` });
    expect(program.loneSurrogate).toEqual({
      error: expect.stringMatching(
        /^kentix:UserGroup "loneSurrogate": name: contains a NUL character or an unpaired surrogate/,
      ),
    });
    // Nothing was registered for them; a plain declaration still is.
    expect(program.plain).toEqual({ ok: true, registered: { connection, name: "U" } });
  });

  it("are refused by check anywhere but the engine's own __provider, naming the path", async () => {
    expect(await check({ __provider: "x", connection, name: "U" })).toEqual({ inputs: { connection, name: "U" } });
    expect((await check({ __provider: "x", __defineGetter__: 1, connection, name: "U" })).failures).toEqual([
      { property: "__defineGetter__", reason: reserved("__defineGetter__") },
    ]);
    expect(
      (await check({ __provider: "x", connection: { ...connection, __insecure: true }, name: "U" })).failures,
    ).toEqual([{ property: "connection.__insecure", reason: reserved("__insecure") }]);
    expect((await check({ connection, name: "U", ...JSON.parse('{"__proto__": {"adopt": true}}') })).failures).toEqual([
      { property: "__proto__", reason: PROTO },
    ]);
    expect(
      (
        await check({
          connection: JSON.parse(`{"__proto__": {"insecure": true}, "url": "${connection.url}"}`),
          name: "U",
        })
      ).failures,
    ).toEqual([{ property: "connection.__proto__", reason: PROTO }]);
  });

  it("refuses an input object with a prototype (its inherited properties would be sent as declared)", async () => {
    const res = await check({ connection: Object.assign(Object.create({ insecure: true }), connection), name: "U" });
    expect(res.failures).toEqual([
      { property: "connection.__proto__", reason: expect.stringMatching(/^has inherited properties/) },
    ]);
  });
});
