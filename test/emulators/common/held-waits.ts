/** Tests of latency and delay faults: each wait of the emulator is held until the test releases it, never timed. */
import type { Emulator } from "./server";

export interface HeldWait {
  ms: number;
  release(): void;
}

export interface HeldWaits {
  /**
   * The emulator's next wait (already started or still to come), held until `release()`. With
   * `answer` (the pending request), fails when the request is answered without that wait.
   */
  next(answer?: Promise<unknown>): Promise<HeldWait>;
  /** Releases what is held and puts the emulator's own sleep back. */
  restore(): void;
}

export function holdWaits(emu: Emulator): HeldWaits {
  const original = emu.sleep;
  const started: HeldWait[] = [];
  const waiting: Array<(w: HeldWait) => void> = [];
  const releases = new Set<() => void>();
  emu.sleep = (ms) =>
    new Promise<void>((resolve) => {
      releases.add(resolve);
      const wait = { ms, release: () => (releases.delete(resolve), resolve()) };
      const taker = waiting.shift();
      if (taker) taker(wait);
      else started.push(wait);
    });
  return {
    next: (answer) => {
      const wait = started.shift();
      const held = wait ? Promise.resolve(wait) : new Promise<HeldWait>((resolve) => waiting.push(resolve));
      if (!answer) return held;
      const unheld = () => Promise.reject(new Error("the request was answered without the emulator waiting"));
      return Promise.race([held, answer.then(unheld, unheld)]);
    },
    restore: () => {
      emu.sleep = original;
      for (const release of releases) release();
      releases.clear();
    },
  };
}
