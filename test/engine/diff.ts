/**
 * The engine's own diffing: PropertyMap.Diff + NewDetailedDiffFromObjectDiff (used when a provider
 * answers DIFF_UNKNOWN, which is what a dynamic provider without `changes` in its diff result sends),
 * and applyReplaceOnChanges.
 */
import { formatPath, getPath, parsePath, pathContains, resetPath, type Segment } from "./paths";
import { clone, deepEqual, display, isObject, isSecret, PROVIDER_KEY, type Props, type Value } from "./properties";

export type DiffKind = "add" | "add-replace" | "delete" | "delete-replace" | "update" | "update-replace";
export type Changes = "none" | "some" | "unknown";

export interface DiffResult {
  changes: Changes;
  /** What the provider itself answered, kept for reports. */
  providerChanges: Changes;
  replaceKeys: string[];
  changedKeys: string[];
  /** Only set when the engine computed the diff (or the provider sent one). */
  detailedDiff?: Record<string, DiffKind>;
  deleteBeforeReplace: boolean;
}

const hasValue = (v: Value | undefined) => v !== undefined && v !== null;

function diffValue(path: Segment[], old: Value, neu: Value, out: Record<string, DiffKind>): void {
  // Secrets on both sides are compared by content; objects and arrays element by element.
  if (isSecret(old) && isSecret(neu)) return diffValue(path, old.value, neu.value, out);
  if (isObject(old) && isObject(neu) && !isSecret(old) && !isSecret(neu)) return diffObject(path, old, neu, out);
  if (Array.isArray(old) && Array.isArray(neu)) {
    const common = Math.min(old.length, neu.length);
    for (let i = 0; i < common; i++) if (!deepEqual(old[i], neu[i])) diffValue([...path, i], old[i], neu[i], out);
    for (let i = common; i < neu.length; i++) out[formatPath([...path, i])] = "add";
    for (let i = common; i < old.length; i++) out[formatPath([...path, i])] = "delete";
    return;
  }
  if (!deepEqual(old, neu)) out[formatPath(path)] = "update";
}

function diffObject(path: Segment[], olds: Props, news: Props, out: Record<string, DiffKind>): void {
  for (const [k, old] of Object.entries(olds)) {
    const p = [...path, k];
    if (k in news) {
      const neu = news[k];
      if (deepEqual(old, neu)) continue;
      if (!hasValue(old)) out[formatPath(p)] = "add";
      else if (!hasValue(neu)) out[formatPath(p)] = "delete";
      else diffValue(p, old, neu, out);
    } else if (hasValue(old)) {
      out[formatPath(p)] = "delete";
    }
  }
  for (const [k, neu] of Object.entries(news)) {
    if (!(k in olds) && hasValue(neu)) out[formatPath([...path, k])] = "add";
  }
}

/** Changed top-level keys and the per-path detailed diff of old inputs vs new inputs. */
export function diffProps(olds: Props, news: Props): { changedKeys: string[]; detailedDiff: Record<string, DiffKind> } {
  const detailedDiff: Record<string, DiffKind> = {};
  diffObject([], olds, news, detailedDiff);
  const changedKeys = [...new Set(Object.keys(detailedDiff).map((p) => String(parsePath(p)[0])))];
  return { changedKeys, detailedDiff };
}

/** processIgnoreChanges: copy the old values of ignored paths into the new inputs. */
export function processIgnoreChanges(news: Props, olds: Props, ignoreChanges: string[]): Props {
  const out = clone(news);
  const invalid = ignoreChanges.filter((p) => {
    try {
      return !resetPath(olds, out, p);
    } catch {
      return false; // unparsable paths are skipped, as the engine does
    }
  });
  if (invalid.length > 0) {
    throw new Error(
      `cannot ignore changes to the following properties because one or more elements of the path are missing: ${invalid
        .map((p) => JSON.stringify(p))
        .join(", ")}`,
    );
  }
  return out;
}

/** diffResource's fallback for DIFF_UNKNOWN: the engine diffs old inputs against new inputs itself. */
export function resolveUnknownDiff(
  diff: DiffResult,
  oldInputs: Props,
  newInputs: Props,
  ignoreChanges: string[],
): DiffResult {
  if (diff.changes !== "unknown") return diff;
  const news = processIgnoreChanges(newInputs, oldInputs, ignoreChanges);
  const { changedKeys, detailedDiff } = diffProps(oldInputs, news);
  if (changedKeys.length === 0) return { ...diff, changes: "none" };
  return { ...diff, changes: "some", changedKeys, detailedDiff };
}

const toReplace = (k: DiffKind): DiffKind => (k.endsWith("-replace") ? k : (`${k}-replace` as DiffKind));

/** applyReplaceOnChanges: the `replaceOnChanges` option acts on the changed keys and detailed diff. */
export function applyReplaceOnChanges(
  diff: DiffResult,
  replaceOnChanges: string[],
  hasInitErrors: boolean,
): DiffResult {
  if (diff.changes !== "some" && !hasInitErrors) return diff;
  const paths = replaceOnChanges.map(parsePath);
  let detailedDiff = diff.detailedDiff;
  if (detailedDiff) {
    detailedDiff = Object.fromEntries(
      Object.entries(detailedDiff).map(([p, kind]) => [
        p,
        paths.some((rp) => pathContains(rp, parsePath(p))) ? toReplace(kind) : kind,
      ]),
    );
  }
  const replaceKeys = new Set(diff.replaceKeys);
  for (const k of diff.changedKeys) if (paths.some((rp) => pathContains(rp, [k]))) replaceKeys.add(k);
  let changes = diff.changes;
  if (hasInitErrors && paths.some((rp) => pathContains(rp, ["#initerror"]))) {
    replaceKeys.add("#initerror");
    if (detailedDiff) detailedDiff["#initerror"] = "update-replace";
    changes = "some";
  }
  return { ...diff, changes, detailedDiff, replaceKeys: [...replaceKeys] };
}

export function requiresReplacement(diff: DiffResult): boolean {
  return diff.replaceKeys.length > 0 || Object.values(diff.detailedDiff ?? {}).some((k) => k.endsWith("-replace"));
}

/** Inverts a refresh diff (the engine computes it "live vs desired" and shows it the other way round). */
export function invertKind(kind: DiffKind): DiffKind {
  const map: Record<DiffKind, DiffKind> = {
    add: "delete",
    "add-replace": "delete-replace",
    delete: "add",
    "delete-replace": "add-replace",
    update: "update",
    "update-replace": "update-replace",
  };
  return map[kind];
}

export interface ReportedPropertyDiff {
  kind: DiffKind;
  old?: unknown;
  new?: unknown;
}

/** Detailed diff with the old and new values attached, secrets masked and `__provider` summarised. */
export function reportDetailedDiff(
  detailed: Record<string, DiffKind>,
  olds: Props,
  news: Props,
): Record<string, ReportedPropertyDiff> {
  const out: Record<string, ReportedPropertyDiff> = {};
  for (const [p, kind] of Object.entries(detailed)) {
    const entry: ReportedPropertyDiff = { kind };
    let segs: Segment[] | undefined;
    try {
      segs = parsePath(p);
    } catch {
      segs = undefined;
    }
    if (segs) {
      const o = getPath(olds, segs);
      const n = getPath(news, segs);
      // The serialized provider is kilobytes of code: report its size, never its text.
      const shown = (v: Value | undefined) =>
        segs![0] === PROVIDER_KEY && typeof v === "string" ? `<serialized provider, ${v.length} bytes>` : display(v);
      if (o.ok) entry.old = shown(o.value);
      if (n.ok) entry.new = shown(n.value);
    }
    out[p] = entry;
  }
  return out;
}
