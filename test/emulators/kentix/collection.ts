/** What each Kentix collection module provides to the generic CRUD routes in api.ts. */
import type { EmulatorResponse } from "../common";
import type { ValidationErrors } from "./laravel";
import type { CollectionName, Db, Row } from "./store";

export type Input = Record<string, unknown>;

export interface CollectionDef {
  name: CollectionName;
  /** Laravel model class, for `No query results for model [App\Models\<model>] <id>`. */
  model: string;
  /** Key order of the full object on the wire (the seed's response sample order). */
  keyOrder: readonly string[];
  /** Item shape inside the paginated list. */
  listItem(view: Record<string, unknown>): Record<string, unknown>;
  /** Body of GET /{id}, given the wire view of the row. */
  show(view: Record<string, unknown>): unknown;
  /** Body of the POST answer, given the wire view of the new row. Absent: the full object. */
  created?(view: Record<string, unknown>): unknown;
  /** Wire view of a stored row (e.g. normalised instants). */
  view(row: Row): Record<string, unknown>;
  /** Validate a POST body and return the new row's fields (id and timestamps are added by the table). Absent: no POST (405). */
  create?(input: Input, db: Db, errors: ValidationErrors): Record<string, unknown>;
  /** POST with the id of an existing object overwrites it (an upsert create) instead of creating one. */
  upsert?: boolean;
  /** Validate a PATCH/PUT body and return the fields to change. */
  update(input: Input, row: Row, db: Db, errors: ValidationErrors): Record<string, unknown>;
  /** Complete a partial object inserted out of band (no validation). */
  complete(fields: Record<string, unknown>, db: Db): Record<string, unknown>;
  /** A 422 when the row may not be deleted. Absent: the API cannot delete the object (DELETE answers 405). */
  deleteBlocker?(row: Row, db: Db): EmulatorResponse | undefined;
}

/** Reorder keys as the device prints them; unknown keys keep their place at the end. */
export function ordered(obj: Record<string, unknown>, keyOrder: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keyOrder) if (key in obj) out[key] = obj[key];
  for (const key of Object.keys(obj)) if (!(key in out)) out[key] = obj[key];
  return out;
}

export const asId = (value: unknown): number | undefined => {
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : value;
  return typeof n === "number" && Number.isInteger(n) ? n : undefined;
};
