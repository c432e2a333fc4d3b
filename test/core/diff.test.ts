import { describe, expect, it } from "vitest";
import "../../providers/kentix";
import { lifecycles } from "../../providers/core/resource/registry";
import { UNKNOWN } from "../../providers/core/resource/check";

const connection = { url: "https://10.20.0.5", profile: "hq" };
const diff = (kind: string, olds: object, news: object) =>
  lifecycles.get(kind)!.diff("1", { ...olds }, { __provider: "x", ...news });
const base = { connection, name: "Server room", parentId: "3" };

describe("diff", () => {
  it("reports no change when values are equal after normalisation", async () => {
    expect(
      await diff(
        "kentix:AlarmGroup",
        { ...base, maintenanceStart: "2026-02-17T01:00:00.000Z", createdAt: "x" },
        { ...base, maintenanceStart: "2026-02-17T01:00:00Z" },
      ),
    ).toEqual({ changes: false });
    const hooks = (a: string, b: string) => [
      { webhookId: a, event: "fire" },
      { webhookId: b, event: "system" },
    ];
    expect(
      await diff(
        "kentix:AlarmGroup",
        { ...base, webhooks: hooks("1", "2") },
        { ...base, webhooks: [...hooks("1", "2")].reverse() },
      ),
    ).toEqual({ changes: false });
    expect(
      await diff(
        "kentix:UserGroup",
        { connection, name: "Ops", permissions: { a: true, b: false } },
        { connection, name: "Ops", permissions: { b: false, a: true } },
      ),
    ).toEqual({ changes: false });
  });

  it("leaves in-place changes to the engine's property diff, without replacement", async () => {
    expect(await diff("kentix:AlarmGroup", { ...base, armDelay: 30 }, { ...base, armDelay: 60 })).toEqual({
      replaces: [],
      deleteBeforeReplace: false,
    });
  });

  it("replaces on create-only fields, deleting first when the natural key is kept", async () => {
    expect(await diff("kentix:AlarmGroup", { ...base, inheritArm: true }, { ...base, inheritArm: false })).toEqual({
      replaces: ["inheritArm"],
      deleteBeforeReplace: true,
    });
    expect(await diff("kentix:AlarmGroup", base, { ...base, name: "Server room B" })).toEqual({
      replaces: ["name"],
      deleteBeforeReplace: false,
    });
    expect(await diff("kentix:AlarmGroup", base, { ...base, parentId: UNKNOWN })).toEqual({
      replaces: ["parentId"],
      deleteBeforeReplace: false,
    });
  });

  it("replaces when the appliance URL changes, and ignores credential-free connection tweaks for replacement", async () => {
    expect(
      await diff(
        "kentix:UserGroup",
        { connection, name: "Ops" },
        { connection: { ...connection, url: "https://10.20.0.6" }, name: "Ops" },
      ),
    ).toEqual({ replaces: ["connection"], deleteBeforeReplace: false });
    expect(
      await diff(
        "kentix:UserGroup",
        { connection, name: "Ops" },
        { connection: { ...connection, url: "https://10.20.0.5/" }, name: "Ops" },
      ),
    ).toEqual({ replaces: [], deleteBeforeReplace: false });
    expect(
      await diff("kentix:UserGroup", { connection, name: "Ops", adopt: true }, { connection, name: "Ops" }),
    ).toEqual({ changes: false });
  });

  it("ignores computed outputs", async () => {
    expect(
      await diff(
        "kentix:Webhook",
        { connection, name: "W", url: "https://a.example", updatedAt: "then" },
        { connection, name: "W", url: "https://a.example" },
      ),
    ).toEqual({ changes: false });
  });
});
