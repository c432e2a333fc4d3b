import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, SEEDED_ACCESSMANAGERS, SEEDED_DOORLOCKS, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { SECRETS } from "../secrets";
import { facility, scratchDir } from "./facility";

let emu: KentixEmulator;
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does

beforeAll(async () => {
  emu = await startKentix({
    tokens: [SECRETS.kentixToken],
    https: "ca",
    doorlocks: SEEDED_DOORLOCKS,
    accessmanagers: SEEDED_ACCESSMANAGERS,
  });
  dir = scratchDir("discover-devices-");
  // Devices configured by hand: a manager in an alarm group with a webhook, switching an external system for a lock.
  const zone = emu.insert("alarmgroups", { name: "HQ" });
  const hook = emu.insert("webhooks", { name: "SOC", url: "https://soc.example/hook" });
  emu.edit("accessmanagers", 1, {
    group_id: zone.id,
    webhooks: [hook.id],
    relais_action_arm: "channel1",
    ext_arm_doorlocks: [2],
    external: { mode: 1 },
    ios: [{ id: 1, mode: "input" }],
  });
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

/** The discovered program with the declarations of these kinds only (each is a paragraph headed `// kentix:<Kind> id N`). */
const onlyKinds = (program: string, kinds: string[]) =>
  program
    .split("\n\n")
    .filter((p) => !/^\/\/ kentix:\w+ id /.test(p) || kinds.some((k) => p.startsWith(`// kentix:${k} id `)))
    .join("\n\n");

describe("facility discover (kentix AccessManagers)", () => {
  it("declares each device by id with code references, and takes them over with zero writes and no drift", async () => {
    const ca = path.join(dir, "ca.pem");
    fs.writeFileSync(ca, tlsFixture("ca.pem"));
    process.env.KENTIX_HQ_TOKEN = SECRETS.kentixToken;
    emu.clearRequests();
    const args = ["--vendor", "kentix", "--url", emu.httpsUrl!, "--profile", "hq", "--ca-cert", ca, "--out", dir];
    const res = await facility("discover", ...args, "--project", "devices");
    delete process.env.KENTIX_HQ_TOKEN;
    expect(res.code).toBe(0);
    expect(emu.writes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(program.match(/new kentix\.AccessManager\(/g)).toHaveLength(2);
    expect(program).toMatch(/accessManagerId: "1"/); // discovered objects are declared by id
    expect(program).toMatch(/alarmGroupId: alarmGroupHq\.id/);
    expect(program).toMatch(/webhookIds: \[\s*webhookSoc\.id,?\s*\]/);
    expect(program).toMatch(/extArmDoorLockIds: \[\s*doorLock\w+\.id,?\s*\]/);
    expect(program).not.toMatch(/macAddress|mac_adress/); // read-only: never declared

    // Only the devices and what they refer to: the appliance's other kinds (settings holding secrets the program
    // looks up in config, ...) are the other discover tests' subject.
    fs.writeFileSync(
      path.join(dir, "index.ts"),
      onlyKinds(program, ["AlarmGroup", "Webhook", "DoorLock", "AccessManager"]),
    );
    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "devices",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        "kentix:hq.token": { secret: SECRETS.kentixToken },
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(2 + 2 + 2 + 1); // two devices, two locks, the group and the webhook, the stack
    expect(emu.writes()).toEqual([]);
    const refresh = await engine.refresh({ previewOnly: true });
    expect(refresh.steps.filter((s) => s.op !== "same")).toEqual([]);
    emu.clearRequests();
    const destroy = await engine.destroy();
    expect(destroy.errors).toEqual([]);
    expect(emu.requests.filter((r) => r.method === "DELETE" && r.path.startsWith("/api/accessmanagers"))).toEqual([]);
    expect(emu.list("accessmanagers")).toHaveLength(2);
  });
});
