/**
 * The Primis Mobile API surface (seed 002, all 22 method+path rows) with the quirks the digest lists:
 * `beacon` as a JSON string inside JSON, `phone-id` in answers, state written as a number and read as a
 * string, the misspelled `authorizationTimout`, access-group ids as numbers and `site_id`, a geolocation
 * denial answered with HTTP 201, HTTP 400 for the licence limit. Decisions the seed leaves open: README.md.
 */
import { Router, type EmulatorRequest, type EmulatorResponse, type Handler } from "../common";
import type { AccessGroup, Area, Beacon, Schedule } from "./data";
import { BEACON_UUID } from "./data";
import { type Claims, Signer } from "./jwt";

export interface PrimisUser {
  email: string;
  password: string;
  isAdmin?: boolean;
  zoneAccess?: number;
  /** Mobile-device licence seats of this user (default 1). */
  seats?: number;
  /** Access groups the user belongs to (default [3], "Staff"). */
  accessGroupIds?: number[];
}

export interface ScheduleLink {
  id: string;
  scheduleId: string;
  controlled_area_id: string;
  on_action: number;
  off_action: number;
  description: string;
}

export interface PrimisDb {
  users: PrimisUser[];
  areas: Area[];
  groups: AccessGroup[];
  schedules: Schedule[];
  beacons: Beacon[];
  /** phoneId -> e-mail of the user it is registered to: one licence seat each. */
  registrations: Map<string, string>;
  /** Every registration of a device that was not registered at that moment, in order. */
  registrationLog: { email: string; phoneId: string }[];
  accessTokens: Set<string>;
  refreshTokens: Set<string>;
  links: ScheduleLink[];
  unlocks: { zoneId: string; duration: number; email: string }[];
  nextLinkId: number;
}

export interface PrimisConfig {
  systemSeats: number;
  accessTtlSeconds: number;
  /** Access tokens are issued as if this long ago (default 0): a token close to its expiry without waiting. */
  accessAgeSeconds?: number;
  refreshTtlSeconds: number;
  beaconApiKey: string;
}

/**
 * Write codes of `zone_state` and the read value each leaves in the area listing. Only 11 = Open / "open"
 * is in the seed; 12 and 13 are this emulator's own choice (the seed's table is truncated), which is why the
 * provider's table holds only `open` and takes other codes as declared {code, reads} pairs.
 */
export const WRITE_CODES: Record<number, string> = { 11: "open", 12: "secure", 13: "LOCKDOWN" };

const LICENCE = "Unable to register mobile device due to licensing, please contact system administrator.";
const PASSWORD_RULE =
  "Password must be at least one number, one lowercase, one uppercase letter and at least six characters";

const bad = (message: string, status = 400): EmulatorResponse => ({ status, body: { status, message } });
const unauthorized = (): EmulatorResponse => ({ status: 401 }); // the seed documents no body
const ok = (body: unknown, status = 200): EmulatorResponse => ({ status, body });
const granted = { status: "ok", result: "Granted" };
const areaView = ({ scheduledState: _hidden, ...wire }: Area) => wire;
const groupView = ({ areaIds: _hidden, ...wire }: AccessGroup) => wire;

export function createPrimisHandler(db: PrimisDb, config: () => PrimisConfig): Handler {
  const signer = new Signer();
  const now = () => Math.floor(Date.now() / 1000);
  const userOf = (email: string) => db.users.find((u) => u.email === email);

  function issue(email: string, phoneId: string, withRefresh: boolean) {
    const iat = now() - (config().accessAgeSeconds ?? 0);
    const jwt = signer.sign({ iat, exp: iat + config().accessTtlSeconds, user: email, phoneId });
    db.accessTokens.add(jwt);
    if (!withRefresh) return { jwt };
    const refreshToken = signer.sign({ iat, exp: iat + config().refreshTtlSeconds, user: email, phoneId });
    db.refreshTokens.add(refreshToken);
    return { jwt, refreshToken };
  }

  function basicUser(req: EmulatorRequest): PrimisUser | undefined {
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? "");
    if (!m) return undefined;
    const text = Buffer.from(m[1]!, "base64").toString("utf8");
    const i = text.indexOf(":");
    const user = userOf(text.slice(0, i));
    return user && user.password === text.slice(i + 1) ? user : undefined;
  }

  /** The session behind a Bearer token of the given kind: valid signature, not expired, device still registered. */
  function bearer(req: EmulatorRequest, kind: "access" | "refresh"): (Claims & { account: PrimisUser }) | undefined {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!token || !(kind === "access" ? db.accessTokens : db.refreshTokens).has(token)) return undefined;
    const claims = signer.verify(token);
    const account = claims && userOf(claims.user);
    if (!claims || !account || claims.exp <= now() || db.registrations.get(claims.phoneId) !== claims.user)
      return undefined;
    return { ...claims, account };
  }

  function sessionBody(user: PrimisUser, phoneId: string, tokens: { jwt: string; refreshToken?: string }) {
    const beacon = JSON.stringify({
      server: "api.kontakt.io",
      apiKey: config().beaconApiKey,
      apiVersion: 10,
      enabled: true,
      uuid: BEACON_UUID,
    });
    return {
      registered: true,
      isAdmin: !!user.isAdmin,
      email: user.email,
      beacon, // quirk: documented as a JSON object, sent as a JSON-encoded string
      jwt: tokens.jwt,
      "phone-id": phoneId,
      status: "ok",
      zoneAccess: user.zoneAccess ?? (user.isAdmin ? 2 : 0),
      ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}),
    };
  }

  const phoneIdOf = (body: unknown) =>
    body && typeof body === "object" ? (body as { phoneId?: unknown }).phoneId : undefined;
  const userAreas = (user: PrimisUser) => {
    const ids = new Set(db.groups.filter((g) => (user.accessGroupIds ?? [3]).includes(g.id)).flatMap((g) => g.areaIds));
    return db.areas.filter((a) => ids.has(a.id));
  };

  type Authed = (
    req: EmulatorRequest,
    s: Claims & { account: PrimisUser },
    params: Record<string, string>,
  ) => EmulatorResponse;
  const withAccess =
    (handler: Authed, admin = false) =>
    (req: EmulatorRequest, params: Record<string, string>) => {
      const s = bearer(req, "access");
      if (!s) return unauthorized();
      if (admin && !s.account.isAdmin)
        return bad("The mobile user must be a Primis administrator to use this operation", 403);
      if (params.phoneId !== undefined && params.phoneId !== s.phoneId)
        return bad("The phoneId does not match the access token", 403);
      return handler(req, s, params);
    };

  function setState(item: unknown): EmulatorResponse {
    const zoneId = (item as Record<string, unknown> | null)?.["zone-id"];
    const code = (item as Record<string, unknown> | null)?.state;
    if (typeof zoneId !== "string") return bad("zone-id is required");
    if (typeof code !== "number") return bad("state must be a number"); // quirk: written as a number, read as a string
    const area = db.areas.find((a) => a.id === zoneId);
    if (!area) return bad(`Unknown controlled area ${zoneId}`);
    const next = WRITE_CODES[code];
    if (!next) return ok({ status: "ok", result: "Denied" });
    area.state = next;
    return ok(granted);
  }

  function unlock(item: unknown, email: string, allowed: Area[]): { status: string; result: string } {
    const zoneId = (item as Record<string, unknown> | null)?.["zone-id"];
    const duration = (item as Record<string, unknown> | null)?.duration;
    if (typeof zoneId !== "string" || typeof duration !== "number" || duration <= 0)
      return { status: "ok", result: "Denied" };
    if (!allowed.some((a) => a.id === zoneId)) return { status: "ok", result: "Denied" };
    db.unlocks.push({ zoneId, duration, email });
    return granted;
  }

  const batch = (body: unknown, one: (item: unknown) => EmulatorResponse): EmulatorResponse =>
    Array.isArray(body) ? ok(body.map((item) => one(item).body)) : bad("an array of controlled areas is expected");

  const router = new Router()
    .add("POST /api/mobile/login", (req) => {
      const user = basicUser(req);
      if (!user) return unauthorized();
      const phoneId = phoneIdOf(req.body);
      if (typeof phoneId !== "string" || phoneId === "") return bad("phoneId is required");
      const owner = db.registrations.get(phoneId);
      if (owner && owner !== user.email) return bad("The mobile device is registered to another user");
      if (!owner) {
        const mine = [...db.registrations.values()].filter((e) => e === user.email).length;
        if (mine >= (user.seats ?? 1) || db.registrations.size >= config().systemSeats) return bad(LICENCE);
        db.registrations.set(phoneId, user.email);
        db.registrationLog.push({ email: user.email, phoneId });
      }
      return ok(sessionBody(user, phoneId, issue(user.email, phoneId, true)));
    })
    .add("POST /api/mobile/access_token/login", (req) => {
      const s = bearer(req, "access");
      if (!s || phoneIdOf(req.body) !== s.phoneId) return unauthorized();
      return ok(sessionBody(s.account, s.phoneId, issue(s.user, s.phoneId, false)));
    })
    .add("POST /api/mobile/access_token", (req) => {
      const s = bearer(req, "refresh");
      if (!s) return unauthorized();
      // The refresh token is not rotated: the answer carries a new access token only.
      return ok({ jwt: issue(s.user, s.phoneId, false).jwt, status: "ok", email: s.user, "phone-id": s.phoneId });
    })
    .add("DELETE /api/mobile/registration", (req) => {
      const email = basicUser(req)?.email ?? bearer(req, "access")?.user ?? bearer(req, "refresh")?.user;
      if (!email) return unauthorized();
      const phoneId = phoneIdOf(req.body);
      if (typeof phoneId !== "string" || phoneId === "") return bad("phoneId is required");
      if (db.registrations.get(phoneId) === email) {
        db.registrations.delete(phoneId);
        for (const set of [db.accessTokens, db.refreshTokens]) {
          for (const t of set) if (signer.verify(t)?.phoneId === phoneId) set.delete(t);
        }
      }
      return ok({ status: "ok" });
    })
    .add("POST /api/mobile/password", (req) => {
      const user = basicUser(req) ?? bearer(req, "access")?.account ?? bearer(req, "refresh")?.account;
      if (!user) return unauthorized();
      const next = (req.body as { newPassword?: unknown } | undefined)?.newPassword;
      if (typeof next !== "string" || !/^(?=.*\d)(?=.*[a-z])(?=.*[A-Z]).{6,}$/.test(next)) return bad(PASSWORD_RULE);
      user.password = next;
      return ok({ status: "ok", message: "Password successfully updated" });
    })
    .add(
      "POST /api/mobile/geolocation/access",
      withAccess((req, s) => {
        const body = (req.body ?? {}) as {
          guid?: unknown;
          beacon?: { uuid?: unknown; major?: unknown; minor?: unknown };
          gps?: { latitude?: unknown; longitude?: unknown };
        };
        if (body.guid !== s.phoneId) return bad("guid must be the registered device");
        if (body.beacon) {
          const area = db.areas.find(
            (a) =>
              a.geoLocation.enabled &&
              a.geoLocation.beacon?.major === body.beacon!.major &&
              a.geoLocation.beacon?.minor === body.beacon!.minor &&
              body.beacon!.uuid === BEACON_UUID,
          );
          if (area)
            return ok({
              status: "ok",
              primisResult: { result: "granted", zoneid: area.id, zonename: area.name, info: "" },
            });
          return ok(
            {
              status: "ok",
              primisResult: {
                result: "denied",
                zoneid: "",
                zonename: "",
                info: "Unable to find controlled areas nearby",
              },
            },
            201,
          );
        }
        if (body.gps && typeof body.gps.latitude === "number" && typeof body.gps.longitude === "number") {
          const near = db.areas
            .filter((a) => a.geoLocation.enabled && a.geoLocation.gps)
            .map((a) => ({ a, d: metres(a.geoLocation.gps!, body.gps as { latitude: number; longitude: number }) }))
            .sort((x, y) => x.d - y.d)[0];
          if (near && near.d <= near.a.geoLocation.gps!.radius) {
            return ok({
              status: "ok",
              primisResult: { result: "granted", zoneid: near.a.id, zonename: near.a.name, distance: near.d, info: "" },
            });
          }
          // Quirk: a denial is HTTP 201 Created with status "ok".
          return ok(
            {
              status: "ok",
              primisResult: {
                result: "denied",
                zoneid: near?.a.id ?? "",
                zonename: near?.a.name ?? "",
                distance: near?.d ?? 0,
                info: "Unable to find controlled areas nearby",
              },
            },
            201,
          );
        }
        return bad("Either beacon or gps is required");
      }),
    )
    .add(
      "POST /api/mobile/beacon/status",
      withAccess((req) => {
        const body = (req.body ?? {}) as { major?: unknown; minor?: unknown; batteryLevel?: unknown };
        const beacon = db.beacons.find((b) => b.major === body.major && b.minor === body.minor);
        if (beacon && typeof body.batteryLevel === "number") beacon.batteryLevel = body.batteryLevel;
        return ok({ status: "ok", primisResult: {} });
      }),
    )
    .add(
      "GET /api/mobile/beacons",
      withAccess(() => ok(db.beacons)),
    )
    .add(
      "GET /api/mobile/beacon/{beaconId}",
      withAccess((_req, _s, { beaconId }) => {
        const beacon = db.beacons.find((b) => b.uniqueId === beaconId);
        return beacon ? ok(beacon) : bad(`Beacon ${beaconId} not found`, 404);
      }),
    )
    .add(
      "GET /api/mobile/controlled_areas",
      withAccess((_req, s) => ok(userAreas(s.account).map(areaView))),
    )
    .add(
      "GET /api/mobile/access_groups",
      withAccess((_req, s) =>
        ok(db.groups.filter((g) => (s.account.accessGroupIds ?? [3]).includes(g.id)).map(groupView)),
      ),
    )
    .add(
      "GET /api/mobile/schedules",
      withAccess(() => ok(db.schedules.filter((x) => x.usedByAccessGroup))),
    )
    // Admin listings: every area and group of the system (the seed leaves open whether they are the user's only).
    .add(
      "GET /api/mobile/{phoneId}/controlled_areas",
      withAccess(() => ok(db.areas.map(areaView)), true),
    )
    .add(
      "GET /api/mobile/{phoneId}/access_groups",
      withAccess(() => ok(db.groups.map(groupView)), true),
    )
    .add(
      "POST /api/mobile/zone_state",
      withAccess((req) => setState(req.body), true),
    )
    .add(
      "POST /api/mobile/zone_states",
      withAccess((req) => batch(req.body, setState), true),
    )
    .add(
      "POST /api/mobile/unlock_zone",
      withAccess((req, s) => ok(unlock(req.body, s.user, db.areas)), true),
    )
    .add(
      "POST /api/mobile/unlock_zones",
      withAccess((req, s) => batch(req.body, (i) => ok(unlock(i, s.user, db.areas))), true),
    )
    .add(
      "POST /api/mobile/user/unlock_zone",
      withAccess((req, s) => ok(unlock(req.body, s.user, userAreas(s.account)))),
    )
    .add(
      "POST /api/mobile/user/unlock_zones",
      withAccess((req, s) => batch(req.body, (i) => ok(unlock(i, s.user, userAreas(s.account))))),
    )
    .add(
      "POST /api/controlled_area_schedules/schedule",
      withAccess((req) => {
        const body = (req.body ?? {}) as { id?: unknown; zones?: unknown };
        if (typeof body.id !== "number") return bad("id must be the number of a schedule"); // quirk: String in the listing
        const schedule = db.schedules.find((x) => x.id === String(body.id));
        if (!schedule) return bad(`Unknown schedule ${body.id}`);
        if (!Array.isArray(body.zones) || body.zones.length === 0) return bad("zones is required");
        const zones = body.zones as Record<string, unknown>[];
        for (const z of zones) {
          if (typeof z?.controlled_area_id !== "string" || !db.areas.some((a) => a.id === z.controlled_area_id))
            return bad(`Unknown controlled area ${String(z?.controlled_area_id)}`);
          if (typeof z.on_action !== "number" || typeof z.off_action !== "number")
            return bad("on_action and off_action must be numbers");
        }
        // A repeated POST for the same schedule adds links; the answer lists the links this request created.
        const created = zones.map((z) => ({
          id: String(db.nextLinkId++),
          scheduleId: schedule.id,
          controlled_area_id: z.controlled_area_id as string,
          on_action: z.on_action as number,
          off_action: z.off_action as number,
          description: typeof z.description === "string" ? z.description : "",
        }));
        db.links.push(...created);
        return ok({
          id: Number(schedule.id),
          name: schedule.name,
          description: schedule.description,
          zones: created.map(({ scheduleId: _s, ...l }) => l),
        });
      }, true),
    )
    .add(
      "GET /api/access_groups/{accessGroupId}/controlled_areas_detail",
      withAccess((_req, _s, { accessGroupId }) => {
        const group = db.groups.find((g) => String(g.id) === accessGroupId);
        if (!group) return bad(`Access group ${accessGroupId} not found`, 404);
        return ok(db.areas.filter((a) => group.areaIds.includes(a.id)).map(areaView));
      }, true),
    );

  return (req) => {
    // The Mobile API must be served over https (seed, Getting Started); the plain listener refuses.
    if (req.scheme !== "https") return bad("The Primis Mobile API Web Services must be used over https", 403);
    const match = router.match(req.method, req.path);
    if (match.kind === "not-found") return bad(`No such operation: ${req.method} ${req.path}`, 404);
    if (match.kind === "method-not-allowed")
      return {
        status: 405,
        headers: { Allow: match.allowed.join(", ") },
        body: { status: 405, message: "Method Not Allowed" },
      };
    return match.handler(req, match.params);
  };
}

/** Great-circle distance in metres. */
function metres(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const h =
    Math.sin(rad(b.latitude - a.latitude) / 2) ** 2 +
    Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(rad(b.longitude - a.longitude) / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
