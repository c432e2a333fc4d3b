/** Inputs check must refuse with a failure (property path and reason), never a crash and never by accepting them. */
import { describe, expect, it } from "vitest";
import "../../providers/hexio";
import "../../providers/kentix";
import { lifecycles } from "../../providers/core/resource/registry";

const check = (kind: string, news: Record<string, unknown>) =>
  lifecycles.get(kind)!.check({}, { __provider: "x", ...news });
const connection = { url: "https://10.20.0.5", profile: "hq" };
const BAD_TEXT =
  "contains a NUL character or an unpaired surrogate, which no appliance stores as written (not valid UTF-8 text)";

function nested(depth: number): unknown {
  let v: unknown = "leaf";
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

describe("check gaps", () => {
  it("returns a failure, not a RangeError, for input nested 10,000 levels deep", async () => {
    const deep = await check("kentix:AlarmGroup", { connection, name: "A", webhooks: nested(10_000) });
    expect(deep.failures).toContainEqual({
      property: expect.stringMatching(/^webhooks/),
      reason: "is nested more than 64 levels deep",
    });
    const unknownKey = await check("kentix:AlarmGroup", { connection, name: "A", extra: nested(10_000) });
    expect(unknownKey.failures?.map((f) => f.reason)).toContain("is nested more than 64 levels deep");
  });

  it("refuses NUL characters and lone surrogates in names, passwords and keys", async () => {
    expect((await check("kentix:UserGroup", { connection, name: "Ops\u0000" })).failures).toEqual([
      { property: "name", reason: BAD_TEXT },
    ]);
    expect((await check("kentix:UserGroup", { connection, name: "Ops \uD83D" })).failures).toEqual([
      { property: "name", reason: BAD_TEXT },
    ]);
    expect((await check("kentix:UserGroup", { connection, name: "Ops \uDE00x" })).failures).toEqual([
      { property: "name", reason: BAD_TEXT },
    ]);
    const hook = {
      connection,
      name: "SOC",
      url: "https://soc.example/hook",
      authenticationMode: "basic",
      username: "soc",
    };
    expect((await check("kentix:Webhook", { ...hook, password: "pw\u0000tail" })).failures).toEqual([
      { property: "password", reason: BAD_TEXT },
    ]);
    expect(
      (await check("kentix:UserGroup", { connection, name: "Ops", permissions: { "users\uD800": true } })).failures,
    ).toContainEqual({
      property: 'permissions["users\\ud800"]', // the path shows the escape
      reason: `the key ${BAD_TEXT}`,
    });
    // A pair is a character like any other.
    expect((await check("kentix:UserGroup", { connection, name: "Ops \uD83D\uDE00" })).failures).toBeUndefined();
  });

  it("refuses a Hexio rateLimit between -1 (no limit) and 0", async () => {
    const project = { connection, orgId: "1", name: "P", dataRetention: "7d" };
    const failures = async (rateLimit: number) =>
      ((await check("hexio:Project", { ...project, rateLimit })).failures ?? []).filter(
        (f) => f.property === "rateLimit",
      );
    expect(await failures(-0.5)).toEqual([{ property: "rateLimit", reason: "must be -1 (no limit) or 0 or more" }]);
    expect(await failures(-1)).toEqual([]);
    expect(await failures(0.5)).toEqual([]);
  });
});
