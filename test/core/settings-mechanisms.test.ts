/**
 * Core mechanisms added for APIs that are not plain collections (issue 5), driven through a tiny test vendor
 * against a real HTTP server on 127.0.0.1: deep read-modify-write, envelopes, first-write singletons, computed
 * values from the fromWire hook, unreadable (create-only) resources, delete-first replacement, retain
 * warnings, vendor codecs, check reasons and data sessions.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { clearSessions, type Vendor } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { dataSession } from "../../providers/core/data";
import { expandRoute } from "../../providers/core/http/route";
import { defineResource } from "../../providers/core/resource/define";
import { lifecycles } from "../../providers/core/resource/registry";
import { codec, field, wireAsNamed } from "../../providers/core/resource/schema";
import { type Emulator, startEmulator } from "../emulators/common";

type Obj = Record<string, any>;
let settings: Obj | null = null;
let items: Obj[] = [];
let emu: Emulator;

const vendor: Vendor = {
  name: "mechtest",
  credentials: ["key"],
  defaults: { maxConcurrency: 2, timeoutMs: 5000 },
  open: (http, { key }) => ({
    call: async (route, params, body) => {
      const { method, path } = expandRoute(route, params);
      return (await http.request({ method, path, body, headers: { "x-key": key } })).body;
    },
    list: async () => [],
    one: (body) => ((body as Obj)?.settings ?? ((body as Obj)?.id ? (body as Obj) : undefined)) || undefined,
    // The settings were never written: the documented "not there" of this vendor (anything else without them is an error).
    gone: (body) => (body as Obj | null)?.settings === null,
  }),
};

// A state written as a number and read back as a word.
const level = codec(z.enum(["low", "high"]), {
  kind: "level",
  toWire: (v) => ({ low: 1, high: 2 })[v as "low" | "high"],
  fromWire: (v) => ({ LOW: "low", HIGH: "high" })[String(v)] ?? v,
  canon: (v) => String(v).toLowerCase(),
  describe: '"low" | "high"',
});

defineResource({
  vendor,
  name: "Settings",
  description: "test-only singleton",
  singleton: true,
  firstWriteCreates: true,
  idFor: () => "settings",
  updateMerge: "deep",
  envelope: "wrapped",
  routes: { read: "GET /settings", update: "POST /settings", delete: "DELETE /settings" },
  deletePolicy: { default: "retain", options: ["retain", "delete"] },
  fields: wireAsNamed({
    name: field(z.string(), { description: "name" }),
    level: field(level.optional(), { description: "level" }),
    nested: field(z.strictObject(wireAsNamed({ a: field(z.number().optional(), { description: "a" }) })).optional(), {
      description: "nested",
    }),
    places: field(
      z
        .record(
          z.string().regex(/^\d+$/, { error: "must be a number" }),
          z.strictObject(wireAsNamed({ x: field(z.number(), { description: "x" }) })),
        )
        .optional(),
      { description: "map" },
    ),
  }),
  computed: { derived: field(z.string().nullable(), { description: "from the hook", computed: true }) },
  fromWire: (wire) => ({ ...wire, derived: `name is ${String(wire.name)}` }),
});

defineResource({
  vendor,
  name: "Ticket",
  description: "test-only create-only object",
  routes: { create: "POST /items" },
  deleteBeforeReplace: true,
  deletePolicy: { default: "retain", options: ["retain"], retainWarning: "it stays on the server" },
  fields: {
    label: field(z.string(), { description: "label", replaceOnChanges: true }),
    size: field(z.number().int(), { description: "size" }),
  },
  computed: { ticket: field(z.string().nullable(), { description: "server number", computed: true }) },
});

const lc = (name: string) => lifecycles.get(`mechtest:${name}`)!;
const connection = () => ({ url: emu.httpUrl, profile: "t" });

beforeAll(async () => {
  emu = await startEmulator({
    handler: (req) => {
      if (req.headers["x-key"] !== "k-123") return { status: 401 };
      if (req.path === "/settings" && req.method === "GET") return { status: 200, body: { settings } };
      if (req.path === "/settings" && req.method === "POST") {
        const body = (req.body as Obj).wrapped as Obj;
        // The server computes fields inside nested settings; they survive only when sent back.
        const places = Object.fromEntries(
          Object.entries((body.places ?? {}) as Obj).map(([k, v]) => [k, { token: `t-${k}`, ...v }]),
        );
        settings = {
          ...body,
          serverId: body.serverId ?? "srv-1",
          nested: { server: "s", ...body.nested },
          places,
          level: body.level === 2 ? "HIGH" : "LOW",
        };
        return { status: 200, body: { ok: true } };
      }
      if (req.path === "/settings" && req.method === "DELETE") return ((settings = null), { status: 204 });
      if (req.path === "/items" && req.method === "POST") {
        const item = { id: String(items.length + 1), ticket: `T-${items.length + 1}`, ...(req.body as Obj) };
        items.push(item);
        return { status: 201, body: item };
      }
      return { status: 404, body: { message: "no" } };
    },
  });
  setStackConfig({ get: (k) => (k === "mechtest:t.key" ? "k-123" : undefined) });
});
afterAll(() => emu.close());
beforeEach(() => {
  clearSessions();
  settings = null;
  items = [];
  emu.clearRequests();
});

describe("singletons that may not exist yet, deep read-modify-write and envelopes", () => {
  it("creates the settings with the first write, wrapped in the envelope", async () => {
    const { id, outs } = await lc("Settings").create({
      connection: connection(),
      name: "one",
      places: { "1": { x: 1 } },
    });
    expect(id).toBe("settings");
    expect(emu.writes().map((r) => r.body)).toEqual([{ wrapped: { name: "one", places: { "1": { x: 1 } } } }]);
    expect(outs).toMatchObject({ name: "one" });
  });

  it("sends server-computed fields inside nested settings back as read, and drops map keys the program removed", async () => {
    settings = {
      name: "one",
      serverId: "srv-9",
      nested: { a: 1, server: "keep" },
      places: { "1": { x: 1, token: "t-1" }, "2": { x: 5, token: "t-2" } },
      level: "LOW",
    };
    const inputs = {
      connection: connection(),
      name: "one",
      nested: { a: 1 },
      places: { "1": { x: 1 }, "2": { x: 5 } },
    };
    await lc("Settings").update("settings", inputs, { ...inputs, nested: { a: 2 }, places: { "1": { x: 2 } } });
    expect(emu.writes().map((r) => r.body)).toEqual([
      {
        wrapped: {
          name: "one",
          serverId: "srv-9",
          level: "LOW",
          nested: { a: 2, server: "keep" },
          places: { "1": { x: 2, token: "t-1" } },
        },
      },
    ]);
  });

  it("derives computed outputs with the fromWire hook, and maps a vendor codec both ways", async () => {
    settings = { name: "two", level: "HIGH" };
    const read = await lc("Settings").read("settings", { connection: connection(), name: "two", level: "high" });
    expect(read.props).toMatchObject({ derived: "name is two", level: "high" });
    await lc("Settings").update(
      "settings",
      { connection: connection(), name: "two", level: "high" },
      { connection: connection(), name: "two", level: "low" },
    );
    expect((emu.writes()[0]!.body as Obj).wrapped.level).toBe(1);
  });
});

describe("resources the API cannot read", () => {
  it("keep the state as stored on read (no request), take the create answer as it is, and cannot be adopted", async () => {
    const { id, outs } = await lc("Ticket").create({ connection: connection(), label: "a", size: 1 });
    expect(outs).toMatchObject({ ticket: "T-1", size: 1 });
    emu.clearRequests();
    expect(await lc("Ticket").read(id, outs)).toEqual({
      id,
      props: outs,
      inputs: { connection: connection(), label: "a", size: 1 },
    });
    expect(emu.requests).toEqual([]);
    const adopt = await lc("Ticket").check({}, { connection: connection(), label: "a", size: 1, adopt: "1" });
    expect(adopt.failures).toEqual([
      {
        property: "adopt",
        reason: "this resource cannot be read from the API, so there is no existing object to adopt",
      },
    ]);
  });

  it("replace delete-first when the spec says so, and print the retain warning on destroy", async () => {
    const { id, outs } = await lc("Ticket").create({ connection: connection(), label: "a", size: 1 });
    expect(await lc("Ticket").diff(id, outs, { ...outs, label: "b" })).toEqual({
      replaces: ["label"],
      deleteBeforeReplace: true,
    });
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    try {
      await lc("Ticket").delete(id, outs);
      expect(warn.mock.calls).toEqual([["warning: mechtest:Ticket 1: it stays on the server"]]);
    } finally {
      warn.mockRestore();
    }
  });
});

describe("check reasons and data sessions", () => {
  it("says 'is required' only for a missing value, and gives a record key's own reason", async () => {
    const res = await lc("Settings").check({}, { connection: connection(), name: 5, places: { abc: { x: 1 } } });
    expect(res.failures).toEqual([
      { property: "name", reason: "Invalid input: expected string, received number" },
      { property: "places.abc", reason: "must be a number" },
    ]);
    expect((await lc("Settings").check({}, { connection: connection() })).failures).toEqual([
      { property: "name", reason: "is required" },
    ]);
  });

  it("checks the connection of a data function before opening a session with the configured credentials", async () => {
    expect(() => dataSession(vendor, { url: "ftp://x" })).toThrow(/^mechtest: connection\.url: /);
    expect(await dataSession(vendor, connection()).call("GET /settings")).toEqual({ settings: null });
  });
});
