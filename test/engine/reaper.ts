/**
 * Every child process the engine started in this process, so that none outlives its operation, its
 * test file or this process. Each child leads its own process group (started detached) and is killed
 * with its group; each has a lifeline (lifeline.js) that kills it when this process dies without
 * running any handler (a vitest worker is stopped with SIGTERM, which runs no 'exit' handler).
 */
import type { ChildProcess } from "node:child_process";
import { join } from "node:path";

/** `--require` this in every child: it exits with its group when its stdin pipe (held here) closes. */
export const LIFELINE = join(__dirname, "lifeline.js");

const live = new Set<ChildProcess>();

process.once("exit", () => {
  for (const child of live) killGroup(child); // a test run that exits normally
});

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Tracks a child started with `detached: true` and its stdin piped (the lifeline). */
export function adopt(child: ChildProcess): void {
  if (exited(child)) return;
  live.add(child);
  child.once("exit", () => live.delete(child));
}

function killGroup(child: ChildProcess): void {
  // Only while the child has not been reaped: its pid still names its group, never a reused pid.
  if (child.pid === undefined || exited(child)) return;
  try {
    process.kill(-child.pid, "SIGKILL");
  } catch {
    child.kill("SIGKILL"); // not a group leader
  }
}

/** SIGKILLs the child's process group; resolves once the child has been reaped (its 'exit' emitted). */
export function reap(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || exited(child)) return Promise.resolve();
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  killGroup(child);
  return gone;
}

/** Reaps every child still running in this process (the test setup calls it after each test file); resolves with their number. */
export async function reapAll(): Promise<number> {
  const children = [...live];
  await Promise.all(children.map(reap));
  return children.length;
}
