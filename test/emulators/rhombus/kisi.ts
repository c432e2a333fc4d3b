/**
 * The Kisi integration of one Rhombus organization, as the V2 operations show it (KisiType / IKisiType),
 * with what the server computes: per place the Kisi webhook (webhookId) and the token Kisi calls Rhombus
 * with (rhombusToken), the audit map, door names, door validation. Decisions: README.md.
 */
type Json = Record<string, any>;

export const ORG_UUID = "orgRhombusTest00000001";
export const USER_UUID = "userApiToken0000000001";

/** What Kisi knows (reached with the Kisi API secret key): places and their doors. Two places both have a "Front door". */
export const KISI_PLACES = [
  {
    id: 4123,
    name: "HQ",
    doors: [
      { id: 901, name: "Front door" },
      { id: 902, name: "Server room door" },
    ],
  },
  {
    id: 4200,
    name: "Warehouse",
    doors: [
      { id: 950, name: "Front door" },
      { id: 951, name: "Dock door" },
    ],
  },
];
/** Cameras and locations of the Rhombus organization (RUUIDs). */
export const CAMERAS = ["cameraLobby00000000001", "cameraServer0000000002", "cameraDock000000000003"];
export const LOCATIONS = ["locationHQ000000000001", "locationWarehouse00002"];

export interface UpdateResult {
  authError?: boolean;
  error: boolean;
  errorMsg?: string | null;
  failedGuids?: string[];
  misconfiguredDoors?: string[];
  warningMsg?: string | null;
}

export class KisiStore {
  state: Json | null = null;
  /** Kisi webhooks registered by Rhombus (a place whose webhook/token were not sent back gets a new one). */
  webhookRegistrations = 0;
  private seq = 0;

  constructor(private readonly kisiKeys: () => readonly string[]) {}

  /** The object getKisiIntegrationV2 answers: the secret key is never returned. */
  view(): Json | null {
    return this.state ? { ...structuredClone(this.state), apiSecretKey: null } : null;
  }

  /** updateKisiIntegrationV2: the whole settings object is replaced; server-computed fields are kept only when sent back as read. */
  update(settings: Json | undefined | null): UpdateResult {
    if (!settings) return { error: true, errorMsg: "kisiSettings is required" };
    const key: string | null = settings.apiSecretKey ?? null;
    if (settings.enabled && !key)
      return { error: true, errorMsg: "apiSecretKey is required to enable the Kisi integration" };
    if (key && !this.kisiKeys().includes(key))
      return { authError: true, error: true, errorMsg: "Kisi rejected the API secret key" };
    const before: Json = this.state?.placeToSettingsMap ?? {};
    const places: Json = {};
    const failedGuids: string[] = [];
    const doorLocations = new Map<string, Set<string>>(); // door name -> Rhombus locations
    for (const [pid, p] of Object.entries((settings.placeToSettingsMap ?? {}) as Json)) {
      const place = KISI_PLACES.find((x) => String(x.id) === pid);
      if (!place)
        return { error: true, errorMsg: `Kisi place ${pid} does not exist or is not visible with this API key` };
      const doors: Json = {};
      for (const [did, d] of Object.entries((p?.doorInfoMap ?? {}) as Json)) {
        const door = place.doors.find((x) => String(x.id) === did);
        if (!door) return { error: true, errorMsg: `Kisi door ${did} is not in place ${pid}` };
        for (const camera of d?.assignedCameraList ?? []) if (!CAMERAS.includes(camera)) failedGuids.push(camera);
        if (d?.locationUuid && !LOCATIONS.includes(d.locationUuid)) failedGuids.push(d.locationUuid);
        if (d?.locationUuid)
          doorLocations.set(door.name, new Set([...(doorLocations.get(door.name) ?? []), d.locationUuid]));
        doors[did] = {
          assignedCameraList: d?.assignedCameraList ?? null,
          clipDuration: d?.clipDuration ?? null,
          doorName: door.name,
          leadingSeconds: d?.leadingSeconds ?? null,
          locationUuid: d?.locationUuid ?? null,
          remoteUnlock: d?.remoteUnlock ?? null,
        };
      }
      const old = before[pid];
      // A place whose webhook and token come back as read keeps them; otherwise Rhombus registers a new Kisi webhook.
      const kept = !!old && p?.rhombusToken === old.rhombusToken && p?.webhookId === old.webhookId;
      if (!kept) this.webhookRegistrations++;
      places[pid] = {
        alertUnauthorizedFaces: p?.alertUnauthorizedFaces ?? null,
        createSeekPoints: p?.createSeekPoints ?? null,
        identifyFacesFromBadge: p?.identifyFacesFromBadge ?? null,
        saveClips: p?.saveClips ?? null,
        doorInfoMap: doors,
        misconfiguredDoors: [],
        placeId: place.id,
        placeName: place.name,
        rhombusToken: kept ? old.rhombusToken : ruuid(`tok-${pid}-${++this.seq}`),
        webhookId: kept ? old.webhookId : 70000 + ++this.seq,
      };
    }
    if (failedGuids.length) return { error: false, failedGuids, misconfiguredDoors: [] }; // nothing saved
    const misconfigured = [...doorLocations].filter(([, locations]) => locations.size > 1).map(([name]) => name);
    for (const place of Object.values(places)) {
      place.misconfiguredDoors = Object.entries(place.doorInfoMap as Json)
        .filter(([, d]) => misconfigured.includes(d.doorName))
        .map(([id]) => Number(id));
    }
    const now = Date.now();
    this.state = {
      integration: "KISI",
      enabled: settings.enabled ?? false,
      apiSecretKey: key,
      defaultOptions: settings.defaultOptions ?? null,
      doorsValidated: misconfigured.length === 0,
      integrationAuditMap: {
        ...(this.state?.integrationAuditMap ?? {}),
        [`${now}-${++this.seq}`]: {
          enabledTimestampMs: now,
          integrationAuditEvent: "UPDATE",
          user: "API token",
          userUuid: USER_UUID,
        },
      },
      orgUuid: ORG_UUID,
      userUuid: USER_UUID,
      placeToSettingsMap: places,
    };
    // Saved, but flagged: doors assigned to several Rhombus locations.
    return { error: false, authError: false, failedGuids: [], misconfiguredDoors: misconfigured, warningMsg: null };
  }

  remove(): void {
    this.state = null;
  }

  /** The deprecated V1 shape of the same settings (getKisiIntegration). */
  v1(): Json | null {
    const s = this.state;
    if (!s) return null;
    const audit = Object.values(s.integrationAuditMap as Json).at(-1) as Json | undefined;
    return {
      ...(s.defaultOptions ?? {}),
      apiSecretKey: null,
      defaultOptions: s.defaultOptions,
      doorInfoMap: {},
      doorToCameraMap: {},
      doorsValidated: s.doorsValidated,
      enabled: s.enabled,
      enabledTimestampMs: audit?.enabledTimestampMs ?? null,
      enablingUser: audit?.user ?? null,
      enablingUserUuid: audit?.userUuid ?? null,
      migrated: true,
      placeId: null,
      placeToSettingsMap: s.placeToSettingsMap,
      rhombusToken: null,
      webhookId: null,
    };
  }

  /** updateKisiIntegration (V1): the place-based part of the V1 object, applied like V2. */
  updateV1(settings: Json | undefined | null): UpdateResult {
    if (!settings) return { error: true, errorMsg: "kisiSettings is required" };
    const flags = ["alertUnauthorizedFaces", "createSeekPoints", "identifyFacesFromBadge", "saveClips"].filter(
      (k) => k in settings,
    );
    const defaultOptions =
      settings.defaultOptions ?? (flags.length ? Object.fromEntries(flags.map((k) => [k, settings[k]])) : null);
    return this.update({
      enabled: settings.enabled,
      apiSecretKey: settings.apiSecretKey,
      defaultOptions,
      placeToSettingsMap: settings.placeToSettingsMap,
    });
  }
}

/** A 22-character url-safe id derived from a seed text. */
function ruuid(seed: string): string {
  return Buffer.from(seed.padEnd(16, ".").slice(0, 16)).toString("base64url").slice(0, 22);
}
