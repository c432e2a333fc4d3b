/**
 * An in-memory table with auto-increment ids; the vendor decides what a write stamps (timestamps, ...).
 *
 * Cost: insert, update, remove and get are O(1) (update copies the one row); rows are kept in id order, so a
 * listing is one pass with no sort (an insert with an explicit id below the largest one re-sorts once, on the next
 * read). Reads hand out deep copies, so no caller can change a stored row; the scans (`some`, `find`, `filter`)
 * test the stored rows themselves, read-only (deep-frozen), and copy only the rows they return, so a uniqueness or
 * reference check on every create costs no copy of the table.
 */
export type Row = Record<string, unknown> & { id: number };

export interface TableOptions {
  firstId?: number;
  /** Fields every insert starts from (the inserted fields may override them). */
  onInsert?: () => Record<string, unknown>;
  /** Fields every update sets before the patch (the patch may override them). */
  onUpdate?: () => Record<string, unknown>;
}

export class Table {
  /** Stored rows, deep-frozen (an update replaces the row); in id order while `inOrder`. */
  private rows = new Map<number, Readonly<Row>>();
  private inOrder = true;
  private maxId = Number.NEGATIVE_INFINITY;
  private nextId: number;

  constructor(private readonly options: TableOptions = {}) {
    this.nextId = options.firstId ?? 1;
  }

  get size(): number {
    return this.rows.size;
  }

  /** Rows in id order; copies, so callers cannot change state by accident. */
  all(): Row[] {
    return Array.from(this.ordered(), copyOf);
  }

  get(id: number): Row | undefined {
    const row = this.rows.get(id);
    return row && copyOf(row);
  }

  /** The stored rows in id order, read-only (deep-frozen): for a scan that keeps a figure, not the rows. */
  values(): IterableIterator<Readonly<Row>> {
    return this.ordered();
  }

  /** Whether a row passes `test`, which sees the stored rows read-only (frozen) in id order. */
  some(test: (row: Readonly<Row>) => boolean): boolean {
    for (const row of this.ordered()) if (test(row)) return true;
    return false;
  }

  /** A copy of the first row in id order that passes `test` (which sees the stored rows read-only). */
  find(test: (row: Readonly<Row>) => boolean): Row | undefined {
    for (const row of this.ordered()) if (test(row)) return copyOf(row);
    return undefined;
  }

  /** Copies of the rows that pass `test` (which sees the stored rows read-only), in id order: `all().filter(test)`. */
  filter(test: (row: Readonly<Row>) => boolean): Row[] {
    const out: Row[] = [];
    for (const row of this.ordered()) if (test(row)) out.push(copyOf(row));
    return out;
  }

  /** Assigns the next id unless `fields.id` is given. */
  insert(fields: Record<string, unknown>): Row {
    const id = typeof fields.id === "number" ? fields.id : this.nextId;
    if (this.rows.has(id)) throw new Error(`id ${id} already exists`);
    this.nextId = Math.max(this.nextId, id + 1);
    const row = frozen<Row>({ ...this.options.onInsert?.(), ...structuredClone(fields), id });
    if (id < this.maxId) this.inOrder = false;
    this.maxId = Math.max(this.maxId, id);
    this.rows.set(id, row);
    return copyOf(row);
  }

  /** Merges `patch`; the id never changes. */
  update(id: number, patch: Record<string, unknown>): Row | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    // A new stored row (copies handed out and scans in progress keep seeing the old one); the map keeps its order.
    const next = frozen<Row>({ ...row, ...this.options.onUpdate?.(), ...structuredClone(patch), id });
    this.rows.set(id, next);
    return copyOf(next);
  }

  remove(id: number): boolean {
    return this.rows.delete(id);
  }

  reset(): void {
    this.rows.clear();
    this.inOrder = true;
    this.maxId = Number.NEGATIVE_INFINITY;
    this.nextId = this.options.firstId ?? 1;
  }

  /** The stored rows in id order (sorted once after an out-of-order insert). */
  private ordered(): IterableIterator<Readonly<Row>> {
    if (!this.inOrder) {
      this.rows = new Map([...this.rows].sort(([a], [b]) => a - b));
      this.inOrder = true;
    }
    return this.rows.values();
  }
}

/** A deep copy of JSON-like data (plain objects, arrays, primitives); anything else goes through structuredClone. */
function copyOf<T>(value: T): T {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return value.map(copyOf) as T;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyOf((value as Record<string, unknown>)[key]);
    // An own "__proto__" key (JSON.parse makes one) stays a plain property, as structuredClone keeps it.
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out as T;
}

/** Freezes plain objects and arrays all the way down (they are the table's own copies). */
function frozen<T>(value: T): T {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return value;
  const proto = Object.getPrototypeOf(value);
  if (!Array.isArray(value) && proto !== Object.prototype && proto !== null) return value;
  for (const v of Object.values(value)) frozen(v);
  return Object.freeze(value);
}
