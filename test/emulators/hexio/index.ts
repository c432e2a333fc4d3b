/** Hexio IoT Cloud configuration API emulator (v1.4.0): organizations, projects, role assignments. See README.md. */
import { startEmulator, type Emulator, type HttpsMode } from "../common";
import { createHexioHandler } from "./api";
import { assignmentKey, type Assignment, type Row, type Scope, Store, type User } from "./store";

export type { Assignment, Row, Scope, User } from "./store";

export const DEFAULT_ROLES = [1, 2, 3, 4, 5];

export interface HexioOptions {
  /** Accounts that can log in; the first is typically the provider's admin login. */
  users: (Partial<User> & Pick<User, "userId" | "username" | "password">)[];
  https?: HttpsMode;
  port?: number;
  httpsPort?: number;
  latencyMs?: number;
  /** Lifetime of issued tokens (default 1 h); the seed does not give one. */
  tokenTtlMs?: number;
  /** Tokens are issued as if this long ago (iat and exp moved back; default 0): a token close to its expiry without waiting. */
  tokenAgeMs?: number;
  /** Renewal is allowed this long before expiry (seed: 10 minutes). */
  renewWindowMs?: number;
  softDeleted?: "flagged" | "hidden";
  /** Refuse a second live project with the same name in one organization (400 constraint violation). Default false. */
  uniqueProjectNames?: boolean;
  /** Items per page at most, whatever `limit` asks (default 1000, the documented maximum). */
  pageCap?: number;
  /** Role IDs that exist (default 1-5, the IDs the seed's examples use). */
  roles?: number[];
  seed?: number;
}

/** Out-of-band access (another admin, the web UI): never in the request log. */
export interface HexioState {
  orgs(options?: { includeDeleted?: boolean }): Row[];
  projects(options?: { includeDeleted?: boolean }): Row[];
  org(id: number): Row | undefined;
  project(id: number): Row | undefined;
  /** Stores without validation; ids, genId and metadata are assigned unless given. */
  insertOrg(fields: Row): Row;
  insertProject(orgId: number, fields: Row): Row;
  /** Merges `patch` and moves `modified`, like an edit in the web UI. */
  editOrg(id: number, patch: Row): Row;
  editProject(id: number, patch: Row): Row;
  /** Soft delete (`deleted: true`), as DELETE does, but without the child check. */
  softDelete(kind: "org" | "project", id: number): void;
  assignments(scope?: Scope, resourceId?: number): Assignment[];
  /** Sets a user's roles on a resource out of band; [] removes the assignment. */
  setRoles(scope: Scope, resourceId: number, userId: number, roles: number[]): void;
  /** Forget every issued token (the server lost its signing key): the next request with an old token gets 401. */
  revokeTokens(): void;
  /** Move the server's clock (token expiry) without the client noticing. */
  advanceClock(ms: number): void;
  setPassword(username: string, password: string): void;
  reset(): void;
}

export type HexioEmulator = Emulator &
  HexioState & { options: Required<Omit<HexioOptions, "https" | "port" | "httpsPort" | "latencyMs">> };

export async function startHexio(options: HexioOptions): Promise<HexioEmulator> {
  const users: User[] = options.users.map((u) => ({
    firstName: u.username,
    lastName: "Test",
    email: `${u.username}@example.test`,
    lang: "en",
    access: "admin",
    ...u,
  }));
  const opts = {
    users: options.users,
    tokenTtlMs: options.tokenTtlMs ?? 3_600_000,
    tokenAgeMs: options.tokenAgeMs ?? 0,
    renewWindowMs: options.renewWindowMs ?? 600_000,
    softDeleted: options.softDeleted ?? "flagged",
    uniqueProjectNames: options.uniqueProjectNames ?? false,
    pageCap: options.pageCap ?? 1000,
    roles: options.roles ?? DEFAULT_ROLES,
    seed: options.seed ?? 1,
  };
  const initial = { ...opts };
  const store = new Store(users, opts.seed);
  const handler = createHexioHandler({
    store,
    tokenTtlMs: () => opts.tokenTtlMs,
    tokenAgeMs: () => opts.tokenAgeMs,
    renewWindowMs: () => opts.renewWindowMs,
    softDeleted: () => opts.softDeleted,
    uniqueProjectNames: () => opts.uniqueProjectNames,
    pageCap: () => opts.pageCap,
    roles: () => opts.roles,
  });
  const emulator = await startEmulator({
    handler,
    https: options.https,
    port: options.port,
    httpsPort: options.httpsPort,
    latencyMs: options.latencyMs,
  });
  const rows = (table: Map<number, Row>, includeDeleted = false) =>
    [...table.values()].filter((r) => includeDeleted || !r.deleted).map((r) => structuredClone(r));
  const must = (table: Map<number, Row>, id: number, what: string) => {
    if (!table.has(id)) throw new Error(`hexio emulator: ${what} ${id} does not exist`);
  };
  const state: HexioState = {
    orgs: (o) => rows(store.orgs, o?.includeDeleted).sort((a, b) => Number(a.orgId) - Number(b.orgId)),
    projects: (o) => rows(store.projects, o?.includeDeleted).sort((a, b) => Number(a.projectId) - Number(b.projectId)),
    org: (id) => structuredClone(store.orgs.get(id)),
    project: (id) => structuredClone(store.projects.get(id)),
    insertOrg: (fields) =>
      store.insertOrg(
        {
          projectsLimit: -1,
          usersLimit: -1,
          devicesLimit: -1,
          dashboardsLimit: -1,
          amountOfDatapoints: -1,
          enabled: true,
          ...fields,
        },
        "web-ui",
      ),
    insertProject: (orgId, fields) =>
      store.insertProject(
        {
          orgId,
          rateLimit: -1,
          dataRetention: "1y",
          usersLimit: -1,
          devicesLimit: -1,
          dashboardsLimit: -1,
          amountOfDatapoints: -1,
          ...fields,
        },
        "web-ui",
      ),
    editOrg: (id, patch) => (
      must(store.orgs, id, "organization"), store.write(store.orgs, id, patch, "web-ui", false, [])
    ),
    editProject: (id, patch) => (
      must(store.projects, id, "project"), store.write(store.projects, id, patch, "web-ui", false, [])
    ),
    softDelete: (kind, id) => {
      const table = kind === "org" ? store.orgs : store.projects;
      must(table, id, kind);
      store.write(table, id, { deleted: true }, "web-ui", false, []);
    },
    assignments: (scope, resourceId) =>
      [...store.assignments.values()]
        .filter(
          (a) => (!scope || a.resourceType === scope) && (resourceId === undefined || a.resourceId === resourceId),
        )
        .sort(
          (a, b) => a.resourceType.localeCompare(b.resourceType) || a.resourceId - b.resourceId || a.userId - b.userId,
        )
        .map((a) => structuredClone(a)),
    setRoles: (scope, resourceId, userId, roles) => {
      const key = assignmentKey(scope, resourceId, userId);
      if (roles.length === 0) store.assignments.delete(key);
      else store.assignments.set(key, { userId, resourceType: scope, resourceId, roles: [...roles] });
    },
    revokeTokens: () => store.tokens.clear(),
    advanceClock: (ms) => void (store.clock.offsetMs += ms),
    setPassword: (username, password) => {
      const user = store.users.find((u) => u.username === username);
      if (!user) throw new Error(`hexio emulator: no user ${username}`);
      user.password = password;
    },
    reset: () => {
      store.reset();
      Object.assign(opts, initial);
    },
  };
  return Object.assign(emulator, state, { options: opts });
}
