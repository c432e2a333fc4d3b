/** Kentix SmartAPI emulator: alarm groups, webhooks and usergroups over real HTTP(S). See README.md. */
import { createPrng, startEmulator, type Emulator, type HttpsMode } from "../common";
import { ACCESS_SETTINGS_DEFAULTS, Singleton } from "./accesssettings";
import { COLLECTIONS, createKentixHandler, type KentixSettings } from "./api";
import { COMMUNICATION_KEY_DEFAULTS } from "./communicationkey";
import { type EventLogName, EventLogs } from "./events";
import { ordered } from "./collection";
import { Clock, createDb, type CollectionName, type Row } from "./store";
import { systemSettings } from "./systemsettings";
import { stringifySomeIntegers } from "./wire";

export { USERGROUP_PERMISSIONS } from "./usergroups";
export { WEBHOOK_EVENTS } from "./alarmgroups";
export { DOORLOCK_DEFAULTS, SEEDED_DOORLOCKS } from "./doorlocks";
export { ACCESSMANAGER_DEFAULTS, SEEDED_ACCESSMANAGERS } from "./accessmanagers";
export {
  ALARMMANAGER_DEFAULTS,
  CAMERA_DEFAULTS,
  MULTISENSOR_DEFAULTS,
  NETWORKSENSOR_DEFAULTS,
  SEEDED_ALARMMANAGERS,
  SEEDED_CAMERAS,
  SEEDED_MULTISENSORS,
  SEEDED_NETWORKSENSORS,
  SEEDED_OUTLETS,
  SEEDED_SNMPSENSORS,
  SEEDED_SMARTMETERS,
  SEEDED_IOMODULES,
  SEEDED_POWERMANAGERS,
  SEEDED_SITEMANAGERS,
  SITEMANAGER_DEFAULTS,
} from "./devices";
export { ACCESS_SETTINGS_DEFAULTS } from "./accesssettings";
export { SYSTEM_SETTINGS } from "./systemsettings";
export { COMMUNICATION_KEY_DEFAULTS } from "./communicationkey";
export { passwordHash } from "./users";
export type { CollectionName, Row } from "./store";
export type KentixCollection = CollectionName;

export interface KentixOptions {
  /** Accepted bearer tokens. */
  tokens: string[];
  https?: HttpsMode;
  /** Probability that an integer in a response is sent as a string. true = 0.3 (the default), false = 0. */
  stringNumbers?: boolean | number;
  /** PRNG seed for the string-number quirk (default 1). */
  seed?: number;
  /**
   * The appliance's wall clock in epoch milliseconds, which stamps created_at/updated_at (default Date.now).
   * With a fixed clock and a seed, every answer is the same from run to run.
   */
  now?: () => number;
  /**
   * Door locks taught in on the device (wire objects completed with the seed's sample values): there from the
   * start and after every `reset()`, since the API cannot create them. Default none; `SEEDED_DOORLOCKS` is a pair.
   */
  doorlocks?: readonly Record<string, unknown>[];
  /** AccessManager devices, like `doorlocks` (the API cannot create them); `SEEDED_ACCESSMANAGERS` is a pair. */
  accessmanagers?: readonly Record<string, unknown>[];
  port?: number;
  httpsPort?: number;
  latencyMs?: number;
}

/** Out-of-band access to the device's state (the web UI, another admin): never in the request log. */
export interface KentixState {
  /** Stored objects in id order (as stored: no string-number quirk, instants as given). */
  list(collection: KentixCollection): Row[];
  get(collection: KentixCollection, id: number): Row | undefined;
  /** Stores a wire object without validation; missing fields get defaults, id and timestamps are assigned unless given. */
  insert(collection: KentixCollection, wireObject: Record<string, unknown>): Row;
  /** Merges `patch` and moves updated_at, like an edit in the web UI. Throws when the id does not exist. */
  edit(collection: KentixCollection, id: number, patch: Record<string, unknown>): Row;
  remove(collection: KentixCollection, id: number): boolean;
  /** A singleton's values as stored (`accesssettings`: a boolean and numbers; `communicationkey`: the key). */
  setting(name: keyof KentixSettings): Record<string, unknown>;
  /** Merges `patch` into a singleton, like an edit in the web UI. */
  editSetting(name: keyof KentixSettings, patch: Record<string, unknown>): void;
  /** Empties every collection, restarts ids at 1 and the PRNG at its seed. Log and faults are untouched. */
  reset(): void;
  /** Something that happened on the appliance: an event in one of its logs (`GET /api/log/{log}`, newest first). */
  logEvent(log: EventLogName, event: Record<string, unknown>): Record<string, unknown>;
  /** Replace the accepted tokens (credential rotation). */
  setTokens(tokens: string[]): void;
}

export type KentixEmulator = Emulator & KentixState;

export const DEFAULT_STRING_NUMBERS = 0.3;

export async function startKentix(options: KentixOptions): Promise<KentixEmulator> {
  const db = createDb(new Clock(options.now));
  let tokens = [...options.tokens];
  const seed = options.seed ?? 1;
  const p = stringNumberChance(options.stringNumbers);
  let rng = createPrng(seed);
  const settings: KentixSettings = {
    accesssettings: new Singleton(ACCESS_SETTINGS_DEFAULTS),
    ...systemSettings(),
    communicationkey: new Singleton(COMMUNICATION_KEY_DEFAULTS),
  };

  const events = new EventLogs();
  const handler = createKentixHandler({
    db,
    tokens: () => tokens,
    present: (payload) => stringifySomeIntegers(payload, rng, p),
    settings,
    events,
  });
  const emulator = await startEmulator({
    handler,
    https: options.https,
    port: options.port,
    httpsPort: options.httpsPort,
    latencyMs: options.latencyMs,
  });

  // Door locks are hardware taught in on the device: they are there from the start and after every reset.
  const teachIn = () => {
    for (const lock of options.doorlocks ?? []) db.doorlocks.insert(COLLECTIONS.doorlocks.complete(lock, db));
    for (const device of options.accessmanagers ?? [])
      db.accessmanagers.insert(COLLECTIONS.accessmanagers.complete(device, db));
  };
  teachIn();
  const stored = (c: KentixCollection, row: Row) => ordered(row, COLLECTIONS[c].keyOrder) as Row;
  const state: KentixState = {
    list: (c) => db[c].all().map((row) => stored(c, row)),
    get: (c, id) => {
      const row = db[c].get(id);
      return row && stored(c, row);
    },
    insert: (c, wireObject) => stored(c, db[c].insert(COLLECTIONS[c].complete(wireObject, db))),
    edit: (c, id, patch) => {
      const row = db[c].update(id, patch);
      if (!row) throw new Error(`kentix emulator: ${c}/${id} does not exist`);
      return stored(c, row);
    },
    remove: (c, id) => db[c].remove(id),
    setting: (name) => structuredClone(settings[name].values),
    editSetting: (name, patch) => void Object.assign(settings[name].values, structuredClone(patch)),
    reset: () => {
      for (const table of Object.values(db)) table.reset();
      for (const singleton of Object.values(settings)) singleton.reset();
      teachIn();
      rng = createPrng(seed);
      events.reset();
    },
    logEvent: (log, event) => events.add(log, event, (options.now ?? Date.now)()),
    setTokens: (next) => {
      tokens = [...next];
    },
  };
  return Object.assign(emulator, state);
}

function stringNumberChance(option: boolean | number | undefined): number {
  if (option === undefined || option === true) return DEFAULT_STRING_NUMBERS;
  if (option === false) return 0;
  return Math.min(1, Math.max(0, option));
}
