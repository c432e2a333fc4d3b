import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { createEngine, type Engine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
let emu: KentixEmulator;
let tmp: string;

function site(extraConfig: Record<string, unknown> = {}, stack = "dev") {
  return createEngine({
    dir: path.join(root, "examples/site"),
    program: "index.ts",
    project: "facility-site",
    stack,
    statePath: path.join(tmp, `${stack}.json`),
    config: {
      kentixUrl: emu.httpsUrl!,
      kentixCaCertPem: tlsFixture("ca.pem"),
      socToken: { secret: SECRETS.socToken },
      "kentix:hq.token": { secret: SECRETS.kentixToken },
      ...extraConfig,
    },
  });
}

const writes = () => emu.writes().map((r) => `${r.method} ${r.path.replace(/\d+$/, "{id}")}`);
const byName = (c: "alarmgroups" | "webhooks" | "usergroups", name: string) =>
  emu.list(c).find((o) => o.name === name)!;

const checkState = (engine: Engine) => expectCleanState(engine);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-e2e-"));
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/site through the test engine", () => {
  const engine = () => site();

  it("previews, then creates the site in dependency order", async () => {
    const preview = await engine().preview();
    expect(preview.ok).toBe(true);
    expect(preview.summary.create).toBe(6); // five resources and the stack, as the CLI counts
    expect(emu.writes()).toEqual([]);

    const up = await engine().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(6);
    expect(writes().sort()).toEqual([
      "POST /api/alarmgroups",
      "POST /api/alarmgroups",
      "POST /api/alarmgroups",
      "POST /api/usergroups",
      "POST /api/webhooks",
    ]);
    const building = byName("alarmgroups", "Building A");
    expect(byName("alarmgroups", "Server room")).toMatchObject({
      group_id: building.id,
      arm_delay: 30,
      webhooks: [{ webhook_id: byName("webhooks", "SOC").id, event: 0 }],
    });
    expect(byName("webhooks", "SOC")).toMatchObject({ authentication_mode: 2, username: SECRETS.socToken });
    checkState(engine());
  });

  it("makes zero writes on a second up, and exactly one for one changed field", async () => {
    emu.clearRequests();
    const again = await engine().up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 6 });
    expect(emu.writes()).toEqual([]);

    const changed = await site({ serverRoomArmDelay: 60 }).up();
    expect(changed.summary).toMatchObject({ update: 1, same: 5 });
    expect(emu.writes().map((r) => [r.method, r.body])).toEqual([["PATCH", { arm_delay: 60, buzzer_arm_duration: 0 }]]);
  });

  it("reports out-of-band edits as property-level drift and corrects them on the next up", async () => {
    emu.edit("alarmgroups", byName("alarmgroups", "Server room").id as number, {
      arm_delay: 600,
      notification_count_fire_alarm: 99,
    });
    emu.remove("alarmgroups", byName("alarmgroups", "Lobby").id as number);
    emu.clearRequests();

    const drift = await site({ serverRoomArmDelay: 60 }).refresh({ previewOnly: true });
    expect(emu.writes()).toEqual([]);
    const serverRoom = drift.steps.find((s) => s.name === "server-room")!;
    expect(serverRoom.op).toBe("update");
    expect(serverRoom.diffs?.sort()).toEqual(["armDelay", "notificationCountFireAlarm"]);
    expect(drift.steps.find((s) => s.name === "lobby")?.op).toBe("delete");
    expect(drift.steps.filter((s) => s.op !== "same")).toHaveLength(2);

    expect((await site({ serverRoomArmDelay: 60 }).refresh()).ok).toBe(true);
    emu.clearRequests();
    const fix = await site({ serverRoomArmDelay: 60 }).up();
    expect(fix.errors).toEqual([]);
    expect(writes().sort()).toEqual(["PATCH /api/alarmgroups/{id}", "POST /api/alarmgroups"]);
    expect(byName("alarmgroups", "Server room")).toMatchObject({ arm_delay: 60, notification_count_fire_alarm: 10 });
    expect(byName("alarmgroups", "Lobby")).toBeDefined();
    expect(
      (await site({ serverRoomArmDelay: 60 }).refresh({ previewOnly: true })).steps.every((s) => s.op === "same"),
    ).toBe(true);
    checkState(engine());
  });

  it("fails invalid input in check, naming the property, without a request", async () => {
    emu.clearRequests();
    const bad = await site({ serverRoomArmDelay: 45 }).up();
    expect(bad.ok).toBe(false);
    expect(bad.errors.join("\n")).toContain("property armDelay value {45} has a problem: must be one of 0, 10, 30, 60");
    expect(emu.writes()).toEqual([]);
    expect(plaintextSecrets(bad.errors.join("\n") + bad.logs.join("\n"))).toEqual([]);
  });

  it("destroys everything it created", async () => {
    const down = await engine().destroy();
    expect(down.errors).toEqual([]);
    expect([...emu.list("alarmgroups"), ...emu.list("webhooks"), ...emu.list("usergroups")]).toEqual([]);
    checkState(engine());
  });

  it("never duplicates an object whose create answer was lost", async () => {
    emu.inject({ method: "POST", path: "/api/webhooks", kind: "reset-after-commit" });
    emu.inject({ method: "POST", path: "/api/alarmgroups", kind: "reset-after-commit", times: 2 });
    const lossy = site({}, "lossy");
    const up = await lossy.up();
    expect(up.errors).toEqual([]);
    expect(emu.list("webhooks")).toHaveLength(1);
    expect(
      emu
        .list("alarmgroups")
        .map((g) => g.name)
        .sort(),
    ).toEqual(["Building A", "Lobby", "Server room"]);
    expect((await lossy.destroy()).ok).toBe(true);
  });
});
