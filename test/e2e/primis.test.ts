import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type PrimisEmulator, startPrimis } from "../emulators/primis";
import { createEngine, type Engine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { expectCleanState } from "./state";

const root = path.resolve(__dirname, "../..");
const PHONE_ID = "ops-automation-01";
const LOBBY = "130000000001";
let emu: PrimisEmulator;
let tmp: string;

function site() {
  return createEngine({
    dir: path.join(root, "examples/primis"),
    program: "index.ts",
    project: "primis-site",
    stack: "dev",
    statePath: path.join(tmp, "dev.json"),
    config: {
      primisUrl: emu.httpsUrl!,
      primisCaCertPem: tlsFixture("ca.pem"),
      "primis:hq.email": { secret: SECRETS.primisEmail },
      "primis:hq.password": { secret: SECRETS.primisPassword },
      "primis:hq.phoneId": PHONE_ID,
    },
  });
}

/** Requests that change something in Primis (logins register at most the one device, checked separately). */
const changes = () =>
  emu
    .writes()
    .filter((r) => r.path !== "/api/mobile/login")
    .map((r) => `${r.method} ${r.path}`);
const states = () => emu.areas().map((a) => a.state);

const checkState = (engine: Engine) =>
  expectCleanState(
    engine,
    [
      ...emu.issuedTokens(),
      "ibZWPUctxIkkwMujyetstEYrxsVqiMrU",
    ] /* every issued token; the beacon API key of every login answer */,
  );

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "facility-primis-e2e-"));
  // One licence seat for the user: any second device would be refused.
  emu = await startPrimis({
    users: [{ email: SECRETS.primisEmail, password: SECRETS.primisPassword, isAdmin: true, seats: 1 }],
  });
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe("examples/primis through the test engine", () => {
  const started = () => ["open", "LOCKDOWN", "open"];

  it("applies the site on one licence seat, with the schedule warning and the data function's list", async () => {
    expect(states()).toEqual(started());
    const up = await site().up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(5); // four resources and the stack
    expect(changes().sort()).toEqual([
      "POST /api/controlled_area_schedules/schedule",
      "POST /api/mobile/zone_state",
      "POST /api/mobile/zone_state",
    ]);
    expect(states()).toEqual(["LOCKDOWN", "LOCKDOWN", "secure"]);
    expect(up.outputs).toMatchObject({
      areaNames: ["Lobby", "Server room", "Loading dock"],
      dockWarning: expect.stringContaining("not a toggle area"),
    });
    expect(emu.registrations()).toEqual([{ phoneId: PHONE_ID, email: SECRETS.primisEmail }]);
    checkState(site());
  });

  it("makes no change on a second up", async () => {
    emu.clearRequests();
    const again = await site().up();
    expect(again.summary).toMatchObject({ create: 0, update: 0, delete: 0, same: 5 });
    expect(changes()).toEqual([]);
  });

  it("shows a state changed out of band property by property, and up writes it back", async () => {
    emu.editArea(LOBBY, { state: "open" });
    emu.clearRequests();
    const drift = await site().refresh();
    expect(changes()).toEqual([]);
    const lobby = drift.steps.find((s) => s.name === "lobby")!;
    // (the engine masks "open" in its display: the string is part of the secret restoreValues output)
    expect([lobby.op, lobby.diffs, lobby.detailedDiff]).toEqual([
      "update",
      ["state"],
      { state: { kind: "update", old: { code: 13, reads: "LOCKDOWN" }, new: expect.any(String) } },
    ]);
    expect(drift.steps.filter((s) => s.op !== "same").map((s) => s.name)).toEqual(["lobby"]);
    emu.clearRequests();
    const fix = await site().up();
    expect([fix.errors, fix.summary.update]).toEqual([[], 1]);
    expect(
      emu
        .writes()
        .filter((r) => r.path === "/api/mobile/zone_state")
        .map((r) => r.body),
    ).toEqual([{ "zone-id": LOBBY, state: 13 }]);
    expect(states()).toEqual(["LOCKDOWN", "LOCKDOWN", "secure"]);
    checkState(site());
  });

  it("destroys back to where it started, except the schedule link Primis cannot delete (and says so)", async () => {
    const down = await site().destroy();
    expect(down.errors).toEqual([]);
    expect(states()).toEqual(started()); // deletePolicy restore
    expect(emu.registrations()).toEqual([]); // the seat is released
    expect(emu.scheduleLinks()).toHaveLength(1);
    expect(down.logs.join("\n")).toContain(
      "Primis cannot delete controlled-area schedules, so the links stay in Primis",
    );
    // Every login of every process of the run used the one configured device: never a second seat.
    expect([...new Set(emu.registrationLog().map((r) => r.phoneId))]).toEqual([PHONE_ID]);
    expect(plaintextSecrets(down.logs.join("\n"))).toEqual([]);
    checkState(site());
  });
});
