/**
 * Data functions: read-only lookups a Kentix program awaits (docs/kentix.md, "Data functions"). Nothing is kept
 * in state; each call reads the appliance on every preview and up.
 */
import { dataSession, lookupByName } from "../core/data";
import { ConfigError, FacilityError } from "../core/errors";
import type { ConnectionSettings } from "../core/resource/public";
import { kentix } from "./client";

/**
 * The id of the one object of a Kentix kind with this name, from the kind's listing: a device, a rack, an alarm
 * group, a profile, ... (`kentix.lookup("MultiSensor", site, "MultiSensor TI")`). `kind` is the resource's class
 * name. Fails naming the ids when several objects have the name, and when none has it or the kind has no listing
 * (outlets: their ids come from the SmartPDU overview).
 */
export function lookup(kind: string, connection: ConnectionSettings, name: string): Promise<string> {
  return lookupByName(kentix, kind, connection, name);
}

/** Which event log: alarms, access bookings, or the appliance's own system events. */
export type EventType = "alarm" | "access" | "system";

export interface EventsArgs {
  /** Which log (default `alarm`). */
  type?: EventType;
  /** At most this many events, from the first page the appliance answers (default 25, at most 1000). */
  limit?: number;
}

/**
 * The recent events of one log, as the appliance sends them and in its order (newest first on the appliance seen
 * so far): the SmartAPI documentation shows no event fields, so they are passed through unchanged. Read-only.
 */
export async function events(
  connection: ConnectionSettings,
  args: EventsArgs = {},
): Promise<Record<string, unknown>[]> {
  const type = args.type ?? "alarm";
  const limit = args.limit ?? 25;
  if (!["alarm", "access", "system"].includes(type))
    throw new ConfigError(`kentix.events: type must be "alarm", "access" or "system", not ${JSON.stringify(type)}`);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new ConfigError(`kentix.events: limit must be an integer from 1 to 1000, not ${JSON.stringify(limit)}`);
  const session = dataSession(kentix, connection);
  const body = await session.call(`GET /api/log/{type}?per_page=${limit}`, { type });
  const items = Array.isArray(body) ? body : (body as { data?: unknown } | null)?.data;
  if (!Array.isArray(items)) throw new FacilityError(`kentix.events: GET /api/log/${type} answered no list of events`);
  return (items as Record<string, unknown>[]).slice(0, limit);
}
