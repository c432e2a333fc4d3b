/** Inputs check must refuse with a failure (property path and reason), never a crash and never by accepting them. */
import { describe, expect, it } from "vitest";
import "../../providers/hexio";
import "../../providers/kentix";
import "../../providers/sinema";
import { lifecycles } from "../../providers/core/resource/registry";
import { AlarmGroup } from "../../providers/kentix";
import { createChecked, useKentix } from "../kentix/support";

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

  describe("default bounds where the vendor documents none", () => {
    const DEFAULT = "(a default bound: the vendor documents none)";
    const hook = (i: number) => ({ webhookId: String(i + 1), event: "fire" });

    it("refuses 100,000 webhook assignments naming the property and the limit; 1,000 pass", async () => {
      const many = await check("kentix:AlarmGroup", {
        connection,
        name: "A",
        webhooks: Array.from({ length: 100_000 }, (_, i) => hook(i)),
      });
      expect(many.failures).toEqual([
        { property: "webhooks", reason: `has 100000 items; at most 1000 are accepted ${DEFAULT}` },
      ]);
      // Items that are wrong as well are not listed one by one: the list is refused as a whole.
      const wrong = await check("kentix:AlarmGroup", {
        connection,
        name: "A",
        webhooks: Array.from({ length: 5000 }, () => ({ event: "nope" })),
      });
      expect(wrong.failures).toEqual([
        { property: "webhooks", reason: `has 5000 items; at most 1000 are accepted ${DEFAULT}` },
      ]);
      const fine = await check("kentix:AlarmGroup", {
        connection,
        name: "A",
        webhooks: Array.from({ length: 1000 }, (_, i) => hook(i)),
      });
      expect(fine.failures).toBeUndefined();
      expect(fine.inputs?.webhooks).toHaveLength(1000);
    });

    it("refuses a 5,000-character name, by the field's own bound or the default one", async () => {
      const kentixName = await check("kentix:UserGroup", { connection, name: "n".repeat(5000) });
      expect(kentixName.failures).toEqual([{ property: "name", reason: expect.stringMatching(/255/) }]);
      const sinemaName = await check("sinema:ParticipantGroup", { connection, name: "n".repeat(5000) });
      expect(sinemaName.failures).toEqual([
        { property: "name", reason: `is 5000 characters long; at most 4096 are accepted ${DEFAULT}` },
      ]);
      expect((await check("sinema:ParticipantGroup", { connection, name: "n".repeat(4096) })).failures).toBeUndefined();
    });

    it("keeps a field's own bound, above or below the default, and accepts values within it", async () => {
      const org = { connection, name: "Org" };
      // Hexio documents logoUrl <= 1024 and description <= 255: its own bound, checked as declared.
      const logo = await check("hexio:Organization", { ...org, logoUrl: `https://x/${"a".repeat(1014)}` });
      expect(logo.failures).toBeUndefined();
      const tooLong = await check("hexio:Organization", { ...org, logoUrl: `https://x/${"a".repeat(1015)}` });
      expect(tooLong.failures).toEqual([{ property: "logoUrl", reason: expect.stringMatching(/1024/) }]);
      // A payload template is long text (65,536); a certificate too.
      const soc = { connection, name: "SOC", url: "https://soc.example/hook" };
      expect((await check("kentix:Webhook", { ...soc, data: "d".repeat(60_000) })).failures).toBeUndefined();
      expect((await check("kentix:Webhook", { ...soc, data: "d".repeat(70_000) })).failures).toEqual([
        { property: "data", reason: `is 70000 characters long; at most 65536 are accepted ${DEFAULT}` },
      ]);
      expect((await check("kentix:Webhook", { ...soc, url: `https://x/${"a".repeat(5000)}` })).failures).toEqual([
        { property: "url", reason: `is 5010 characters long; at most 4096 are accepted ${DEFAULT}` },
      ]);
      const pem = `-----BEGIN CERTIFICATE-----\n${"A".repeat(20_000)}\n-----END CERTIFICATE-----\n`;
      const withCa = await check("kentix:UserGroup", { connection: { ...connection, caCertPem: pem }, name: "Ops" });
      expect(withCa.failures).toBeUndefined();
    });

    it("bounds maps, their keys, and every text, list and map inside untyped values", async () => {
      const permissions = Object.fromEntries(Array.from({ length: 1001 }, (_, i) => [`p${i}`, true]));
      expect((await check("kentix:UserGroup", { connection, name: "Ops", permissions })).failures).toEqual([
        { property: "permissions", reason: `has 1001 entries; at most 1000 are accepted ${DEFAULT}` },
      ]);
      const key = "k".repeat(5000);
      expect(
        (await check("kentix:UserGroup", { connection, name: "Ops", permissions: { [key]: true } })).failures,
      ).toEqual([
        {
          property: `permissions["${"k".repeat(40)}…"]`,
          reason: `the key is 5000 characters long; at most 4096 are accepted ${DEFAULT}`,
        },
      ]);
      // Holidays are passed through as the appliance shows them (`unknown` values): bounded all the same.
      const days = [{ date: "2026-12-24", note: "x".repeat(5000), tags: Array.from({ length: 1001 }, () => "t") }];
      expect((await check("kentix:ExceptionDayProfile", { connection, name: "H", days })).failures).toEqual([
        { property: "days[0].note", reason: `is 5000 characters long; at most 4096 are accepted ${DEFAULT}` },
        { property: "days[0].tags", reason: `has 1001 items; at most 1000 are accepted ${DEFAULT}` },
      ]);
    });

    describe("against the appliance", () => {
      const kentix = useKentix();
      it("sends no request for a value beyond a bound", async () => {
        const webhooks = Array.from({ length: 100_000 }, (_, i) => hook(i) as { webhookId: string; event: "fire" });
        await expect(createChecked(AlarmGroup, { connection: kentix.connection, name: "A", webhooks })).rejects.toThrow(
          /"property":"webhooks","reason":"has 100000 items; at most 1000 are accepted/,
        );
        expect(kentix.emu.requests).toEqual([]);
      });
    });
  });
});
