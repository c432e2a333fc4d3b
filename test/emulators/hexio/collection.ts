/**
 * Generic collections (v1.3.0 format): `limit` (default 100, max 1000), `offset`, `withCount`, `filter[i][field|op|value]`,
 * `sort[i][field|order]`; answer `{items, permissions, count?, limit, offset}`.
 */
import type { EmulatorRequest, EmulatorResponse } from "../common";
import { validationError } from "./errors";

type Row = Record<string, unknown>;
const OPS = new Set(["eq", "contains", "starts", "ends", "lt", "lte", "gt", "gte"]);

export interface CollectionDef {
  /** Filter field -> how to read it from an item (`active` reads `enabled`; `fulltext` searches several). */
  filters: Record<string, (item: Row) => unknown[]>;
  sorts: string[];
  permissions: string[];
}

interface Clause {
  field: string;
  op?: string;
  value?: string;
  order?: string;
}

/** `filter[0][field]=name&filter[0][op]=eq&...`; the seed's `filter[][field]` form is read as one clause. */
function clauses(query: Record<string, string>, name: "filter" | "sort"): Clause[] {
  const byIndex = new Map<string, Record<string, string>>();
  for (const [key, value] of Object.entries(query)) {
    const m = new RegExp(`^${name}\\[(\\d*)\\]\\[(\\w+)\\]$`).exec(key);
    if (!m) continue;
    const slot = byIndex.get(m[1]!) ?? {};
    slot[m[2]!] = value;
    byIndex.set(m[1]!, slot);
  }
  return [...byIndex.entries()].sort(([a], [b]) => Number(a) - Number(b)).map(([, c]) => c as unknown as Clause);
}

function matches(values: unknown[], op: string, want: string): boolean {
  return values.some((v) => {
    if (v === undefined || v === null) return false;
    const text = String(v);
    switch (op) {
      case "eq":
        return text === want;
      case "contains":
        return text.toLowerCase().includes(want.toLowerCase());
      case "starts":
        return text.toLowerCase().startsWith(want.toLowerCase());
      case "ends":
        return text.toLowerCase().endsWith(want.toLowerCase());
      default: {
        const [a, b] = [Number(v), Number(want)];
        return op === "lt" ? a < b : op === "lte" ? a <= b : op === "gt" ? a > b : a >= b;
      }
    }
  });
}

export function collection(req: EmulatorRequest, rows: Row[], def: CollectionDef, pageCap: number): EmulatorResponse {
  const q = req.query;
  const limit = q.limit === undefined ? 100 : Number(q.limit);
  const offset = q.offset === undefined ? 0 : Number(q.offset);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    return validationError("Query parameter 'limit' must be an integer between 1 and 1000.");
  if (!Number.isInteger(offset) || offset < 0)
    return validationError("Query parameter 'offset' must be a non-negative integer.");
  let items = rows;
  for (const c of clauses(q, "filter")) {
    const read = def.filters[c.field];
    if (!read)
      return validationError(
        `Filter field '${c.field}' is not allowed; allowed: ${Object.keys(def.filters).join(", ")}.`,
      );
    if (!c.op || !OPS.has(c.op)) return validationError(`Filter operator '${c.op}' is not allowed.`);
    if (c.value === undefined) return validationError("Filter value is required.");
    // "Size comparisons are allowed only on numerical fields": no filter field of these collections is numerical.
    if (["lt", "lte", "gt", "gte"].includes(c.op))
      return validationError(`Filter operator '${c.op}' is allowed only on numerical fields.`);
    items = items.filter((item) => matches(read(item), c.op!, c.value!));
  }
  const sorts = clauses(q, "sort");
  for (const s of sorts) {
    if (!def.sorts.includes(s.field)) return validationError(`Sort field '${s.field}' is not allowed.`);
    if (s.order !== "asc" && s.order !== "desc") return validationError("Sort order must be asc or desc.");
  }
  if (sorts.length) {
    items = [...items].sort((a, b) => {
      for (const s of sorts) {
        const c = String(a[s.field] ?? "").localeCompare(String(b[s.field] ?? ""));
        if (c) return s.order === "asc" ? c : -c;
      }
      return 0;
    });
  }
  // A server may cap a page below the requested limit; clients must page by `count`, not by a short page.
  const page = items.slice(offset, offset + Math.min(limit, pageCap));
  const withCount = q.withCount === "true" || q.withCount === "1";
  return {
    status: 200,
    body: { items: page, permissions: def.permissions, ...(withCount ? { count: items.length } : {}), limit, offset },
  };
}
