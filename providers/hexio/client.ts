import { TokenSession, type TokenGrant } from "../core/auth";
import type { Vendor, VendorSession } from "../core/connection";
import { HttpError, malformedAnswer } from "../core/errors";
import type { HttpClient } from "../core/http/client";
import { type CallOptions, callVia, expandRoute } from "../core/http/route";

type Obj = Record<string, unknown>;

/** The documented maximum page size of a generic collection (default 100). */
export const PAGE_LIMIT = 1000;
/**
 * Renewal is accepted only in the last 10 minutes of a token (seed, POST /auth/renewToken): renew 5 minutes before
 * expiry, or in the last quarter of a shorter-lived token (not before every request).
 */
export const RENEW_BEFORE_MS = 5 * 60_000;

export interface CollectionQuery {
  filter?: { field: string; op: "eq" | "contains" | "starts" | "ends" | "lt" | "lte" | "gt" | "gte"; value: string }[];
  sort?: { field: string; order: "asc" | "desc" }[];
}

/**
 * Query of a generic collection (v1.3.0 format). Clauses are indexed (`filter[0][field]`): the seed's curl
 * shows `filter[][field]`, which bracket parsers (qs, PHP) group differently once there are several clauses.
 */
export function collectionQuery(
  offset: number,
  q: CollectionQuery = {},
  limit = PAGE_LIMIT,
): Record<string, string | number> {
  const query: Record<string, string | number> = { limit, offset, withCount: "true" };
  for (const [i, f] of (q.filter ?? []).entries())
    Object.assign(query, {
      [`filter[${i}][field]`]: f.field,
      [`filter[${i}][op]`]: f.op,
      [`filter[${i}][value]`]: f.value,
    });
  for (const [i, s] of (q.sort ?? []).entries())
    Object.assign(query, { [`sort[${i}][field]`]: s.field, [`sort[${i}][order]`]: s.order });
  return query;
}

/** Every live item: pages by `offset` until `count` is reached (a server may cap pages below `limit`); soft-deleted items are gone. */
async function readCollection(
  get: (query: Record<string, string | number>) => Promise<unknown>,
  malformed: (body: unknown) => Error,
  q?: CollectionQuery,
): Promise<Obj[]> {
  const items: Obj[] = [];
  for (let offset = 0; ; ) {
    const body = await get(collectionQuery(offset, q));
    const page = (body ?? {}) as { items?: Obj[]; count?: number };
    if (!Array.isArray(page.items) || page.items.some((item) => !item || typeof item !== "object"))
      throw malformed(body);
    const batch = page.items;
    items.push(...batch);
    offset += batch.length;
    const done = typeof page.count === "number" ? offset >= page.count : batch.length < PAGE_LIMIT;
    if (done || batch.length === 0) return items.filter((item) => item.deleted !== true);
  }
}

/** Id of a role assignment (one user's roles on one organization or project): the API assigns none. */
export const membershipId = (scope: "ORG" | "PROJECT", resourceId: unknown, userId: unknown) =>
  `${scope.toLowerCase()}/${Number(resourceId)}/user/${Number(userId)}`;

/** The body of a `/permissions` PUT for one (scope, user): a one-item array; empty `roles` removes the access. */
export function assignment(scope: "ORG" | "PROJECT", resourceId: unknown, userId: unknown, roles: unknown): Obj {
  return [{ userId: Number(userId), resourceType: scope, resourceId: Number(resourceId), roles }] as unknown as Obj;
}

/**
 * Request models are the entity without its identifiers, metadata and the caller's permissions; these go in the
 * path or are set by the server (read-modify-write sends the live object back, so they are taken out here, once).
 */
const SERVER_SET = [
  "orgId",
  "projectId",
  "genId",
  "created",
  "createdBy",
  "modified",
  "modifiedBy",
  "deleted",
  "permissions",
];
function requestBody(body: unknown): unknown {
  if (!body || typeof body !== "object" || Array.isArray(body)) return body;
  return Object.fromEntries(Object.entries(body).filter(([k]) => !SERVER_SET.includes(k)));
}

/** A time claim (`exp`, `iat`) of the JWT in epoch ms; undefined when the token carries none (the seed's example has none). */
function claim(token: string, name: "exp" | "iat"): number | undefined {
  try {
    const value = (
      JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>
    )[name];
    return typeof value === "number" ? value * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function grant(body: unknown, what: string, path: string): TokenGrant {
  const token = (body as { token?: unknown } | null)?.token;
  if (typeof token !== "string" || !token) {
    const message = `hexio: ${what} answered without a token`;
    throw new HttpError({ vendor: "hexio", method: "POST", path, status: 200, message });
  }
  return { token, expiresAt: claim(token, "exp"), issuedAt: claim(token, "iat") };
}

export type HexioSession = VendorSession & {
  list(route: string, params?: Record<string, string | number>, query?: CollectionQuery): Promise<Obj[]>;
};

/**
 * Hexio IoT Cloud configuration API v1.4.0: JWT from a username/password login, sent as Bearer; renewal with the
 * token itself inside its last 10 minutes; generic collections; soft-deleted entities (`deleted: true`) are gone.
 */
export const hexio: Vendor = {
  name: "hexio",
  wireNames: "asNamed",
  credentials: ["username", "password"],
  // A cloud service, not an embedded appliance: 8 requests in flight.
  defaults: { maxConcurrency: 8, timeoutMs: 30_000 },
  open(http: HttpClient, { username, password }): HexioSession {
    const accept = { accept: "application/json" };
    const tokens = new TokenSession({
      login: async () =>
        grant(
          (
            await http.request({
              method: "POST",
              path: "/auth/login/credentials",
              headers: accept,
              body: { username, password },
              describe: describeLogin,
            })
          ).body,
          "login",
          "/auth/login/credentials",
        ),
      renew: async (old) =>
        grant(
          (
            await http.request({
              method: "POST",
              path: "/auth/renewToken",
              headers: { ...accept, authorization: `Bearer ${old.token}` },
              describe,
            })
          ).body,
          "renewal",
          "/auth/renewToken",
        ),
      renewsWithToken: true,
      renewBeforeMs: RENEW_BEFORE_MS,
    });
    const send = (
      method: string,
      path: string,
      body?: unknown,
      options?: CallOptions & { query?: Record<string, string | number> },
    ) =>
      tokens.withAuth(
        (token) => ({ authorization: `Bearer ${token}` }),
        async (auth) =>
          (
            await http.request({
              method,
              path,
              query: options?.query,
              body: requestBody(body),
              idempotent: options?.idempotent,
              headers: accept,
              auth,
              describe,
            })
          ).body,
      );
    return {
      call: callVia(send),
      async list(route: string, params?: Record<string, string | number>, query?: CollectionQuery) {
        const { path } = expandRoute(route, params);
        const malformed = (body: unknown) =>
          malformedAnswer(
            "hexio",
            "GET",
            path,
            body,
            path.endsWith("/permissions")
              ? "a hexio permissions answer ({assignedRoles: [...]})"
              : "a hexio collection page ({items: [...]})",
          );
        // The /permissions endpoints are no generic collection: one answer holds every assignment; empty roles = no access.
        if (path.endsWith("/permissions")) {
          const body = await send("GET", path);
          const roles = (body as { assignedRoles?: unknown } | null)?.assignedRoles;
          if (!Array.isArray(roles) || roles.some((a) => !a || typeof a !== "object")) throw malformed(body);
          return (roles as Obj[]).filter((a) => Array.isArray(a.roles) && a.roles.length > 0);
        }
        return readCollection((q) => send("GET", path, undefined, { query: q }), malformed, query);
      },
      // A natural key is looked up with the documented filter (`name eq`, on every generic collection); the
      // parent ids of a key are in the path. The /permissions answers are one answer each: no cheaper way.
      async lookUp(route, params, key) {
        const { path } = expandRoute(route, params);
        if (path.endsWith("/permissions") || typeof key.name !== "string") return undefined;
        return this.list(route, params, { filter: [{ field: "name", op: "eq", value: key.name }] });
      },
      one: (body) =>
        body && typeof body === "object" && !Array.isArray(body) && (body as Obj).deleted !== true
          ? (body as Obj)
          : undefined,
      // The documented soft delete: the entity is still answered, with `deleted: true`.
      gone: (body) => !!body && typeof body === "object" && !Array.isArray(body) && (body as Obj).deleted === true,
      idOf(obj) {
        if (obj.resourceType !== undefined && obj.userId !== undefined)
          return membershipId(obj.resourceType as "ORG", obj.resourceId, obj.userId);
        const id = obj.projectId ?? obj.orgId;
        return id === undefined || id === null ? undefined : String(id);
      },
    };
  },
};

/** `Validation error: Property 'name' is required.` from the ApiError body {timestamp, status, error, message}. */
function describe(body: unknown, status: number): string | undefined {
  const { error, message } = (body && typeof body === "object" ? body : {}) as { error?: unknown; message?: unknown };
  const parts = [error, message].filter((p): p is string => typeof p === "string" && p.length > 0);
  let text = parts.length === 2 ? `${parts[0]}${/[.!?]$/.test(parts[0]!) ? "" : ":"} ${parts[1]}` : parts[0];
  if (status === 401) text = `${text ?? "Unauthorized"} (the token was refused even after a fresh login)`;
  // 403 means two things: a missing permission, or a quota of the organization.
  if (status === 403 && error === "Access denied.")
    text += " The login lacks a permission this call needs (memberships need ORG/GRANT or PROJECT/GRANT).";
  if (status === 403 && error === "Limit exceeded.")
    text += " A limit of the organization is reached (projectsLimit, usersLimit, ...): raise it or remove objects.";
  return text;
}

function describeLogin(body: unknown, status: number): string | undefined {
  // 401 since v1.3.0; 404 before (deprecated, still documented).
  if (status === 401 || status === 404) {
    return "the username or password was refused; check hexio:<profile>.username and hexio:<profile>.password (or HEXIO_<PROFILE>_USERNAME / HEXIO_<PROFILE>_PASSWORD)";
  }
  return describe(body, status);
}
