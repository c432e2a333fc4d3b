/**
 * The real Pulumi CLI, as built by `npm run pulumi:install` (scripts/pulumi-install.sh): where it is, and one
 * workspace (local file backend, passphrase secrets, no update check, no plugin download) to run it in. Every
 * command runs in its own process group, which is killed when the command ends or times out, so the language
 * host, the program and the provider plugin never outlive it.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { DEFAULT_TEST_PASSPHRASE } from "./secrets";

const ROOT = resolve(__dirname, "../..");
const INSTALL = join(ROOT, "scripts/pulumi-install.sh");

let cachedBin: string | null | undefined;
/** The folder holding `pulumi`, `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs`, or null when not built. */
export function pulumiBinDir(): string | null {
  if (cachedBin !== undefined) return cachedBin;
  const fromEnv = process.env.PULUMI_FACILITY_BIN;
  if (fromEnv) return (cachedBin = existsSync(join(fromEnv, "pulumi")) ? fromEnv : null);
  const r = spawnSync("bash", [INSTALL, "--where"], { encoding: "utf8" });
  const dir = r.stdout.trim().split("\n").pop() ?? "";
  return (cachedBin = r.status === 0 && existsSync(join(dir, "pulumi")) ? dir : null);
}

/** The CLI binary, or an error that says how to build it. */
export function requirePulumiBin(): string {
  const dir = pulumiBinDir();
  if (!dir)
    throw new Error("the real Pulumi CLI is not built: run `npm run pulumi:install` first (scripts/pulumi-install.sh)");
  return dir;
}

export interface CliResult {
  /** Exit code; null when the command was killed (signal or timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export interface WorkspaceOptions {
  /** Folder that holds the backend and PULUMI_HOME of this workspace. */
  home: string;
  /** Pulumi project folder (holds Pulumi.yaml and the stack config file): cwd of every command. */
  projectDir: string;
  stack: string;
  passphrase?: string;
  /** Extra environment of the CLI (and hence of the program and the provider plugin). */
  env?: Record<string, string>;
  /**
   * Query of the file backend's URL, e.g. `metadata=skip` (no `.attrs` sidecar files: gocloud's fileblob writes
   * them in place, so a CLI killed mid-write can leave one empty and the stack unloadable; see crash.test.ts).
   */
  backendQuery?: string;
  /** Deadline of one command; generous, because a loaded 2-core machine is slow. Default 20 minutes. */
  timeoutMs?: number;
}

const processes = new Set<number>();
process.once("exit", () => {
  for (const pid of processes) killGroup(pid);
});

function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    /* already gone */
  }
}

/** One stack of one project on a local file backend, driven through the real CLI. */
export class PulumiWorkspace {
  readonly bin = requirePulumiBin();
  readonly env: NodeJS.ProcessEnv;

  constructor(readonly options: WorkspaceOptions) {
    const state = join(options.home, "backend");
    mkdirSync(state, { recursive: true });
    mkdirSync(join(options.home, "pulumi-home"), { recursive: true });
    this.env = {
      ...process.env,
      ...options.env,
      PATH: [this.bin, process.env.PATH ?? ""].join(delimiter),
      PULUMI_HOME: join(options.home, "pulumi-home"),
      PULUMI_BACKEND_URL: `file://${state}${options.backendQuery ? `?${options.backendQuery}` : ""}`,
      PULUMI_CONFIG_PASSPHRASE:
        options.passphrase ??
        options.env?.PULUMI_CONFIG_PASSPHRASE ??
        process.env.PULUMI_CONFIG_PASSPHRASE ??
        DEFAULT_TEST_PASSPHRASE,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
      PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
      PULUMI_DEBUG_COMMANDS: "true", // enables --event-log, as the Automation API does
      NO_COLOR: "1",
    };
  }

  /** `pulumi <args> --stack <stack> --non-interactive`, in the project folder. */
  run(args: string[], opts: { stackArgs?: boolean; timeoutMs?: number } = {}): Promise<CliResult> {
    const stackArgs = opts.stackArgs === false ? [] : ["--stack", this.options.stack];
    // Flags go before a `--` (after which everything is an argument, e.g. a PEM value that starts with dashes).
    const end = args.indexOf("--") >= 0 ? args.indexOf("--") : args.length;
    const full = [...args.slice(0, end), ...stackArgs, "--non-interactive", ...args.slice(end)];
    return runCommand(join(this.bin, "pulumi"), full, {
      cwd: this.options.projectDir,
      env: this.env,
      timeoutMs: opts.timeoutMs ?? this.options.timeoutMs ?? 20 * 60_000,
    });
  }

  /** Creates the stack with the passphrase secrets provider unless the backend already has it. */
  async ensureStack(): Promise<void> {
    const marker = join(this.options.home, `.stack-${this.options.stack}`);
    if (existsSync(marker)) return;
    const r = await this.run(["stack", "init", this.options.stack, "--secrets-provider", "passphrase"], {
      stackArgs: false,
    });
    if (r.code !== 0 && !/already exists/.test(r.stderr)) throw cliError("stack init", r);
    writeFileSync(marker, "");
  }

  /** Makes the stack config exactly `plain` + `secrets` (namespaced or project keys), with as few CLI calls as possible. */
  async setConfig(plain: Record<string, string>, secrets: Record<string, string>): Promise<void> {
    const cacheFile = join(this.options.home, `.config-${this.options.stack}.json`);
    const wanted = JSON.stringify({ plain, secrets });
    const previous = existsSync(cacheFile)
      ? (JSON.parse(readFileSync(cacheFile, "utf8")) as {
          plain: Record<string, string>;
          secrets: Record<string, string>;
        })
      : { plain: {}, secrets: {} };
    if (JSON.stringify(previous) === wanted) return;
    const removed = [...Object.keys(previous.plain), ...Object.keys(previous.secrets)].filter(
      (k) => !(k in plain) && !(k in secrets),
    );
    if (removed.length > 0) {
      const r = await this.run(["config", "rm-all", ...removed]);
      if (r.code !== 0) throw cliError("config rm-all", r);
    }
    const args = [
      ...Object.entries(plain).flatMap(([k, v]) => ["--plaintext", `${k}=${v}`]),
      ...Object.entries(secrets).flatMap(([k, v]) => ["--secret", `${k}=${v}`]),
    ];
    if (args.length > 0) {
      const r = await this.run(["config", "set-all", ...args]);
      if (r.code !== 0) throw cliError("config set-all", r);
    }
    writeFileAtomic(cacheFile, wanted);
  }
}

/** Runs one command in its own process group; the group is killed when it ends or when the deadline passes. */
export function runCommand(
  file: string,
  args: string[],
  o: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number },
): Promise<CliResult> {
  return new Promise((resolveResult, reject) => {
    const child = spawn(file, args, { cwd: o.cwd, env: o.env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
    const pid = child.pid;
    if (pid === undefined) {
      child.once("error", reject);
      return;
    }
    processes.add(pid);
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(pid);
    }, o.timeoutMs);
    child.once("close", (code) => {
      clearTimeout(timer);
      killGroup(pid); // the language host, program and plugins, should any outlive the CLI
      processes.delete(pid);
      resolveResult({ code, stdout, stderr, timedOut });
    });
  });
}

export function cliError(what: string, r: CliResult): Error {
  const tail = (r.stderr || r.stdout).trim().split("\n").slice(-15).join("\n");
  return new Error(`pulumi ${what} failed (${r.timedOut ? "timed out" : `exit ${r.code}`}):\n${tail}`);
}

export function writeFileAtomic(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
