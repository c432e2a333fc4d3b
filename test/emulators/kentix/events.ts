/**
 * Event logs (seed "Access-Events", "Alarm-Events", "System-Events": Get ... List; the seed shows no path and no
 * fields, the alarm sample is `{data: [], meta: {}}`) at `/api/log/{alarm|access|system}` (a public client reads
 * `/api/log/alarm?per_page=10`): read-only, newest first, as a Laravel page that honours `per_page` (1..1000,
 * default 25). Events are put in by the test (`logEvent`), like something happening on the appliance; ids count
 * per log. Exports and images are not emulated.
 */
import type { EmulatorRequest, Router } from "../common";
import { routeNotFound } from "./laravel";

export const EVENT_LOGS = ["alarm", "access", "system"] as const;
export type EventLogName = (typeof EVENT_LOGS)[number];

export class EventLogs {
  private logs = new Map<EventLogName, Record<string, unknown>[]>();

  /** Appends an event (newest last in storage); id and created_at are assigned unless given. */
  add(log: EventLogName, event: Record<string, unknown>, now: number): Record<string, unknown> {
    const list = this.logs.get(log) ?? [];
    const stored = { id: list.length + 1, created_at: new Date(now).toISOString(), ...structuredClone(event) };
    list.push(stored);
    this.logs.set(log, list);
    return structuredClone(stored);
  }

  newestFirst(log: EventLogName): Record<string, unknown>[] {
    return [...(this.logs.get(log) ?? [])].reverse();
  }

  reset(): void {
    this.logs.clear();
  }
}

export function addEventRoutes(router: Router, logs: EventLogs, present: (p: unknown) => unknown): void {
  router.add("GET /api/log/{log}", (req: EmulatorRequest, { log }) => {
    if (!(EVENT_LOGS as readonly string[]).includes(log!)) return routeNotFound(req.path);
    const asked = Number(req.query.per_page ?? 25);
    const perPage = Number.isInteger(asked) && asked >= 1 && asked <= 1000 ? asked : 25;
    const all = logs.newestFirst(log as EventLogName);
    const data = all.slice(0, perPage);
    const next = all.length > perPage ? `${req.origin}${req.path}?page=2&per_page=${perPage}` : null;
    return {
      status: 200,
      body: { data: present(data), links: { next }, meta: { current_page: 1, per_page: perPage, total: all.length } },
    };
  });
}
