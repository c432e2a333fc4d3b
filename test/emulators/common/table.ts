/** An in-memory table with auto-increment ids; the vendor decides what a write stamps (timestamps, ...). */
export type Row = Record<string, unknown> & { id: number };

export interface TableOptions {
  firstId?: number;
  /** Fields every insert starts from (the inserted fields may override them). */
  onInsert?: () => Record<string, unknown>;
  /** Fields every update sets before the patch (the patch may override them). */
  onUpdate?: () => Record<string, unknown>;
}

export class Table {
  private rows = new Map<number, Row>();
  private nextId: number;

  constructor(private readonly options: TableOptions = {}) {
    this.nextId = options.firstId ?? 1;
  }

  /** Rows in id order; copies, so callers cannot change state by accident. */
  all(): Row[] {
    return [...this.rows.values()].sort((a, b) => a.id - b.id).map((r) => structuredClone(r));
  }

  get(id: number): Row | undefined {
    const row = this.rows.get(id);
    return row && structuredClone(row);
  }

  /** Assigns the next id unless `fields.id` is given. */
  insert(fields: Record<string, unknown>): Row {
    const id = typeof fields.id === "number" ? fields.id : this.nextId;
    if (this.rows.has(id)) throw new Error(`id ${id} already exists`);
    this.nextId = Math.max(this.nextId, id + 1);
    const row: Row = { ...this.options.onInsert?.(), ...structuredClone(fields), id };
    this.rows.set(id, row);
    return structuredClone(row);
  }

  /** Merges `patch`; the id never changes. */
  update(id: number, patch: Record<string, unknown>): Row | undefined {
    const row = this.rows.get(id);
    if (!row) return undefined;
    Object.assign(row, this.options.onUpdate?.(), structuredClone(patch), { id });
    return structuredClone(row);
  }

  remove(id: number): boolean {
    return this.rows.delete(id);
  }

  reset(): void {
    this.rows.clear();
    this.nextId = this.options.firstId ?? 1;
  }
}
