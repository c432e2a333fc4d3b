/** Queue of injected faults; the first live fault matching a request takes one hit. */
import { compilePath, type PathPattern } from "./router";
import type { FaultHandle, FaultKind, FaultSpec } from "./types";

export interface ActiveFault {
  spec: FaultSpec;
  handle: FaultHandle;
}

interface Entry {
  spec: FaultSpec;
  method?: string;
  path?: RegExp | PathPattern | string;
  remaining: number;
  hits: number;
}

export class FaultQueue {
  private entries: Entry[] = [];
  private seq = 0;

  add(spec: FaultSpec): FaultHandle {
    const times = spec.times ?? 1;
    if (!(times > 0)) throw new Error(`fault "times" must be positive, got ${times}`);
    const entry: Entry = {
      spec,
      method: spec.method?.toUpperCase(),
      path: typeof spec.path === "string" && spec.path.includes("{") ? compilePath(spec.path) : spec.path,
      remaining: times,
      hits: 0,
    };
    this.entries.push(entry);
    return this.handleOf(entry);
  }

  /** Take one hit from the first matching fault, or undefined when none matches. */
  take(method: string, path: string): ActiveFault | undefined {
    const seq = ++this.seq;
    const entry = this.entries.find(
      (e) => e.remaining > 0 && matches(e, method, path) && (!e.spec.when || e.spec.when({ method, path, seq })),
    );
    if (!entry) return undefined;
    entry.remaining -= 1;
    entry.hits += 1;
    if (entry.remaining <= 0) this.entries = this.entries.filter((e) => e !== entry);
    return { spec: entry.spec, handle: this.handleOf(entry) };
  }

  clear(): void {
    for (const e of this.entries) e.remaining = 0;
    this.entries = [];
  }

  private handleOf(entry: Entry): FaultHandle {
    const queue = this;
    return {
      kind: entry.spec.kind as FaultKind,
      get hits() {
        return entry.hits;
      },
      get remaining() {
        return entry.remaining;
      },
      cancel() {
        entry.remaining = 0;
        queue.entries = queue.entries.filter((e) => e !== entry);
      },
    };
  }
}

function matches(entry: Entry, method: string, path: string): boolean {
  if (entry.method && entry.method !== method.toUpperCase()) return false;
  const p = entry.path;
  if (p === undefined) return true;
  if (typeof p === "string") return p === path;
  if (p instanceof RegExp) return p.test(path);
  return p.match(path) !== undefined;
}

export interface RandomFaults {
  /** One spec per kind, to inject in this order; together they hit about `rate` of the matching requests. */
  specs: FaultSpec[];
  /** Requests each kind has hit so far. */
  readonly hits: Record<string, number>;
}

/**
 * Faults drawn at random for each request from a seeded PRNG: with probability `rate`, one of `kinds` (in
 * proportion to their `weight`, default 1), else none. One draw per request (every spec shares it), so the same seed gives the same sequence of
 * faults in request order. Each kind hits any method and path unless `only` says otherwise (e.g. no injected
 * delay on a login).
 */
export function randomFaults(
  next: () => number,
  rate: number,
  kinds: { name: string; spec: FaultSpec; weight?: number }[],
  only: (method: string, path: string) => boolean = () => true,
): RandomFaults {
  let drawnFor = -1;
  let pick = -1;
  const hits: Record<string, number> = Object.fromEntries(kinds.map((k) => [k.name, 0]));
  const total = kinds.reduce((sum, k) => sum + (k.weight ?? 1), 0);
  const pickOf = (x: number) => {
    let acc = 0;
    for (let i = 0; i < kinds.length; i++) {
      acc += (kinds[i].weight ?? 1) / total;
      if (x < acc) return i;
    }
    return kinds.length - 1;
  };
  const draw = (seq: number, method: string, path: string) => {
    if (seq !== drawnFor) {
      drawnFor = seq;
      const u = next();
      pick = only(method, path) && u < rate ? pickOf(u / rate) : -1;
    }
    return pick;
  };
  const specs = kinds.map(
    (k, i): FaultSpec => ({
      ...k.spec,
      times: Number.POSITIVE_INFINITY,
      when: ({ method, path, seq }) => {
        if (draw(seq, method, path) !== i) return false;
        hits[k.name] += 1;
        return true;
      },
    }),
  );
  return { specs, hits };
}
