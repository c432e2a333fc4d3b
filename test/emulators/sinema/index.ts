/** SINEMA RC emulator: the remote-connection, account and settings API over real HTTP(S). See README.md. */
import { startEmulator, type Emulator, type HttpsMode } from "../common";
import { type Account, createSinemaHandler, roleDefaults } from "./api";
import { Db, ENTITIES, type Entity, RELATIONS, type Relation, type Row, SETTINGS, type Setting } from "./store";

export type { Account } from "./api";
export type { Entity, Relation, Row, Setting } from "./store";

export interface SinemaOptions {
  accounts: Account[];
  https?: HttpsMode;
  port?: number;
  httpsPort?: number;
  latencyMs?: number;
  /** Token lifetime in ms (default: tokens never expire). */
  tokenTtlMs?: number;
  /** A new login invalidates the account's previous token (default true). */
  singleTokenPerUser?: boolean;
  /** Items per page of the paged lists (devices, groups); default 50. */
  pageSize?: number;
  /** Status polls a 202 operation answers "pending" (default 1). */
  asyncPolls?: number;
  licenses?: { devices?: number; users?: number };
}

/** Out-of-band access (the web interface, another administrator): never in the request log. */
export interface SinemaState {
  list(entity: Entity): Row[];
  get(entity: Entity, id: number): Row | undefined;
  /** Stores a row as the server keeps it (request field names), without validation. */
  insert(entity: Entity, fields: Record<string, unknown>): Row;
  edit(entity: Entity, id: number, patch: Record<string, unknown>): Row;
  /** Deletes with the cascade the server applies (subnets with their device, memberships with their group, ...). */
  remove(entity: Entity, id: number): boolean;
  related(relation: Relation, owner: number): number[];
  relate(relation: Relation, owner: number, member: number): void;
  unrelate(relation: Relation, owner: number, member: number): boolean;
  setting(name: Setting): Record<string, unknown>;
  editSetting(name: Setting, patch: Record<string, unknown>): void;
  enabled(entity: "devices" | "users", id: number): boolean;
  setEnabled(entity: "devices" | "users", id: number, on: boolean): void;
  /** Everything the server holds, for "left as it started" comparisons. */
  snapshot(): unknown;
  /** Back to a freshly installed server (factory roles, default settings); log, faults and tokens untouched. */
  reset(): void;
  setAccounts(accounts: Account[]): void;
  setTokenTtl(ms: number): void;
  /** Ends every token issued so far (as an expiry or a server restart would): the next request gets 401. */
  expireTokens(): void;
  /** The next asynchronous operation (a static route) ends "failed" with this error. */
  failNextAsync(errorField: string, description: string): void;
}

export type SinemaEmulator = Emulator & SinemaState;

export async function startSinema(options: SinemaOptions): Promise<SinemaEmulator> {
  const db = new Db(roleDefaults);
  let accounts = [...options.accounts];
  let ttl = options.tokenTtlMs ?? Number.POSITIVE_INFINITY;
  let asyncFailure: { errorField: string; description: string } | undefined;
  let expireAll: () => void = () => {};
  const handler = createSinemaHandler({
    db,
    accounts: () => accounts,
    tokenTtlMs: () => ttl,
    singleTokenPerUser: options.singleTokenPerUser ?? true,
    pageSize: options.pageSize ?? 50,
    asyncPolls: options.asyncPolls ?? 1,
    licenses: { devices: options.licenses?.devices ?? 10_000, users: options.licenses?.users ?? 10_000 },
    asyncFailure: () => asyncFailure,
    clearAsyncFailure: () => void (asyncFailure = undefined),
    onTokens: (fn) => void (expireAll = fn),
  });
  const emulator = await startEmulator({
    handler,
    https: options.https,
    port: options.port,
    httpsPort: options.httpsPort,
    latencyMs: options.latencyMs,
  });
  const must = (entity: Entity, id: number) => {
    if (!db.tables[entity].get(id)) throw new Error(`sinema emulator: ${entity}/${id} does not exist`);
  };
  const state: SinemaState = {
    list: (e) => db.tables[e].all(),
    get: (e, id) => db.tables[e].get(id),
    insert: (e, fields) => {
      const row = db.tables[e].insert(e === "roles" ? roleDefaults(fields) : fields);
      if (e === "devices" || e === "users") db.status[e].set(row.id, true);
      return row;
    },
    edit: (e, id, patch) => {
      must(e, id);
      return db.tables[e].update(id, patch)!;
    },
    remove: (e, id) => db.remove(e, id),
    related: (r, owner) => db.relations[r].membersOf(owner),
    relate: (r, owner, member) => db.relations[r].add(owner, member),
    unrelate: (r, owner, member) => db.relations[r].remove(owner, member),
    setting: (name) => structuredClone(db.settings[name]),
    editSetting: (name, patch) => void (db.settings[name] = { ...db.settings[name], ...structuredClone(patch) }),
    enabled: (e, id) => db.status[e].get(id) ?? true,
    setEnabled: (e, id, on) => void db.status[e].set(id, on),
    snapshot: () => ({
      tables: Object.fromEntries(ENTITIES.map((e) => [e, db.tables[e].all()])),
      relations: Object.fromEntries(RELATIONS.map((r) => [r, db.relations[r].all()])),
      settings: Object.fromEntries(SETTINGS.map((s) => [s, db.settings[s]])),
      status: { devices: [...db.status.devices], users: [...db.status.users] },
    }),
    reset: () => db.reset(),
    setAccounts: (next) => void (accounts = [...next]),
    setTokenTtl: (ms) => void (ttl = ms),
    expireTokens: () => expireAll(),
    failNextAsync: (errorField, description) => void (asyncFailure = { errorField, description }),
  };
  return Object.assign(emulator, state);
}
