import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
let emu: KentixEmulator;
let tmp: string;

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-sites-"));
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca" });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const engine = (stack = "hq", extra: Record<string, string> = {}) =>
  createEngine({
    dir: path.join(root, "examples/sites"),
    program: "index.ts",
    project: "facility-sites",
    stack, // sites/<stack>.yaml, unless the `site` config value names another file
    statePath: path.join(tmp, `${stack}.json`),
    config: {
      ...extra,
      "kentix:url": emu.httpsUrl!,
      "kentix:caCertPem": tlsFixture("ca.pem"),
      "kentix:hq.token": { secret: SECRETS.kentixToken },
      socToken: { secret: SECRETS.socToken },
    },
  });

const byName = (c: "alarmgroups" | "webhooks", name: string) => emu.list(c).find((o) => o.name === name)!;

describe("examples/sites: a site file, one stack per site", () => {
  it("creates every object in one up, references by name resolved to ids, the secret from config", async () => {
    const up = await engine().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(5); // four objects and the stack
    const building = byName("alarmgroups", "Building A");
    expect(byName("alarmgroups", "Server room")).toMatchObject({
      group_id: building.id,
      arm_delay: 30,
      webhooks: [{ webhook_id: byName("webhooks", "SOC").id, event: 0 }],
    });
    expect(byName("alarmgroups", "Lobby")).toMatchObject({ group_id: building.id });
    expect(byName("webhooks", "SOC")).toMatchObject({ authentication_mode: 2, username: SECRETS.socToken });
    expectCleanState(engine());
    expect(plaintextSecrets(fs.readFileSync(path.join(tmp, "hq.json"), "utf8"))).toEqual([]);

    emu.clearRequests();
    const again = await engine().up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 5 });
    expect(emu.writes()).toEqual([]);
  });

  it("declares nothing from a site file with a mistake, and says where it is", async () => {
    const file = path.join(tmp, "typo.yaml");
    fs.writeFileSync(file, "kentix:\n  AlarmGroup:\n    a:\n      name: A\n      parentId: b\n");
    emu.clearRequests();
    const up = await engine("typo", { site: file }).up();
    expect(up.errors.join("\n")).toContain(`${file}:5:17 kentix.AlarmGroup.a.parentId: no AlarmGroup named "b"`);
    expect(up.summary.create ?? 0).toBeLessThanOrEqual(1); // the stack alone
    expect(emu.writes()).toEqual([]);
  });
});
