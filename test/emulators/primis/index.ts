/** Identiv Primis Mobile API emulator over HTTPS (HTTP answers 403). See README.md. */
import { startEmulator, type Emulator, type HttpsMode } from "../common";
import {
  createPrimisHandler,
  type PrimisConfig,
  type PrimisDb,
  type PrimisUser,
  type ScheduleLink,
  WRITE_CODES,
} from "./api";
import { type Area, seedAccessGroups, seedAreas, seedBeacons, seedSchedules } from "./data";

export { WRITE_CODES, type PrimisUser, type ScheduleLink };
export type { Area } from "./data";

export interface PrimisOptions {
  users: PrimisUser[];
  /** Default "ca" (trusted through test/fixtures/tls/ca.pem). */
  https?: Exclude<HttpsMode, false>;
  /** Number of controlled areas on the site (default 3). */
  areas?: number;
  /** Licence seats of the whole system (default 25). */
  systemSeats?: number;
  /** Token lifetimes; the seed's samples are 30 and 180 days. */
  accessTtlSeconds?: number;
  refreshTtlSeconds?: number;
  /** The Kontakt.io key inside the login answer's `beacon` string (a secret the provider must never keep). */
  beaconApiKey?: string;
  latencyMs?: number;
  port?: number;
  httpsPort?: number;
}

/** Out-of-band access (the Primis client, another administrator): never in the request log. */
export interface PrimisState {
  areas(): Area[];
  area(id: string): Area | undefined;
  /** Edits an area as the Primis client would (e.g. another operator changes its state). */
  editArea(id: string, patch: Partial<Area>): Area;
  /** Non-toggle areas go back to the state their schedule enforces (what `toggle` warns about). */
  runSchedules(): void;
  /** Registered devices (one licence seat each), and every registration ever made. */
  registrations(): { phoneId: string; email: string }[];
  registrationLog(): { phoneId: string; email: string }[];
  scheduleLinks(): ScheduleLink[];
  /** Every token issued so far (tests scan states and logs for them). */
  issuedTokens(): string[];
  /** Forgets every access token (e.g. a server restart): the next request gets 401. */
  revokeAccessTokens(): void;
  setPassword(email: string, password: string): void;
  setConfig(patch: Partial<PrimisConfig>): void;
  /** Back to the starting site; registrations, tokens and links cleared. */
  reset(): void;
}

export type PrimisEmulator = Emulator & PrimisState;

export async function startPrimis(options: PrimisOptions): Promise<PrimisEmulator> {
  const fresh = (): PrimisDb => {
    const areas = seedAreas(options.areas ?? 3);
    return {
      users: options.users.map((u) => ({ ...u })),
      areas,
      groups: seedAccessGroups(areas),
      schedules: seedSchedules(),
      beacons: seedBeacons(),
      registrations: new Map(),
      registrationLog: [],
      accessTokens: new Set(),
      refreshTokens: new Set(),
      links: [],
      unlocks: [],
      nextLinkId: 9001,
    };
  };
  let db = fresh();
  let config: PrimisConfig = {
    systemSeats: options.systemSeats ?? 25,
    accessTtlSeconds: options.accessTtlSeconds ?? 2_592_000,
    refreshTtlSeconds: options.refreshTtlSeconds ?? 15_552_000,
    beaconApiKey: options.beaconApiKey ?? "ibZWPUctxIkkwMujyetstEYrxsVqiMrU",
  };
  const issued: string[] = [];
  const handler = createPrimisHandler(
    new Proxy({} as PrimisDb, { get: (_t, k) => db[k as keyof PrimisDb] }),
    () => config,
  );
  const emulator = await startEmulator({
    handler: async (req) => {
      const res = await handler(req);
      const body = res.body as { jwt?: unknown; refreshToken?: unknown } | undefined;
      for (const t of [body?.jwt, body?.refreshToken]) if (typeof t === "string") issued.push(t);
      return res;
    },
    https: options.https ?? "ca",
    latencyMs: options.latencyMs,
    port: options.port,
    httpsPort: options.httpsPort,
  });
  const copy = <T>(v: T): T => structuredClone(v);
  const state: PrimisState = {
    areas: () => copy(db.areas),
    area: (id) => copy(db.areas.find((a) => a.id === id)),
    editArea(id, patch) {
      const area = db.areas.find((a) => a.id === id);
      if (!area) throw new Error(`primis emulator: no controlled area ${id}`);
      Object.assign(area, copy(patch));
      return copy(area);
    },
    runSchedules() {
      for (const a of db.areas) if (a.toggle !== "T" && a.scheduledState) a.state = a.scheduledState;
    },
    registrations: () => [...db.registrations].map(([phoneId, email]) => ({ phoneId, email })),
    registrationLog: () => copy(db.registrationLog),
    scheduleLinks: () => copy(db.links),
    issuedTokens: () => [...issued],
    revokeAccessTokens: () => db.accessTokens.clear(),
    setPassword(email, password) {
      const user = db.users.find((u) => u.email === email);
      if (!user) throw new Error(`primis emulator: no user ${email}`);
      user.password = password;
    },
    setConfig: (patch) => void (config = { ...config, ...patch }),
    reset: () => void (db = fresh()),
  };
  return Object.assign(emulator, state);
}
