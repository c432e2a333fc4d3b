/**
 * What is sent again, and when: 429 and 503 say the request was not processed, so any method is retried;
 * 500/502/504 and lost answers only for idempotent requests, where idempotency is the route's property (an
 * update with absolute values, whatever its method), not the method's. A POST is never repeated after a lost answer.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { Webhook } from "../../providers/kentix";
import { HttpClient } from "../../providers/core/http/client";
import { retryDelay } from "../../providers/core/http/retry";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { createChecked, lifecycleOf, updateChecked } from "../support/lifecycle";
import { useEmulator } from "../support/emulator";
import "../../providers/kentix";

const TOKEN = "retry-test-token-41c9";
const headers = { accept: "application/json", authorization: `Bearer ${TOKEN}` };

describe("the HTTP client", () => {
  let emu: KentixEmulator;
  beforeAll(async () => void (emu = await startKentix({ tokens: [TOKEN], stringNumbers: false })));
  afterAll(() => emu.close());
  beforeEach(() => {
    emu.clearRequests();
    emu.clearFaults();
    emu.reset();
  });
  const client = () =>
    new HttpClient({
      url: emu.httpUrl,
      vendor: "kentix",
      timeoutMs: 2000,
      maxConcurrency: 4,
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
  const post = () =>
    client().request({
      method: "POST",
      path: "/api/webhooks",
      headers,
      body: { name: "SOC", url: "https://soc.example/hook" },
    });
  const statuses = () => emu.requests.map((r) => `${r.method} ${r.status ?? r.fault}`);

  it("retries a POST answered 429 (honouring Retry-After) or 503: the appliance did not process it", async () => {
    emu.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 429, headers: { "Retry-After": "0" } });
    emu.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 503 });
    await expect(post()).resolves.toMatchObject({ status: 201 });
    expect(statuses()).toEqual(["POST 429", "POST 503", "POST 201"]);
    expect(emu.list("webhooks")).toHaveLength(1);
  });

  it("never retries a POST after a 500 or a lost answer: the create may have been applied", async () => {
    emu.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 500 });
    expect((await post().catch((e) => e)).status).toBe(500);
    emu.inject({ method: "POST", path: "/api/webhooks", kind: "reset-after-commit" });
    const lost = await post().catch((e) => e);
    expect([lost.code, lost.sent]).toEqual(["FACILITY_TRANSPORT_ERROR", true]);
    expect(statuses()).toEqual(["POST 500", "POST reset-after-commit"]);
  });

  it("retries a GET and a DELETE answered 500", async () => {
    const { body } = await post();
    const id = (body as { id?: number; data?: { id: number } }).data?.id ?? (body as { id: number }).id;
    emu.clearRequests();
    emu.inject({ method: "GET", path: "/api/webhooks", kind: "status", status: 500 });
    emu.inject({ method: "DELETE", path: `/api/webhooks/${id}`, kind: "status", status: 500 });
    await expect(client().request({ method: "GET", path: "/api/webhooks", headers })).resolves.toMatchObject({
      status: 200,
    });
    await expect(client().request({ method: "DELETE", path: `/api/webhooks/${id}`, headers })).resolves.toMatchObject({
      status: 204,
    });
    expect(statuses()).toEqual(["GET 500", "GET 200", "DELETE 500", "DELETE 204"]);
  });

  it("retries a PATCH only where the route says its body is absolute", async () => {
    const { body } = await post();
    const id = (body as { id?: number; data?: { id: number } }).data?.id ?? (body as { id: number }).id;
    emu.clearRequests();
    const patch = (idempotent?: boolean) =>
      client().request({ method: "PATCH", path: `/api/webhooks/${id}`, headers, body: { name: "SOC 2" }, idempotent });
    emu.inject({ method: "PATCH", path: `/api/webhooks/${id}`, kind: "status", status: 502 });
    expect((await patch().catch((e) => e)).status).toBe(502);
    emu.inject({ method: "PATCH", path: `/api/webhooks/${id}`, kind: "status", status: 502 });
    emu.inject({ method: "PATCH", path: `/api/webhooks/${id}`, kind: "reset-after-commit" });
    await expect(patch(true)).resolves.toMatchObject({ status: 200 });
    expect(statuses()).toEqual(["PATCH 502", "PATCH 502", "PATCH reset-after-commit", "PATCH 200"]);
  });

  it("bounds a Retry-After: an appliance asking for an hour is not waited on for an hour", () => {
    const policy = { maxRetries: 4, baseDelayMs: 250, maxDelayMs: 10_000 };
    expect(retryDelay(0, policy, "3600")).toBe(60_000);
    expect(retryDelay(0, policy, "2")).toBe(2_000);
  });
});

describe("a resource update", () => {
  const kentix = useEmulator({
    start: () => startKentix({ tokens: [TOKEN], https: "ca", stringNumbers: 0 }),
    profile: "hq",
    config: { "kentix:hq.token": TOKEN },
  });

  it("is retried after a 500 and a lost answer: its PATCH carries absolute values", async () => {
    const declared = { connection: kentix.connection, name: "SOC", url: "https://soc.example/hook" };
    const { id, outs } = await createChecked(Webhook, declared);
    kentix.emu.clearRequests();
    kentix.emu.inject({ method: "PATCH", path: `/api/webhooks/${id}`, kind: "status", status: 500 });
    kentix.emu.inject({ method: "PATCH", path: `/api/webhooks/${id}`, kind: "reset-after-commit" });
    const updated = await updateChecked(Webhook, id, outs, { ...declared, url: "https://soc.example/v2" });
    expect(updated.outs).toMatchObject({ url: "https://soc.example/v2" });
    expect(kentix.emu.requests.map((r) => `${r.method} ${r.status ?? r.fault}`)).toEqual([
      "PATCH 500",
      "PATCH reset-after-commit",
      "PATCH 200",
    ]);
    expect((await lifecycleOf(Webhook).read(id, updated.outs)).inputs).toMatchObject({
      url: "https://soc.example/v2",
    });
  });
});
