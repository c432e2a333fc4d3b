/**
 * Property paths as the engine writes and parses them (`a.b[0]["odd key"]`, `*` as a wildcard),
 * used by `ignoreChanges`, `replaceOnChanges` and detailed-diff keys.
 */
import { isObject, isSecret, type Props, type Value } from "./properties";

export type Segment = string | number;
const WILDCARD = "*";

export function parsePath(path: string): Segment[] {
  const segs: Segment[] = [];
  let i = 0;
  const readName = () => {
    const start = i;
    while (i < path.length && path[i] !== "." && path[i] !== "[") i++;
    if (i === start) throw new Error(`invalid property path ${JSON.stringify(path)}: empty name`);
    segs.push(path.slice(start, i));
  };
  if (path.length === 0) throw new Error("invalid property path: empty");
  if (path[0] !== "[") readName();
  while (i < path.length) {
    if (path[i] === ".") {
      i++;
      readName();
    } else if (path[i] === "[") {
      const close = path[i + 1] === '"' ? path.indexOf('"]', i + 2) : path.indexOf("]", i);
      if (close < 0) throw new Error(`invalid property path ${JSON.stringify(path)}: missing "]"`);
      if (path[i + 1] === '"') {
        segs.push(JSON.parse(path.slice(i + 1, close + 1)) as string);
        i = close + 2;
      } else {
        const inner = path.slice(i + 1, close);
        if (inner === WILDCARD) segs.push(WILDCARD);
        else if (/^\d+$/.test(inner)) segs.push(Number(inner));
        else throw new Error(`invalid property path ${JSON.stringify(path)}: bad index ${inner}`);
        i = close + 1;
      }
    } else {
      throw new Error(`invalid property path ${JSON.stringify(path)}`);
    }
  }
  return segs;
}

export function formatPath(segs: Segment[]): string {
  return segs
    .map((s, idx) => {
      if (typeof s === "number") return `[${s}]`;
      // As the CLI prints paths (PropertyPath.String): a key of letters, digits and _ only is bare, even `4123`.
      if (/^[A-Za-z0-9_]+$/.test(s) || s === WILDCARD) return idx === 0 ? s : `.${s}`;
      return `[${JSON.stringify(s)}]`;
    })
    .join("");
}

/** True when `outer` names `inner` or one of its ancestors (wildcards match any element). */
export function pathContains(outer: Segment[], inner: Segment[]): boolean {
  if (outer.length > inner.length) return false;
  return outer.every((s, i) => s === WILDCARD || s === inner[i] || String(s) === String(inner[i]));
}

function child(container: Value | undefined, seg: Segment): { ok: boolean; value?: Value } {
  const c = isSecret(container) ? container.value : container;
  if (Array.isArray(c) && typeof seg === "number") return seg < c.length ? { ok: true, value: c[seg] } : { ok: false };
  if (isObject(c) && typeof seg === "string" && seg in c) return { ok: true, value: c[seg] };
  return { ok: false };
}

export function getPath(root: Props, segs: Segment[]): { ok: boolean; value?: Value } {
  let cur: Value = root;
  for (const seg of segs) {
    const next = child(cur, seg);
    if (!next.ok) return { ok: false };
    cur = next.value as Value;
  }
  return { ok: true, value: cur };
}

/** Expands wildcards against the keys present in either tree. */
function expand(a: Props, b: Props, segs: Segment[]): Segment[][] {
  const at = segs.indexOf(WILDCARD);
  if (at < 0) return [segs];
  const prefix = segs.slice(0, at);
  const keys = new Set<Segment>();
  for (const root of [a, b]) {
    const got = getPath(root, prefix);
    const v = isSecret(got.value) ? got.value.value : got.value;
    if (Array.isArray(v)) v.forEach((_, i) => keys.add(i));
    else if (isObject(v)) Object.keys(v).forEach((k) => keys.add(k));
  }
  return [...keys].flatMap((k) => expand(a, b, [...prefix, k, ...segs.slice(at + 1)]));
}

/**
 * The engine's PropertyPath.Reset, used by `ignoreChanges`: make `news` hold the old value at the
 * path (or drop it when the old inputs had none). False when a parent of the path is missing.
 */
export function resetPath(olds: Props, news: Props, path: string): boolean {
  for (const segs of expand(olds, news, parsePath(path))) {
    const old = getPath(olds, segs);
    const cur = getPath(news, segs);
    if (!old.ok && !cur.ok) continue;
    const parent = getPath(news, segs.slice(0, -1));
    const container = isSecret(parent.value) ? parent.value.value : parent.value;
    const last = segs[segs.length - 1];
    if (!parent.ok || !(isObject(container) || Array.isArray(container))) return false;
    if (old.ok) {
      if (Array.isArray(container)) {
        if (typeof last !== "number" || last > container.length) return false;
        container[last] = structuredClone(old.value as Value);
      } else {
        (container as Record<string, Value>)[String(last)] = structuredClone(old.value as Value);
      }
    } else if (Array.isArray(container)) {
      container.splice(last as number, 1);
    } else {
      delete (container as Record<string, Value>)[String(last)];
    }
  }
  return true;
}
