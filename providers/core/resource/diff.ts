import { diff as deepDiff } from "deep-diff";
import type { z } from "zod";
import { canon, metaOf } from "./schema";
import { containsUnknown } from "./check";

/** The only user of deep-diff: canonical old vs new, top-level property names that differ. */
export function changedFields(
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
  shape: Record<string, z.ZodType>,
  keys: Iterable<string>,
): string[] {
  const changed: string[] = [];
  for (const key of keys) {
    const a = olds[key];
    const b = news[key];
    if (containsUnknown(b)) {
      changed.push(key);
      continue;
    }
    if ((deepDiff(canon(a, shape[key]), canon(b, shape[key])) ?? []).length > 0) changed.push(key);
  }
  return changed;
}

/** Property-level differences (path -> old/new), for drift reports. */
export function propertyDiffs(olds: unknown, news: unknown): { path: string; old: unknown; new: unknown }[] {
  return (deepDiff(olds as object, news as object) ?? []).map((d) => ({
    path: (d.path ?? []).map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join(""),
    old: "lhs" in d ? d.lhs : undefined,
    new: "rhs" in d ? d.rhs : undefined,
  }));
}

export const replaceFields = (changed: string[], shape: Record<string, z.ZodType>) =>
  changed.filter((k) => metaOf(shape[k]).replaceOnChanges);
