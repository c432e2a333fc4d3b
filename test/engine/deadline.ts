/**
 * Deadlines that catch a hang, not a busy machine. A deadline of `ms` expires after `ms` of
 * fair-share time: wall time divided by the number of runnable tasks per core. On a quiet machine that
 * is wall time, so nothing waits longer; on a 2-core machine with 6 runnable tasks a 30 s deadline
 * lasts about 90 s of wall time, as a plugin's start-up does. A plugin that hangs still fails.
 */
import { readFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";

const CORES = Math.max(1, availableParallelism());

/**
 * Runnable tasks per core, at least 1: the larger of the count running right now (Linux
 * `/proc/loadavg`, which sees a burst at once) and the one-minute load average (which smooths it).
 */
export function loadFactor(): number {
  let running = 0;
  try {
    running = Number(readFileSync("/proc/loadavg", "utf8").split(" ")[3]?.split("/")[0]) || 0;
  } catch {
    // not Linux: the load average alone
  }
  return Math.max(1, Math.max(running, loadavg()[0]) / CORES);
}

export interface Deadline {
  cancel(): void;
}

interface Pending {
  due: number;
  expire: () => void;
}

/** Fair-share time, advanced on each tick by the wall time since the last tick over the load factor then. */
export class FairClock {
  private fair = 0;
  private lastWall: number;
  private readonly pending = new Set<Pending>();

  constructor(
    private readonly wallNow: () => number = () => performance.now(),
    private readonly load: () => number = loadFactor,
  ) {
    this.lastWall = wallNow();
  }

  /** Calls `expire` once `ms` of fair-share time have passed (checked on each tick). */
  deadline(ms: number, expire: () => void): Deadline {
    this.advance();
    const p: Pending = { due: this.fair + ms, expire };
    this.pending.add(p);
    return { cancel: () => void this.pending.delete(p) };
  }

  get waiting(): number {
    return this.pending.size;
  }

  tick(): void {
    this.advance();
    for (const p of [...this.pending]) {
      if (this.fair < p.due) continue;
      this.pending.delete(p);
      p.expire();
    }
  }

  private advance(): void {
    const wall = this.wallNow();
    this.fair += Math.max(0, wall - this.lastWall) / this.load();
    this.lastWall = wall;
  }
}

const TICK_MS = 250;
const clock = new FairClock();
let ticker: NodeJS.Timeout | undefined;

/**
 * A deadline of `ms` fair-share milliseconds on this process's clock, ticking every 250 ms while any
 * deadline waits. The ticker never keeps the process alive by itself.
 */
export function deadline(ms: number, expire: () => void): Deadline {
  if (!ticker) {
    ticker = setInterval(() => {
      clock.tick();
      if (clock.waiting === 0 && ticker) {
        clearInterval(ticker);
        ticker = undefined;
      }
    }, TICK_MS);
    ticker.unref();
  }
  return clock.deadline(ms, expire);
}
