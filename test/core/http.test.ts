import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { HttpClient } from "../../providers/core/http/client";
import { holdWaits, tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { execFileSync } from "node:child_process";

const TOKEN = "http-test-token-5d1e";
const headers = { accept: "application/json", authorization: `Bearer ${TOKEN}` };
const fingerprint = (pem: string) =>
  execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256"], { input: pem, encoding: "utf8" })
    .split("=")[1]!
    .trim();

let ca: KentixEmulator; // certificate signed by the test CA
let selfSigned: KentixEmulator; // an unrelated self-signed certificate
beforeAll(async () => {
  ca = await startKentix({ tokens: [TOKEN], https: "ca", stringNumbers: false });
  selfSigned = await startKentix({ tokens: [TOKEN], https: "self-signed", stringNumbers: false });
});
afterAll(async () => {
  await ca.close();
  await selfSigned.close();
});
beforeEach(() => {
  for (const e of [ca, selfSigned]) {
    e.clearRequests();
    e.clearFaults();
    e.latencyMs = 0;
  }
});

const client = (url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({
    url,
    vendor: "kentix",
    timeoutMs: 2000,
    maxConcurrency: 4,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    ...extra,
  });
const get = (c: HttpClient, path = "/api/webhooks") => c.request({ method: "GET", path, headers });

describe("TLS trust", () => {
  it("refuses a self-signed appliance by default, saying how to trust it and showing its fingerprint", async () => {
    const err = await get(client(selfSigned.httpsUrl!)).catch((e) => e);
    expect(err.code).toBe("FACILITY_TLS_ERROR");
    expect(err.message).toContain(`kentix: TLS verification failed for ${selfSigned.httpsUrl}`);
    expect(err.message).toContain("connection.caCertPem");
    expect(err.message).toContain(`connection.certFingerprint: "sha256:${fingerprint(tlsFixture("other.pem"))}"`);
    expect(selfSigned.requests).toEqual([]);
  });

  it("trusts an appliance through caCertPem", async () => {
    await expect(get(client(ca.httpsUrl!, { caCertPem: tlsFixture("ca.pem") }))).resolves.toMatchObject({
      status: 200,
    });
    const err = await get(client(ca.httpsUrl!)).catch((e) => e);
    expect(err.code).toBe("FACILITY_TLS_ERROR");
  });

  it("trusts a pinned certificate and refuses another one", async () => {
    const pin = `sha256:${fingerprint(tlsFixture("other.pem"))}`;
    await expect(get(client(selfSigned.httpsUrl!, { certFingerprint: pin }))).resolves.toMatchObject({ status: 200 });
    const err = await get(client(ca.httpsUrl!, { certFingerprint: pin })).catch((e) => e);
    expect(err.message).toMatch(/has fingerprint sha256:[0-9A-F:]+, not the pinned sha256:/);
    expect(ca.requests).toEqual([]);
  });

  it("skips verification only with an explicit insecure: true", async () => {
    await expect(get(client(selfSigned.httpsUrl!, { insecure: true }))).resolves.toMatchObject({ status: 200 });
  });
});

describe("retries, limits and errors", () => {
  it("retries an idempotent request on 503 and 429, honouring Retry-After", async () => {
    ca.inject({ method: "GET", path: "/api/webhooks", kind: "status", status: 503, times: 2 });
    ca.inject({ method: "GET", path: "/api/webhooks", kind: "status", status: 429, headers: { "Retry-After": "0" } });
    await expect(get(client(ca.httpUrl))).resolves.toMatchObject({ status: 200 });
    expect(ca.requests.map((r) => r.status)).toEqual([503, 503, 429, 200]);
  });

  it("retries an idempotent request after a connection reset", async () => {
    ca.inject({ method: "GET", path: "/api/webhooks", kind: "reset-before" });
    await expect(get(client(ca.httpUrl))).resolves.toMatchObject({ status: 200 });
    expect(ca.requests).toHaveLength(2);
  });

  it("never retries a POST after an answer that may mean it was processed (502)", async () => {
    ca.inject({ method: "POST", path: "/api/webhooks", kind: "status", status: 502 });
    const err = await client(ca.httpUrl)
      .request({ method: "POST", path: "/api/webhooks", headers, body: { name: "x" } })
      .catch((e) => e);
    expect(err.message).toBe("kentix API 502 on POST /api/webhooks: Bad Gateway");
    expect(ca.requests).toHaveLength(1);
  });

  it("gives up after maxRetries", async () => {
    ca.inject({ method: "GET", path: "/api/webhooks", kind: "status", status: 502, times: Infinity });
    const err = await get(client(ca.httpUrl, { retry: { maxRetries: 2, baseDelayMs: 1 } })).catch((e) => e);
    expect(err.status).toBe(502);
    expect(ca.requests).toHaveLength(3);
  });

  it("keeps at most maxConcurrency requests in flight per appliance", async () => {
    const fresh = await startKentix({ tokens: [TOKEN], stringNumbers: false, latencyMs: 20 });
    const waits = holdWaits(fresh);
    try {
      const c = client(fresh.httpUrl, { maxConcurrency: 2 });
      const all = Promise.all(Array.from({ length: 12 }, () => get(c)));
      // The first two are held in the emulator together, however slow the machine: both slots are used.
      await waits.next(all);
      await waits.next(all);
      expect(fresh.inFlight).toBe(2);
      waits.restore(); // the rest wait their 20 ms
      await all;
      expect(fresh.peakInFlight).toBe(2);
      expect(fresh.requests).toHaveLength(12);
    } finally {
      waits.restore();
      await fresh.close();
    }
  });

  it("turns a login redirect and a timeout into clear errors", async () => {
    const redirect = await client(ca.httpUrl)
      .request({ method: "GET", path: "/api/webhooks", headers: { authorization: `Bearer ${TOKEN}` } })
      .catch((e) => e);
    expect(redirect.message).toBe(
      `kentix API 302 on GET /api/webhooks: redirected to ${ca.httpUrl}/login (redirects are not followed)`,
    );
    ca.inject({ method: "GET", path: "/api/webhooks", kind: "delay", ms: 1500, times: Infinity });
    const slow = await get(client(ca.httpUrl, { timeoutMs: 200, retry: { maxRetries: 0 } })).catch((e) => e);
    expect(slow.code).toBe("FACILITY_TRANSPORT_ERROR");
    expect(slow.message).toBe("kentix: GET /api/webhooks failed: timed out (the request may have been applied)");
  });
});
