import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { holdWaits, tlsFixture } from "./common";
import { testClient, type TestClient } from "./common/test-client";
import { passwordHash, SEEDED_DOORLOCKS, startKentix, USERGROUP_PERMISSIONS, type KentixEmulator } from "./kentix";
import { ACCESSMANAGER_DEFAULTS, SEEDED_ACCESSMANAGERS } from "./kentix";

const TOKEN = "kx-test-token";
const JSON_AUTH = { accept: "application/json", authorization: `Bearer ${TOKEN}` };
const LARAVEL_TS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000000Z$/;
const assignment = (webhook_id: number, event: number, cycle_time: number | null = null) => ({
  webhook_id,
  event,
  trigger_on_alarm: true,
  trigger_on_warning: false,
  cycle_time,
});

// Every rule runs over both listeners: same emulator, same state, different transport.
describe.each(["http", "https"] as const)("Kentix emulator over %s", (scheme) => {
  let emu: KentixEmulator;
  let api: TestClient;
  let base: string;
  const send = (method: string, path: string, body?: unknown) => api.send(method, path, { body });

  beforeAll(async () => {
    emu = await startKentix({ tokens: [TOKEN], https: "ca", stringNumbers: false, doorlocks: SEEDED_DOORLOCKS });
    base = scheme === "http" ? emu.httpUrl : emu.httpsUrl!;
    api = testClient(base, { ca: tlsFixture("ca.pem"), headers: JSON_AUTH });
  });
  afterAll(async () => {
    await api.close();
    await emu.close();
  });
  beforeEach(() => {
    emu.reset();
    emu.clearRequests();
    emu.clearFaults();
    emu.latencyMs = 0;
    emu.setTokens([TOKEN]);
  });

  describe("1. Accept header and bearer token", () => {
    it.each([
      ["no Accept header", undefined],
      ["Accept: */*", "*/*"],
      ["a browser's Accept", "text/html,application/xhtml+xml,application/json;q=0.9"],
    ])("redirects to the login page with %s, even with a valid token", async (_label, accept) => {
      const res = await api.send("GET", "/api/alarmgroups", { headers: { accept } });
      expect(res.status).toBe(302);
      expect(res.headers.location).toBe(`${base}/login`);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
      expect(res.text).toContain(`Redirecting to <a href="${base}/login">`);
    });

    it("serves an HTML login page at the redirect target", async () => {
      const res = await api.send("GET", "/login", { headers: { accept: undefined, authorization: undefined } });
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toMatch(/^text\/html/);
    });

    it.each([
      ["no Authorization", undefined],
      ["a wrong token", "Bearer nope"],
      ["a non-bearer scheme", `Basic ${TOKEN}`],
    ])("answers 401 Unauthenticated with %s", async (_label, authorization) => {
      const res = await api.send("GET", "/api/alarmgroups", { headers: { authorization } });
      expect(res.status).toBe(401);
      expect(res.json).toEqual({ message: "Unauthenticated." });
    });

    it("accepts any configured token and follows rotation", async () => {
      expect((await send("GET", "/api/webhooks")).status).toBe(200);
      emu.setTokens(["new-token"]);
      expect((await send("GET", "/api/webhooks")).status).toBe(401);
      const rotated = await api.send("GET", "/api/webhooks", { headers: { authorization: "Bearer new-token" } });
      expect(rotated.status).toBe(200);
    });
  });

  describe("2. routes", () => {
    it("answers 404 with a message for an unknown route and 405 for a wrong method", async () => {
      expect(await send("GET", "/api/filterprofiles")).toMatchObject({
        status: 404,
        json: { message: "The route api/filterprofiles could not be found." },
      });
      const wrong = await send("DELETE", "/api/alarmgroups");
      expect(wrong.status).toBe(405);
      expect(wrong.json.message).toBe(
        "The DELETE method is not supported for route api/alarmgroups. Supported methods: GET, HEAD, POST.",
      );
      const head = await send("HEAD", "/api/alarmgroups/names");
      expect(head).toMatchObject({ status: 200, text: "" });
      expect(head.headers["content-type"]).toBe("application/json");
    });

    it.each([
      ["alarmgroups", "Alarmgroup"],
      ["webhooks", "Webhook"],
      ["usergroups", "Usergroup"],
    ])("answers Laravel's model 404 for an unknown %s id on GET, PATCH, PUT and DELETE", async (collection, model) => {
      for (const method of ["GET", "PATCH", "PUT", "DELETE"]) {
        const res = await send(method, `/api/${collection}/99`, method.startsWith("P") ? {} : undefined);
        expect(res.status).toBe(404);
        expect(res.json).toEqual({ message: `No query results for model [App\\Models\\${model}] 99` });
      }
      const junk = await send("GET", `/api/${collection}/abc`);
      expect(junk.json.message).toBe(`No query results for model [App\\Models\\${model}] abc`);
    });
  });

  describe("3. lists, pagination and names", () => {
    it.each(["alarmgroups", "webhooks", "usergroups"] as const)(
      "pages 60 %s by 25 and links.next reaches every one",
      async (collection) => {
        for (let i = 1; i <= 60; i++) emu.insert(collection, { name: `item ${i}`, url: "https://x.example/" });
        const seen: unknown[] = [];
        const pages: any[] = [];
        for (let next: string | null = `${base}/api/${collection}`; next; ) {
          const res = await send("GET", next);
          expect(res.status).toBe(200);
          pages.push(res.json);
          seen.push(...res.json.data.map((item: { id: number }) => item.id));
          next = res.json.links.next;
        }
        expect(seen).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
        expect(pages.map((p) => p.data.length)).toEqual([25, 25, 10]);
        expect(pages[1].links).toEqual({
          first: `${base}/api/${collection}?page=1`,
          last: `${base}/api/${collection}?page=3`,
          prev: `${base}/api/${collection}?page=1`,
          next: `${base}/api/${collection}?page=3`,
        });
        expect(pages[2].meta).toMatchObject({
          current_page: 3,
          from: 51,
          last_page: 3,
          path: `${base}/api/${collection}`,
          per_page: 25,
          to: 60,
          total: 60,
        });
        expect(pages[2].links.next).toBeNull();
      },
    );

    it("builds absolute links from the Host header the client used", async () => {
      for (let i = 0; i < 30; i++) emu.insert("alarmgroups", { name: `g${i}` });
      // "localhost" because undici also uses the Host header for TLS SNI, and the test cert names it.
      const res = await api.send("GET", "/api/alarmgroups", { headers: { host: "localhost:9443" } });
      expect(res.json.links.next).toBe(`${scheme}://localhost:9443/api/alarmgroups?page=2`);
    });

    it("returns an empty first page for an empty collection and page 1 for a junk page number", async () => {
      const empty = await send("GET", "/api/webhooks");
      expect(empty.json).toMatchObject({
        data: [],
        links: { prev: null, next: null },
        meta: { total: 0, from: null, to: null, last_page: 1 },
      });
      emu.insert("webhooks", { name: "w", url: "https://x.example/" });
      expect((await send("GET", "/api/webhooks?page=abc")).json.meta.current_page).toBe(1);
    });

    it("lists alarm groups in the short form and webhooks and usergroups as full objects", async () => {
      await send("POST", "/api/alarmgroups", { name: "HQ" });
      await send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/hook" });
      await send("POST", "/api/usergroups", { name: "Ops" });
      expect((await send("GET", "/api/alarmgroups")).json.data).toEqual([
        { id: 1, name: "HQ", group_id: null, sort_index: 1 },
      ]);
      const [webhook] = (await send("GET", "/api/webhooks")).json.data;
      expect(webhook).toEqual((await send("GET", "/api/webhooks/1")).json[0]);
      expect(Object.keys(webhook)).toContain("url");
      const [group] = (await send("GET", "/api/usergroups")).json.data;
      expect(Object.keys(group)).toEqual(["id", "name", "created_at", "updated_at", "permissions"]);
    });

    it.each(["alarmgroups", "webhooks", "usergroups"] as const)(
      "/api/%s/names is a plain unpaginated array of {id, name}",
      async (collection) => {
        for (let i = 1; i <= 30; i++) emu.insert(collection, { name: `n${i}`, url: "https://x.example/" });
        const res = await send("GET", `/api/${collection}/names`);
        expect(Array.isArray(res.json)).toBe(true);
        expect(res.json).toHaveLength(30);
        expect(res.json[29]).toEqual({ id: 30, name: "n30" });
      },
    );
  });

  describe("4. GET by id", () => {
    it("returns the alarm group object, but webhooks and usergroups as a one-element array", async () => {
      await send("POST", "/api/alarmgroups", { name: "HQ" });
      await send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/hook" });
      await send("POST", "/api/usergroups", { name: "Ops" });
      expect((await send("GET", "/api/alarmgroups/1")).json).toMatchObject({ id: 1, name: "HQ" });
      const webhook = (await send("GET", "/api/webhooks/1")).json;
      expect(webhook).toHaveLength(1);
      expect(webhook[0]).toMatchObject({ id: 1, name: "SOC" });
      const usergroup = (await send("GET", "/api/usergroups/1")).json;
      expect(usergroup).toHaveLength(1);
      expect(usergroup[0]).toMatchObject({ id: 1, name: "Ops" });
    });
  });

  describe("5. create, update, delete", () => {
    it("creates with 201 and the full object: id from 1, Laravel timestamps, server-assigned sort_index", async () => {
      const hq = await send("POST", "/api/alarmgroups", { name: "HQ", sort_index: 77, id: 500 });
      expect(hq.status).toBe(201);
      expect(hq.json).toMatchObject({ id: 1, name: "HQ", group_id: null, sort_index: 1 });
      expect(hq.json.created_at).toMatch(LARAVEL_TS);
      expect(hq.json.updated_at).toBe(hq.json.created_at);
      const floor1 = await send("POST", "/api/alarmgroups", { name: "Floor 1", group_id: 1 });
      const floor2 = await send("POST", "/api/alarmgroups", { name: "Floor 2", group_id: 1 });
      const branch = await send("POST", "/api/alarmgroups", { name: "Branch" });
      expect([floor1, floor2, branch].map((r) => [r.json.id, r.json.sort_index])).toEqual([
        [2, 1],
        [3, 2],
        [4, 2],
      ]);
    });

    it("fills missing alarm group fields with the seed's sample defaults", async () => {
      const { json } = await send("POST", "/api/alarmgroups", { name: "HQ" });
      expect(json).toMatchObject({
        in_stealthmode: false,
        signaling_group: null,
        maintenance: "inactive",
        maintenance_start: null,
        maintenance_stop: null,
        alarmrepetition_interval: 1,
        alarmrepetition_count: 0,
        limit_notifications_always: false,
        notification_count_always_alarm: 0,
        notification_count_always_warning: false,
        arm_delay: 0,
        buzzer_arm_duration: 0,
        autoquit_duration: 0,
        buzzer_alwaysalarm_duration: 0,
        sabotage_powerdevice_duration: 300,
        sabotage_batterydevice_duration: 900,
        sabotage_service_duration: 600,
        event_id: null,
        webhooks: [],
        assigned_doorlock: null,
      });
      expect(Object.keys(json)).toHaveLength(55); // the seed's response sample has 55 keys (L864-920)
    });

    it.each(["PATCH", "PUT"])(
      "%s changes only the fields sent and answers 200 with the full object",
      async (method) => {
        await send("POST", "/api/alarmgroups", { name: "HQ", has_prealarm: true, arm_delay: 30 });
        const res = await send(method, "/api/alarmgroups/1", { sort_index: 5, arm_delay: 60 });
        expect(res.status).toBe(200);
        expect(res.json).toMatchObject({ id: 1, name: "HQ", has_prealarm: true, arm_delay: 60, sort_index: 5 });
        const hook = await send("POST", "/api/webhooks", { name: "A", url: "https://a.example/", data: "x" });
        const patched = await send(method, `/api/webhooks/${hook.json.id}`, { name: "B" });
        expect(patched.json).toMatchObject({ name: "B", url: "https://a.example/", data: "x" });
      },
    );

    it("moves updated_at on every write and keeps created_at", async () => {
      const created = (await send("POST", "/api/webhooks", { name: "A", url: "https://a.example/" })).json;
      const first = (await send("PATCH", "/api/webhooks/1", { name: "B" })).json;
      const second = (await send("PATCH", "/api/webhooks/1", { name: "C" })).json;
      expect(new Set([created.updated_at, first.updated_at, second.updated_at]).size).toBe(3);
      expect(Date.parse(second.updated_at)).toBeGreaterThan(Date.parse(first.updated_at));
      expect(second.created_at).toBe(created.created_at);
    });

    it("deletes with 204 and an empty body, after which the id is gone", async () => {
      await send("POST", "/api/usergroups", { name: "Ops" });
      const res = await send("DELETE", "/api/usergroups/1");
      expect(res).toMatchObject({ status: 204, text: "" });
      expect((await send("GET", "/api/usergroups/1")).status).toBe(404);
      expect((await send("POST", "/api/usergroups", { name: "Ops" })).json.id).toBe(2);
    });

    it("numbers ids per collection and restarts them on reset()", async () => {
      await send("POST", "/api/alarmgroups", { name: "a" });
      await send("POST", "/api/alarmgroups", { name: "b" });
      expect((await send("POST", "/api/webhooks", { name: "w", url: "https://w.example/" })).json.id).toBe(1);
      emu.reset();
      expect((await send("GET", "/api/alarmgroups")).json.meta.total).toBe(0);
      expect((await send("POST", "/api/alarmgroups", { name: "c" })).json.id).toBe(1);
    });

    it("reads a body only when Content-Type says JSON, as Laravel does", async () => {
      const res = await api.send("POST", "/api/usergroups", {
        body: JSON.stringify({ name: "Ops" }),
        headers: { "content-type": "text/plain" },
      });
      expect(res.status).toBe(422);
      expect(res.json.errors).toEqual({ name: ["The name field is required."] });
    });
  });

  describe("6. validation: alarm groups", () => {
    it("requires a name and summarises several errors Laravel-style", async () => {
      expect((await send("POST", "/api/alarmgroups", {})).json).toEqual({
        message: "The name field is required.",
        errors: { name: ["The name field is required."] },
      });
      const two = await send("POST", "/api/alarmgroups", { name: "x", alarmrepetition_interval: 0, arm_delay: 45 });
      expect(two.status).toBe(422);
      expect(two.json).toEqual({
        message: "The alarmrepetition interval must be between 1 and 999. (and 1 more error)",
        errors: {
          alarmrepetition_interval: ["The alarmrepetition interval must be between 1 and 999."],
          arm_delay: ["The selected arm delay is invalid."],
        },
      });
      const three = await send("POST", "/api/alarmgroups", { name: "", in_stealthmode: 1, maintenance: "on" });
      expect(three.json.message).toBe("The name field is required. (and 2 more errors)");
      expect(three.json.errors).toEqual({
        name: ["The name field is required."],
        in_stealthmode: ["The in stealthmode field must be true or false."],
        maintenance: ["The selected maintenance is invalid."],
      });
    });

    it.each([
      ["arm_delay", 3600, 45],
      ["buzzer_arm_duration", 1, -1],
      ["autoquit_duration", 1800, 120],
      ["buzzer_alwaysalarm_duration", -1, 2],
      ["buzzer_armedalarm_duration", 3600, 7],
      ["buzzer_firealarm_duration", 3, 5],
      ["buzzer_sabotagealarm_duration", 1200, 1500],
      ["sabotage_powerdevice_duration", 300, 3900],
      ["sabotage_batterydevice_duration", 900, 600],
      ["sabotage_service_duration", 600, 300],
      ["maintenance", "active", "on"],
    ])("accepts only the seed's enum for %s", async (field, valid, invalid) => {
      expect((await send("POST", "/api/alarmgroups", { name: "g", [field]: valid })).json[field]).toBe(valid);
      const bad = await send("POST", "/api/alarmgroups", { name: "g", [field]: invalid });
      expect(bad.status).toBe(422);
      expect(bad.json.errors).toEqual({ [field]: [`The selected ${field.replace(/_/g, " ")} is invalid.`] });
    });

    it.each([
      ["alarmrepetition_interval", 1, 999, 0, "The alarmrepetition interval must be between 1 and 999."],
      ["alarmrepetition_count", 0, 100, 101, "The alarmrepetition count must be between 0 and 100."],
      ["notification_count_fire_alarm", 0, 1000, 1001, "The notification count fire alarm must be between 0 and 1000."],
    ])("keeps %s inside its range", async (field, low, high, outside, message) => {
      for (const ok of [low, high])
        expect((await send("POST", "/api/alarmgroups", { name: "g", [field]: ok })).status).toBe(201);
      expect((await send("POST", "/api/alarmgroups", { name: "g", [field]: outside })).json.errors).toEqual({
        [field]: [message],
      });
    });

    it("checks JSON types strictly", async () => {
      const res = await send("POST", "/api/alarmgroups", {
        name: 5,
        arm_delay: "30",
        has_prealarm: "true",
        notification_count_armed_warning: 0,
        event_id: 1.5,
        maintenance_start: "tomorrow",
        maintenance_stop: "2023-02-30T00:00:00Z",
      });
      expect(res.json.errors).toEqual({
        name: ["The name must be a string."],
        notification_count_armed_warning: ["The notification count armed warning field must be true or false."],
        arm_delay: ["The arm delay must be an integer."],
        has_prealarm: ["The has prealarm field must be true or false."],
        maintenance_start: ["The maintenance start is not a valid date."],
        maintenance_stop: ["The maintenance stop is not a valid date."],
        event_id: ["The event id must be an integer."],
      });
    });

    it("accepts null where the seed says 'or null'", async () => {
      const res = await send("POST", "/api/alarmgroups", {
        name: "g",
        maintenance_start: null,
        signaling_group: null,
        notification_count_system_alarm: null,
        notification_count_system_warning: null,
        event_id: null,
        assigned_doorlock: null,
      });
      expect(res.status).toBe(201);
      expect(res.json.notification_count_system_alarm).toBeNull();
    });

    it("requires group_id to name an existing group and signaling_group to name an ancestor", async () => {
      expect((await send("POST", "/api/alarmgroups", { name: "x", group_id: 9 })).json.errors).toEqual({
        group_id: ["The selected group id is invalid."],
      });
      await send("POST", "/api/alarmgroups", { name: "Site" }); // 1
      await send("POST", "/api/alarmgroups", { name: "Building", group_id: 1 }); // 2
      await send("POST", "/api/alarmgroups", { name: "Other building", group_id: 1 }); // 3
      for (const ancestor of [1, 2]) {
        const ok = await send("POST", "/api/alarmgroups", { name: "Floor", group_id: 2, signaling_group: ancestor });
        expect(ok.json.signaling_group).toBe(ancestor);
      }
      const sibling = await send("POST", "/api/alarmgroups", { name: "Floor", group_id: 2, signaling_group: 3 });
      expect(sibling.json.errors).toEqual({ signaling_group: ["The selected signaling group is invalid."] });
      const topLevel = await send("POST", "/api/alarmgroups", { name: "Top", signaling_group: 1 });
      expect(topLevel.status).toBe(422);
    });

    it("defaults inherit_* to true under a parent and false at the top, and forbids true at the top", async () => {
      const flags = [
        "inherit_notification",
        "inherit_arm",
        "inherit_autoquit",
        "inherit_alarm",
        "inherit_sabotagesignal",
      ];
      const top = (await send("POST", "/api/alarmgroups", { name: "Top" })).json;
      const child = (await send("POST", "/api/alarmgroups", { name: "Child", group_id: top.id })).json;
      expect(flags.map((f) => top[f])).toEqual([false, false, false, false, false]);
      expect(flags.map((f) => child[f])).toEqual([true, true, true, true, true]);
      const bad = await send("POST", "/api/alarmgroups", { name: "Top 2", inherit_arm: true, inherit_alarm: true });
      expect(bad.json.errors).toEqual({
        inherit_arm: ["The inherit arm field must be false for a top-level alarmgroup."],
        inherit_alarm: ["The inherit alarm field must be false for a top-level alarmgroup."],
      });
    });

    it.each([
      ["inherit_arm", ["arm_delay", "buzzer_arm_duration"]],
      [
        "inherit_autoquit",
        [
          "can_autoquit_always_alarm",
          "can_autoquit_armed_alarm",
          "can_autoquit_fire_alarm",
          "can_autoquit_sabotage_alarm",
          "can_autoquit_system_notification_alarm",
          "autoquit_duration",
        ],
      ],
      [
        "inherit_alarm",
        [
          "buzzer_alwaysalarm_duration",
          "buzzer_armedalarm_duration",
          "buzzer_firealarm_duration",
          "buzzer_sabotagealarm_duration",
        ],
      ],
      [
        "inherit_sabotagesignal",
        ["sabotage_powerdevice_duration", "sabotage_batterydevice_duration", "sabotage_service_duration"],
      ],
    ])("on create, an explicit %s: false requires its dependent fields", async (flag, dependents) => {
      await send("POST", "/api/alarmgroups", { name: "Top" });
      const bad = await send("POST", "/api/alarmgroups", { name: "Child", group_id: 1, [flag]: false });
      const attr = (k: string) => k.replace(/_/g, " ");
      expect(bad.json.errors).toEqual(
        Object.fromEntries(
          dependents.map((d) => [d, [`The ${attr(d)} field is required when ${attr(flag)} is false.`]]),
        ),
      );
      const filled = Object.fromEntries(
        dependents.map((d) => [d, d.startsWith("can_") ? true : d.startsWith("sabotage_") ? 900 : 0]),
      );
      const good = await send("POST", "/api/alarmgroups", { name: "Child", group_id: 1, [flag]: false, ...filled });
      expect(good.status).toBe(201);
      expect(good.json).toMatchObject({ [flag]: false, ...filled });
    });

    it("limit_notifications_X: true requires both notification counts, on create and on update", async () => {
      const bad = await send("POST", "/api/alarmgroups", {
        name: "g",
        limit_notifications_fire: true,
        notification_count_fire_alarm: null,
      });
      expect(bad.json.errors).toEqual({
        notification_count_fire_alarm: [
          "The notification count fire alarm field is required when limit notifications fire is true.",
        ],
        notification_count_fire_warning: [
          "The notification count fire warning field is required when limit notifications fire is true.",
        ],
      });
      const good = await send("POST", "/api/alarmgroups", {
        name: "g",
        limit_notifications_fire: true,
        notification_count_fire_alarm: 5,
        notification_count_fire_warning: true,
      });
      expect(good.status).toBe(201);
      const patch = await send("PATCH", `/api/alarmgroups/${good.json.id}`, {
        limit_notifications_system: true,
        notification_count_system_alarm: 3,
      });
      expect(patch.json.errors).toEqual({
        notification_count_system_warning: [
          "The notification count system warning field is required when limit notifications system is true.",
        ],
      });
    });

    it.each([
      "name",
      "group_id",
      "signaling_group",
      "inherit_notification",
      "inherit_arm",
      "inherit_autoquit",
      "inherit_alarm",
      "inherit_sabotagesignal",
    ])("PATCH and PUT prohibit the create-only field %s", async (field) => {
      await send("POST", "/api/alarmgroups", { name: "HQ" });
      for (const method of ["PATCH", "PUT"]) {
        const res = await send(method, "/api/alarmgroups/1", {
          [field]: field === "name" ? "New" : false,
          arm_delay: 30,
        });
        expect(res.status).toBe(422);
        expect(res.json.errors).toEqual({ [field]: [`The ${field.replace(/_/g, " ")} field is prohibited.`] });
      }
      expect(emu.get("alarmgroups", 1)).toMatchObject({ name: "HQ", arm_delay: 0 });
    });

    it("does not require unique alarm group names", async () => {
      expect((await send("POST", "/api/alarmgroups", { name: "Same" })).status).toBe(201);
      expect((await send("POST", "/api/alarmgroups", { name: "Same" })).status).toBe(201);
    });

    it("stores webhook assignments as sent, in order, and validates each element", async () => {
      await send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/" });
      await send("POST", "/api/alarmgroups", { name: "HQ" });
      const hooks = [assignment(1, 55), assignment(1, 0, 30), assignment(1, 58)];
      const ok = await send("PATCH", "/api/alarmgroups/1", { webhooks: hooks });
      expect(ok.json.webhooks).toEqual(hooks);
      expect((await send("GET", "/api/alarmgroups/1")).json.webhooks).toEqual(hooks);

      const { trigger_on_alarm: _dropped, ...missingTrigger } = assignment(1, 0);
      const bad = await send("PATCH", "/api/alarmgroups/1", {
        webhooks: [assignment(7, 0), assignment(1, 6), missingTrigger, "x"],
      });
      expect(bad.json.errors).toEqual({
        "webhooks.0.webhook_id": ["The selected webhooks.0.webhook id is invalid."],
        "webhooks.1.event": ["The selected webhooks.1.event is invalid."],
        "webhooks.2.trigger_on_alarm": ["The webhooks.2.trigger on alarm field is required."],
        "webhooks.3": ["The webhooks.3 must be an array."],
      });
      const notArray = await send("POST", "/api/alarmgroups", { name: "x", webhooks: { webhook_id: 1 } });
      expect(notArray.json.errors).toEqual({ webhooks: ["The webhooks must be an array."] });
      expect(
        (await send("POST", "/api/alarmgroups", { name: "y", webhooks: [assignment(1, 57)] })).json.webhooks,
      ).toEqual([assignment(1, 57)]);
    });

    it("refuses to delete a group that has children, naming them", async () => {
      await send("POST", "/api/alarmgroups", { name: "HQ" });
      await send("POST", "/api/alarmgroups", { name: "Floor 1", group_id: 1 });
      await send("POST", "/api/alarmgroups", { name: "Floor 2", group_id: 1 });
      const res = await send("DELETE", "/api/alarmgroups/1");
      expect(res.status).toBe(422);
      expect(res.json.message).toBe(
        "The alarmgroup cannot be deleted because it has child groups: Floor 1 (2), Floor 2 (3).",
      );
      expect(res.json.errors.alarmgroup).toEqual([res.json.message]);
      expect((await send("DELETE", "/api/alarmgroups/2")).status).toBe(204);
      expect((await send("DELETE", "/api/alarmgroups/3")).status).toBe(204);
      expect((await send("DELETE", "/api/alarmgroups/1")).status).toBe(204);
    });
  });

  describe("6. validation: webhooks", () => {
    it("requires name and url on create and applies defaults", async () => {
      expect((await send("POST", "/api/webhooks", {})).json).toEqual({
        message: "The name field is required. (and 1 more error)",
        errors: { name: ["The name field is required."], url: ["The url field is required."] },
      });
      const res = await send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/hook?x=1" });
      expect(res.status).toBe(201);
      expect(res.json).toEqual({
        id: 1,
        name: "SOC",
        created_at: res.json.created_at,
        updated_at: res.json.updated_at,
        is_active: true,
        request_type: 0,
        content_type: 0,
        url: "https://soc.example/hook?x=1",
        data: null,
        authentication_mode: 0,
        username: null,
        password: null,
      });
    });

    it.each([
      ["request_type", 3, 4, "The selected request type is invalid."],
      ["content_type", 2, 3, "The selected content type is invalid."],
      ["authentication_mode", 0, -1, "The selected authentication mode is invalid."],
      ["url", "http://10.0.0.1:8080/x", "ftp://soc.example/", "The url must be a valid URL."],
      ["url", "https://soc.example/", "not a url", "The url must be a valid URL."],
      ["is_active", false, "yes", "The is active field must be true or false."],
      ["data", null, 5, "The data must be a string."],
    ])("validates %s (%j ok, %j not)", async (field, valid, invalid, message) => {
      const body = { name: "w", url: "https://w.example/" };
      expect((await send("POST", "/api/webhooks", { ...body, [field]: valid })).json[field]).toEqual(valid);
      expect((await send("POST", "/api/webhooks", { ...body, [field]: invalid })).json.errors).toEqual({
        [field]: [message],
      });
    });

    it("Basic auth needs username and password, Bearer needs username; both are echoed in clear", async () => {
      const body = { name: "w", url: "https://w.example/" };
      expect(
        (await send("POST", "/api/webhooks", { ...body, authentication_mode: 1, username: "" })).json.errors,
      ).toEqual({
        username: ["The username field is required when authentication mode is 1."],
        password: ["The password field is required when authentication mode is 1."],
      });
      expect((await send("POST", "/api/webhooks", { ...body, authentication_mode: 2 })).json.errors).toEqual({
        username: ["The username field is required when authentication mode is 2."],
      });
      const basic = await send("POST", "/api/webhooks", {
        ...body,
        authentication_mode: 1,
        username: "root",
        password: "s3cret",
      });
      expect(basic.json).toMatchObject({ authentication_mode: 1, username: "root", password: "s3cret" });
      expect((await send("GET", `/api/webhooks/${basic.json.id}`)).json[0].password).toBe("s3cret");
    });

    it("checks the credentials of the object as it would be after an update", async () => {
      await send("POST", "/api/webhooks", { name: "w", url: "https://w.example/" });
      const bad = await send("PATCH", "/api/webhooks/1", { authentication_mode: 2 });
      expect(bad.json.errors).toEqual({ username: ["The username field is required when authentication mode is 2."] });
      expect((await send("PATCH", "/api/webhooks/1", { authentication_mode: 2, username: "token-abc" })).status).toBe(
        200,
      );
      expect((await send("PATCH", "/api/webhooks/1", { username: null })).status).toBe(422);
      expect((await send("PATCH", "/api/webhooks/1", { url: "nope" })).json.errors).toEqual({
        url: ["The url must be a valid URL."],
      });
    });

    it("allows duplicate webhook names", async () => {
      for (let i = 0; i < 2; i++)
        expect((await send("POST", "/api/webhooks", { name: "dup", url: "https://w.example/" })).status).toBe(201);
    });

    it("refuses to delete a webhook assigned to an alarm group, naming the groups", async () => {
      await send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/" });
      await send("POST", "/api/alarmgroups", { name: "HQ", webhooks: [assignment(1, 0)] });
      await send("POST", "/api/alarmgroups", { name: "Lab", webhooks: [assignment(1, 5)] });
      const res = await send("DELETE", "/api/webhooks/1");
      expect(res.status).toBe(422);
      expect(res.json).toEqual({
        message: "The webhook cannot be deleted because it is assigned to alarmgroups: HQ (1), Lab (2).",
        errors: { webhook: ["The webhook cannot be deleted because it is assigned to alarmgroups: HQ (1), Lab (2)."] },
      });
      await send("PATCH", "/api/alarmgroups/1", { webhooks: [] });
      await send("PATCH", "/api/alarmgroups/2", { webhooks: [] });
      expect((await send("DELETE", "/api/webhooks/1")).status).toBe(204);
    });
  });

  describe("6. validation: usergroups", () => {
    const allFalse = Object.fromEntries(USERGROUP_PERMISSIONS.map((k) => [k, false]));

    it("fills every known permission, false unless given", async () => {
      expect(USERGROUP_PERMISSIONS).toHaveLength(12);
      const plain = await send("POST", "/api/usergroups", { name: "Guests" });
      expect(plain.json.permissions).toEqual(allFalse);
      const ops = await send("POST", "/api/usergroups", {
        name: "Ops",
        permissions: { "alarmgroups.view": true, "doorlocks.open": false },
      });
      expect(ops.json.permissions).toEqual({ ...allFalse, "alarmgroups.view": true });
    });

    it("requires a unique name, on create and on rename", async () => {
      expect((await send("POST", "/api/usergroups", {})).json.errors).toEqual({
        name: ["The name field is required."],
      });
      await send("POST", "/api/usergroups", { name: "Ops" });
      await send("POST", "/api/usergroups", { name: "Admins" });
      const dup = await send("POST", "/api/usergroups", { name: "Ops" });
      expect(dup.json).toEqual({
        message: "The name has already been taken.",
        errors: { name: ["The name has already been taken."] },
      });
      expect((await send("PATCH", "/api/usergroups/2", { name: "Ops" })).status).toBe(422);
      expect((await send("PATCH", "/api/usergroups/1", { name: "Ops" })).status).toBe(200);
    });

    it("rejects unknown permission keys and non-boolean values", async () => {
      const res = await send("POST", "/api/usergroups", {
        name: "X",
        permissions: { "bogus.key": true, "users.edit": 1 },
      });
      expect(res.json.errors).toEqual({
        "permissions.bogus.key": ["The selected permission is invalid."],
        "permissions.users.edit": ["The permissions.users.edit field must be true or false."],
      });
      expect((await send("POST", "/api/usergroups", { name: "X", permissions: [] })).json.errors).toEqual({
        permissions: ["The permissions must be an array."],
      });
    });

    it("replaces the whole permission map on update and keeps it when not sent", async () => {
      await send("POST", "/api/usergroups", { name: "Ops", permissions: { "users.view": true, "users.edit": true } });
      const renamed = await send("PATCH", "/api/usergroups/1", { name: "Operators" });
      expect(renamed.json.permissions).toEqual({ ...allFalse, "users.view": true, "users.edit": true });
      const replaced = await send("PUT", "/api/usergroups/1", { permissions: { "webhooks.edit": true } });
      expect(replaced.json.permissions).toEqual({ ...allFalse, "webhooks.edit": true });
    });
  });

  describe("6. door locks: hardware the API configures but cannot create or delete", () => {
    it("starts with the taught-in locks, lists and reads them (bare object), and refuses POST and DELETE with 405", async () => {
      const list = await send("GET", "/api/doorlocks");
      expect(list.json.data.map((l: { id: number; name: string }) => [l.id, l.name])).toEqual([
        [1, "Frontdoor"],
        [2, "Server room"],
      ]);
      expect((await send("GET", "/api/doorlocks/names")).json).toEqual([
        { id: 1, name: "Frontdoor" },
        { id: 2, name: "Server room" },
      ]);
      const one = await send("GET", "/api/doorlocks/2");
      expect(one.json).toMatchObject({ id: 2, device_id: 1, type: 21, batterylevel: "half", webhooks: [] });
      expect(one.json).not.toHaveProperty("created_at");
      const post = await send("POST", "/api/doorlocks", { name: "New" });
      expect(post.status).toBe(405);
      expect(post.json.message).toBe(
        "The POST method is not supported for route api/doorlocks. Supported methods: GET, HEAD.",
      );
      expect((await send("DELETE", "/api/doorlocks/1")).status).toBe(405);
      emu.reset();
      expect(emu.list("doorlocks").map((l) => l.name)).toEqual(["Frontdoor", "Server room"]);
    });

    it("changes only the fields sent, ignores the device's own fields, and answers 422 in Laravel's words", async () => {
      const hook = emu.insert("webhooks", { name: "SOC", url: "https://soc.example" });
      const ok = await send("PATCH", "/api/doorlocks/1", {
        name: "Main entrance",
        coupletime: 5,
        webhooks: [hook.id],
        batterylevel: "low",
        type: 99,
      });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({
        name: "Main entrance",
        coupletime: 5,
        webhooks: [hook.id],
        batterylevel: "full",
        type: 21,
      });
      const bad = await send("PUT", "/api/doorlocks/1", {
        armlevel: 7,
        reed_bypass_time: 20,
        group_id: 42,
        webhooks: [hook.id, 99],
        cameras: ["x"],
        log_level: "1",
      });
      expect(bad.status).toBe(422);
      expect(bad.json).toEqual({
        message: "The log level must be an integer. (and 5 more errors)",
        errors: {
          log_level: ["The log level must be an integer."],
          group_id: ["The selected group id is invalid."],
          armlevel: ["The selected armlevel is invalid."],
          reed_bypass_time: ["The selected reed bypass time is invalid."],
          "webhooks.1": ["The selected webhooks.1 is invalid."],
          "cameras.0": ["The cameras.0 must be an integer."],
        },
      });
      expect(emu.get("doorlocks", 1)).toMatchObject({ armlevel: 0, reed_bypass_time: 30 });
      expect((await send("PATCH", "/api/doorlocks/9", { name: "x" })).status).toBe(404);
    });
  });

  describe("6. AccessManagers: devices the API configures but cannot create or delete", () => {
    it("lists, names and reads them (bare object, `mac_adress` as the appliance spells it), refuses POST and DELETE", async () => {
      for (const device of SEEDED_ACCESSMANAGERS) emu.insert("accessmanagers", device);
      const list = await send("GET", "/api/accessmanagers");
      expect(list.json.data.map((d: { id: number; name: string }) => [d.id, d.name])).toEqual([
        [1, "AccessManager"],
        [2, "AccessManager Satellite"],
      ]);
      expect((await send("GET", "/api/accessmanagers/names")).json).toEqual([
        { id: 1, name: "AccessManager" },
        { id: 2, name: "AccessManager Satellite" },
      ]);
      const one = await send("GET", "/api/accessmanagers/1");
      expect(one.json).toEqual({ id: 1, ...ACCESSMANAGER_DEFAULTS, name: "AccessManager" });
      expect((await send("POST", "/api/accessmanagers", { name: "New" })).status).toBe(405);
      expect((await send("DELETE", "/api/accessmanagers/1")).status).toBe(405);
      expect(emu.list("accessmanagers")).toHaveLength(2);
    });

    it("changes only the fields sent, ignores the device's own (id, type, mac_adress), answers 422 in Laravel's words", async () => {
      emu.insert("accessmanagers", SEEDED_ACCESSMANAGERS[0]!);
      const hook = emu.insert("webhooks", { name: "SOC", url: "https://soc.example" });
      const ok = await send("PATCH", "/api/accessmanagers/1", {
        name: "Entrance",
        relais_action_arm: "backchannel1",
        webhooks: [hook.id],
        mac_adress: "00:00:00:00:00:00",
        type: 1,
      });
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ name: "Entrance", relais_action_arm: "backchannel1", type: 105 });
      expect(ok.json.mac_adress).toBe(ACCESSMANAGER_DEFAULTS.mac_adress);
      const bad = await send("PUT", "/api/accessmanagers/1", {
        relais_action_arm: "channel3",
        group_id: 42,
        ext_arm_doorlocks: [7],
        ios: [1],
        external: "on",
      });
      expect(bad.status).toBe(422);
      expect(Object.keys(bad.json.errors)).toEqual([
        "relais_action_arm",
        "group_id",
        "ext_arm_doorlocks.0",
        "ios",
        "external",
      ]);
      expect((await send("PATCH", "/api/accessmanagers/9", { name: "x" })).status).toBe(404);
    });
  });

  describe("6. time profiles: no delete call", () => {
    it("creates (ignoring a sent id), reads as a one-element array, updates, refuses DELETE with 405 and bad flag strings with 422", async () => {
      const flags = "0".repeat(7) + "F".repeat(12) + "0".repeat(149);
      const created = await send("POST", "/api/timeprofiles", { id: 7, name: "Office", flagstring: flags });
      expect(created.status).toBe(201);
      expect(created.json).toMatchObject({ id: 1, name: "Office", flagstring: flags, exceptionday_profile_id: null });
      expect((await send("GET", "/api/timeprofiles/1")).json).toEqual([expect.objectContaining({ id: 1 })]);
      expect((await send("PATCH", "/api/timeprofiles/1", { exceptionday_profile_id: 3 })).json.errors).toEqual({
        exceptionday_profile_id: ["The selected exceptionday profile id is invalid."],
      });
      const holidays = emu.insert("exceptiondays", { name: "Holidays" });
      const linked = await send("PATCH", "/api/timeprofiles/1", { exceptionday_profile_id: holidays.id });
      expect(linked.json).toMatchObject({ flagstring: flags, exceptionday_profile_id: holidays.id });
      const del = await send("DELETE", "/api/timeprofiles/1");
      expect(del.status).toBe(405);
      expect(del.json.message).toBe(
        "The DELETE method is not supported for route api/timeprofiles/1. Supported methods: GET, HEAD, PATCH, PUT.",
      );
      expect((await send("POST", "/api/timeprofiles", { flagstring: "F" })).json).toEqual({
        message: "The flagstring must be 168 characters. (and 1 more error)",
        errors: { flagstring: ["The flagstring must be 168 characters."], name: ["The name field is required."] },
      });
      const notHex = await send("PATCH", "/api/timeprofiles/1", { flagstring: "G".repeat(168) });
      expect(notHex.json.errors).toEqual({ flagstring: ["The flagstring format is invalid."] });
      expect(emu.list("timeprofiles")).toHaveLength(1);
    });
  });

  describe("6. exception-day profiles: the create call is an upsert", () => {
    it("creates without an id (201), overwrites the profile a body id names (200), and deletes (204)", async () => {
      const day = { date: "2026-12-24" };
      const made = await send("POST", "/api/exceptiondays", { name: "Holidays", days: [day] });
      expect(made.status).toBe(201);
      expect(made.json).toMatchObject({ id: 1, name: "Holidays", days: [day] });
      const over = await send("POST", "/api/exceptiondays", { id: 1, name: "Closed", days: [] });
      expect(over.status).toBe(200);
      expect(emu.list("exceptiondays").map((p) => [p.id, p.name, p.days])).toEqual([[1, "Closed", []]]);
      const fresh = await send("POST", "/api/exceptiondays", { id: 9, name: "Other" });
      expect(fresh.status).toBe(201);
      expect(fresh.json.id).toBe(2);
      expect((await send("POST", "/api/exceptiondays", { name: "Bad", days: ["x"] })).json.errors).toEqual({
        "days.0": ["The days.0 must be an array."],
      });
      expect((await send("DELETE", "/api/exceptiondays/2")).status).toBe(204);
      expect(emu.list("exceptiondays")).toHaveLength(1);
    });
  });

  describe("6. users: unique usernames, passwords never returned", () => {
    it("creates with a generated api_token and rfid_uid 0, never answers the password, lists the short form", async () => {
      const made = await send("POST", "/api/users", {
        username: "alice",
        password: "pw-1",
        password_confirmation: "pw-1",
        pin: "1234",
      });
      expect(made.status).toBe(201);
      expect(made.json).toMatchObject({ id: 1, username: "alice", pin: "1234", rfid_uid: 0, levelprofiles: [] });
      expect(made.json.api_token).toMatch(/^[0-9A-F]{36}$/);
      expect(made.json).not.toHaveProperty("password");
      expect(emu.get("users", 1)!.password).toBe(passwordHash("pw-1"));
      const read = await send("GET", "/api/users/1");
      expect(read.json).toMatchObject({ id: 1, username: "alice", api_token: made.json.api_token });
      expect(read.json).not.toHaveProperty("password");
      expect((await send("GET", "/api/users")).json.data).toEqual([
        { id: 1, username: "alice", fullname: "", is_active: true },
      ]);
      const cleared = await send("PATCH", "/api/users/1", { rfid_uid: "04A1B2C3", pin: null });
      expect(cleared.json).toMatchObject({ rfid_uid: "04A1B2C3", pin: null });
      expect((await send("PATCH", "/api/users/1", { rfid_uid: null })).json.rfid_uid).toBe(0);
      expect((await send("DELETE", "/api/users/1")).status).toBe(204);
    });

    it("answers 422 for a taken username, an unconfirmed password, bad PINs, UIDs and references", async () => {
      emu.insert("users", { username: "alice" });
      expect((await send("POST", "/api/users", { username: "alice" })).json).toEqual({
        message: "The username has already been taken.",
        errors: { username: ["The username has already been taken."] },
      });
      const bad = await send("POST", "/api/users", {
        username: "bob",
        password: "pw-1",
        password_confirmation: "pw-2",
        autologout: 10,
        rfid_uid: "not-hex",
        pin: "12",
        armdisarm_mode: 3,
        usergroup_id: 9,
        alarmgroups: [9],
        levelprofiles: [3],
      });
      expect(bad.json.errors).toEqual({
        password: ["The password confirmation does not match."],
        autologout: ["The selected autologout is invalid."],
        armdisarm_mode: ["The armdisarm mode must be between 0 and 2."],
        rfid_uid: ["The rfid uid must be a hex string of at most 32 characters."],
        pin: ["The pin must be between 4 and 10 digits."],
        usergroup_id: ["The selected usergroup id is invalid."],
        "alarmgroups.0": ["The selected alarmgroups.0 is invalid."],
        "levelprofiles.0.id": ["The levelprofiles.0.id must be an integer."],
      });
      expect((await send("POST", "/api/users", {})).json.errors).toEqual({
        username: ["The username field is required."],
      });
      const renamed = await send("PATCH", "/api/users/1", { username: "alice" }); // its own name
      expect(renamed.status).toBe(200);
      expect(emu.list("users")).toHaveLength(1);
    });
  });

  describe("8. timestamps", () => {
    it("returns maintenance instants normalised while storing them as given", async () => {
      const res = await send("POST", "/api/alarmgroups", {
        name: "HQ",
        maintenance_start: "2023-02-17T02:00:00+01:00",
        maintenance_stop: "2023-02-17T23:59:00Z",
      });
      expect(res.json).toMatchObject({
        maintenance_start: "2023-02-17T01:00:00.000Z",
        maintenance_stop: "2023-02-17T23:59:00.000Z",
      });
      expect(emu.get("alarmgroups", 1)).toMatchObject({
        maintenance_start: "2023-02-17T02:00:00+01:00",
        maintenance_stop: "2023-02-17T23:59:00Z",
      });
      const patched = await send("PATCH", "/api/alarmgroups/1", { maintenance_start: "2023-03-01 08:30:00" });
      expect(patched.json.maintenance_start).toBe("2023-03-01T08:30:00.000Z");
    });
  });

  describe("out-of-band state", () => {
    it("insert, edit and remove are visible through the API and never logged", async () => {
      const inserted = emu.insert("alarmgroups", { name: "Made in the UI" });
      expect(inserted).toMatchObject({ id: 1, name: "Made in the UI", group_id: null, sort_index: 1, arm_delay: 0 });
      expect(inserted.created_at).toMatch(LARAVEL_TS);
      const before = (await send("GET", "/api/alarmgroups/1")).json;
      expect(before.name).toBe("Made in the UI");

      const edited = emu.edit("alarmgroups", 1, { arm_delay: 600 });
      expect(edited.updated_at).not.toBe(before.updated_at);
      const after = (await send("GET", "/api/alarmgroups/1")).json;
      expect(after).toMatchObject({ arm_delay: 600, updated_at: edited.updated_at });

      expect(emu.remove("alarmgroups", 1)).toBe(true);
      expect((await send("GET", "/api/alarmgroups/1")).status).toBe(404);
      expect(emu.remove("alarmgroups", 1)).toBe(false);

      expect(emu.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /api/alarmgroups/1",
        "GET /api/alarmgroups/1",
        "GET /api/alarmgroups/1",
      ]);
      expect(emu.writes()).toEqual([]);
    });

    it("list and get return stored objects; edit of a missing id throws", async () => {
      await send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/" });
      expect(emu.list("webhooks").map((w) => w.name)).toEqual(["SOC"]);
      expect(emu.get("webhooks", 1)).toMatchObject({ id: 1, url: "https://soc.example/" });
      expect(emu.get("webhooks", 2)).toBeUndefined();
      expect(() => emu.edit("webhooks", 2, { name: "x" })).toThrow(/webhooks\/2/);
      const withId = emu.insert("usergroups", { id: 40, name: "Imported" });
      expect(withId.permissions).toEqual(Object.fromEntries(USERGROUP_PERMISSIONS.map((k) => [k, false])));
      expect((await send("POST", "/api/usergroups", { name: "Next" })).json.id).toBe(41);
    });
  });

  describe("faults and latency", () => {
    it("injects 503 with Retry-After and leaves state alone", async () => {
      await send("POST", "/api/alarmgroups", { name: "HQ" });
      emu.inject({
        method: "PATCH",
        path: "/api/alarmgroups/{id}",
        kind: "status",
        status: 503,
        headers: { "Retry-After": "1" },
      });
      const res = await send("PATCH", "/api/alarmgroups/1", { arm_delay: 30 });
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("1");
      expect(emu.get("alarmgroups", 1)!.arm_delay).toBe(0);
      expect((await send("PATCH", "/api/alarmgroups/1", { arm_delay: 30 })).json.arm_delay).toBe(30);
    });

    it("reset-after-commit loses the response but keeps the created object", async () => {
      emu.inject({ method: "POST", path: "/api/webhooks", kind: "reset-after-commit" });
      await expect(send("POST", "/api/webhooks", { name: "SOC", url: "https://soc.example/" })).rejects.toThrow();
      expect(emu.list("webhooks").map((w) => w.name)).toEqual(["SOC"]);
      expect((await send("GET", "/api/webhooks/names")).json).toEqual([{ id: 1, name: "SOC" }]);
      expect(emu.writes()).toMatchObject([{ method: "POST", status: null, fault: "reset-after-commit" }]);
    });

    it("reset-before loses the request: nothing is created", async () => {
      emu.inject({ method: "POST", path: "/api/usergroups", kind: "reset-before" });
      await expect(send("POST", "/api/usergroups", { name: "Ops" })).rejects.toThrow();
      expect(emu.list("usergroups")).toEqual([]);
      expect((await send("POST", "/api/usergroups", { name: "Ops" })).json.id).toBe(1);
    });

    it("adds configured latency to each request", async () => {
      const waits = holdWaits(emu);
      try {
        emu.latencyMs = 50;
        const before = emu.requests.length;
        const answer = send("GET", "/api/alarmgroups");
        const latency = await waits.next(answer);
        expect(latency.ms).toBe(50);
        expect(emu.requests.slice(before)).toMatchObject([{ path: "/api/alarmgroups", status: null }]); // not answered yet
        latency.release();
        expect((await answer).status).toBe(200);
        expect(emu.requests.at(-1)).toMatchObject({ path: "/api/alarmgroups", status: 200 });
      } finally {
        waits.restore();
      }
    });
  });
});

describe("7. integers sometimes sent as strings", () => {
  const types = (value: unknown): Set<string> => {
    if (Array.isArray(value)) return new Set(value.flatMap((v) => [...types(v)]));
    if (value && typeof value === "object") return new Set(Object.values(value).flatMap((v) => [...types(v)]));
    return new Set([value === null ? "null" : typeof value]);
  };

  it("with probability 1 every integer, ids included, is a string and booleans stay booleans", async () => {
    const emu = await startKentix({ tokens: [TOKEN], stringNumbers: 1 });
    const api = testClient(emu.httpUrl, { headers: JSON_AUTH });
    const created = (await api.send("POST", "/api/alarmgroups", { body: { name: "HQ", arm_delay: 30 } })).json;
    expect(created).toMatchObject({
      id: "1",
      sort_index: "1",
      arm_delay: "30",
      sabotage_powerdevice_duration: "300",
      in_stealthmode: false,
    });
    expect(types(created)).toEqual(new Set(["string", "boolean", "null"]));
    const list = (await api.send("GET", "/api/alarmgroups")).json;
    expect(list.data[0].id).toBe("1");
    expect(list.meta.total).toBe(1); // paginator meta is not device data
    expect((await api.send("GET", "/api/alarmgroups/names")).json).toEqual([{ id: "1", name: "HQ" }]);
    await api.close();
    await emu.close();
  });

  it("by default mixes strings and numbers, reproducibly for a seed", async () => {
    // A fixed appliance clock: created_at/updated_at come from it, not from the wall clock of the run.
    const now = () => Date.UTC(2024, 0, 1, 8, 30);
    const run = async (seed: number) => {
      const emu = await startKentix({ tokens: [TOKEN], seed, now });
      const api = testClient(emu.httpUrl, { headers: JSON_AUTH });
      await api.send("POST", "/api/alarmgroups", { body: { name: "HQ" } });
      const bodies = [];
      for (let i = 0; i < 5; i++) bodies.push((await api.send("GET", "/api/alarmgroups/1")).json);
      await api.close();
      await emu.close();
      return bodies;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(a[0]).toMatchObject({
      created_at: "2024-01-01T08:30:00.000000Z",
      updated_at: "2024-01-01T08:30:00.000000Z",
    });
    // Integer fields only: names and timestamps are strings anyway.
    const integerTypes = new Set(
      a.flatMap((body) =>
        Object.values(body)
          .filter((v) => typeof v === "number" || /^-?\d+$/.test(String(v)))
          .map((v) => typeof v),
      ),
    );
    expect(integerTypes).toEqual(new Set(["number", "string"]));
    const sabotage = a.map((b) => b.sabotage_powerdevice_duration);
    expect(sabotage.every((v) => v === 300 || v === "300")).toBe(true);
  });
});
