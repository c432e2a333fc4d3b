import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { plaintextSecrets, SECRETS } from "../secrets";

const hasPulumi = spawnSync("pulumi", ["version"], { encoding: "utf8" }).status === 0;
const root = path.resolve(__dirname, "../..");

/** The same example with the real Pulumi CLI (local file backend), where a `pulumi` binary is on PATH. */
describe.skipIf(!hasPulumi)("examples/site with the real Pulumi CLI", () => {
  let emu: KentixEmulator;
  let home: string;
  const stack = `e2e-${process.pid}`;
  const run = (...args: string[]) =>
    spawnSync("pulumi", [...args, "--stack", stack, "--non-interactive", "--config-file", path.join(home, "Pulumi.e2e.yaml")], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, PULUMI_HOME: home, PULUMI_BACKEND_URL: `file://${home}`, PULUMI_CONFIG_PASSPHRASE: "e2e", PULUMI_SKIP_UPDATE_CHECK: "1" },
    });

  beforeAll(async () => {
    emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
    home = fs.mkdtempSync(path.join(os.tmpdir(), "facility-cli-"));
    expect(run("stack", "init").status).toBe(0);
    run("config", "set", "kentixUrl", emu.httpsUrl!);
    run("config", "set", "kentixCaCertPem", tlsFixture("ca.pem"));
    run("config", "set", "--secret", "socToken", SECRETS.socToken);
    run("config", "set", "--secret", "kentix:hq.token", SECRETS.kentixToken);
  }, 120_000);

  afterAll(async () => {
    run("destroy", "--yes");
    await emu?.close();
    if (home) fs.rmSync(home, { recursive: true, force: true });
  });

  it("deploys, detects drift with refresh --expect-no-changes, corrects it and destroys", () => {
    const up = run("up", "--yes", "--skip-preview");
    expect(up.status, up.stdout + up.stderr).toBe(0);
    expect(emu.list("alarmgroups")).toHaveLength(3);
    emu.clearRequests();
    expect(run("up", "--yes", "--skip-preview").status).toBe(0);
    expect(emu.writes()).toEqual([]);

    const serverRoom = emu.list("alarmgroups").find((g) => g.name === "Server room")!;
    emu.edit("alarmgroups", serverRoom.id as number, { arm_delay: 600 });
    const drift = run("refresh", "--preview-only", "--expect-no-changes", "--diff");
    expect(drift.status).not.toBe(0);
    expect(drift.stdout).toContain("armDelay");
    expect(run("up", "--yes", "--skip-preview", "--refresh").status).toBe(0);
    expect(emu.list("alarmgroups").find((g) => g.name === "Server room")).toMatchObject({ arm_delay: 30 });

    const exported = execFileSync("pulumi", ["stack", "export", "--stack", stack], { cwd: root, encoding: "utf8", env: { ...process.env, PULUMI_HOME: home, PULUMI_BACKEND_URL: `file://${home}`, PULUMI_CONFIG_PASSPHRASE: "e2e" } });
    expect(plaintextSecrets(exported)).toEqual([]);
    expect(run("destroy", "--yes", "--skip-preview").status).toBe(0);
    expect(emu.list("alarmgroups")).toEqual([]);
  }, 300_000);
});
