import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type KentixEmulator, SEEDED_DOORLOCKS, startKentix } from "../emulators/kentix";
import { createEngine } from "../engine";
import { SECRETS } from "../secrets";
import { facility, scratchDir } from "./facility";

let emu: KentixEmulator;
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does
const WEEK = `${"0000000FFFFFFFFFFFF00000".repeat(5)}${"0".repeat(48)}`;

beforeAll(async () => {
  emu = await startKentix({ tokens: [SECRETS.kentixToken], https: "ca", doorlocks: SEEDED_DOORLOCKS });
  dir = scratchDir("discover-access-");
  // Access control configured by hand: holidays, office hours, a lock on them.
  const holidays = emu.insert("exceptiondays", { name: "Holidays", days: [{ date: "2026-12-24" }] });
  const office = emu.insert("timeprofiles", {
    name: "Office hours",
    flagstring: WEEK.toLowerCase(),
    exceptionday_profile_id: holidays.id,
  });
  emu.edit("doorlocks", 1, { timeprofile_id: office.id, timeprofile_mode: 1, coupletime: 5 });
  // A user with a PIN and a card (secrets: the program looks them up in config), and one without (rfid_uid 0).
  const zone = emu.insert("alarmgroups", { name: "HQ" });
  emu.insert("users", {
    username: "guard",
    fullname: "Night guard",
    pin: SECRETS.kentixUserPin,
    rfid_uid: SECRETS.kentixUserCard,
    alarmgroups: [zone.id],
    armdisarm_mode: 2,
  });
  emu.insert("users", { username: "visitor", is_active: false });
  // A communication key set by hand (a secret: the program looks it up in config too).
  emu.editSetting("communicationkey", { "communication-key": SECRETS.kentixCommunicationKey });
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (kentix access control)", () => {
  it("writes a program that takes over locks, time profiles, holidays and users with zero writes and no drift", async () => {
    const ca = path.join(dir, "ca.pem");
    fs.writeFileSync(ca, tlsFixture("ca.pem"));
    process.env.KENTIX_HQ_TOKEN = SECRETS.kentixToken;
    emu.clearRequests();
    const args = ["--vendor", "kentix", "--url", emu.httpsUrl!, "--profile", "hq", "--ca-cert", ca, "--out", dir];
    const res = await facility("discover", ...args, "--project", "access");
    delete process.env.KENTIX_HQ_TOKEN;
    expect(res.code).toBe(0);
    expect(emu.writes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(program).toContain("new kentix.DoorLock(");
    expect(program).toContain("new kentix.TimeProfile(");
    // The week as readable ranges (the raw string is left out), the holidays as a code reference.
    expect(program).toMatch(
      /weekly: \[\s*\{\s*days: \[\s*"mon",\s*"tue",\s*"wed",\s*"thu",\s*"fri",?\s*\],\s*from: "07:00",\s*to: "19:00",?\s*\},?\s*\]/,
    );
    expect(program).not.toContain("flagstring:");
    expect(program).toMatch(/exceptionDayProfileId: exceptionDayProfileHolidays\.id/);
    expect(program).toMatch(/timeProfileId: timeProfileOfficeHours\.id/);
    expect(program).toContain("new kentix.ExceptionDayProfile(");
    // Users: secrets as config lookups, never their values; the appliance's "no card" (0) is not declared.
    expect(program).toContain('pin: config.requireSecret("userGuardPin")');
    expect(program).toContain('rfidUid: config.requireSecret("userGuardRfidUid")');
    expect(program).toMatch(/alarmgroups: \[\s*alarmGroupHq\.id,?\s*\]/);
    expect(program).not.toContain(SECRETS.kentixUserPin);
    expect(program.match(/rfidUid/g)).toHaveLength(1);
    expect(program).toContain('communicationKey: config.requireSecret("communicationKeyCommunicationKey")');
    expect(program).not.toContain(SECRETS.kentixCommunicationKey);

    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "access",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        "kentix:hq.token": { secret: SECRETS.kentixToken },
        userGuardPin: { secret: SECRETS.kentixUserPin },
        userGuardRfidUid: { secret: SECRETS.kentixUserCard },
        communicationKeyCommunicationKey: { secret: SECRETS.kentixCommunicationKey },
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    // Every object discovered (two locks, the profile, the holidays, the alarm group, two users, ...) and the stack.
    expect(up.summary.create).toBe(program.match(/new kentix\.\w+\(/g)!.length + 1);
    expect(up.summary.create).toBeGreaterThanOrEqual(8);
    expect(emu.writes()).toEqual([]);
    const refresh = await engine.refresh({ previewOnly: true });
    expect(refresh.steps.filter((s) => s.op !== "same")).toEqual([]);
  });
});
