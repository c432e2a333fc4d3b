import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { HttpClient } from "../../providers/core/http/client";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";

const TOKEN = "tls-pin-token-8c2a";
const headers = { accept: "application/json", authorization: `Bearer ${TOKEN}` };
const fingerprint = (pem: string) =>
  execFileSync("openssl", ["x509", "-noout", "-fingerprint", "-sha256"], { input: pem, encoding: "utf8" })
    .split("=")[1]!
    .trim();

let selfSigned: KentixEmulator; // other.pem: self-signed, names only IP 127.0.0.1
beforeAll(async () => {
  selfSigned = await startKentix({ tokens: [TOKEN], https: "self-signed", stringNumbers: false });
});
afterAll(() => selfSigned.close());
beforeEach(() => {
  selfSigned.clearRequests();
  selfSigned.clearFaults();
});

const client = (url: string, extra: Partial<ConstructorParameters<typeof HttpClient>[0]> = {}) =>
  new HttpClient({ url, vendor: "kentix", timeoutMs: 5000, maxConcurrency: 4, retry: { maxRetries: 0 }, ...extra });
const get = (c: HttpClient) => c.request({ method: "GET", path: "/api/webhooks", headers });

describe("certificate pinning", () => {
  it("accepts the pinned certificate on every connection of a parallel burst (no resumed session without a certificate)", async () => {
    const pin = `sha256:${fingerprint(tlsFixture("other.pem"))}`;
    const c = client(selfSigned.httpsUrl!, { certFingerprint: pin });
    // One request first: its handshake leaves a session ticket behind. The burst then opens three more
    // connections, which would resume that session and present no certificate to check.
    await expect(get(c)).resolves.toMatchObject({ status: 200 });
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => get(c)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value.status : (r.reason as Error).message))).toEqual([
      200, 200, 200, 200,
    ]);
    expect(selfSigned.requests).toHaveLength(5);
  });
});

describe("refusals send nothing and say what to do", () => {
  it("a wrong pin", async () => {
    const wrong = `sha256:${fingerprint(tlsFixture("server.pem"))}`;
    const err = await get(client(selfSigned.httpsUrl!, { certFingerprint: wrong })).catch((e) => e);
    expect(err.code).toBe("FACILITY_TLS_ERROR");
    expect(err.message).toContain(
      `has fingerprint sha256:${fingerprint(tlsFixture("other.pem"))}, not the pinned ${wrong}`,
    );
    expect(err.message).toContain("update connection.certFingerprint");
    expect(selfSigned.requests).toEqual([]);
  });

  it("no trust (neither CA nor pin)", async () => {
    const err = await get(client(selfSigned.httpsUrl!)).catch((e) => e);
    expect(err.code).toBe("FACILITY_TLS_ERROR");
    expect(err.message).toContain("connection.caCertPem");
    expect(err.message).toContain(`connection.certFingerprint: "sha256:${fingerprint(tlsFixture("other.pem"))}"`);
    expect(selfSigned.requests).toEqual([]);
  });

  it("a host name the certificate does not name, although its CA is trusted", async () => {
    // other.pem names only IP 127.0.0.1; trusted as its own CA, it is still not valid for "localhost".
    const url = selfSigned.httpsUrl!.replace("127.0.0.1", "localhost");
    const err = await get(client(url, { caCertPem: tlsFixture("other.pem") })).catch((e) => e);
    expect(err.code).toBe("FACILITY_TLS_ERROR");
    expect(err.message).toContain("the certificate is not issued for localhost");
    expect(err.message).toContain("IP Address:127.0.0.1");
    expect(err.message).toContain("connection.certFingerprint");
    expect(selfSigned.requests).toEqual([]);
    // The same trust by the name the certificate carries works.
    await expect(get(client(selfSigned.httpsUrl!, { caCertPem: tlsFixture("other.pem") }))).resolves.toMatchObject({
      status: 200,
    });
  });
});
