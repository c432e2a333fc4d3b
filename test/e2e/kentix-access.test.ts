import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, passwordHash, SEEDED_DOORLOCKS, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
let emu: KentixEmulator;
let tmp: string;

const access = () =>
  createEngine({
    dir: path.join(root, "examples/kentix-access"),
    program: "index.ts",
    project: "facility-kentix-access",
    stack: "dev",
    statePath: path.join(tmp, "dev.json"),
    config: {
      kentixUrl: emu.httpsUrl!,
      kentixCaCertPem: tlsFixture("ca.pem"),
      "kentix:hq.token": { secret: SECRETS.kentixToken },
      kentixCommunicationKey: { secret: SECRETS.kentixCommunicationKey },
      alicePassword: { secret: SECRETS.kentixUserPassword },
      alicePin: { secret: SECRETS.kentixUserPin },
      aliceCard: { secret: SECRETS.kentixUserCard },
      contractorCard: { secret: SECRETS.kentixContractorCard },
    },
  });
const apiTokens = () => emu.list("users").map((u) => String(u.api_token));
const writes = () => emu.writes().map((r) => `${r.method} ${r.path.replace(/\d+$/, "{id}")}`);

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-e2e-access-"));
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca", doorlocks: SEEDED_DOORLOCKS });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/kentix-access through the test engine", () => {
  it("configures the two locks, creates office hours with holidays; a second up writes nothing", async () => {
    const up = await access().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(11); // ten resources and the stack
    expect(writes().sort()).toEqual([
      "PATCH /api/accesssettings",
      "PATCH /api/communicationkey",
      "PATCH /api/doorlocks/{id}",
      "PATCH /api/doorlocks/{id}",
      "POST /api/exceptiondays",
      "POST /api/levelprofiles",
      "POST /api/levelprofiles",
      "POST /api/timeprofiles",
      "POST /api/users",
      "POST /api/users",
    ]);
    const office = emu.list("timeprofiles")[0]!;
    expect(emu.get("doorlocks", 1)).toMatchObject({ coupletime: 5, timeprofile_id: office.id, log_level: 2 });
    expect(emu.get("doorlocks", 2)).toMatchObject({ armlevel: 1, doubleauth_mode: 1 });
    expect(office.exceptionday_profile_id).toBe(emu.list("exceptiondays")[0]!.id);
    const profiles = emu.list("levelprofiles").map((p) => [p.name, p.timeprofile_id, p.doorlocks]);
    expect(profiles.sort()).toEqual([
      ["Contractors", office.id, [1]],
      ["Staff", office.id, [1, 2]],
    ]);
    expect(emu.setting("accesssettings")).toMatchObject({ pinlength: 6, memorydepth: 90, mode: 1 });
    expect(emu.setting("communicationkey")).toEqual({ "communication-key": SECRETS.kentixCommunicationKey });
    const users = emu.list("users").sort((a, b) => String(a.username).localeCompare(String(b.username)));
    const profileOf = (name: string) => emu.list("levelprofiles").find((p) => p.name === name)!.id;
    expect(users.map((u) => [u.username, u.levelprofiles])).toEqual([
      ["alice", [{ id: profileOf("Staff") }]],
      ["contractor-electric", [{ id: profileOf("Contractors") }]],
    ]);
    expect(users[0]).toMatchObject({ password: passwordHash(SECRETS.kentixUserPassword), pin: SECRETS.kentixUserPin });
    // The API tokens the appliance issued are secret outputs: never in the state in plaintext.
    expectCleanState(access(), apiTokens());

    emu.clearRequests();
    const again = await access().up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 11 });
    expect(emu.writes()).toEqual([]);

    // A PIN changed on the appliance shows in refresh as drift of \`pin\`, its value never in plaintext.
    const alice = emu.list("users").find((u) => u.username === "alice")!;
    emu.edit("users", alice.id, { pin: "246813" });
    const drift = await access().refresh({ previewOnly: true });
    expect(drift.steps.filter((s) => s.op !== "same").map((s) => [s.name, s.op, s.diffs])).toEqual([
      ["alice", "update", ["pin"]],
    ]);
    expect(JSON.stringify(drift)).not.toContain("246813");
    emu.edit("users", alice.id, { pin: SECRETS.kentixUserPin });
  });

  it("destroy never deletes a lock or the time profile: the locks keep or restore their values, the profile stays", async () => {
    emu.clearRequests();
    const down = await access().destroy();
    expect(down.errors).toEqual([]);
    expect(writes().sort()).toEqual([
      "DELETE /api/exceptiondays/{id}",
      "DELETE /api/levelprofiles/{id}",
      "DELETE /api/levelprofiles/{id}",
      "DELETE /api/users/{id}",
      "DELETE /api/users/{id}",
      "PATCH /api/doorlocks/{id}",
    ]);
    expect(emu.setting("accesssettings")).toMatchObject({ pinlength: 6 }); // retained
    expect(emu.setting("communicationkey")).toEqual({ "communication-key": SECRETS.kentixCommunicationKey });
    expect(emu.get("doorlocks", 2)).toMatchObject({ armlevel: 0, doubleauth_mode: 0 }); // restored
    expect(emu.get("doorlocks", 1)).toMatchObject({ coupletime: 5 }); // retained as configured
    expect(emu.list("timeprofiles").map((p) => p.name)).toEqual(["Office hours"]);
    expect(down.logs.join("\n")).toContain("the SmartAPI cannot delete time profiles, so it stays on the appliance");

    const back = await access().up(); // the retained profile is taken over, not duplicated
    expect(back.errors).toEqual([]);
    expect(emu.list("timeprofiles")).toHaveLength(1);
    expectCleanState(access(), apiTokens());
  });
});
