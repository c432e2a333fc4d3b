import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tlsFixture } from "../emulators/common";
import { type PrimisEmulator, startPrimis } from "../emulators/primis";
import { createEngine } from "../engine";
import { plaintextSecrets, SECRETS } from "../secrets";
import { facility, typeErrors, scratchDir } from "./facility";

const PHONE_ID = "ops-automation-01";
let emu: PrimisEmulator;
let dir: string; // inside the repository, so the program resolves pulumi-facility as a user's project does

/** Requests that change something in Primis (the login registers the one configured device, checked separately). */
const changes = () =>
  emu
    .writes()
    .filter((r) => r.path !== "/api/mobile/login")
    .map((r) => `${r.method} ${r.path}`);

beforeAll(async () => {
  // One licence seat: discovery, up, refresh and drift must all log in as the one configured device.
  emu = await startPrimis({
    users: [{ email: SECRETS.primisEmail, password: SECRETS.primisPassword, isAdmin: true, seats: 1 }],
  });
  dir = scratchDir("discover-primis-");
  emu.editArea("130000000003", { state: "secure" }); // the site as it stands: Lobby open, Server room LOCKDOWN, Loading dock secure
});
afterAll(async () => {
  await emu.close();
  if (!process.env.KEEP_DISCOVERY) fs.rmSync(dir, { recursive: true, force: true });
});

describe("facility discover (primis)", () => {
  it("discovers every controlled area's state, asks for the write codes it cannot know, and adopts them without a write", async () => {
    const config = path.join(dir, "config.json");
    fs.writeFileSync(
      config,
      JSON.stringify({
        "primis:hq.email": { value: SECRETS.primisEmail, secret: true },
        "primis:hq.password": { value: SECRETS.primisPassword, secret: true },
        "primis:hq.phoneId": { value: PHONE_ID },
      }),
    );
    fs.writeFileSync(path.join(dir, "ca.pem"), tlsFixture("ca.pem"));
    const before = emu.areas();
    emu.clearRequests();
    const res = await facility(
      "discover",
      "--vendor",
      "primis",
      "--url",
      emu.httpsUrl!,
      "--profile",
      "hq",
      "--ca-cert",
      path.join(dir, "ca.pem"),
      "--config",
      config,
      "--out",
      dir,
      "--project",
      "site",
    );
    expect(res.code).toBe(0);
    expect(changes()).toEqual([]);
    const program = fs.readFileSync(path.join(dir, "index.ts"), "utf8");
    expect(plaintextSecrets(program)).toEqual([]);
    expect(typeErrors(path.join(dir, "index.ts"))).toEqual([]);
    // Registrations and schedule links cannot be read back: named, never silently missing.
    expect(program).toContain("// not discoverable: primis:DeviceRegistration (the API cannot read it");
    expect(program).toContain("// not discoverable: primis:ControlledAreaSchedule (the API cannot read it");
    expect(res.stdout).toContain("not discoverable: primis:DeviceRegistration");
    // Areas are singletons (they always exist): no adopt; "open" is a state with a known write code.
    expect(program).toMatch(
      /new primis\.ControlledAreaState\("lobby", \{\n {2}connection: site,\n {2}controlledAreaId: "130000000001",\n {2}state: "open",\n\}\);/,
    );
    // LOCKDOWN and secure have no write code the guide documents: the user gives {code, reads}.
    expect(program).toContain('state: config.requireObject<any>("controlledAreaStateServerRoomState")');
    expect(program).toContain('state: config.requireObject<any>("controlledAreaStateLoadingDockState")');
    expect(res.stdout).toMatch(/pulumi config set controlledAreaStateServerRoomState <value> .*reports "LOCKDOWN"/);

    const engine = createEngine({
      dir,
      program: "index.ts",
      project: "site",
      stack: "adopt",
      config: {
        caCertPem: tlsFixture("ca.pem"),
        "primis:hq.email": { secret: SECRETS.primisEmail },
        "primis:hq.password": { secret: SECRETS.primisPassword },
        "primis:hq.phoneId": PHONE_ID,
        controlledAreaStateServerRoomState: { code: 13, reads: "LOCKDOWN" },
        controlledAreaStateLoadingDockState: { code: 12, reads: "secure" },
      },
    });
    emu.clearRequests();
    const up = await engine.up();
    expect(up.errors).toEqual([]);
    expect(up.summary.create).toBe(4); // three areas and the stack
    expect(changes()).toEqual([]);
    expect(emu.areas()).toEqual(before);
    expect((await engine.refresh({ previewOnly: true })).steps.filter((s) => s.op !== "same")).toEqual([]);
    const drift = await facility("drift", engine.statePath, "--config", config, "--format", "json");
    expect(JSON.parse(drift.stdout).summary).toMatchObject({ resources: 3, inSync: 3, unmanaged: 0 });
    expect(drift.code).toBe(0);
    expect(plaintextSecrets(fs.readFileSync(engine.statePath, "utf8"))).toEqual([]);
    expect(emu.registrations()).toEqual([{ phoneId: PHONE_ID, email: SECRETS.primisEmail }]);
  });
});
