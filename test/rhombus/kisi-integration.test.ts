import { describe, expect, it } from "vitest";
import { KisiIntegration } from "../../providers/rhombus";
import { CAMERAS, LOCATIONS, ORG_UUID } from "../emulators/rhombus";
import {
  API_KEY,
  calls,
  contractViolations,
  createChecked,
  expectNoOpUp,
  KISI_KEY,
  lifecycleOf,
  type PlainArgs,
  useRhombus,
} from "./support";

const rhombus = useRhombus();
const kind = KisiIntegration;
const lc = () => lifecycleOf(kind);
const HQ_DOOR = { assignedCameraList: [CAMERAS[0]], locationUuid: LOCATIONS[0], clipDuration: 30 };
const declare = (extra: Partial<PlainArgs<typeof KisiIntegration>> = {}) => ({
  connection: rhombus.connection,
  enabled: true,
  apiSecretKey: KISI_KEY,
  defaultOptions: { defaultOptionsEnabled: true, saveClips: true },
  places: { "4123": { saveClips: true, identifyFacesFromBadge: true, doors: { "901": HQ_DOOR } } },
  ...extra,
});
const GET = "getKisiIntegrationV2";
const UPDATE = "updateKisiIntegrationV2";

describe("rhombus.KisiIntegration lifecycle (V2 operations)", () => {
  it("configures an organization without an integration: POSTs with the Rhombus headers, settings wrapped in kisiSettings", async () => {
    const { id, outs } = await createChecked(kind, declare());
    expect(id).toBe("kisi");
    expect(calls(rhombus.emu)).toEqual([
      { [GET]: {} },
      { [GET]: {} },
      {
        [UPDATE]: {
          kisiSettings: {
            enabled: true,
            apiSecretKey: KISI_KEY,
            integration: "KISI",
            defaultOptions: { defaultOptionsEnabled: true, saveClips: true },
            placeToSettingsMap: {
              "4123": { saveClips: true, identifyFacesFromBadge: true, doorInfoMap: { "901": HQ_DOOR } },
            },
          },
        },
      },
    ]);
    expect(rhombus.emu.requests.map((r) => [r.method, r.headers["x-auth-apikey"], r.headers["x-auth-scheme"]])).toEqual(
      Array(3).fill(["POST", API_KEY, "api-token"]),
    );
    expect(rhombus.emu.kisi()).toMatchObject({
      enabled: true,
      apiSecretKey: KISI_KEY,
      placeToSettingsMap: { "4123": { placeName: "HQ", doorInfoMap: { "901": { doorName: "Front door" } } } },
    });
    expect(outs).toMatchObject({ enabled: true, apiSecretKey: KISI_KEY });
  });

  it("updates by read-modify-write: server-computed fields go back exactly as read, so the Kisi webhook is kept", async () => {
    const { inputs, id, outs } = await createChecked(kind, declare());
    const before = rhombus.emu.kisi()!;
    const registrations = rhombus.emu.webhookRegistrations();
    rhombus.emu.clearRequests();
    const next = (
      await lc().check(
        inputs,
        declare({
          places: {
            "4123": {
              saveClips: false,
              identifyFacesFromBadge: true,
              doors: { "901": { ...HQ_DOOR, clipDuration: 45 } },
            },
          },
        }),
      )
    ).inputs;
    await lc().update(id, outs, next);
    const sent = (
      rhombus.emu.requests.find((r) => r.path.endsWith(UPDATE))!.body as { kisiSettings: Record<string, any> }
    ).kisiSettings;
    const place = before.placeToSettingsMap["4123"];
    expect(sent.placeToSettingsMap["4123"]).toEqual({
      ...place,
      saveClips: false,
      doorInfoMap: { "901": { ...place.doorInfoMap["901"], clipDuration: 45 } },
    });
    expect(sent).toMatchObject({
      integrationAuditMap: before.integrationAuditMap,
      orgUuid: ORG_UUID,
      userUuid: before.userUuid,
      integration: "KISI",
      apiSecretKey: KISI_KEY,
    });
    expect(rhombus.emu.webhookRegistrations()).toBe(registrations); // token and webhook kept
    expect(rhombus.emu.kisi()!.placeToSettingsMap["4123"]).toMatchObject({
      rhombusToken: place.rhombusToken,
      webhookId: place.webhookId,
      saveClips: false,
    });
  });

  it("writes one changed setting with exactly one update, after one read", async () => {
    const { inputs, id, outs } = await createChecked(kind, declare());
    rhombus.emu.clearRequests();
    await lc().update(id, outs, { ...inputs, enabled: false });
    expect(calls(rhombus.emu).map((c) => Object.keys(c)[0])).toEqual([GET, UPDATE]);
    expect(rhombus.emu.kisi()).toMatchObject({
      enabled: false,
      apiSecretKey: KISI_KEY,
      placeToSettingsMap: { "4123": { saveClips: true, doorInfoMap: { "901": HQ_DOOR } } },
    });
  });

  it("makes no write when nothing changed, and reads back without drift", async () => {
    const { inputs, id, outs } = await createChecked(kind, declare());
    rhombus.emu.clearRequests();
    const read = await lc().read(id, outs);
    expect(read.inputs).toEqual(inputs);
    expect(read.props).toMatchObject({ orgUuid: ORG_UUID, doorsValidated: true });
    expect(await lc().diff(id, read.props!, inputs)).toEqual({ changes: false });
    expect(calls(rhombus.emu)).toEqual([{ [GET]: {} }]);
  });

  it("diffs the same declaration as no change, and an up of it sends no request", () =>
    expectNoOpUp(kind, declare(), rhombus.emu));

  it("deletes an integration already deleted out of band (deletePolicy delete): the V2 delete answers success", async () => {
    const { id, outs } = await createChecked(kind, declare({ deletePolicy: "delete" }));
    rhombus.emu.reset();
    expect(rhombus.emu.kisi()).toBeNull();
    rhombus.emu.clearRequests();
    await expect(lc().delete(id, outs)).resolves.toBeUndefined();
    expect(calls(rhombus.emu)).toEqual([{ deleteKisiIntegrationV2: {} }]);
    expect(rhombus.emu.kisi()).toBeNull();
  });

  it("reports console edits as drift of the declared settings, and an integration deleted out of band as gone", async () => {
    const { inputs, id, outs } = await createChecked(kind, declare());
    rhombus.emu.editKisi((s) => {
      s.placeToSettingsMap["4123"].saveClips = false;
      s.placeToSettingsMap["4123"].doorInfoMap["902"] = {
        assignedCameraList: [CAMERAS[1]],
        doorName: "Server room door",
      };
    });
    const read = await lc().read(id, outs);
    expect((read.inputs as any).places["4123"]).toEqual({
      saveClips: false,
      identifyFacesFromBadge: true,
      doors: { "901": HQ_DOOR, "902": { assignedCameraList: [CAMERAS[1]] } },
    });
    expect(await lc().diff(id, read.props!, inputs)).toEqual({ replaces: [], deleteBeforeReplace: false });
    await lc().update(id, read.props!, inputs); // corrects: the declared doors are all the doors
    expect(Object.keys(rhombus.emu.kisi()!.placeToSettingsMap["4123"].doorInfoMap)).toEqual(["901"]);
    rhombus.emu.reset();
    expect(await lc().read(id, outs)).toEqual({});
  });

  it("never takes an error in a 200 answer for success", async () => {
    const bad = await createChecked(kind, declare({ apiSecretKey: "not-the-kisi-key" })).catch((e) => e);
    expect(bad.message).toBe(
      `rhombus API 200 on POST /api/integrations/accessControl/${UPDATE}: error reported in a 200 answer: authentication failed: Kisi rejected the API secret key (for the Kisi integration: Kisi refused apiSecretKey)`,
    );
    expect(rhombus.emu.kisi()).toBeNull();
    const camera = "cameraUnknown000000009";
    const failed = await createChecked(
      kind,
      declare({ places: { "4123": { doors: { "901": { assignedCameraList: [camera] } } } } }),
    ).catch((e) => e);
    expect(failed.message).toMatch(
      new RegExp(`error reported in a 200 answer: these ids failed to update, nothing was saved: ${camera}$`),
    );
    const twoLocations = declare({
      places: {
        "4123": { doors: { "901": { locationUuid: LOCATIONS[0] } } },
        "4200": { doors: { "950": { locationUuid: LOCATIONS[1] } } },
      },
    });
    const doors = await createChecked(kind, twoLocations).catch((e) => e);
    expect(doors.message).toMatch(
      /error reported in a 200 answer: doors assigned to several Rhombus locations \(saved, but flagged\): Front door; assign each door to one location$/,
    );
    rhombus.emu.inject({
      path: `/api/integrations/accessControl/${GET}`,
      kind: "status",
      status: 200,
      body: { error: true, errorMsg: "Internal error" },
    });
    const read = await lc()
      .read("kisi", declare())
      .catch((e) => e);
    expect(read.message).toBe(
      `rhombus API 200 on POST /api/integrations/accessControl/${GET}: error reported in a 200 answer: Internal error`,
    );
    expect(JSON.stringify([bad.message, failed.message, doors.message])).not.toContain(KISI_KEY);
  });

  it("retries a 429 as Retry-After asks: the settings write is safe to repeat", async () => {
    rhombus.emu.inject({
      path: `/api/integrations/accessControl/${UPDATE}`,
      kind: "status",
      status: 429,
      headers: { "Retry-After": "1" },
      body: "Too many api requests. Enhance your calm.",
    });
    await createChecked(kind, declare());
    expect(rhombus.emu.requests.map((r) => `${r.path.split("/").pop()} ${r.status}`)).toEqual([
      `${GET} 200`,
      `${GET} 200`,
      `${UPDATE} 429`,
      `${UPDATE} 200`,
    ]);
    expect(rhombus.emu.kisi()!.enabled).toBe(true);
  });

  it("destroys per deletePolicy: retain (default) sends nothing, disable writes enabled false, delete uses the V2 delete", async () => {
    const { id, outs } = await createChecked(kind, declare());
    rhombus.emu.clearRequests();
    await lc().delete(id, outs);
    expect(rhombus.emu.requests).toEqual([]);
    await lc().delete(id, { ...outs, deletePolicy: "disable" });
    expect(rhombus.emu.kisi()).toMatchObject({
      enabled: false,
      apiSecretKey: KISI_KEY,
      placeToSettingsMap: { "4123": { saveClips: true } },
    });
    rhombus.emu.clearRequests();
    await lc().delete(id, { ...outs, deletePolicy: "delete" });
    expect(calls(rhombus.emu)).toEqual([{ deleteKisiIntegrationV2: {} }]);
    expect(rhombus.emu.kisi()).toBeNull();
  });

  it("rejects invalid input in check, naming the property, without a request", async () => {
    const places = {
      HQ: { saveClips: true },
      "4123": { color: "red" },
      "4200": { doors: { "950": { assignedCameraList: ["short"] } } },
    };
    const res = await lc().checkRaw({}, { connection: rhombus.connection, enabled: "yes", places });
    expect(res.failures).toEqual([
      { property: "enabled", reason: "Invalid input: expected boolean, received string" },
      { property: "apiSecretKey", reason: "is required" },
      { property: "places.4123", reason: "unknown property color" },
      {
        property: "places.4200.doors.950.assignedCameraList[0]",
        reason: "must be a Rhombus id: 22 characters of A-Z, a-z, 0-9, _ and -",
      },
      { property: "places.HQ", reason: "must be the numeric id of a Kisi place" },
    ]);
    expect(rhombus.emu.requests).toEqual([]);
  });

  it("the contract check catches a body Rhombus would silently drop", () => {
    const request = {
      method: "POST",
      path: `/api/integrations/accessControl/${UPDATE}`,
      headers: { "x-auth-scheme": "api-token" },
      body: { kisiSettings: { enabled: true, placeToSettingsMap: { "1": { save_clips: true } } } },
    };
    expect(contractViolations(request)).toEqual([
      `${UPDATE} body /kisiSettings/placeToSettingsMap/1 must NOT have additional properties (save_clips)`,
    ]);
    expect(
      contractViolations({
        ...request,
        path: "/api/integrations/accessControl/updateKisiIntegration",
        body: { kisiSettings: {} },
      }),
    ).toEqual(["updateKisiIntegration is deprecated in the OpenAPI document"]);
  });
});

import fc from "fast-check";
import { pathText } from "../../providers/core/resource/check";
describe("rhombus.KisiIntegration check with generated input", () => {
  it("fails every camera id that is not a 22-character Rhombus id, and every non-numeric place id", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string().filter((s) => !/^[A-Za-z0-9_-]{22}$/.test(s)),
        fc.string().filter((s) => !/^\d{1,10}$/.test(s)),
        async (camera, placeId) => {
          const res = await lifecycleOf(KisiIntegration).check(
            {},
            {
              connection: rhombus.connection,
              enabled: true,
              apiSecretKey: "k",
              places: { [placeId]: {}, "4123": { doors: { "901": { assignedCameraList: [camera] } } } },
            },
          );
          expect(res.failures?.map((f) => f.property).sort()).toEqual(
            [pathText(["places", placeId]), "places.4123.doors.901.assignedCameraList[0]"].sort(),
          );
        },
      ),
      { numRuns: 60 },
    );
    expect(rhombus.emu.requests).toEqual([]);
  });
});
