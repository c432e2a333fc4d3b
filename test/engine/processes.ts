/**
 * Child processes of one operation: the provider plugin and the program host. Each leads its own
 * process group, carries a lifeline to this process (reaper.ts, lifeline.js), and is killed with its
 * group and reaped when the operation ends, whatever happened.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { deadline } from "./deadline";
import { adopt, LIFELINE, reap } from "./reaper";
import { resolvePluginEntry } from "./sdk";

export class ProcessGroup {
  private readonly children = new Set<ChildProcess>();

  constructor(
    private readonly onLine: (source: string, line: string) => void,
    private readonly onStart?: (kind: "plugin" | "program", pid: number) => void,
  ) {}

  track(child: ChildProcess, label: "plugin" | "program"): ChildProcess {
    this.children.add(child);
    adopt(child);
    if (child.pid !== undefined) this.onStart?.(label, child.pid);
    child.once("exit", () => this.children.delete(child));
    child.stdin?.on("error", () => undefined); // the lifeline's pipe breaks when the child dies
    // A failed spawn, kill or IPC send to a child that just died (EPIPE): logged, never an uncaught error.
    child.on("error", (e) => this.onLine(label, `child process error: ${e.message}`));
    if (child.stderr) createInterface({ input: child.stderr }).on("line", (l) => this.onLine(label, l));
    return child;
  }

  /**
   * The SDK's dynamic-provider plugin; resolves with the port it prints on its first stdout line.
   * The start-up deadline is fair-share time (deadline.ts): it waits longer on a loaded machine.
   */
  async startPlugin(
    dir: string,
    env: NodeJS.ProcessEnv,
    timeoutMs = 30_000,
  ): Promise<{ port: number; child: ChildProcess }> {
    const entry = resolvePluginEntry(dir);
    // The single argument is the engine address; the plugin only checks that it is present.
    const child = spawn(process.execPath, ["--require", LIFELINE, entry, "127.0.0.1:0"], {
      cwd: dir,
      env,
      stdio: "pipe",
      detached: true,
    });
    this.track(child, "plugin");
    const lines = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = deadline(timeoutMs, () =>
        reject(
          new Error(`dynamic-provider plugin printed no port within ${timeoutMs} ms (counted at the machine's load)`),
        ),
      );
      let first = true;
      lines.on("line", (line) => {
        if (first) {
          first = false;
          timer.cancel();
          const port = Number(line.trim());
          if (Number.isInteger(port) && port > 0) resolve(port);
          else reject(new Error(`dynamic-provider plugin printed ${JSON.stringify(line)} instead of a port`));
        } else {
          this.onLine("plugin", line);
        }
      });
      child.once("exit", (code) => {
        timer.cancel();
        reject(new Error(`dynamic-provider plugin exited with code ${code} before printing its port`));
      });
      child.once("error", (e) => {
        timer.cancel();
        reject(new Error(`dynamic-provider plugin could not be started: ${e.message}`));
      });
    });
    return { port, child };
  }

  /** The program host (program-host.js) under plain node, with an IPC channel for the resource monitor. */
  startProgramHost(dir: string, env: NodeJS.ProcessEnv): ChildProcess {
    const child = fork(join(__dirname, "program-host.js"), [], {
      cwd: dir,
      env,
      execArgv: ["--require", LIFELINE],
      stdio: ["pipe", "pipe", "pipe", "ipc"],
      serialization: "json",
      detached: true,
    });
    this.track(child, "program");
    createInterface({ input: child.stdout! }).on("line", (l) => this.onLine("program", l));
    return child;
  }

  /** SIGKILLs every child's process group and waits until each child has been reaped. */
  async killAll(): Promise<void> {
    await Promise.all([...this.children].map(reap));
  }
}

/** tsx's CommonJS hook, which the program host registers for TypeScript programs. */
export function tsxHook(): string {
  return createRequire(__filename).resolve("tsx/cjs");
}
