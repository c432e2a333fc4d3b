/** The Hexio HTTP surface: JWT login and renewal, organizations, projects, role assignments. See README.md. */
import { Router, type EmulatorRequest, type EmulatorResponse, type Handler, type RouteHandler } from "../common";
import { collection, type CollectionDef } from "./collection";
import {
  accessDenied,
  constraintViolation,
  limitExceeded,
  notFound,
  notImplemented,
  unauthorized,
  validationError,
} from "./errors";
import { ORG_MODEL, pick, PROFILE_MODEL, PROJECT_MODEL, validate } from "./models";
import { assignmentKey, type Assignment, type Row, type Scope, type Store, type User } from "./store";

export interface HexioApiOptions {
  store: Store;
  tokenTtlMs: () => number;
  tokenAgeMs: () => number;
  renewWindowMs: () => number;
  /** "flagged": a deleted entity still answers GET (and lists) with `deleted: true`; "hidden": 404 and absent. */
  softDeleted: () => "flagged" | "hidden";
  uniqueProjectNames: () => boolean;
  pageCap: () => number;
  roles: () => readonly number[];
}

const ORG_PERMS = ["ORG/UPDATE", "ORG/DELETE", "ORG/GRANT", "ORG/ADMIN_READ", "ORG/ADMIN_UPDATE", "PROJECT/CREATE"];
const PROJECT_PERMS = [
  "PROJECT/UPDATE",
  "PROJECT/DELETE",
  "PROJECT/GRANT",
  "PROJECT_DEVICES/READ",
  "PROJECT_METRICS/READ",
  "PROJECT_VISUALIZATION/READ",
  "PROJECT_INTEGRATION/READ",
];
const ADMIN_ONLY = ["description", "note", "externalUrl"]; // "Not accessible by a regular user"
const ORG_ORDER = [
  "orgId",
  "genId",
  ...Object.keys(ORG_MODEL),
  "permissions",
  "created",
  "createdBy",
  "modified",
  "modifiedBy",
  "deleted",
];
const PROJECT_ORDER = [
  "orgId",
  "projectId",
  "genId",
  ...Object.keys(PROJECT_MODEL),
  "permissions",
  "created",
  "createdBy",
  "modified",
  "modifiedBy",
  "deleted",
];
const SERVER_SET = ["orgId", "projectId", "genId", "created", "createdBy"];
const text =
  (...fields: string[]) =>
  (r: Row) =>
    fields.map((f) => r[f]);

const ORGS: CollectionDef = {
  filters: {
    name: text("name"),
    companyId: text("companyId"),
    vatId: text("vatId"),
    active: text("enabled"),
    fulltext: text("name", "description", "companyId", "vatId"),
  },
  sorts: ["name"],
  permissions: ["ORG/CREATE"],
};
const PROJECTS: CollectionDef = {
  filters: { name: text("name"), description: text("description"), fulltext: text("name", "description") },
  sorts: ["name"],
  permissions: ["PROJECT/CREATE"],
};

function ordered(row: Row, order: string[]): Row {
  return Object.fromEntries(order.filter((k) => row[k] !== undefined).map((k) => [k, row[k]]));
}

function b64url(obj: unknown): string {
  return Buffer.from(JSON.stringify(obj)).toString("base64url");
}

export function createHexioHandler(o: HexioApiOptions): Handler {
  const { store } = o;
  const router = new Router();
  const isAdmin = (u: User) => u.access === "admin";
  const orgView = (row: Row, u: User) => {
    const visible = isAdmin(u) ? row : Object.fromEntries(Object.entries(row).filter(([k]) => !ADMIN_ONLY.includes(k)));
    return ordered({ ...visible, permissions: isAdmin(u) ? ORG_PERMS : [] }, ORG_ORDER);
  };
  const projectView = (row: Row, u: User) =>
    ordered({ ...row, permissions: isAdmin(u) ? PROJECT_PERMS : [] }, PROJECT_ORDER);
  const visible = (row: Row | undefined) => (row && (!row.deleted || o.softDeleted() === "flagged") ? row : undefined);
  const live = (row: Row | undefined) => (row && !row.deleted ? row : undefined);
  const org = (id: string) => (/^\d+$/.test(id) ? store.orgs.get(Number(id)) : undefined);
  const project = (orgId: string, id: string) => {
    const p = /^\d+$/.test(id) ? store.projects.get(Number(id)) : undefined;
    return p && String(p.orgId) === orgId ? p : undefined;
  };

  function issue(userId: number): string {
    const now = store.clock.now() - o.tokenAgeMs();
    const exp = Math.floor((now + o.tokenTtlMs()) / 1000);
    const user = store.user(userId)!;
    const token = `${b64url({ alg: "HS256", typ: "JWT" })}.${b64url({ sub: String(userId), name: user.username, iat: Math.floor(now / 1000), exp })}.${store.genId()}${store.genId()}`;
    store.tokens.set(token, { userId, exp });
    return token;
  }

  // ---- auth --------------------------------------------------------------------------------------
  router.add("POST /auth/login/credentials", (req) => {
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    if (typeof body.username !== "string" || typeof body.password !== "string")
      return validationError("Properties 'username' and 'password' are required.");
    const user = store.users.find((u) => u.username === body.username && u.password === body.password);
    return user ? { status: 200, body: { token: issue(user.userId) } } : unauthorized("Invalid credentials.");
  });
  router.add("POST /auth/logout", () => notImplemented()); // "no way how to revoke issued JWT token"

  const secured = new Router();
  const secure = (route: string, h: SecuredHandler) => void secured.add(route, h as unknown as RouteHandler);
  secure("POST /auth/renewToken", (req) => {
    const token = bearer(req)!;
    const { userId, exp } = store.tokens.get(token)!;
    if (exp * 1000 - store.clock.now() > o.renewWindowMs()) return validationError("Old token is not expiring yet.");
    return { status: 200, body: { token: issue(userId) } };
  });
  secure("GET /auth/profile", (_req, _p, u) => ({ status: 200, body: profile(u) }));
  secure("PUT /auth/profile", (req, _p, u) => {
    const problem = validate(req.body, PROFILE_MODEL);
    if (problem) return validationError(problem);
    const next = pick(req.body as Row, PROFILE_MODEL) as Partial<User>;
    if (store.users.some((other) => other.userId !== u.userId && other.email === next.email))
      return constraintViolation("Property `email` must be unique.");
    Object.assign(u, { phone: undefined }, next); // full replacement: an omitted phone is cleared
    return { status: 200, body: profile(u) };
  });

  // ---- organizations ---------------------------------------------------------------------------
  secure("GET /orgs", (req, _p, u) => {
    const rows = [...store.orgs.values()].filter((r) => visible(r)).sort((a, b) => Number(a.orgId) - Number(b.orgId));
    return collection(
      req,
      rows.map((r) => orgView(r, u)),
      ORGS,
      o.pageCap(),
    );
  });
  secure("POST /orgs", (req, _p, u) => {
    const problem = validate(req.body, ORG_MODEL);
    if (problem) return validationError(problem);
    return { status: 201, body: orgView(store.insertOrg(pick(req.body as Row, ORG_MODEL), u.username), u) };
  });
  secure("GET /orgs/{orgId}", (_req, { orgId }, u) => {
    const row = visible(org(orgId));
    return row ? { status: 200, body: orgView(row, u) } : notFound();
  });
  secure("PUT /orgs/{orgId}", (req, { orgId }, u) => {
    const row = live(org(orgId));
    if (!row) return notFound();
    const problem = validate(req.body, ORG_MODEL);
    if (problem) return validationError(problem);
    return {
      status: 200,
      body: orgView(
        store.write(store.orgs, Number(orgId), pick(req.body as Row, ORG_MODEL), u.username, true, [
          ...SERVER_SET,
          "deleted",
        ]),
        u,
      ),
    };
  });
  secure("DELETE /orgs/{orgId}", (_req, { orgId }, u) => {
    const row = live(org(orgId));
    if (!row) return notFound();
    // "Organization cannot be deleted if contains any sub resources." The status is not documented: 400 (decision).
    if (store.liveProjectsOf(row.orgId as number).length)
      return constraintViolation("Organization cannot be deleted if contains any sub resources.");
    store.write(store.orgs, row.orgId as number, { deleted: true }, u.username, false, []);
    for (const [k, a] of store.assignments)
      if (a.resourceType === "ORG" && a.resourceId === row.orgId) store.assignments.delete(k);
    return { status: 204 };
  });
  router.add("POST /orgs/{orgId}/invite", () => notImplemented());
  router.add("GET /orgs/{orgId}/stats", () => notImplemented());

  // ---- projects --------------------------------------------------------------------------------
  secure("GET /orgs/{orgId}/projects", (req, { orgId }, u) => {
    if (!live(org(orgId))) return notFound("Organization not found.");
    const rows = [...store.projects.values()]
      .filter((p) => String(p.orgId) === orgId && visible(p))
      .sort((a, b) => Number(a.projectId) - Number(b.projectId));
    return collection(
      req,
      rows.map((r) => projectView(r, u)),
      PROJECTS,
      o.pageCap(),
    );
  });
  secure("POST /orgs/{orgId}/projects", (req, { orgId }, u) => {
    const parent = live(org(orgId));
    if (!parent) return notFound("Organization not found.");
    const problem = validate(req.body, PROJECT_MODEL) ?? uniqueName(orgId, req.body);
    if (problem) return problem.startsWith("Property `") ? constraintViolation(problem) : validationError(problem);
    const limit = parent.projectsLimit as number;
    if (limit !== -1 && store.liveProjectsOf(parent.orgId as number).length >= limit) return limitExceeded();
    return {
      status: 201,
      body: projectView(
        store.insertProject({ orgId: parent.orgId, ...pick(req.body as Row, PROJECT_MODEL) }, u.username),
        u,
      ),
    };
  });
  secure("GET /orgs/{orgId}/projects/{projectId}", (_req, { orgId, projectId }, u) => {
    const row = live(org(orgId)) && visible(project(orgId, projectId));
    return row ? { status: 200, body: projectView(row, u) } : notFound();
  });
  secure("PUT /orgs/{orgId}/projects/{projectId}", (req, { orgId, projectId }, u) => {
    const row = live(org(orgId)) && live(project(orgId, projectId));
    if (!row) return notFound();
    const problem = validate(req.body, PROJECT_MODEL) ?? uniqueName(orgId, req.body, row.projectId);
    if (problem) return problem.startsWith("Property `") ? constraintViolation(problem) : validationError(problem);
    return {
      status: 200,
      body: projectView(
        store.write(store.projects, row.projectId as number, pick(req.body as Row, PROJECT_MODEL), u.username, true, [
          ...SERVER_SET,
          "deleted",
        ]),
        u,
      ),
    };
  });
  secure("DELETE /orgs/{orgId}/projects/{projectId}", (_req, { orgId, projectId }, u) => {
    const row = live(org(orgId)) && live(project(orgId, projectId));
    if (!row) return notFound();
    store.write(store.projects, row.projectId as number, { deleted: true }, u.username, false, []);
    for (const [k, a] of store.assignments)
      if (a.resourceType === "PROJECT" && a.resourceId === row.projectId) store.assignments.delete(k);
    return { status: 204 };
  });
  for (const route of [
    "PUT /orgs/{orgId}/projects/{projectId}/move",
    "POST /orgs/{orgId}/projects/{projectId}/invite",
    "POST /orgs/{orgId}/projects/{projectId}/api",
  ]) {
    router.add(route, () => notImplemented());
  }
  router.add("GET /orgs/{orgId}/projects/{projectId}/channels", () => notImplemented());
  router.add("GET /orgs/{orgId}/projects/{projectId}/channels/mqtt", () => notImplemented());
  router.add("POST /orgs/{orgId}/projects/{projectId}/channels/mqtt", () => notImplemented());
  router.add("GET /orgs/{orgId}/projects/{projectId}/channels/mqtt/{channId}", () => notImplemented());
  router.add("PUT /orgs/{orgId}/projects/{projectId}/channels/mqtt/{channId}", () => notImplemented());

  function uniqueName(orgId: string, body: unknown, self?: unknown): string | undefined {
    if (!o.uniqueProjectNames()) return undefined;
    const name = (body as Row).name;
    return store.liveProjectsOf(Number(orgId)).some((p) => p.name === name && p.projectId !== self)
      ? "Property `name` must be unique."
      : undefined;
  }

  // ---- role assignments ------------------------------------------------------------------------
  const scopes: [Scope, string, (p: Record<string, string>) => Row | undefined][] = [
    ["ORG", "/orgs/{orgId}/permissions", (p) => live(org(p.orgId!))],
    [
      "PROJECT",
      "/orgs/{orgId}/projects/{projectId}/permissions",
      (p) => live(org(p.orgId!)) && live(project(p.orgId!, p.projectId!)),
    ],
  ];
  for (const [scope, path, find] of scopes) {
    const idOf = (row: Row) => (scope === "ORG" ? row.orgId : row.projectId) as number;
    secure(`GET ${path}`, (req, params, u) => {
      const row = find(params);
      if (!row) return notFound();
      if (!isAdmin(u)) return accessDenied(); // needs ORG/GRANT or PROJECT/GRANT
      const assigned = [...store.assignments.values()]
        .filter((a) => a.resourceType === scope && a.resourceId === idOf(row))
        .sort((a, b) => a.userId - b.userId);
      const body: Row = { assignedRoles: assigned };
      if (req.query.withUsers === "true") body.users = assigned.map((a) => userSnippet(store.user(a.userId)!));
      if (req.query.withOrgs === "true")
        body.orgs = scope === "ORG" ? [{ orgId: row.orgId, name: row.name, enabled: row.enabled }] : [];
      if (req.query.withProjects === "true")
        body.projects = scope === "PROJECT" ? [ordered(row, ["projectId", "orgId", "name", "description"])] : [];
      return { status: 200, body };
    });
    secure(`PUT ${path}`, (req, params) => {
      const row = find(params);
      if (!row) return notFound();
      if (!Array.isArray(req.body)) return validationError("The payload must be an array of role assignments.");
      const items: Assignment[] = [];
      for (const [i, raw] of (req.body as unknown[]).entries()) {
        const problem = assignmentProblem(raw, scope, idOf(row));
        if (problem) return validationError(`[${i}]: ${problem}`);
        const a = raw as Assignment;
        if (!store.user(a.userId)) return notFound(`User ${a.userId} was not found.`);
        items.push(a);
      }
      // Merge: listed (user, resource) pairs are set, an empty `roles` removes access, everything else stays.
      for (const a of items) {
        const key = assignmentKey(scope, idOf(row), a.userId);
        if (a.roles.length === 0) store.assignments.delete(key);
        else
          store.assignments.set(key, {
            userId: a.userId,
            resourceType: scope,
            resourceId: idOf(row),
            roles: [...new Set(a.roles)].sort((x, y) => x - y),
          });
      }
      return { status: 204 };
    });
  }

  function assignmentProblem(raw: unknown, scope: Scope, resourceId: number): string | undefined {
    if (!raw || typeof raw !== "object") return "must be an object";
    const a = raw as Row;
    for (const k of Object.keys(a))
      if (!["userId", "resourceType", "resourceId", "roles"].includes(k)) return `Property '${k}' is not allowed.`;
    if (!Number.isInteger(a.userId)) return "Property 'userId' is required.";
    if (a.resourceType !== scope) return `Property 'resourceType' must be ${scope}.`;
    if (a.resourceId !== resourceId) return `Property 'resourceId' must be ${resourceId}.`;
    if (!Array.isArray(a.roles) || !a.roles.every((r) => Number.isInteger(r)))
      return "Property 'roles' must be an array of role IDs.";
    const unknown = (a.roles as number[]).find((r) => !o.roles().includes(r));
    return unknown === undefined ? undefined : `Role ${unknown} does not exist.`;
  }

  // ---- dispatch --------------------------------------------------------------------------------
  return (raw) => {
    // The API lives under its version prefix (https://api.iot.tcpisek.cz/v1).
    if (!raw.path.startsWith("/v1/")) return notFound();
    const req = { ...raw, path: raw.path.slice(3) };
    const open = router.match(req.method, req.path);
    if (open.kind === "found") return open.handler(req, open.params);
    const token = bearer(req);
    const grant = token ? store.tokens.get(token) : undefined;
    if (!grant) return unauthorized("Invalid or missing JWT token.");
    if (grant.exp * 1000 <= store.clock.now()) return unauthorized("JWT token has expired.");
    const user = store.user(grant.userId);
    if (!user) return unauthorized("Invalid or missing JWT token.");
    const match = secured.match(req.method, req.path);
    if (match.kind !== "found") return notFound();
    const selfService = req.path.startsWith("/auth/");
    if (!isAdmin(user) && req.method !== "GET" && !selfService) return accessDenied();
    return (match.handler as unknown as SecuredHandler)(req, match.params, user);
  };
}

type SecuredHandler = (req: EmulatorRequest, params: Record<string, string>, user: User) => EmulatorResponse;

function bearer(req: EmulatorRequest): string | undefined {
  return /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
}

function profile(u: User): Row {
  return {
    userId: u.userId,
    type: "regular",
    username: u.username,
    firstName: u.firstName,
    lastName: u.lastName,
    email: u.email,
    ...(u.phone ? { phone: u.phone } : {}),
    lang: u.lang,
    hasProfilePicture: false,
    permissions: u.access === "admin" ? ["ADMIN/READ", "ADMIN_ORGS/READ", "ORG/CREATE"] : [],
  };
}

const userSnippet = (u: User) => ({
  userId: u.userId,
  username: u.username,
  firstName: u.firstName,
  lastName: u.lastName,
  email: u.email,
  hasProfilePicture: false,
  enabled: true,
});
