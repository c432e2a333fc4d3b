/** In-memory tables with per-table auto-increment ids and Laravel timestamps. */
import { laravelTimestamp } from "./laravel";

export type Row = Record<string, unknown> & { id: number };

/**
 * Timestamps have one-second resolution on the wire, so the clock ticks at least a second per write:
 * every write changes updated_at, even when two land in the same wall-clock second.
 */
export class Clock {
  private last = 0;
  now(): string {
    this.last = Math.max(Math.floor(Date.now() / 1000), this.last + 1);
    return laravelTimestamp(this.last);
  }
}

export class Table {
  private rows = new Map<number, Row>();
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  /** Rows in id order; copies, so callers cannot change state by accident. */
  all(): Row[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map((r) => structuredClone(r));
  }

  get(id: number): Row | undefined {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }

  /** Assigns the next id unless `fields.id` is given; stamps created_at/updated_at unless given. */
  insert(fields: Record<string, unknown>): Row {
    const id = typeof fields.id === "number" ? fields.id : this.nextId;
    if (this.rows.has(id)) throw new Error(`id ${id} already exists`);
    this.nextId = Math.max(this.nextId, id + 1);
    const now = this.clock.now();
    const row: Row = { created_at: now, updated_at: now, ...structuredClone(fields), id };
    this.rows.set(id, row);
    return structuredClone(row);
  }

  /** Merges `patch` and moves updated_at (unless the patch sets it). */
  update(id: number, patch: Record<string, unknown>): Row | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    Object.assign(row, { updated_at: this.clock.now() }, structuredClone(patch), { id });
    return structuredClone(row);
  }

  remove(id: number): boolean {
    return this.rows.delete(id);
  }

  reset(): void {
    this.rows.clear();
    this.nextId = 1;
  }
}

export type CollectionName = "alarmgroups" | "webhooks" | "usergroups";
export type Db = Record<CollectionName, Table>;

export function createDb(clock = new Clock()): Db {
  return { alarmgroups: new Table(clock), webhooks: new Table(clock), usergroups: new Table(clock) };
}
