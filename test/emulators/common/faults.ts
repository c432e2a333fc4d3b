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
    const entry = this.entries.find((e) => e.remaining > 0 && matches(e, method, path));
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
