import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tlsFixture } from "./common";
import { testClient, type TestClient } from "./common/test-client";
import { OPERATIONS, type RhombusEmulator, schemaValidator, startRhombus } from "./rhombus";

const API_KEY = "rh-emu-key-1";
const KISI_KEY = "kisi-emu-key-1";
const AUTH = { "x-auth-apikey": API_KEY, "x-auth-scheme": "api-token" };
const base = "/api/integrations/accessControl/";

describe("Rhombus emulator: exactly the Kisi operations of the OpenAPI document", () => {
  let emu: RhombusEmulator;
  let api: TestClient;
  const lenient = schemaValidator({ strict: false });
  const post = (op: string, body: unknown = {}, headers: Record<string, string | undefined> = {}) =>
    api.send("POST", base + op, { body, headers });

  beforeAll(async () => {
    emu = await startRhombus({ apiKeys: [API_KEY], kisiKeys: [KISI_KEY] });
    api = testClient(emu.httpsUrl!, { ca: tlsFixture("ca.pem"), headers: AUTH });
  });
  afterAll(async () => {
    await api.close();
    await emu.close();
  });
  beforeEach(() => emu.reset());

  it("answers every operation of the document, each with a body its response schema accepts, and nothing else", async () => {
    expect(OPERATIONS.map((o) => o.operationId).sort()).toEqual([
      "deleteKisiIntegration",
      "deleteKisiIntegrationV2",
      "getKisiDoors",
      "getKisiIntegration",
      "getKisiIntegrationV2",
      "getKisiPlaces",
      "unlockKisiDoor",
      "updateKisiIntegration",
      "updateKisiIntegrationV2",
    ]);
    for (const op of OPERATIONS) {
      await post("updateKisiIntegrationV2", {
        kisiSettings: { enabled: true, apiSecretKey: KISI_KEY, placeToSettingsMap: { "4123": { saveClips: true } } },
      });
      const body =
        op.operationId.startsWith("getKisi") && op.operationId.match(/Places|Doors/)
          ? { apiSecretKey: KISI_KEY }
          : op.operationId === "unlockKisiDoor"
            ? { placeId: 4123, doorId: 901 }
            : op.operationId.startsWith("delete")
              ? {}
              : op.operationId.startsWith("update")
                ? { kisiSettings: { enabled: false } }
                : {};
      const res = await post(op.operationId, body);
      expect([op.operationId, res.status]).toEqual([op.operationId, 200]);
      // The oneOf of IBaseIntegrationType has no usable discriminator: the Kisi object is checked as KisiType.
      const schema = op.operationId === "getKisiIntegrationV2" ? "KisiType" : op.response;
      const answer = op.operationId === "getKisiIntegrationV2" ? res.json.orgIntegrationV2 : res.json;
      expect(answer).not.toBeNull();
      expect([op.operationId, lenient(schema, answer)]).toEqual([op.operationId, []]);
    }
    expect((await api.send("POST", "/api/integrations/accessControl/getBrivoIntegrationV2", { body: {} })).status).toBe(
      404,
    );
    expect((await api.send("GET", `${base}getKisiIntegrationV2`)).status).toBe(405);
  });

  it("wants the API key and the 9-character scheme header, and a body of the right types", async () => {
    expect((await post("getKisiIntegrationV2", {}, { "x-auth-scheme": "api" })).status).toBe(401);
    expect((await post("getKisiIntegrationV2", {}, { "x-auth-apikey": "other" })).status).toBe(401);
    const wrongType = await post("updateKisiIntegrationV2", { kisiSettings: { enabled: "yes" } });
    expect([wrongType.status, wrongType.json]).toEqual([400, { msg: "JSON doesn't match expected object structure" }]);
  });

  it("reports business errors inside HTTP 200 bodies and keeps the secret key out of reads", async () => {
    const refused = await post("updateKisiIntegrationV2", { kisiSettings: { enabled: true, apiSecretKey: "wrong" } });
    expect([refused.status, refused.json]).toEqual([
      200,
      { authError: true, error: true, errorMsg: "Kisi rejected the API secret key" },
    ]);
    await post("updateKisiIntegrationV2", { kisiSettings: { enabled: true, apiSecretKey: KISI_KEY } });
    expect((await post("getKisiIntegrationV2")).json.orgIntegrationV2.apiSecretKey).toBeNull();
    expect(emu.kisi()!.apiSecretKey).toBe(KISI_KEY);
  });

  it("registers a new Kisi webhook for a place whose webhookId and rhombusToken are not sent back", async () => {
    await post("updateKisiIntegrationV2", {
      kisiSettings: { enabled: true, apiSecretKey: KISI_KEY, placeToSettingsMap: { "4123": { saveClips: true } } },
    });
    const first = (await post("getKisiIntegrationV2")).json.orgIntegrationV2;
    await post("updateKisiIntegrationV2", { kisiSettings: { ...first, apiSecretKey: KISI_KEY } });
    expect(emu.webhookRegistrations()).toBe(1);
    await post("updateKisiIntegrationV2", {
      kisiSettings: {
        enabled: true,
        apiSecretKey: KISI_KEY,
        placeToSettingsMap: { "4123": { saveClips: true, rhombusToken: null, webhookId: null } },
      },
    });
    expect(emu.webhookRegistrations()).toBe(2);
    expect(emu.kisi()!.placeToSettingsMap["4123"].rhombusToken).not.toBe(first.placeToSettingsMap["4123"].rhombusToken);
  });
});
