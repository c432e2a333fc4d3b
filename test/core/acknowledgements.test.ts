/**
 * What guarded settings take from the core: `connectionHost` (the host a kind's rules see the provider connect to)
 * and a write whose only changed inputs the kind's toWire drops (an acknowledgement) sending no request.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { connectionHost, isIpv4 } from "../../providers/core/connection-host";
import { clearSessions, type Vendor } from "../../providers/core/connection";
import { setStackConfig } from "../../providers/core/credentials";
import { expandRoute } from "../../providers/core/http/route";
import { UNKNOWN } from "../../providers/core/resource/check";
import { defineResource } from "../../providers/core/resource/define";
import { lifecycles } from "../../providers/core/resource/registry";
import { field } from "../../providers/core/resource/schema";
import { type Emulator, startEmulator } from "../emulators/common";

type Obj = Record<string, any>;
let live: Obj = {};
let emu: Emulator;

const vendor: Vendor = {
  name: "acktest",
  credentials: ["key"],
  defaults: { maxConcurrency: 2, timeoutMs: 5000 },
  open: (http) => ({
    call: async (route, params, body) => {
      const { method, path } = expandRoute(route, params);
      return (await http.request({ method, path, body })).body;
    },
    list: async () => [],
    one: (body) => body as Obj,
  }),
};

defineResource({
  vendor,
  name: "Guarded",
  description: "test-only guarded singleton",
  singleton: true,
  idFor: () => "guarded",
  routes: { read: "GET /guarded", update: "PATCH /guarded" },
  deletePolicy: { default: "retain", options: ["retain"] },
  fields: {
    address: field(z.string().optional(), { description: "address" }),
    acknowledge: field(z.boolean().optional(), { description: "check only", writeOnly: true }),
  },
  rules(inputs, fail) {
    const host = connectionHost(inputs);
    if (inputs.address !== undefined && host && inputs.address !== host) fail("address", `is not ${host}`);
  },
  toWire: ({ acknowledge: _local, ...body }) => body,
});

const lc = lifecycles.get("acktest:Guarded")!;
const connection = () => ({ url: emu.httpUrl, profile: "t" });

beforeAll(async () => {
  emu = await startEmulator({
    handler: (req) => {
      if (req.method === "GET") return { status: 200, body: live };
      live = { ...live, ...(req.body as Obj) };
      return { status: 200, body: live };
    },
  });
  setStackConfig({ get: (k) => (k === "acktest:t.key" ? "k" : undefined) });
});
afterAll(() => emu.close());
beforeEach(() => {
  clearSessions();
  live = { address: "127.0.0.1" };
  emu.clearRequests();
});

describe("connectionHost", () => {
  it("is the url's host, lower case, IPv6 without brackets; undefined while unknown or absent", () => {
    const host = (url: unknown) => connectionHost({ connection: { url } });
    expect(host("https://10.20.0.5:8443/api")).toBe("10.20.0.5");
    expect(host("https://Alarm.Example.COM")).toBe("alarm.example.com");
    expect(host("https://[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(host(UNKNOWN)).toBeUndefined();
    expect(host(undefined)).toBeUndefined();
    expect(connectionHost({})).toBeUndefined();
    expect([isIpv4("10.20.0.5"), isIpv4("alarm.example.com"), isIpv4("2001:db8::1"), isIpv4("256.1.1.1")]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it("is what a kind's rules compare with, in check, before any request", async () => {
    const res = await lc.check({}, { connection: connection(), address: "192.0.2.1" });
    expect(res.failures).toEqual([{ property: "address", reason: "is not 127.0.0.1" }]);
    expect(emu.requests).toEqual([]);
  });
});

describe("an input the kind's toWire drops", () => {
  it("is no write at create when the rest matches, nor when it alone changes", async () => {
    const declared = { connection: connection(), address: "127.0.0.1", acknowledge: true };
    const { id, outs } = await lc.create(declared);
    expect(emu.requests.map((r) => r.method)).toEqual(["GET"]);
    await lc.update(id, outs, { ...declared, acknowledge: false });
    expect(emu.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("still travels with a real change, without itself", async () => {
    const declared = { connection: connection(), address: "127.0.0.1", acknowledge: true };
    const { id, outs } = await lc.create(declared);
    emu.clearRequests();
    await lc.update(id, outs, { ...declared, address: "127.0.0.2" });
    expect(emu.requests.map((r) => [r.method, r.body])).toEqual([["PATCH", { address: "127.0.0.2" }]]);
  });
});
