/**
 * A fleet of Kentix sites for `facility fleet` on the real Pulumi CLI, shared by test/cli-e2e/fleet.test.ts and the
 * fleet bench (bench/fleet.ts): a temporary project whose program is fleet-program.js, one stack and one Kentix
 * emulator (HTTPS, the test CA) per site, and the environment a CI job would give it (`KENTIX_<SITE>_TOKEN`, a
 * file backend). No vitest here: the bench imports it too.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { requirePulumiBin } from "../engine/cli";
import { SECRETS } from "../secrets";

export const ROOT = path.resolve(__dirname, "../..");
const FACILITY = path.join(ROOT, "dist/providers/cli/facility.js");

export interface FleetOptions {
  /** Site (stack) names. */
  sites: string[];
  /** Alarm groups each site declares (default 2). */
  groupsPerSite?: number;
  /** Sites whose environment gives a token their appliance refuses. */
  broken?: string[];
  /** Latency each emulator adds to every request (default 0). */
  latencyMs?: number;
}

export interface Fleet {
  project: string;
  env: NodeJS.ProcessEnv;
  emulators: Map<string, KentixEmulator>;
  /** The names of a site's alarm groups, as its site file lists them. */
  groupsOf(site: string): string[];
  close(): Promise<void>;
}

export interface FleetRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export async function startFleet(o: FleetOptions): Promise<Fleet> {
  const bin = requirePulumiBin();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-fleet-"));
  const project = path.join(tmp, "project");
  const sitesDir = path.join(project, "sites");
  fs.mkdirSync(sitesDir, { recursive: true });
  const main = path.relative(project, path.join(__dirname, "fleet-program.js"));
  fs.writeFileSync(
    path.join(project, "Pulumi.yaml"),
    `name: fleet-test\nruntime:\n  name: nodejs\n  options:\n    typescript: false\nmain: ${JSON.stringify(main)}\n`,
  );
  const ca = tlsFixture("ca.pem");
  const groups = (site: string) =>
    Array.from({ length: o.groupsPerSite ?? 2 }, (_, i) =>
      i === 0 ? `Building ${site}` : i === 1 ? `Server room ${site}` : `Zone ${i} ${site}`,
    );
  const tokens: Record<string, string> = {};
  const emulators = new Map<string, KentixEmulator>();
  try {
    for (const site of o.sites) {
      const emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca", latencyMs: o.latencyMs ?? 0 });
      emulators.set(site, emu);
      fs.writeFileSync(path.join(sitesDir, `${site}.json`), JSON.stringify({ alarmGroups: groups(site) }));
      const config = {
        "fleet-test:sitesDir": sitesDir,
        "fleet-test:kentixUrl": emu.httpsUrl,
        "fleet-test:kentixCaCertPem": ca,
      };
      fs.writeFileSync(path.join(project, `Pulumi.${site}.yaml`), `config: ${JSON.stringify(config)}\n`);
      tokens[`KENTIX_${site.toUpperCase()}_TOKEN`] = o.broken?.includes(site)
        ? `not-the-token-of-${site}`
        : SECRETS.kentixToken;
    }
  } catch (e) {
    await Promise.all([...emulators.values()].map((x) => x.close()));
    fs.rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  fs.mkdirSync(path.join(tmp, "backend"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...tokens,
    PATH: [bin, process.env.PATH].join(path.delimiter),
    PULUMI_HOME: path.join(tmp, "pulumi-home"),
    PULUMI_BACKEND_URL: `file://${path.join(tmp, "backend")}`,
    PULUMI_CONFIG_PASSPHRASE: "fleet-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    NO_COLOR: "1",
  };
  return {
    project,
    env,
    emulators,
    groupsOf: groups,
    async close() {
      await Promise.all([...emulators.values()].map((e) => e.close()));
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * `facility <args>` from the compiled package (`npm run build`), as a user runs it in the fleet's project. Its
 * whole process group is killed if it outlives `guardMs` (a hang guard with headroom, not a timing).
 */
export function runFacility(fleet: Fleet, args: string[], guardMs = 25 * 60_000): Promise<FleetRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [FACILITY, ...args], { cwd: fleet.project, env: fleet.env, detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const guard = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        child.kill("SIGKILL");
      }
    }, guardMs);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    });
  });
}
