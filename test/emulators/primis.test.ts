import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tlsFixture } from "./common";
import { testClient, type TestClient } from "./common/test-client";
import { type PrimisEmulator, startPrimis } from "./primis";

const basic = (email: string, pw: string) => `Basic ${Buffer.from(`${email}:${pw}`).toString("base64")}`;
const ADMIN = { email: "admin@site.example", password: "Adm1n-pw" };
const USER = { email: "user@site.example", password: "Us3r-pw" };

describe("Primis emulator: the quirks of the Mobile API guide", () => {
  let emu: PrimisEmulator;
  let api: TestClient;
  const login = async (who = ADMIN, phoneId = "phone-a") => {
    const res = await api.send("POST", "/api/mobile/login", {
      body: { phoneId },
      headers: { authorization: basic(who.email, who.password) },
    });
    return { res, bearer: { authorization: `Bearer ${res.json?.jwt}` } };
  };

  beforeAll(async () => {
    emu = await startPrimis({
      users: [
        { ...ADMIN, isAdmin: true },
        { ...USER, seats: 1 },
      ],
    });
    api = testClient(emu.httpsUrl!, { ca: tlsFixture("ca.pem") });
  });
  afterAll(async () => {
    await api.close();
    await emu.close();
  });
  beforeEach(() => emu.reset());

  it("answers a login with the beacon configuration as a JSON string inside JSON, and phone-id", async () => {
    const { res } = await login();
    expect(res.status).toBe(200);
    expect(typeof res.json.beacon).toBe("string");
    expect(JSON.parse(res.json.beacon)).toMatchObject({ server: "api.kontakt.io", apiVersion: 10, enabled: true });
    expect(res.json).toMatchObject({
      registered: true,
      isAdmin: true,
      "phone-id": "phone-a",
      status: "ok",
      refreshToken: expect.any(String),
    });
    const claims = JSON.parse(Buffer.from(res.json.jwt.split(".")[1], "base64url").toString());
    expect(Object.keys(claims).sort()).toEqual(["exp", "iat", "phoneId", "user"]);
  });

  it("reads the misspelled authorizationTimout and the state as a string, written as a number", async () => {
    const { bearer } = await login();
    const [area] = (await api.send("GET", "/api/mobile/phone-a/controlled_areas", { headers: bearer })).json;
    expect(area).toHaveProperty("authorizationTimout", 0);
    expect(area).not.toHaveProperty("authorizationTimeout");
    const asString = await api.send("POST", "/api/mobile/zone_state", {
      body: { "zone-id": area.id, state: "11" },
      headers: bearer,
    });
    expect([asString.status, asString.json]).toEqual([400, { status: 400, message: "state must be a number" }]);
    const written = await api.send("POST", "/api/mobile/zone_state", {
      body: { "zone-id": area.id, state: 13 },
      headers: bearer,
    });
    expect(written.json).toEqual({ status: "ok", result: "Granted" });
    expect(emu.area(area.id)!.state).toBe("LOCKDOWN");
  });

  it("denies a geolocation request with HTTP 201 and status ok", async () => {
    const { bearer } = await login();
    const far = await api.send("POST", "/api/mobile/geolocation/access", {
      body: { guid: "phone-a", gps: { latitude: 49.2, longitude: -123.1 } },
      headers: bearer,
    });
    expect(far.status).toBe(201);
    expect(far.json).toMatchObject({
      status: "ok",
      primisResult: { result: "denied", info: "Unable to find controlled areas nearby" },
    });
    const near = await api.send("POST", "/api/mobile/geolocation/access", {
      body: { guid: "phone-a", gps: { latitude: 49.1885195, longitude: -122.9922039 } },
      headers: bearer,
    });
    expect([near.status, near.json.primisResult.result]).toEqual([200, "granted"]);
  });

  it("limits registrations by licence seats, answering 400 with the licensing message", async () => {
    expect((await login(USER, "phone-1")).res.status).toBe(200);
    expect((await login(USER, "phone-1")).res.status).toBe(200); // the same device again: no new seat
    const second = (await login(USER, "phone-2")).res;
    expect([second.status, second.json]).toEqual([
      400,
      {
        status: 400,
        message: "Unable to register mobile device due to licensing, please contact system administrator.",
      },
    ]);
    const wrong = (await login({ ...USER, password: "nope" }, "phone-1")).res;
    expect([wrong.status, wrong.text]).toEqual([401, ""]);
  });

  it("keeps administrator operations for administrators, and serves https only", async () => {
    const { bearer } = await login(USER, "phone-1");
    const res = await api.send("POST", "/api/mobile/zone_state", {
      body: { "zone-id": "130000000001", state: 11 },
      headers: bearer,
    });
    expect(res.status).toBe(403);
    expect((await api.send("GET", "/api/mobile/controlled_areas", { headers: bearer })).status).toBe(200);
    const plain = testClient(emu.httpUrl);
    try {
      expect(
        (
          await plain.send("POST", "/api/mobile/login", {
            body: { phoneId: "x" },
            headers: { authorization: basic(ADMIN.email, ADMIN.password) },
          })
        ).status,
      ).toBe(403);
    } finally {
      await plain.close();
    }
  });

  it("renews with the refresh token only, without a new refresh token, and deregistration revokes the device", async () => {
    const { res, bearer } = await login();
    expect((await api.send("POST", "/api/mobile/access_token", { body: {}, headers: bearer })).status).toBe(401); // an access token cannot renew
    const renewed = await api.send("POST", "/api/mobile/access_token", {
      body: {},
      headers: { authorization: `Bearer ${res.json.refreshToken}` },
    });
    expect(Object.keys(renewed.json).sort()).toEqual(["email", "jwt", "phone-id", "status"]);
    const gone = await api.send("DELETE", "/api/mobile/registration", {
      body: { phoneId: "phone-a" },
      headers: { authorization: basic(ADMIN.email, ADMIN.password) },
    });
    expect(gone.json).toEqual({ status: "ok" });
    expect((await api.send("GET", "/api/mobile/beacons", { headers: bearer })).status).toBe(401);
  });
});
