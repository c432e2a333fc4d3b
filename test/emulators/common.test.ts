import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  createPrng,
  holdWaits,
  Router,
  startEmulator,
  tlsFixture,
  type Emulator,
  type EmulatorRequest,
} from "./common";
import { testClient, type TestClient } from "./common/test-client";

/** A counter service: GET /count reads, POST /count increments; every handled request is remembered. */
function counterHandler() {
  const seen: EmulatorRequest[] = [];
  let count = 0;
  const router = new Router()
    .add("GET /count", () => ({ status: 200, body: { count } }))
    .add("POST /count", () => ({ status: 201, body: { count: ++count } }))
    .add("GET /items/{id}", (_req, { id }) => ({ status: 200, body: { id } }))
    .add("GET /echo", (req) => ({ status: 200, body: { query: req.query, origin: req.origin, scheme: req.scheme } }))
    .add("POST /echo", (req) => ({ status: 200, body: { body: req.body, text: req.text } }))
    .add("GET /text", () => ({ status: 200, body: "plain words" }))
    .add("GET /boom", () => {
      throw new Error("kaputt");
    });
  return {
    seen,
    get count() {
      return count;
    },
    handler: (req: EmulatorRequest) => {
      seen.push(req);
      const m = router.match(req.method, req.path);
      if (m.kind === "found") return m.handler(req, m.params);
      return { status: m.kind === "not-found" ? 404 : 405, body: { match: m.kind } };
    },
  };
}

describe("common emulator base", () => {
  let counter: ReturnType<typeof counterHandler>;
  let emu: Emulator;
  let http: TestClient;
  let https: TestClient;

  beforeAll(async () => {
    counter = counterHandler();
    emu = await startEmulator({ handler: counter.handler, https: "ca" });
    http = testClient(emu.httpUrl);
    https = testClient(emu.httpsUrl!, { ca: tlsFixture("ca.pem") });
  });
  afterAll(async () => {
    await Promise.all([http.close(), https.close()]);
    await emu.close();
  });
  beforeEach(() => {
    emu.clearFaults();
    emu.clearRequests();
    emu.latencyMs = 0;
  });

  it("serves HTTP and HTTPS on 127.0.0.1 from one handler and one state", async () => {
    expect(emu.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.httpsUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(emu.url).toBe(emu.httpsUrl);
    const before = counter.count;
    expect((await http.send("POST", "/count")).json).toEqual({ count: before + 1 });
    expect((await https.send("GET", "/count")).json).toEqual({ count: before + 1 });
    expect(emu.requests.map((r) => r.scheme)).toEqual(["http", "https"]);
  });

  it("HTTPS is rejected without the test CA and by a client that trusts only another cert", async () => {
    const untrusting = testClient(emu.httpsUrl!);
    const wrongCa = testClient(emu.httpsUrl!, { ca: tlsFixture("other.pem") });
    await expect(untrusting.send("GET", "/count")).rejects.toThrow(/certificate/i);
    await expect(wrongCa.send("GET", "/count")).rejects.toThrow(/certificate/i);
    await Promise.all([untrusting.close(), wrongCa.close()]);
  });

  it("self-signed mode presents other.pem, trusted only as its own anchor", async () => {
    const selfSigned = await startEmulator({ handler: counter.handler, https: "self-signed" });
    const viaCa = testClient(selfSigned.httpsUrl!, { ca: tlsFixture("ca.pem") });
    const pinned = testClient(selfSigned.httpsUrl!, { ca: tlsFixture("other.pem") });
    await expect(viaCa.send("GET", "/count")).rejects.toThrow(/certificate/i);
    expect((await pinned.send("GET", "/count")).status).toBe(200);
    await Promise.all([viaCa.close(), pinned.close()]);
    await selfSigned.close();
  });

  it("has no HTTPS listener unless asked", async () => {
    const plain = await startEmulator({ handler: counter.handler });
    expect(plain.httpsUrl).toBeUndefined();
    expect(plain.url).toBe(plain.httpUrl);
    await plain.close();
  });

  it("parses query, headers, JSON and text bodies, and derives origin from the Host header", async () => {
    const echoed = await http.send("GET", "/echo?page=2&q=a%20b", { headers: { host: "device.local:8443" } });
    expect(echoed.json).toEqual({ query: { page: "2", q: "a b" }, origin: "http://device.local:8443", scheme: "http" });
    expect((await http.send("POST", "/echo", { body: { a: [1, 2] } })).json).toEqual({
      body: { a: [1, 2] },
      text: '{"a":[1,2]}',
    });
    const asText = await http.send("POST", "/echo", { body: '{"a":1}', headers: { "content-type": "text/plain" } });
    expect(asText.json).toEqual({ body: '{"a":1}', text: '{"a":1}' });
    const text = await http.send("GET", "/text");
    expect(text.text).toBe("plain words");
    expect(text.headers["content-type"]).toMatch(/^text\/plain/);
  });

  it("logs every request with method, path, query, headers, parsed body and status", async () => {
    await http.send("POST", "/count", { body: { by: 1 }, headers: { "x-probe": "yes" } });
    await http.send("GET", "/count?fresh=1");
    await http.send("GET", "/nope");
    expect(emu.requests).toMatchObject([
      { method: "POST", path: "/count", query: {}, body: { by: 1 }, status: 201, headers: { "x-probe": "yes" } },
      { method: "GET", path: "/count", query: { fresh: "1" }, body: undefined, status: 200 },
      { method: "GET", path: "/nope", status: 404 },
    ]);
    expect(emu.writes().map((r) => `${r.method} ${r.path}`)).toEqual(["POST /count"]);
    emu.clearRequests();
    expect(emu.requests).toEqual([]);
  });

  it("turns a throwing handler into a 500 and records the error", async () => {
    const res = await http.send("GET", "/boom");
    expect(res.status).toBe(500);
    expect(res.json.message).toContain("kaputt");
    expect(emu.requests[0].error).toContain("kaputt");
  });

  it("injects a status with headers and body without running the handler, for `times` requests", async () => {
    const before = counter.count;
    const fault = emu.inject({
      method: "POST",
      path: "/count",
      times: 2,
      kind: "status",
      status: 503,
      headers: { "Retry-After": "1" },
    });
    expect((await http.send("GET", "/count")).status).toBe(200); // other method: not hit
    for (let i = 0; i < 2; i++) {
      const res = await http.send("POST", "/count");
      expect(res.status).toBe(503);
      expect(res.headers["retry-after"]).toBe("1");
      expect(res.json).toEqual({ message: "Service Unavailable" });
    }
    expect(counter.count).toBe(before);
    expect(fault.hits).toBe(2);
    expect(fault.remaining).toBe(0);
    expect((await http.send("POST", "/count")).status).toBe(201);
    expect(emu.requests.map((r) => r.fault ?? "-")).toEqual(["-", "status", "status", "-"]);
  });

  it("matches faults by exact path, {param} pattern or RegExp, and can cancel them", async () => {
    emu.inject({ path: "/items/{id}", kind: "status", status: 429, body: "slow down", times: Infinity });
    emu.inject({ path: /^\/ech/, kind: "status", status: 502 });
    expect((await http.send("GET", "/items/7")).status).toBe(429);
    expect((await http.send("GET", "/items/8")).text).toBe("slow down");
    expect((await http.send("GET", "/echo")).status).toBe(502);
    expect((await http.send("GET", "/echo")).status).toBe(200);
    const pending = emu.inject({ path: "/count", kind: "status", status: 500 });
    pending.cancel();
    expect((await http.send("GET", "/count")).status).toBe(200);
    expect(pending.hits).toBe(0);
    emu.clearFaults();
    expect((await http.send("GET", "/items/9")).status).toBe(200);
  });

  it.each(["http", "https"] as const)(
    "reset-after-commit runs the handler, then drops the %s connection",
    async (scheme) => {
      const client = scheme === "http" ? http : https;
      const before = counter.count;
      emu.inject({ method: "POST", path: "/count", kind: "reset-after-commit" });
      await expect(client.send("POST", "/count")).rejects.toThrow();
      expect(counter.count).toBe(before + 1);
      expect(emu.requests[0]).toMatchObject({ method: "POST", status: null, fault: "reset-after-commit" });
      expect((await client.send("GET", "/count")).json).toEqual({ count: before + 1 });
    },
  );

  it.each(["http", "https"] as const)(
    "reset-before drops the %s connection without running the handler",
    async (scheme) => {
      const client = scheme === "http" ? http : https;
      const before = counter.count;
      const handled = counter.seen.length;
      emu.inject({ method: "POST", path: "/count", kind: "reset-before" });
      await expect(client.send("POST", "/count")).rejects.toThrow();
      expect(counter.count).toBe(before);
      expect(counter.seen.length).toBe(handled);
      expect(emu.requests[0]).toMatchObject({ status: null, fault: "reset-before" });
    },
  );

  it("waits the latency before handling every request, and an extra delay before a matched one", async () => {
    const waits = holdWaits(emu);
    try {
      emu.latencyMs = 60;
      const handled = counter.seen.length;
      const answer = http.send("GET", "/count");
      const latency = await waits.next(answer);
      expect(latency.ms).toBe(60);
      expect(counter.seen.length).toBe(handled); // not handled while the latency runs
      latency.release();
      expect((await answer).status).toBe(200);
      expect(counter.seen.length).toBe(handled + 1);

      emu.latencyMs = 20;
      emu.inject({ path: "/count", kind: "delay", ms: 120 });
      const delayed = http.send("GET", "/count");
      const first = await waits.next(delayed);
      first.release();
      const second = await waits.next(delayed);
      expect([first.ms, second.ms]).toEqual([20, 120]); // the latency, then the delay on top
      expect(counter.seen.length).toBe(handled + 1);
      second.release();
      expect((await delayed).status).toBe(200);
      expect(emu.requests.at(-1)).toMatchObject({ status: 200, fault: "delay" });
    } finally {
      waits.restore();
    }
  });

  it("counts requests in flight", async () => {
    const waits = holdWaits(emu);
    try {
      emu.latencyMs = 80;
      const answers = [1, 2, 3].map(() => http.send("GET", "/count"));
      const anyAnswer = Promise.race(answers);
      const held = [await waits.next(anyAnswer), await waits.next(anyAnswer), await waits.next(anyAnswer)];
      expect(emu.inFlight).toBe(3);
      for (const wait of held) wait.release();
      await Promise.all(answers);
      expect(emu.peakInFlight).toBe(3);
      expect(emu.inFlight).toBe(0);
    } finally {
      waits.restore();
    }
  });

  it("stops accepting connections after close()", async () => {
    const short = await startEmulator({ handler: counter.handler });
    const client = testClient(short.httpUrl);
    expect((await client.send("GET", "/count")).status).toBe(200);
    await short.close();
    await expect(client.send("GET", "/count")).rejects.toThrow();
    await client.close();
  });
});

describe("Router", () => {
  const router = new Router()
    .add("GET /api/things/names", () => ({ status: 200, body: "names" }))
    .add("GET /api/things/{id}", (_r, p) => ({ status: 200, body: p.id }))
    .add("PATCH /api/things/{id}", () => ({ status: 200 }));

  it("matches literal routes before {param} routes and decodes params", () => {
    const names = router.match("GET", "/api/things/names");
    const byId = router.match("get", "/api/things/a%20b/");
    expect(names.kind === "found" && names.params).toEqual({});
    expect(byId.kind === "found" && byId.params).toEqual({ id: "a b" });
  });

  it("tells a wrong method from an unknown path", () => {
    expect(router.match("DELETE", "/api/things/3")).toEqual({ kind: "method-not-allowed", allowed: ["GET", "PATCH"] });
    expect(router.match("GET", "/api/things/3/extra")).toEqual({ kind: "not-found" });
  });

  it("rejects malformed route strings", () => {
    expect(() => new Router().add("/api/things", () => ({ status: 200 }))).toThrow(/METHOD \/path/);
  });
});

describe("createPrng", () => {
  it("repeats a sequence for the same seed and differs for another", () => {
    const a = createPrng(42);
    const b = createPrng(42);
    const c = createPrng(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("int stays in range and chance follows its probability", () => {
    const rng = createPrng(7);
    const ints = Array.from({ length: 500 }, () => rng.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    const hits = Array.from({ length: 2000 }, () => rng.chance(0.3)).filter(Boolean).length;
    expect(hits).toBeGreaterThan(500);
    expect(hits).toBeLessThan(700);
    expect(rng.chance(0)).toBe(false);
    expect(rng.chance(1)).toBe(true);
  });
});
