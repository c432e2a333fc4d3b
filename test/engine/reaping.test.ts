/**
 * Deadlines that hold on a loaded machine, and child processes that never outlive their operation:
 * not after an RPC deadline, not after a test that timed out (the setup's reapAll), not after the
 * engine's own process was killed (the lifeline).
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, test } from "vitest";
import { deadline, FairClock } from "./deadline";
import { TestEngine, type EngineOptions } from "./index";
import { tsxHook } from "./processes";
import { reapAll } from "./reaper";

describe("fair-share deadlines", () => {
  const clockAt = (load: () => number) => {
    let wall = 0;
    const clock = new FairClock(() => wall, load);
    return { clock, advance: (ms: number) => ((wall += ms), clock.tick()) };
  };

  test("on a quiet machine a deadline is wall time", () => {
    const { clock, advance } = clockAt(() => 1);
    let expired = 0;
    clock.deadline(30_000, () => expired++);
    advance(29_999);
    expect(expired).toBe(0);
    advance(1);
    expect(expired).toBe(1);
    advance(60_000);
    expect(expired).toBe(1); // once
  });

  test("with three runnable tasks per core it lasts three times as long, following the load as it changes", () => {
    let load = 3;
    const { clock, advance } = clockAt(() => load);
    let expired = false;
    clock.deadline(30_000, () => (expired = true));
    advance(60_000); // 20 s of fair-share time
    expect(expired).toBe(false);
    load = 1;
    advance(9_999);
    expect(expired).toBe(false);
    advance(1);
    expect(expired).toBe(true);
  });

  test("a cancelled deadline never fires; the others still do", () => {
    const { clock, advance } = clockAt(() => 1);
    const fired: string[] = [];
    clock.deadline(1_000, () => fired.push("cancelled")).cancel();
    clock.deadline(2_000, () => fired.push("kept"));
    advance(5_000);
    expect(fired).toEqual(["kept"]);
    expect(clock.waiting).toBe(0);
  });

  test("the process clock fires a short deadline", async () => {
    await new Promise<void>((resolve) => deadline(10, resolve));
  });
});

const WORK = join(__dirname, ".work");
/** Fair-share time for an operation to start its children and reach the appliance: a hang guard. */
const START_MS = 300_000;
const created: string[] = [];
afterAll(() => {
  for (const d of created) rmSync(d, { recursive: true, force: true });
});

/** A fixture project whose appliance never answers a create: the Create RPC hangs. */
function hangingProject(name: string): {
  dir: string;
  spec: string;
  inFlight: () => number;
  engine: (extra?: Partial<EngineOptions>) => TestEngine;
} {
  mkdirSync(WORK, { recursive: true });
  const dir = mkdtempSync(join(WORK, `${name}-`));
  created.push(dir);
  const appliance = join(dir, "appliance.json");
  const db = {
    nextSerial: 1,
    objects: {},
    log: [],
    checks: [],
    diffs: [],
    configured: [],
    maxInFlight: 0,
    knobs: { delayMs: 3_600_000 },
  };
  writeFileSync(appliance, JSON.stringify(db));
  const spec = JSON.stringify({ resources: [{ name: "stuck" }] });
  return {
    dir,
    spec,
    inFlight: () => {
      try {
        return (JSON.parse(readFileSync(appliance, "utf8")) as { maxInFlight: number }).maxInFlight;
      } catch {
        return 0; // caught in the middle of the plugin's write
      }
    },
    engine: (extra = {}) =>
      new TestEngine({
        dir,
        program: join(__dirname, "fixtures", "program.ts"),
        config: { "fixture:resources": spec, "fixture:token": { secret: "t0k3n" } },
        env: { FIXTURE_APPLIANCE: appliance },
        ...extra,
      }),
  };
}

/** No process with this pid, not even a zombie: the child was killed and reaped. */
function reaped(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** The process has exited (a zombie left to whoever adopted an orphan counts as exited). */
function exited(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return reaped(pid); // no /proc entry: gone (or not Linux)
    throw e;
  }
}

/** Polls `ready` every 100 ms; fails after `ms` of fair-share time (a hang, not a slow machine). */
async function until(what: string, ready: () => boolean, ms = 60_000): Promise<void> {
  let expired = false;
  const timer = deadline(ms, () => (expired = true));
  try {
    while (!ready()) {
      if (expired) throw new Error(`${what}: not after ${ms} ms (counted at the machine's load)`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    timer.cancel();
  }
}

describe("child processes", () => {
  test("an RPC past its deadline fails the operation, which leaves no child alive, not even a zombie", async () => {
    const p = hangingProject("rpc-deadline");
    const pids: Array<[string, number]> = [];
    const r = await p.engine({ rpcTimeoutMs: 3_000, onProcess: (kind, pid) => pids.push([kind, pid]) }).up();
    expect(r.ok).toBe(false);
    expect(r.errors.join("\n")).toMatch(/Create got no answer from the dynamic-provider plugin within 3000 ms/);
    expect(pids.map(([kind]) => kind).sort()).toEqual(["plugin", "program"]);
    for (const [kind, pid] of pids) expect({ kind, reaped: reaped(pid) }).toEqual({ kind, reaped: true });
  });

  test("reapAll (run after every test file) kills the children of an operation that outlived its test, and the operation ends", async () => {
    const p = hangingProject("outlived");
    const pids: number[] = [];
    const pending = p.engine({ onProcess: (_kind, pid) => pids.push(pid) }).up(); // its Create would wait 120 s
    await until("the Create RPC reached the appliance", () => p.inFlight() > 0, START_MS);
    expect(await reapAll()).toBe(2);
    const r = await pending;
    expect(r.ok).toBe(false);
    expect(pids).toHaveLength(2);
    for (const pid of pids) expect(reaped(pid)).toBe(true);
    expect(await reapAll()).toBe(0);
  });

  test("the plugin and the program host die with the engine's process, even when it is SIGKILLed mid-operation", async () => {
    const p = hangingProject("engine-killed");
    // A process of its own running `up`, as a vitest worker does; vitest stops one with SIGTERM, SIGKILL runs no handler at all.
    const engineProcess = spawn(
      process.execPath,
      ["--require", tsxHook(), join(__dirname, "fixtures", "hanging-up.ts"), p.dir, p.spec],
      {
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    const pids = new Map<string, number>();
    createInterface({ input: engineProcess.stdout! }).on("line", (line) => {
      const { kind, pid } = JSON.parse(line) as { kind: string; pid: number };
      pids.set(kind, pid);
    });
    const engineExited = new Promise((resolve) => engineProcess.once("exit", resolve));
    try {
      await until("the Create RPC reached the appliance", () => p.inFlight() > 0 && pids.size === 2, START_MS);
    } finally {
      engineProcess.kill("SIGKILL");
    }
    await engineExited;
    for (const [kind, pid] of pids)
      await until(`${kind} ${pid} exited after the engine's process was killed`, () => exited(pid));
  });
});
