/** The Kentix HTTP surface: login redirect, bearer auth, and the same CRUD routes for every collection. */
import { Router, type EmulatorRequest, type Handler } from "../common";
import { addAccessSettingsRoutes, type Singleton } from "./accesssettings";
import { alarmgroups } from "./alarmgroups";
import { addSystemSettingsRoutes, type SystemSettings } from "./systemsettings";
import { addCommunicationKeyRoutes } from "./communicationkey";
import { addEventRoutes, type EventLogs } from "./events";
import { doorlocks } from "./doorlocks";
import { accessmanagers } from "./accessmanagers";
import {
  alarmmanagers,
  cameras,
  iomodules,
  multisensors,
  networksensors,
  outlets,
  powermanagers,
  sitemanagers,
  smartmeters,
  snmpsensors,
} from "./devices";
import { timeprofiles } from "./timeprofiles";
import { exceptiondays } from "./exceptiondays";
import { levelprofiles } from "./levelprofiles";
import { racks } from "./racks";
import { eventprofiles } from "./eventprofiles";
import { vdslines } from "./vdslines";
import { reports } from "./reports";
import { snmpcredentials } from "./snmpcredentials";
import { ordered, type CollectionDef, type Input } from "./collection";
import {
  jsonInput,
  loginPage,
  methodNotAllowed,
  modelNotFound,
  paginate,
  redirectToLogin,
  routeNotFound,
  unauthenticated,
  ValidationErrors,
  wantsJson,
} from "./laravel";
import type { CollectionName, Db, Row } from "./store";
import { usergroups } from "./usergroups";
import { users } from "./users";
import { webhooks } from "./webhooks";

export const COLLECTIONS: Record<CollectionName, CollectionDef> = {
  alarmgroups,
  webhooks,
  usergroups,
  doorlocks,
  accessmanagers,
  alarmmanagers,
  multisensors,
  cameras,
  sitemanagers,
  networksensors,
  outlets,
  snmpsensors,
  smartmeters,
  iomodules,
  powermanagers,
  timeprofiles,
  exceptiondays,
  levelprofiles,
  users,
  racks,
  eventprofiles,
  vdslines,
  reports,
  snmpcredentials,
};

export interface KentixApiOptions {
  db: Db;
  /** Read on every request, so tokens can be rotated while the server runs. */
  tokens: () => readonly string[];
  /** Last step before a resource payload goes out (the string-number quirk). */
  present: (payload: unknown) => unknown;
  /** The singletons' values (access settings, communication key). */
  settings: KentixSettings;
  /** The event logs (read-only). */
  events?: EventLogs;
}

export type KentixSettings = { accesssettings: Singleton; communicationkey: Singleton } & SystemSettings;

export function createKentixHandler({ db, tokens, present, settings, events }: KentixApiOptions): Handler {
  const router = new Router();
  for (const def of Object.values(COLLECTIONS)) addCrudRoutes(router, def, db, present);
  addAccessSettingsRoutes(router, settings.accesssettings, present);
  addSystemSettingsRoutes(router, settings, present);
  addCommunicationKeyRoutes(router, settings.communicationkey, settings.accesssettings, present);
  if (events) addEventRoutes(router, events, present);

  return (req) => {
    if (req.method === "GET" && req.path === "/login") return loginPage();
    // Seed "Developer Notes" (L21): without Accept: application/json the device redirects to its login page.
    if (!wantsJson(req.headers.accept)) return redirectToLogin(req.origin);
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !tokens().includes(token)) return unauthenticated();
    // HEAD is answered like GET (Node drops the body), as Laravel does.
    const match = router.match(req.method === "HEAD" ? "GET" : req.method, req.path);
    if (match.kind === "not-found") return routeNotFound(req.path);
    if (match.kind === "method-not-allowed") return methodNotAllowed(req.method, req.path, match.allowed);
    return match.handler(req, match.params);
  };
}

function addCrudRoutes(router: Router, def: CollectionDef, db: Db, present: (p: unknown) => unknown): void {
  const table = db[def.name];
  const base = `/api/${def.name}`;
  const full = (row: Row) => ordered(def.view(row), def.keyOrder);
  const find = (id: string): Row | undefined => (/^\d+$/.test(id) ? table.get(Number(id)) : undefined);
  /** Validate, then commit only when the input is valid. */
  const write = (
    req: EmulatorRequest,
    status: number,
    commit: (input: Input, errors: ValidationErrors) => () => Row,
    answer: (view: Record<string, unknown>) => unknown = (view) => view,
  ) => {
    const errors = new ValidationErrors();
    const apply = commit(jsonInput(req), errors);
    return errors.empty ? { status, body: present(answer(full(apply()))) } : errors.response();
  };

  router
    .add(`GET ${base}`, (req) => {
      const page = paginate(
        req,
        table.all().map((row) => def.listItem(full(row))),
      );
      return { status: 200, body: { ...page, data: present(page.data) } };
    })
    .add(`GET ${base}/names`, () => ({
      status: 200,
      body: present(table.all().map((row) => ({ id: row.id, name: row.name }))),
    }))
    .add(`GET ${base}/{id}`, (_req, { id }) => {
      const row = find(id);
      return row ? { status: 200, body: present(def.show(full(row))) } : modelNotFound(def.model, id);
    });

  const create = def.create;
  if (create) {
    router.add(`POST ${base}`, (req) => {
      // An upsert create (exception days): a body id naming an existing object overwrites it.
      const target = def.upsert ? find(String(jsonInput(req).id)) : undefined;
      if (target) {
        return write(req, 200, (input, errors) => {
          const patch = def.update(input, target, db, errors);
          return () => table.update(target.id, patch)!;
        });
      }
      return write(
        req,
        201,
        (input, errors) => {
          const fields = create(input, db, errors);
          return () => table.insert(fields);
        },
        def.created,
      );
    });
  }

  // PUT is accepted as a synonym of PATCH: both are partial updates (decision, README).
  for (const method of ["PATCH", "PUT"]) {
    router.add(`${method} ${base}/{id}`, (req, { id }) => {
      const row = find(id);
      if (!row) return modelNotFound(def.model, id);
      return write(req, 200, (input, errors) => {
        const patch = def.update(input, row, db, errors);
        return () => table.update(row.id, patch)!;
      });
    });
  }

  const deleteBlocker = def.deleteBlocker;
  if (!deleteBlocker) return; // objects the API cannot delete (door locks): DELETE answers 405
  router.add(`DELETE ${base}/{id}`, (_req, { id }) => {
    const row = find(id);
    if (!row) return modelNotFound(def.model, id);
    const blocker = deleteBlocker(row, db);
    if (blocker) return blocker;
    table.remove(row.id);
    return { status: 204 };
  });
}
