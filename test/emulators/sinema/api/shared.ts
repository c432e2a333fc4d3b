/** What every area of the SINEMA RC API shares: the options, the route table, answers, validation, list shapes, associations. */
import { Router, type EmulatorRequest, type EmulatorResponse } from "../../common";
import type { Db, Entity, Relation, Row, Setting } from "../store";
import { type Rules, validate } from "../validate";

export interface Account {
  username: string;
  password: string;
  /** Rights 1-18 (default: every right, an administrator). */
  rights?: number[];
  /** loginType the account logs in with (default 1, password). */
  loginType?: 1 | 2;
  /** When set, two-factor authentication is on and this is the one-time token the login needs. */
  otp?: string;
}

export interface ApiOptions {
  db: Db;
  accounts: () => Account[];
  /** Token lifetime (default: no expiry). */
  tokenTtlMs: () => number;
  /** A new login invalidates the account's earlier token (default true; the seed: "when you request a new token, you must also adapt the header"). */
  singleTokenPerUser: boolean;
  pageSize: number;
  /** Status polls a 202 operation answers "pending" before it finishes. */
  asyncPolls: number;
  licenses: { devices: number; users: number };
  /** Set by failNextAsync(): the next asynchronous operation ends "failed" with this error. */
  asyncFailure: () => { errorField: string; description: string } | undefined;
  clearAsyncFailure: () => void;
  /** Filled with a function that ends every issued token (a restart, an administrator logging the API user out). */
  onTokens?: (expireAll: () => void) => void;
}

export type Res = EmulatorResponse;
export type Errors = Record<string, string | undefined>;
export const ok = (body?: unknown): Res => ({ status: 200, body });
export const fail = (status: number, detail: string, errors?: Record<string, string>): Res => ({
  status,
  body: errors ? { detail, errors } : { detail },
});
export const notFound = (detail = "No entry found") => fail(404, detail);
export const API = "/api/v1";
/** A numeric path or query id; NaN (found nowhere) for anything else. */
export const id = (s: string | undefined) => (s !== undefined && /^\d+$/.test(s) ? Number(s) : NaN);
export const body = (req: EmulatorRequest) => (req.body ?? {}) as Record<string, unknown>;

/** Validates, then commits; 422 with the seed's message and the field errors. */
export const checked = (
  input: unknown,
  rules: Rules,
  partial: boolean,
  message: string,
  commit: (v: Record<string, unknown>) => Res,
  extra?: (v: Record<string, unknown>) => Errors,
) => {
  const { values, errors } = validate(input, rules, partial);
  if (!Object.keys(errors).length) for (const [k, v] of Object.entries(extra?.(values) ?? {})) if (v) errors[k] = v;
  return Object.keys(errors).length ? fail(422, message, errors) : commit(values);
};

/** The route table and the helpers that need the server's state; each area of the API registers its routes on it. */
export function createContext(o: ApiOptions) {
  const { db } = o;
  const router = new Router();
  const T = db.tables;
  const R = db.relations;
  /** Registers "METHOD /path" under /api/v1. Earlier routes win: literal sub-paths before /{id}. */
  const route = (r: string, h: (req: EmulatorRequest, p: Record<string, string>) => Res) =>
    router.add(r.replace(" /", ` ${API}/`), h);
  const names = (entity: Entity, ids: number[], label = "name") =>
    ids
      .map((i) => T[entity].get(i))
      .filter(Boolean)
      .map((r) => ({ id: r!.id, name: r![label] }));
  /** Whether another row (not `except`) in `scope` already has this value. */
  const unique = (
    entity: Entity,
    field: string,
    value: unknown,
    scope: (r: Row) => boolean = () => true,
    except?: number,
  ) => T[entity].some((r) => r.id !== except && scope(r) && r[field] === value);

  /** A list: search (substring of the name), count (first N), bare or under `key`, pages with absolute next/previous links. */
  const list = (
    req: EmulatorRequest,
    items: { id: number; name?: unknown }[],
    key: string | null,
    paged = false,
  ): Res => {
    const count = req.query.count;
    if (count !== undefined && !/^\d+$/.test(count)) return fail(400, "Invalid parameters specified");
    let out =
      req.query.search !== undefined ? items.filter((i) => String(i.name ?? "").includes(req.query.search!)) : items;
    if (count !== undefined) out = out.slice(0, Number(count));
    if (key === null) return ok(out);
    if (!paged) return ok({ [key]: out, count: out.length });
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const link = (p: number) => {
      const q = new URLSearchParams({ ...req.query, page: String(p) });
      return `${req.origin}${req.path}?${q}`;
    };
    const slice = out.slice((page - 1) * o.pageSize, page * o.pageSize);
    return ok({
      [key]: slice,
      count: out.length,
      previous: page > 1 ? link(page - 1) : null,
      next: page * o.pageSize < out.length ? link(page + 1) : null,
    });
  };

  /** Pairs as `{id, name}` of the member side, or 404 when the owner does not exist. */
  const pairs = (rel: Relation, owner: Entity, member: Entity, ownerId: number, key = "groups") =>
    T[owner].get(ownerId)
      ? ok({ [key]: names(member, R[rel].membersOf(ownerId), member === "users" ? "username" : "name") })
      : notFound();

  /** POST/DELETE of an association with both ids in the body. 409 for a pair that exists (an undocumented case, see README). */
  const associate = (
    rel: Relation,
    owner: Entity,
    member: Entity,
    ownerKey: string,
    memberKey: string,
    op: "add" | "remove",
    input: Record<string, unknown>,
    check?: (a: number, b: number) => Res | undefined,
  ) => {
    const a = input[ownerKey];
    const b = input[memberKey];
    if (!Number.isInteger(a) || !Number.isInteger(b))
      return fail(422, "Entry required", { [Number.isInteger(a) ? memberKey : ownerKey]: "must be an integer" });
    if (!T[owner].get(a as number) || !T[member].get(b as number)) return notFound();
    const problem = check?.(a as number, b as number);
    if (problem) return problem;
    if (op === "add") {
      if (R[rel].has(a as number, b as number)) return fail(409, "The entry already exists.");
      R[rel].add(a as number, b as number);
    } else if (!R[rel].remove(a as number, b as number)) return notFound();
    return ok();
  };

  /** GET/PUT of an enabled flag; 409 when it is already in the requested state. */
  const status = (entity: "devices" | "users", what: string) => {
    route(`GET /${entity === "devices" ? "connections/devices" : "accounts/users"}/status/{id}`, (_q, p) =>
      T[entity].get(id(p.id)) ? ok({ status: db.status[entity].get(id(p.id)) ?? true }) : notFound(),
    );
    route(`PUT /${entity === "devices" ? "connections/devices" : "accounts/users"}/status/{id}`, (req, p) => {
      if (!T[entity].get(id(p.id))) return notFound();
      return checked(
        req.body,
        { status: { kind: "bool", required: true } },
        false,
        "Invalid entry",
        ({ status: next }) => {
          if ((db.status[entity].get(id(p.id)) ?? true) === next)
            return fail(409, `The ${what} is already ${next ? "activated" : "deactivated"}`);
          db.status[entity].set(id(p.id), next as boolean);
          return ok();
        },
      );
    });
  };

  /** GET/POST (and DELETE) of a settings object. */
  const setting = (
    name: Setting,
    path: string,
    rules: Rules,
    view: (s: Record<string, unknown>) => Record<string, unknown>,
    extra?: (v: Record<string, unknown>) => Errors,
    del?: () => Record<string, unknown>,
    clearedUnlessSent: string[] = [],
    /** What the server makes of the written settings (e.g. a "pre-configured" policy bringing its own values). */
    stored: (s: Record<string, unknown>) => Record<string, unknown> = (s) => s,
  ) => {
    route(`GET ${path}`, () => ok(view(db.settings[name])));
    route(`POST ${path}`, (req) =>
      checked(
        req.body,
        rules,
        false,
        "Invalid settings",
        (v) => {
          db.settings[name] = stored({
            ...db.settings[name],
            ...Object.fromEntries(clearedUnlessSent.map((k) => [k, ""])),
            ...v,
          });
          return ok();
        },
        extra,
      ),
    );
    if (del) route(`DELETE ${path}`, () => ((db.settings[name] = { ...db.settings[name], ...del() }), ok()));
  };

  return { o, db, T, R, router, route, names, unique, list, pairs, associate, status, setting };
}

export type Context = ReturnType<typeof createContext>;
