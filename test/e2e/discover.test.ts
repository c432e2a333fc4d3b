import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility, scratchDir } from "./facility";

let emu: KentixEmulator;
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does

beforeAll(async () => {
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
  dir = scratchDir("discover-");
  // A brownfield site, configured by hand.
  const hook = emu.insert("webhooks", {
    name: "SOC",
    url: "https://soc.example/hook",
    request_type: 0,
    content_type: 1,
    authentication_mode: 2,
    username: SECRETS.socToken,
  });
  const building = emu.insert("alarmgroups", { name: "Building A", arm_delay: 60, inherit_arm: false });
  emu.insert("alarmgroups", {
    name: "Server room",
    group_id: building.id,
    webhooks: [{ webhook_id: hook.id, event: 3, trigger_on_alarm: true, trigger_on_warning: false }],
  });
  emu.insert("alarmgroups", {
    name: "Lobby",
    group_id: building.id,
    limit_notifications_fire: true,
    notification_count_fire_alarm: 5,
    notification_count_fire_warning: true,
  });
  emu.insert("usergroups", { name: "Operators", permissions: { "alarmgroups.view": true } });
  emu.editSetting("communicationkey", { "communication-key": SECRETS.kentixCommunicationKey });
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (kentix)", () => {
  it("writes a program that adopts the site with zero writes, no drift, and facility drift in sync", async () => {
    const fresh = path.join(dir, "ca.pem");
    fs.writeFileSync(fresh, tlsFixture("ca.pem"));
    process.env.KENTIX_HQ_TOKEN = SECRETS.kentixToken;
    emu.clearRequests();
    const res = await facility(
      "discover",
      "--vendor",
      "kentix",
      "--url",
      emu.httpsUrl!,
      "--profile",
      "hq",
      "--ca-cert",
      fresh,
      "--out",
      dir,
      "--project",
      "brownfield",
    );
    delete process.env.KENTIX_HQ_TOKEN;
    expect(res.code).toBe(0);
    expect(emu.writes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(plaintextSecrets(program)).toEqual([]);
    expect(program).toContain('bearerToken: config.requireSecret("webhookSocBearerToken")');
    expect(program).toMatch(/parentId: alarmGroupBuildingA\.id/);
    expect(program).toMatch(/webhookId: webhookSoc\.id/);
    expect(program.indexOf("const webhookSoc =")).toBeLessThan(program.indexOf("const alarmGroupServerRoom ="));
    expect(res.stdout).toContain("pulumi config set --secret webhookSocBearerToken <value>");
    expect(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8")).toContain("name: brownfield");

    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "brownfield",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        webhookSocBearerToken: { secret: SECRETS.socToken },
        "kentix:hq.token": { secret: SECRETS.kentixToken },
        communicationKeyCommunicationKey: { secret: SECRETS.kentixCommunicationKey },
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    // Five objects, and the twelve settings singletons (access settings, communication key, the ten system
    // settings), which always exist.
    expect(up.summary.create).toBe(18); // seventeen adopted objects and the stack
    expect(emu.writes()).toEqual([]);
    const refresh = await engine.refresh({ previewOnly: true });
    expect(refresh.steps.filter((s) => s.op !== "same")).toEqual([]);
    const config = path.join(dir, "config.json");
    fs.writeFileSync(config, JSON.stringify({ "kentix:hq.token": { value: SECRETS.kentixToken, secret: true } }));
    const drift = await facility("drift", engine.statePath, "--config", config, "--format", "json");
    expect(JSON.parse(drift.stdout).summary).toMatchObject({ resources: 17, inSync: 17, unmanaged: 0 });
    expect(drift.code).toBe(0);
    expect(plaintextSecrets(fs.readFileSync(engine.statePath, "utf8"))).toEqual([]);
  });
});
