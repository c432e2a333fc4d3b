/** In-memory tables with per-table auto-increment ids and Laravel timestamps. */
import { Table } from "../common/table";
import { laravelTimestamp } from "./laravel";

export type { Row } from "../common/table";

/**
 * Timestamps have one-second resolution on the wire, so the clock ticks at least a second per write:
 * every write changes updated_at, even when two land in the same wall-clock second.
 */
export class Clock {
  private last = 0;
  /** `wallNow`: the appliance's wall clock in epoch milliseconds (a fixed one makes the timestamps reproducible). */
  constructor(private readonly wallNow: () => number = Date.now) {}

  now(): string {
    this.last = Math.max(Math.floor(this.wallNow() / 1000), this.last + 1);
    return laravelTimestamp(this.last);
  }
}

export type CollectionName =
  | "alarmgroups"
  | "webhooks"
  | "usergroups"
  | "doorlocks"
  | "accessmanagers"
  | "alarmmanagers"
  | "multisensors"
  | "cameras"
  | "sitemanagers"
  | "networksensors"
  | "outlets"
  | "snmpsensors"
  | "smartmeters"
  | "iomodules"
  | "powermanagers"
  | "timeprofiles"
  | "exceptiondays"
  | "levelprofiles"
  | "users"
  | "racks"
  | "eventprofiles"
  | "vdslines"
  | "reports"
  | "snmpcredentials";
export type Db = Record<CollectionName, Table>;

export function createDb(clock = new Clock()): Db {
  // Laravel stamps created_at/updated_at on insert and moves updated_at on every update.
  const table = () =>
    new Table({
      onInsert: () => {
        const now = clock.now();
        return { created_at: now, updated_at: now };
      },
      onUpdate: () => ({ updated_at: clock.now() }),
    });
  // Door locks carry no timestamps (seed sample L2898) and their teach-in does not move the clock.
  return {
    alarmgroups: table(),
    webhooks: table(),
    usergroups: table(),
    doorlocks: new Table(),
    accessmanagers: new Table(), // no timestamps in the seed's sample either
    alarmmanagers: new Table(),
    multisensors: new Table(),
    cameras: new Table(),
    sitemanagers: new Table(),
    networksensors: new Table(),
    outlets: new Table(),
    snmpsensors: new Table(),
    smartmeters: new Table(),
    iomodules: new Table(),
    powermanagers: new Table(),
    timeprofiles: table(),
    exceptiondays: table(),
    levelprofiles: table(),
    users: table(),
    racks: new Table(), // no timestamps in the seed's sample
    eventprofiles: table(),
    vdslines: new Table(), // no timestamps in the seed's samples
    reports: new Table(),
    snmpcredentials: new Table(),
  };
}
