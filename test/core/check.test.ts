import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AlarmGroup, UserGroup, Webhook } from "../../providers/kentix";
import { lifecycles } from "../../providers/core/resource/registry";
import { pathText, UNKNOWN } from "../../providers/core/resource/check";

void AlarmGroup, Webhook, UserGroup;
const lc = (kind: string) => lifecycles.get(kind)!;
const connection = { url: "https://10.20.0.5", profile: "hq" };
const check = (kind: string, news: Record<string, unknown>) => lc(kind).check({}, { __provider: "x", ...news });

describe("check", () => {
  it("returns the checked inputs, with conditional groups completed", async () => {
    const res = await check("kentix:AlarmGroup", { connection, name: "Server room", parentId: 3, armDelay: 30 });
    expect(res).toEqual({
      inputs: { connection, name: "Server room", parentId: "3", armDelay: 30, inheritArm: false, buzzerArmDuration: 0 },
    });
  });

  it("names the property path and the reason for every problem", async () => {
    const res = await check("kentix:AlarmGroup", {
      connection: { url: "ftp://x", profile: "h q" },
      name: "",
      armDelay: 31,
      webhooks: [{ webhookId: "abc", event: "never" }],
      armDelayy: 1,
    });
    expect(res.failures?.map((f) => f.property).sort()).toEqual(
      [
        "(resource)",
        "armDelay",
        "connection.profile",
        "connection.url",
        "name",
        "webhooks[0].event",
        "webhooks[0].webhookId",
      ].sort(),
    );
    expect(res.failures).toContainEqual({
      property: "armDelay",
      reason: "must be one of 0, 10, 30, 60, 120, 180, 240, 300, 600, 1200, 1800, 3600",
    });
    expect(res.failures).toContainEqual({ property: "(resource)", reason: "unknown property armDelayy" });
  });

  it("writes property paths a reader can map back to the program, quoting keys that are not plain words", () => {
    expect(pathText(["webhooks", 0, "event"])).toBe("webhooks[0].event");
    expect(pathText(["places", "4123", "doors", "901"])).toBe("places.4123.doors.901");
    expect(pathText(["permissions", "users.edit"])).toBe('permissions["users.edit"]');
    expect(pathText(["permissions", ""])).toBe('permissions[""]');
    expect(pathText(["a b", "x"])).toBe('["a b"].x');
  });

  it("refuses __proto__ as a key anywhere instead of dropping it silently", async () => {
    // (Top-level keys starting with "__" belong to the engine, like __provider, and are not inputs.)
    const webhooks = JSON.parse('[{"webhookId": "1", "event": "fire", "__proto__": {"event": "never"}}]');
    const res = await check("kentix:AlarmGroup", { connection, name: "A", webhooks });
    expect(res.failures).toEqual([
      {
        property: "webhooks[0].__proto__",
        reason: "__proto__ cannot be used as a key: JavaScript would drop it silently",
      },
    ]);
    expect(
      (await check("kentix:AlarmGroup", { connection, name: "A", webhooks: [{ webhookId: "1", event: "fire" }] }))
        .failures,
    ).toBeUndefined();
  });

  it("validates conditional fields as the seed describes", async () => {
    const inherit = await check("kentix:AlarmGroup", {
      connection,
      name: "A",
      parentId: "1",
      inheritArm: true,
      armDelay: 30,
    });
    expect(inherit.failures).toEqual([
      { property: "armDelay", reason: "has no effect while inheritArm is true; set inheritArm: false to use it" },
    ]);
    const limit = await check("kentix:AlarmGroup", { connection, name: "A", limitNotificationsFire: true });
    expect(limit.failures).toEqual([
      { property: "notificationCountFireAlarm", reason: "is required while limitNotificationsFire is true" },
      { property: "notificationCountFireWarning", reason: "is required while limitNotificationsFire is true" },
    ]);
    const top = await check("kentix:AlarmGroup", { connection, name: "A", inheritAutoquit: true });
    expect(top.failures).toEqual([
      { property: "inheritAutoquit", reason: "a top-level group (no parentId) has no parent to inherit from" },
    ]);
    const bearer = await check("kentix:Webhook", {
      connection,
      name: "W",
      url: "https://x.example",
      authenticationMode: "bearer",
      username: "u",
    });
    expect(bearer.failures).toEqual([
      { property: "username", reason: 'has no effect when authenticationMode is "bearer"' },
      { property: "bearerToken", reason: 'is required when authenticationMode is "bearer"' },
    ]);
  });

  it("tolerates unknown values during preview and keeps them", async () => {
    const res = await check("kentix:AlarmGroup", {
      connection,
      name: "Server room",
      parentId: UNKNOWN,
      webhooks: [{ webhookId: UNKNOWN, event: "fire" }],
    });
    expect(res.failures).toBeUndefined();
    expect(res.inputs).toMatchObject({ parentId: UNKNOWN, webhooks: [{ webhookId: UNKNOWN, event: "fire" }] });
  });

  it("rejects credentials in the connection URL", async () => {
    const res = await check("kentix:UserGroup", { connection: { url: "https://admin:pw@10.0.0.1" }, name: "Ops" });
    expect(res.failures).toEqual([
      { property: "connection.url", reason: "must not carry credentials; use stack config or the environment" },
    ]);
  });

  it("rejects generated out-of-range values with the property path (property-based)", async () => {
    const numeric = ["alarmRepetitionInterval", "alarmRepetitionCount", "notificationCountAlwaysAlarm"] as const;
    const bounds = {
      alarmRepetitionInterval: [1, 999],
      alarmRepetitionCount: [0, 100],
      notificationCountAlwaysAlarm: [0, 1000],
    };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...numeric),
        fc.oneof(
          fc.integer({ min: -100_000, max: 100_000 }),
          fc.double({ noInteger: true, noNaN: true }),
          fc.string(),
          fc.boolean(),
        ),
        async (key, value) => {
          const [lo, hi] = bounds[key];
          const valid = typeof value === "number" && Number.isInteger(value) && value >= lo! && value <= hi!;
          const extra =
            key === "notificationCountAlwaysAlarm"
              ? { limitNotificationsAlways: true, notificationCountAlwaysWarning: false }
              : {};
          const res = await check("kentix:AlarmGroup", { connection, name: "G", [key]: value, ...extra });
          if (valid) expect(res.failures).toBeUndefined();
          else expect(res.failures?.map((f) => f.property)).toEqual([key]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("rejects generated non-string and unknown enum values (property-based)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.integer(), fc.constant(null)), async (value) => {
        const valid = ["POST", "GET", "PATCH", "DELETE"].includes(value as string);
        const res = await check("kentix:Webhook", {
          connection,
          name: "W",
          url: "https://h.example/x",
          requestType: value,
        });
        if (valid) expect(res.failures).toBeUndefined();
        else expect(res.failures).toEqual([{ property: "requestType", reason: expect.any(String) }]);
      }),
      { numRuns: 200 },
    );
  });
});
