/**
 * Child processes of one operation: the provider plugin and the program host. Every child is
 * tracked so the operation can kill all of them at the end, whatever happened.
 */
import { fork, spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { resolvePluginEntry } from "./sdk";

const live = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of live) child.kill("SIGKILL"); // never leave plugins behind a crashed test run
});

export class ProcessGroup {
  private readonly children = new Set<ChildProcess>();

  constructor(
    private readonly onLine: (source: string, line: string) => void,
    private readonly onStart?: (kind: "plugin" | "program", pid: number) => void,
  ) {}

  track(child: ChildProcess, label: "plugin" | "program"): ChildProcess {
    this.children.add(child);
    if (child.pid !== undefined) this.onStart?.(label, child.pid);
    live.add(child);
    child.once("exit", () => {
      this.children.delete(child);
      live.delete(child);
    });
    if (child.stderr) createInterface({ input: child.stderr }).on("line", (l) => this.onLine(label, l));
    return child;
  }

  /** The SDK's dynamic-provider plugin; resolves with the port it prints on its first stdout line. */
  async startPlugin(dir: string, env: NodeJS.ProcessEnv, timeoutMs = 30_000): Promise<{ port: number; child: ChildProcess }> {
    const entry = resolvePluginEntry(dir);
    // The single argument is the engine address; the plugin only checks that it is present.
    const child = this.track(spawn(process.execPath, [entry, "127.0.0.1:0"], { cwd: dir, env, stdio: ["ignore", "pipe", "pipe"] }), "plugin");
    const lines = createInterface({ input: child.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`dynamic-provider plugin printed no port within ${timeoutMs} ms`)), timeoutMs);
      let first = true;
      lines.on("line", (line) => {
        if (first) {
          first = false;
          clearTimeout(timer);
          const port = Number(line.trim());
          if (Number.isInteger(port) && port > 0) resolve(port);
          else reject(new Error(`dynamic-provider plugin printed ${JSON.stringify(line)} instead of a port`));
        } else {
          this.onLine("plugin", line);
        }
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`dynamic-provider plugin exited with code ${code} before printing its port`));
      });
    });
    return { port, child };
  }

  /** The program host (program-host.js) under plain node, with an IPC channel for the resource monitor. */
  startProgramHost(dir: string, env: NodeJS.ProcessEnv): ChildProcess {
    const child = fork(join(__dirname, "program-host.js"), [], {
      cwd: dir,
      env,
      execArgv: [],
      stdio: ["ignore", "pipe", "pipe", "ipc"],
      serialization: "json",
    });
    this.track(child, "program");
    createInterface({ input: child.stdout! }).on("line", (l) => this.onLine("program", l));
    return child;
  }

  killAll(): void {
    for (const child of this.children) child.kill("SIGKILL");
  }
}

/** tsx's CommonJS hook, which the program host registers for TypeScript programs. */
export function tsxHook(): string {
  return createRequire(__filename).resolve("tsx/cjs");
}
