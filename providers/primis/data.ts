/**
 * Data functions: what the Mobile API can only read (controlled areas, access groups, the areas of an access
 * group, schedules, beacons). Plain async functions for a program to await, not resources: nothing is
 * managed, nothing lands in state. Credentials come from the stack config / environment by profile, as for
 * the resources. Actions (momentary unlock, geolocation access, beacon status, password change) are not
 * offered at all: they change nothing that could be declared (see docs/primis.md).
 */
import type { ConnectionSettings as ConnectionArgs } from "../core/resource/public";
import { dataSession } from "../core/data";
import { primis } from "./client";

type Obj = Record<string, unknown>;
const str = (v: unknown) => (v === undefined || v === null ? null : String(v));
const NOT_SET = /^1900-01-01/; // the guide's sentinel for "no date"

const area = (w: Obj) => ({
  id: String(w.id),
  name: str(w.name),
  description: str(w.description),
  toggle: str(w.toggle),
  factor: (w.factor as number | undefined) ?? null,
  authorizationTimeout: ((w.authorizationTimout ?? w.authorizationTimeout) as number | undefined) ?? null, // sic on the wire
  authorizationMode: (w.authorizationMode as number | undefined) ?? null,
  state: str(w.state),
  zoneGroupId: str(w.zoneGroupId) || null,
  siteId: str(w.siteId),
  geoLocation: (w.geoLocation as Obj | undefined) ?? null,
});

const accessGroup = (w: Obj) => ({
  id: String(w.id),
  name: str(w.name),
  description: str(w.description),
  siteId: str(w.site_id ?? w.siteId),
});

const schedule = (w: Obj) => ({
  id: String(w.id),
  name: str(w.name),
  description: str(w.description),
  siteId: str(w.siteId),
  usedByAccessGroup: w.usedByAccessGroup === true,
  periods: ((w.periods as Obj[] | undefined) ?? []).map((p) => ({
    id: String(p.id),
    frequency: p.frequency as number,
    exceptions: p.exceptions as number,
    days: p.days as number,
    onTime: typeof p.on_time === "string" && !NOT_SET.test(p.on_time) ? p.on_time : null,
    offTime: typeof p.off_time === "string" && !NOT_SET.test(p.off_time) ? p.off_time : null,
  })),
});

const beacon = (w: Obj) => ({
  uniqueId: String(w.uniqueId),
  major: w.major as number,
  minor: w.minor as number,
  uuid: str(w.uuid),
  batteryLevel: (w.batteryLevel as number | undefined) ?? null,
  lastEventTimestamp: str(w.lastEventTimestamp),
  master: str(w.master),
  updatedAt: str(w.updatedAt),
});

/** Controlled areas: those the user can access, or with `admin: true` every area (administrator listing). */
export async function listControlledAreas(connection: ConnectionArgs, options: { admin?: boolean } = {}) {
  const route = options.admin ? "GET /api/mobile/{phoneId}/controlled_areas" : "GET /api/mobile/controlled_areas";
  return (await dataSession(primis, connection).list(route)).map(area);
}

/** Access groups: those assigned to the user, or with `admin: true` every group. Ids are strings (the wire mixes numbers in). */
export async function listAccessGroups(connection: ConnectionArgs, options: { admin?: boolean } = {}) {
  const route = options.admin ? "GET /api/mobile/{phoneId}/access_groups" : "GET /api/mobile/access_groups";
  return (await dataSession(primis, connection).list(route)).map(accessGroup);
}

/** The controlled areas an access group reaches, with details (administrators only). */
export async function listControlledAreasByAccessGroup(connection: ConnectionArgs, accessGroupId: string | number) {
  const items = await dataSession(primis, connection).list(
    "GET /api/access_groups/{accessGroupId}/controlled_areas_detail",
    { accessGroupId },
  );
  return items.map(area);
}

/** Schedules assigned to the user, with their periods (dates `null` where the guide's 1900-01-01 sentinel means unset). */
export async function listSchedules(connection: ConnectionArgs) {
  return (await dataSession(primis, connection).list("GET /api/mobile/schedules")).map(schedule);
}

/** Every beacon of the system. */
export async function listBeacons(connection: ConnectionArgs) {
  return (await dataSession(primis, connection).list("GET /api/mobile/beacons")).map(beacon);
}

/** One beacon by its unique id. */
export async function getBeacon(connection: ConnectionArgs, beaconId: string) {
  return beacon((await dataSession(primis, connection).call("GET /api/mobile/beacon/{beaconId}", { beaconId })) as Obj);
}
